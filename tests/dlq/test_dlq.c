/* Unit tests: the dead-letter store — runtime/dlq.c.
 *
 * Every test gets its own directory from mkdtemp under /tmp, removed in the
 * teardown. Covered: the round trip of every field (binary event bytes, the
 * 1 KiB cut and its UTF-8 boundary, NULLs, response_full_len), redaction
 * (repeated, overlapping, touching, at start / end, absent, across the cut;
 * secrets too short to search for), the file modes of the store and its side
 * files, paging with after_id / limit / reason, get / delete / update /
 * purge, counts, reopening, two and three handles on one file (readers while
 * a batch is open, a writer while a reader steps), processes creating one
 * store at once, callbacks calling back in, threads sharing a handle, errors
 * naming the path, and 10,000 adds in one batch (the time is printed, not
 * asserted).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dlq/dlq.h"

/* ---- fixtures ------------------------------------------------------------ */

static char dir[64];
static char pathbuf[256];

static const char *tpath(const char *name)
{
    snprintf(pathbuf, sizeof pathbuf, "%s/%s", dir, name);
    return pathbuf;
}

static int setup(void **s)
{
    (void)s;
    snprintf(dir, sizeof dir, "/tmp/test_dlq.XXXXXX");
    if (!mkdtemp(dir)) {
        fprintf(stderr, "mkdtemp: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
    (void)st; (void)flag; (void)f;
    return remove(p);
}

static int teardown(void **s)
{
    (void)s;
    return nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static dlq *open_ok(const char *path)
{
    char err[512];
    dlq *d = dlq_open(path, err, sizeof err);
    if (!d) fail_msg("dlq_open %s: %s", path, err);
    return d;
}

static int64_t add_ok(dlq *d, const dlq_record *r, const char *const *secrets)
{
    char err[512];
    int64_t id = -1;
    if (dlq_add_id(d, r, secrets, &id, err, sizeof err) != 0) fail_msg("dlq_add: %s", err);
    return id;
}

/* A record with just an event and a reason. */
static int64_t add_simple(dlq *d, const char *event, const char *reason)
{
    dlq_record r = {.event = event, .event_len = strlen(event), .reason = reason};
    return add_ok(d, &r, NULL);
}

/* ---- captured records (deep copies) --------------------------------------- */

typedef struct {
    int64_t id;
    char *event; size_t event_len; bool event_nul;
    char *mapping, *action, *reason, *message;
    int http_status;
    char *response; size_t response_len, response_full_len;
    int attempts;
    int64_t first, last, created;
} rec;

typedef struct {
    rec v[64];
    int n;
    int stop_after;    /* 0: never stop */
} recs;

static char *dupn(const char *s, size_t n)
{
    if (!s) return NULL;
    char *p = malloc(n + 1);
    assert_non_null(p);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *dups(const char *s) { return s ? dupn(s, strlen(s)) : NULL; }

static int capture(void *ud, int64_t id, const dlq_record *r)
{
    recs *rs = ud;
    assert_true(rs->n < 64);
    rec *c = &rs->v[rs->n++];
    c->id = id;
    c->event = dupn(r->event, r->event_len);
    c->event_len = r->event_len;
    c->event_nul = r->event && r->event[r->event_len] == '\0';
    c->mapping = dups(r->mapping);
    c->action = dups(r->action);
    c->reason = dups(r->reason);
    c->message = dups(r->message);
    c->http_status = r->http_status;
    c->response = r->response ? dupn(r->response, r->response_len) : NULL;
    c->response_len = r->response_len;
    c->response_full_len = r->response_full_len;
    c->attempts = r->attempts;
    c->first = r->first_attempt_ms;
    c->last = r->last_attempt_ms;
    c->created = r->created_ms;
    return rs->stop_after && rs->n >= rs->stop_after;
}

static void recs_free(recs *rs)
{
    for (int i = 0; i < rs->n; i++) {
        rec *c = &rs->v[i];
        free(c->event); free(c->mapping); free(c->action); free(c->reason);
        free(c->message); free(c->response);
    }
    rs->n = 0;
}

/* Record id, which must exist, into *out (caller frees with recs_free). */
static rec *get_ok(dlq *d, int64_t id, recs *rs)
{
    char err[512];
    int rc = dlq_get(d, id, capture, rs, err, sizeof err);
    if (rc != 0) fail_msg("dlq_get %lld: %d %s", (long long)id, rc, rc < 0 ? err : "not found");
    assert_int_equal(rs->n, 1);
    return &rs->v[0];
}

static int list_ok(dlq *d, int64_t after, int limit, const char *reason, recs *rs)
{
    char err[512];
    int n = dlq_list(d, after, limit, reason, capture, rs, err, sizeof err);
    if (n < 0) fail_msg("dlq_list: %s", err);
    return n;
}

#define assert_contains(hay, needle) do { \
        const char *h_ = (hay), *n_ = (needle); \
        if (!h_ || !strstr(h_, n_)) fail_msg("expected \"%s\" to contain \"%s\"", h_ ? h_ : "(null)", n_); \
    } while (0)

/* ---- round trip ------------------------------------------------------------ */

static void test_roundtrip_every_field(void **s)
{
    (void)s;
    dlq *d = open_ok(tpath("dlq.db"));
    static const char event[] = "{\"type\":\"track\"}\0\xff\xfe\x80 not utf-8 \0tail";
    char resp[3000];
    for (size_t i = 0; i < sizeof resp; i++) resp[i] = (char)('a' + i % 26);
    dlq_record r = {
        .event = event, .event_len = sizeof event - 1,
        .mapping = "Track Calls", .action = "trackEvent", .reason = "http",
        .message = "HTTP 503: upstream unavailable", .http_status = 503,
        .response = resp, .response_len = sizeof resp,
        .attempts = 4, .first_attempt_ms = 1700000000123, .last_attempt_ms = 1700000009876,
    };
    int64_t before = wall_ms();
    int64_t id = add_ok(d, &r, NULL);
    int64_t after = wall_ms();
    assert_true(id > 0);

    recs rs = {0};
    rec *c = get_ok(d, id, &rs);
    assert_int_equal(c->id, id);
    assert_int_equal(c->event_len, sizeof event - 1);
    assert_memory_equal(c->event, event, sizeof event - 1);
    assert_true(c->event_nul);
    assert_string_equal(c->mapping, "Track Calls");
    assert_string_equal(c->action, "trackEvent");
    assert_string_equal(c->reason, "http");
    assert_string_equal(c->message, "HTTP 503: upstream unavailable");
    assert_int_equal(c->http_status, 503);
    assert_int_equal(c->response_len, DLQ_RESPONSE_MAX);
    assert_memory_equal(c->response, resp, DLQ_RESPONSE_MAX);
    assert_int_equal(c->response_full_len, sizeof resp);
    assert_int_equal(c->attempts, 4);
    assert_int_equal(c->first, 1700000000123);
    assert_int_equal(c->last, 1700000009876);
    assert_true(c->created >= before && c->created <= after);
    recs_free(&rs);

    /* The same through dlq_list. */
    assert_int_equal(list_ok(d, 0, 0, NULL, &rs), 1);
    assert_memory_equal(rs.v[0].event, event, sizeof event - 1);
    assert_int_equal(rs.v[0].response_len, DLQ_RESPONSE_MAX);
    recs_free(&rs);
    dlq_close(d);
}

static void test_roundtrip_nulls(void **s)
{
    (void)s;
    dlq *d = open_ok(tpath("dlq.db"));
    dlq_record none = {0};
    int64_t a = add_ok(d, &none, NULL);
    dlq_record empty = {.event = "", .reason = "", .response = "", .response_len = 0, .message = "",
                        .created_ms = 1234567};
    int64_t b = add_ok(d, &empty, NULL);

    recs rs = {0};
    rec *c = get_ok(d, a, &rs);
    assert_non_null(c->event);
    assert_int_equal(c->event_len, 0);
    assert_null(c->mapping);
    assert_null(c->action);
    assert_string_equal(c->reason, "unknown");
    assert_null(c->message);
    assert_null(c->response);
    assert_int_equal(c->response_len, 0);
    assert_int_equal(c->response_full_len, 0);
    assert_int_equal(c->http_status, 0);
    assert_int_equal(c->attempts, 0);
    assert_int_equal(c->first, 0);
    assert_int_equal(c->last, 0);
    assert_true(c->created > 0);
    recs_free(&rs);

    c = get_ok(d, b, &rs);
    assert_int_equal(c->event_len, 0);
    assert_string_equal(c->reason, "unknown");
    assert_non_null(c->message);
    assert_string_equal(c->message, "");
    assert_non_null(c->response);            /* an empty body is not "no body" */
    assert_int_equal(c->response_len, 0);
    assert_int_equal(c->created, 1234567);   /* given created_ms is kept */
    recs_free(&rs);

    /* NULL event with a length is a caller bug, reported. */
    char err[256];
    dlq_record bad = {.event = NULL, .event_len = 5, .reason = "x"};
    assert_int_equal(dlq_add(d, &bad, NULL, err, sizeof err), -1);
    assert_contains(err, "event_len");
    assert_contains(err, tpath("dlq.db"));
    assert_int_equal(dlq_add(d, NULL, NULL, err, sizeof err), -1);
    assert_int_equal(dlq_count(d, NULL), 2);
    dlq_close(d);
}

/* Stores a response of the given bytes and returns the stored length. */
static size_t stored_response_len(dlq *d, const char *resp, size_t len, char *copy)
{
    dlq_record r = {.event = "{}", .event_len = 2, .reason = "http", .response = resp, .response_len = len};
    int64_t id = add_ok(d, &r, NULL);
    recs rs = {0};
    rec *c = get_ok(d, id, &rs);
    size_t n = c->response_len;
    assert_int_equal(c->response_full_len, len);
    assert_true(n <= DLQ_RESPONSE_MAX);
    assert_memory_equal(c->response, resp, n);   /* a prefix, byte for byte */
    if (copy) memcpy(copy, c->response, n);
    recs_free(&rs);
    return n;
}

static void test_response_cut(void **s)
{
    (void)s;
    dlq *d = open_ok(tpath("dlq.db"));
    char b[2048];
    memset(b, 'a', sizeof b);
    assert_int_equal(stored_response_len(d, b, 1023, NULL), 1023);
    assert_int_equal(stored_response_len(d, b, 1024, NULL), 1024);
    assert_int_equal(stored_response_len(d, b, 1025, NULL), 1024);
    assert_int_equal(stored_response_len(d, b, 2048, NULL), 1024);

    /* Never inside a UTF-8 sequence. */
    memcpy(b + 1023, "\xc3\xa9zz", 4);                 /* é at 1023..1024 */
    assert_int_equal(stored_response_len(d, b, 1100, NULL), 1023);
    memset(b, 'a', sizeof b);
    memcpy(b + 1022, "\xe2\x82\xac", 3);               /* € at 1022..1024 */
    assert_int_equal(stored_response_len(d, b, 1100, NULL), 1022);
    memset(b, 'a', sizeof b);
    memcpy(b + 1021, "\xf0\x9f\x98\x80", 4);           /* U+1F600 at 1021..1024 */
    assert_int_equal(stored_response_len(d, b, 1100, NULL), 1021);
    memset(b, 'a', sizeof b);
    memcpy(b + 1020, "\xf0\x9f\x98\x80", 4);           /* ends exactly at 1024 */
    assert_int_equal(stored_response_len(d, b, 1100, NULL), 1024);
    memset(b, 'a', sizeof b);
    memcpy(b + 1023, "\x80\x80", 2);                   /* stray continuation bytes: binary, cut at 1024 */
    assert_int_equal(stored_response_len(d, b, 1100, NULL), 1024);
    /* Binary with NULs survives. */
    for (size_t i = 0; i < sizeof b; i++) b[i] = (char)(i * 7);
    assert_int_equal(stored_response_len(d, b, 600, NULL), 600);
    dlq_close(d);
}

/* ---- redaction ------------------------------------------------------------- */

/* Stores message (and the same as response) with the secrets; checks both
 * come back as want. */
static void redacts(dlq *d, const char *const *secrets, const char *in, const char *want)
{
    dlq_record r = {.event = "{}", .event_len = 2, .reason = "http", .message = in,
                    .response = in, .response_len = strlen(in)};
    int64_t id = add_ok(d, &r, secrets);
    recs rs = {0};
    rec *c = get_ok(d, id, &rs);
    if (strcmp(c->message, want) != 0)
        fail_msg("message \"%s\" -> \"%s\", want \"%s\"", in, c->message, want);
    if (c->response_len != strlen(want) || memcmp(c->response, want, c->response_len) != 0)
        fail_msg("response \"%s\" -> \"%.*s\", want \"%s\"", in, (int)c->response_len, c->response, want);
    assert_int_equal(c->response_full_len, strlen(in));
    recs_free(&rs);
}

static void test_redaction(void **s)
{
    (void)s;
    dlq *d = open_ok(tpath("dlq.db"));
    const char *const key[] = {"sk_live_KEY123", NULL};
    redacts(d, key, "sk_live_KEY123 failed; sent sk_live_KEY123 and sk_live_KEY123",
            "[redacted] failed; sent [redacted] and [redacted]");
    redacts(d, key, "Authorization: Bearer sk_live_KEY123", "Authorization: Bearer [redacted]");
    redacts(d, key, "sk_live_KEY123", "[redacted]");
    redacts(d, key, "nothing secret here", "nothing secret here");
    redacts(d, key, "sk_live_KEY12 is only a prefix", "sk_live_KEY12 is only a prefix");
    redacts(d, key, "", "");
    /* touching occurrences: one marker, nothing between them to keep */
    redacts(d, key, "<sk_live_KEY123sk_live_KEY123>", "<[redacted]>");

    /* Overlapping occurrences of one secret: replacing left to right would
     * leave "ab" of the second behind. */
    const char *const abab[] = {"abababab", NULL};
    redacts(d, abab, "xabababababy", "x[redacted]y");
    redacts(d, abab, "abababab-abababab", "[redacted]-[redacted]");
    /* Overlapping occurrences of two secrets. */
    const char *const two[] = {"abcdefgh", "fghijklm", NULL};
    redacts(d, two, "-abcdefghijklm-", "-[redacted]-");
    redacts(d, two, "abcdefgh fghijklm", "[redacted] [redacted]");
    /* Empty secrets are ignored, and so are the others shorter than
     * DLQ_SECRET_MIN (test_short_secrets); one of exactly that length counts. */
    const char *const odd[] = {"", "x", "xxxxxxxx", NULL};
    redacts(d, odd, "axbxx", "axbxx");
    redacts(d, odd, "axxxxxxxxb", "a[redacted]b");
    /* No secrets at all. */
    redacts(d, NULL, "sk_live_KEY123", "sk_live_KEY123");
    const char *const nothing[] = {NULL};
    redacts(d, nothing, "sk_live_KEY123", "sk_live_KEY123");

    /* A secret in the event (a write key a sender put in a batch item) is redacted there too; the rest of
     * the event is kept byte for byte. */
    static const char ev[] = "{\"k\":\"sk_live_KEY123\",\"n\":1.50}";
    static const char ev_kept[] = "{\"k\":\"[redacted]\",\"n\":1.50}";
    dlq_record r = {.event = ev, .event_len = sizeof ev - 1, .reason = "http", .message = "m sk_live_KEY123"};
    int64_t id = add_ok(d, &r, key);
    recs rs = {0};
    rec *c = get_ok(d, id, &rs);
    assert_int_equal(c->event_len, sizeof ev_kept - 1);
    assert_memory_equal(c->event, ev_kept, sizeof ev_kept - 1);
    assert_string_equal(c->message, "m [redacted]");
    recs_free(&rs);

    /* A key across the 1 KiB cut: redacted before cutting, no prefix left. */
    char big[2000];
    memset(big, 'a', sizeof big);
    memcpy(big + 1018, "sk_live_KEY123", 14);
    dlq_record rb = {.event = "{}", .event_len = 2, .reason = "http", .response = big, .response_len = sizeof big};
    id = add_ok(d, &rb, key);
    c = get_ok(d, id, &rs);
    assert_int_equal(c->response_len, DLQ_RESPONSE_MAX);
    assert_int_equal(c->response_full_len, sizeof big);
    assert_null(memmem(c->response, c->response_len, "sk_", 3));
    assert_memory_equal(c->response + 1018, "[redac", 6);
    recs_free(&rs);
    dlq_close(d);
}

/* A key shorter than DLQ_SECRET_MIN is not searched for in free text: a
 * 1-byte key no longer turns every such letter into a marker. Longer keys in
 * the same list are still redacted. */
static void test_short_secrets(void **s)
{
    (void)s;
    dlq *d = open_ok(tpath("dlq.db"));
    const char *const one[] = {"e", NULL};
    redacts(d, one, "HTTP 400: Bad Request: the event has no email",
            "HTTP 400: Bad Request: the event has no email");
    char seven[DLQ_SECRET_MIN];
    memset(seven, 'k', sizeof seven - 1);
    seven[sizeof seven - 1] = 0;
    const char *const short_key[] = {seven, NULL};
    redacts(d, short_key, "kkkkkkk kkkkkkkk", "kkkkkkk kkkkkkkk");
    const char *const mixed[] = {"e", "sk_live_KEY123", NULL};
    redacts(d, mixed, "sent sk_live_KEY123 here", "sent [redacted] here");
    dlq_close(d);
}

/* response_full_len as given (a 100 MB body of which 1 KiB is kept), 0 = the
 * response's own length, never below it; dlq_update stores it too. */
static void test_response_full_len(void **s)
{
    (void)s;
    dlq *d = open_ok(tpath("dlq.db"));
    char body[DLQ_RESPONSE_MAX];
    memset(body, 'x', sizeof body);
    const size_t big = (size_t)100 << 20;
    dlq_record r = {.event = "{}", .event_len = 2, .reason = "http", .http_status = 400,
                    .response = body, .response_len = sizeof body, .response_full_len = big};
    int64_t id = add_ok(d, &r, NULL);
    recs rs = {0};
    rec *c = get_ok(d, id, &rs);
    assert_int_equal(c->response_len, DLQ_RESPONSE_MAX);
    assert_int_equal(c->response_full_len, big);
    recs_free(&rs);

    r.response_full_len = 0;          /* the response given is whole */
    id = add_ok(d, &r, NULL);
    c = get_ok(d, id, &rs);
    assert_int_equal(c->response_full_len, sizeof body);
    recs_free(&rs);

    r.response_full_len = 10;         /* below what was given: what was given */
    id = add_ok(d, &r, NULL);
    c = get_ok(d, id, &rs);
    assert_int_equal(c->response_full_len, sizeof body);
    recs_free(&rs);

    dlq_record none = {.event = "{}", .event_len = 2, .reason = "http", .response_full_len = 5000};
    id = add_ok(d, &none, NULL);      /* a length without a kept body */
    c = get_ok(d, id, &rs);
    assert_null(c->response);
    assert_int_equal(c->response_full_len, 5000);
    recs_free(&rs);

    char err[256];
    r.response_full_len = big * 2;
    assert_int_equal(dlq_update(d, id, &r, NULL, err, sizeof err), 0);
    c = get_ok(d, id, &rs);
    assert_int_equal(c->response_full_len, big * 2);
    recs_free(&rs);
    dlq_close(d);
}

/* ---- file modes ------------------------------------------------------------ */

static unsigned mode_of(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) fail_msg("stat %s: %s", path, strerror(errno));
    return (unsigned)st.st_mode & 07777;
}

static char *side(const char *path, const char *suffix)
{
    static char buf[300];
    snprintf(buf, sizeof buf, "%s%s", path, suffix);
    return buf;
}

static void test_file_modes(void **s)
{
    (void)s;
    mode_t old_umask = umask(0);      /* nothing masked: the modes are the code's */
    char path[256];
    snprintf(path, sizeof path, "%s", tpath("dlq.db"));

    /* New: 0600, and so are the side files SQLite makes. */
    dlq *d = open_ok(path);
    assert_int_equal(mode_of(path), 0600);
    assert_int_equal(mode_of(side(path, "-wal")), 0600);
    assert_int_equal(mode_of(side(path, "-shm")), 0600);
    assert_null(dlq_warning(d));
    dlq_close(d);

    /* An existing store 0644 (an empty file, and one with records). */
    char fresh[256];
    snprintf(fresh, sizeof fresh, "%s", tpath("fresh.db"));
    int fd = open(fresh, O_CREAT | O_WRONLY, 0644);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(mode_of(fresh), 0644);
    d = open_ok(fresh);
    assert_int_equal(mode_of(fresh), 0600);
    assert_int_equal(mode_of(side(fresh, "-wal")), 0600);
    assert_int_equal(mode_of(side(fresh, "-shm")), 0600);
    assert_null(dlq_warning(d));
    dlq_close(d);

    /* Side files left loose while another handle holds the store open (so
     * they stay): the next open makes all three 0600. */
    dlq *holder = open_ok(path);
    add_simple(holder, "{}", "http");
    assert_int_equal(chmod(path, 0664), 0);
    assert_int_equal(chmod(side(path, "-wal"), 0644), 0);
    assert_int_equal(chmod(side(path, "-shm"), 0666), 0);
    d = open_ok(path);
    assert_int_equal(mode_of(path), 0600);
    assert_int_equal(mode_of(side(path, "-wal")), 0600);
    assert_int_equal(mode_of(side(path, "-shm")), 0600);
    assert_int_equal(dlq_count(d, NULL), 1);
    dlq_close(d);
    dlq_close(holder);

    /* Tighter than 0600 stays as it is (read-only: opened read-only). */
    assert_int_equal(chmod(path, 0400), 0);
    d = open_ok(path);
    assert_int_equal(mode_of(path), 0400);
    dlq_close(d);
    assert_int_equal(chmod(path, 0600), 0);

    /* Another user's file keeps its mode, and dlq_warning says so (needs root
     * to make such a file). */
    if (geteuid() == 0) {
        assert_int_equal(chmod(fresh, 0644), 0);
        assert_int_equal(chown(fresh, 65534, 65534), 0);
        d = open_ok(fresh);
        assert_int_equal(mode_of(fresh), 0644);
        assert_non_null(dlq_warning(d));
        assert_contains(dlq_warning(d), fresh);
        assert_contains(dlq_warning(d), "keeps mode 0644, looser than 0600");
        assert_contains(dlq_warning(d), "owned by uid 65534");
        dlq_close(d);
    }
    umask(old_umask);
}

/* ---- list, get, delete, update, purge, counts ----------------------------- */

static void test_list_paging(void **s)
{
    (void)s;
    dlq *d = open_ok(tpath("dlq.db"));
    int64_t ids[25];
    for (int i = 0; i < 25; i++) {
        char ev[32];
        snprintf(ev, sizeof ev, "{\"n\":%d}", i);
        ids[i] = add_simple(d, ev, i % 3 == 0 ? "http" : "script");
    }

    /* Pages of 10: 10, 10, 5, 0 — in id order, every record once. */
    recs rs = {0};
    int64_t after = 0;
    int seen = 0, pages = 0;
    for (;;) {
        int n = list_ok(d, after, 10, NULL, &rs);
        assert_int_equal(n, rs.n);
        if (n == 0) break;
        pages++;
        assert_int_equal(n, pages < 3 ? 10 : 5);
        for (int i = 0; i < n; i++) {
            assert_int_equal(rs.v[i].id, ids[seen]);
            char ev[32];
            snprintf(ev, sizeof ev, "{\"n\":%d}", seen);
            assert_int_equal(rs.v[i].event_len, strlen(ev));
            assert_memory_equal(rs.v[i].event, ev, strlen(ev));
            seen++;
        }
        after = rs.v[n - 1].id;
        recs_free(&rs);
    }
    assert_int_equal(pages, 3);
    assert_int_equal(seen, 25);

    /* limit <= 0: everything after after_id. */
    assert_int_equal(list_ok(d, ids[19], 0, NULL, &rs), 5);
    assert_int_equal(rs.v[0].id, ids[20]);
    recs_free(&rs);
    assert_int_equal(list_ok(d, 0, -1, NULL, &rs), 25);
    recs_free(&rs);

    /* Reason filter, pages of 4: the 9 "http" records (i = 0, 3, ..., 24). */
    after = 0;
    seen = 0;
    for (;;) {
        int n = list_ok(d, after, 4, "http", &rs);
        if (n == 0) break;
        for (int i = 0; i < n; i++) {
            assert_string_equal(rs.v[i].reason, "http");
            assert_int_equal(rs.v[i].id, ids[seen * 3]);
            seen++;
        }
        after = rs.v[n - 1].id;
        recs_free(&rs);
    }
    assert_int_equal(seen, 9);
    assert_int_equal(list_ok(d, 0, 0, "script", &rs), 16);
    recs_free(&rs);
    assert_int_equal(list_ok(d, 0, 0, "nope", &rs), 0);

    /* The callback stops the listing. */
    rs.stop_after = 2;
    assert_int_equal(list_ok(d, 0, 0, NULL, &rs), 2);
    assert_int_equal(rs.n, 2);
    recs_free(&rs);
    dlq_close(d);
}

static void test_get_delete_update(void **s)
{
    (void)s;
    dlq *d = open_ok(tpath("dlq.db"));
    char err[512];
    int64_t a = add_simple(d, "one", "http");
    int64_t b = add_simple(d, "two", "http");
    int64_t c3 = add_simple(d, "three", "script");
    assert_true(a < b && b < c3);

    recs rs = {0};
    rec *c = get_ok(d, b, &rs);
    assert_memory_equal(c->event, "two", 3);
    recs_free(&rs);
    assert_int_equal(dlq_get(d, 999, capture, &rs, err, sizeof err), 1);
    assert_int_equal(rs.n, 0);

    assert_int_equal(dlq_delete(d, b, err, sizeof err), 0);
    assert_int_equal(dlq_delete(d, b, err, sizeof err), 1);
    assert_int_equal(dlq_get(d, b, capture, &rs, err, sizeof err), 1);
    assert_int_equal(dlq_count(d, NULL), 2);
    assert_int_equal(list_ok(d, 0, 0, NULL, &rs), 2);
    assert_int_equal(rs.v[0].id, a);
    assert_int_equal(rs.v[1].id, c3);
    recs_free(&rs);

    /* update: everything but event, created_ms and id; redacted as add. */
    c = get_ok(d, c3, &rs);
    int64_t created = c->created;
    recs_free(&rs);
    const char *const key[] = {"KEY-0123", NULL};
    dlq_record u = {.event = "ignored", .event_len = 7, .mapping = "M", .action = "onDelete",
                    .reason = "retries_exhausted", .message = "gave up with KEY-0123", .http_status = 429,
                    .response = "slow down KEY-0123", .response_len = 18, .attempts = 7,
                    .first_attempt_ms = 11, .last_attempt_ms = 22};
    assert_int_equal(dlq_update(d, c3, &u, key, err, sizeof err), 0);
    c = get_ok(d, c3, &rs);
    assert_int_equal(c->event_len, 5);
    assert_memory_equal(c->event, "three", 5);
    assert_int_equal(c->created, created);
    assert_string_equal(c->mapping, "M");
    assert_string_equal(c->action, "onDelete");
    assert_string_equal(c->reason, "retries_exhausted");
    assert_string_equal(c->message, "gave up with [redacted]");
    assert_int_equal(c->http_status, 429);
    assert_int_equal(c->response_len, strlen("slow down [redacted]"));
    assert_memory_equal(c->response, "slow down [redacted]", c->response_len);
    assert_int_equal(c->response_full_len, 18);
    assert_int_equal(c->attempts, 7);
    assert_int_equal(c->first, 11);
    assert_int_equal(c->last, 22);
    recs_free(&rs);
    assert_int_equal(dlq_update(d, 999, &u, key, err, sizeof err), 1);
    assert_int_equal(dlq_count(d, NULL), 2);
    dlq_close(d);
}

static void test_purge(void **s)
{
    (void)s;
    dlq *d = open_ok(tpath("dlq.db"));
    char err[512];
    int64_t last = 0;
    for (int i = 0; i < 10; i++) last = add_simple(d, "{}", i % 2 ? "a" : "b");
    int64_t n = -1;
    assert_int_equal(dlq_purge(d, "a", &n, err, sizeof err), 0);
    assert_int_equal(n, 5);
    assert_int_equal(dlq_count(d, NULL), 5);
    assert_int_equal(dlq_count(d, "a"), 0);
    assert_int_equal(dlq_count(d, "b"), 5);
    assert_int_equal(dlq_purge(d, "zzz", &n, err, sizeof err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(dlq_purge(d, NULL, &n, err, sizeof err), 0);
    assert_int_equal(n, 5);
    assert_int_equal(dlq_count(d, NULL), 0);
    assert_int_equal(dlq_purge(d, NULL, NULL, err, sizeof err), 0);
    /* ids are never reused, so an after_id cursor stays valid */
    assert_true(add_simple(d, "{}", "a") > last);
    dlq_close(d);
}

typedef struct {
    char reason[8][32];
    int64_t n[8];
    int k;
} tally;

static void count_cb(void *ud, const char *reason, int64_t n)
{
    tally *t = ud;
    assert_true(t->k < 8);
    snprintf(t->reason[t->k], sizeof t->reason[0], "%s", reason);
    t->n[t->k++] = n;
}

static void test_counts(void **s)
{
    (void)s;
    dlq *d = open_ok(tpath("dlq.db"));
    tally t = {0};
    assert_int_equal(dlq_counts(d, count_cb, &t), 0);
    assert_int_equal(t.k, 0);
    assert_int_equal(dlq_count(d, NULL), 0);

    const char *reasons[] = {"validation", "http", "script", "http", "script", "http"};
    for (size_t i = 0; i < 6; i++) add_simple(d, "{}", reasons[i]);
    assert_int_equal(dlq_counts(d, count_cb, &t), 0);
    assert_int_equal(t.k, 3);
    assert_string_equal(t.reason[0], "http");
    assert_int_equal(t.n[0], 3);
    assert_string_equal(t.reason[1], "script");
    assert_int_equal(t.n[1], 2);
    assert_string_equal(t.reason[2], "validation");
    assert_int_equal(t.n[2], 1);
    assert_int_equal(dlq_count(d, NULL), 6);
    assert_int_equal(dlq_count(d, "script"), 2);
    assert_int_equal(dlq_count(d, "nope"), 0);
    dlq_close(d);
}

/* ---- files and handles ----------------------------------------------------- */

static void test_reopen(void **s)
{
    (void)s;
    const char *p = tpath("dlq.db");
    char path[256];
    snprintf(path, sizeof path, "%s", p);
    dlq *d = open_ok(path);
    static const char ev[] = "bad line \x01\x00\xff";
    dlq_record r = {.event = ev, .event_len = sizeof ev - 1, .reason = "invalid_json",
                    .message = "line 3: unexpected byte", .attempts = 0};
    int64_t a = add_ok(d, &r, NULL);
    int64_t b = add_simple(d, "{}", "http");
    assert_string_equal(dlq_path(d), path);
    char wal[300];
    snprintf(wal, sizeof wal, "%s-wal", path);
    struct stat st;
    assert_int_equal(stat(wal, &st), 0);           /* WAL mode, and its files owner-only too */
    assert_int_equal(st.st_mode & 0777, 0600);
    dlq_close(d);

    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);   /* raw events: owner only */

    d = open_ok(path);
    assert_int_equal(dlq_count(d, NULL), 2);
    recs rs = {0};
    rec *c = get_ok(d, a, &rs);
    assert_int_equal(c->event_len, sizeof ev - 1);
    assert_memory_equal(c->event, ev, sizeof ev - 1);
    assert_string_equal(c->reason, "invalid_json");
    assert_string_equal(c->message, "line 3: unexpected byte");
    recs_free(&rs);
    assert_true(add_simple(d, "{}", "http") > b);
    dlq_close(d);

    /* Schema and mode as documented. */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "wal");
    sqlite3_finalize(q);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM dlq WHERE typeof(event) = 'blob'", -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 3);
    sqlite3_finalize(q);
    sqlite3_close(db);
}

typedef struct {
    dlq *writer;
    int adds;
} during;

/* A reader's dlq_list callback in which another handle writes. */
static int write_during_read(void *ud, int64_t id, const dlq_record *r)
{
    (void)id; (void)r;
    during *w = ud;
    char err[512];
    if (dlq_add(w->writer, &(dlq_record){.event = "{}", .event_len = 2, .reason = "http"}, NULL, err, sizeof err) != 0)
        fail_msg("writer blocked by a reader: %s", err);
    w->adds++;
    return 0;
}

static void test_two_handles(void **s)
{
    (void)s;
    char path[256], err[512];
    snprintf(path, sizeof path, "%s", tpath("dlq.db"));
    dlq *w = open_ok(path);
    dlq *r = open_ok(path);
    add_simple(w, "{}", "http");
    assert_int_equal(dlq_count(r, NULL), 1);

    /* A batch in progress: readers see only what is committed, and opening a
     * third handle does not wait for the writer. */
    assert_int_equal(dlq_begin(w, err, sizeof err), 0);
    for (int i = 0; i < 100; i++) add_simple(w, "{}", "script");
    assert_int_equal(dlq_count(w, NULL), 101);
    assert_int_equal(dlq_count(r, NULL), 1);
    dlq *r2 = open_ok(path);
    assert_int_equal(dlq_count(r2, NULL), 1);
    recs rs = {0};
    assert_int_equal(list_ok(r2, 0, 0, NULL, &rs), 1);
    recs_free(&rs);

    /* A second writer waits for the busy timeout, then fails naming the path. */
    dlq_set_busy_timeout(r, 50);
    assert_int_equal(dlq_add(r, &(dlq_record){.event = "{}", .event_len = 2, .reason = "x"}, NULL, err, sizeof err), -1);
    assert_contains(err, path);
    assert_contains(err, "locked");
    assert_contains(dlq_errmsg(r), "locked");

    assert_int_equal(dlq_commit(w, err, sizeof err), 0);
    assert_int_equal(dlq_count(r, NULL), 101);
    assert_int_equal(dlq_count(r2, "script"), 100);
    assert_int_equal(dlq_add(r, &(dlq_record){.event = "{}", .event_len = 2, .reason = "x"}, NULL, err, sizeof err), 0);
    assert_int_equal(dlq_count(w, NULL), 102);

    /* A writer commits while a reader is in the middle of a listing. */
    during dw = {.writer = w};
    assert_int_equal(dlq_list(r2, 0, 5, NULL, write_during_read, &dw, err, sizeof err), 5);
    assert_int_equal(dw.adds, 5);
    assert_int_equal(dlq_count(r2, NULL), 107);

    dlq_close(r2);
    dlq_close(r);
    dlq_close(w);
}

/* Several processes opening (creating) one new store at once: every one gets
 * in and every add lands. (Switching a new file to WAL races; dlq_open retries.) */
static void test_concurrent_create(void **s)
{
    (void)s;
    enum { ROUNDS = 10, PROCS = 8, ADDS = 20 };
    for (int round = 0; round < ROUNDS; round++) {
        char path[256];
        snprintf(path, sizeof path, "%s/race%d.db", dir, round);
        fflush(NULL);
        for (int i = 0; i < PROCS; i++) {
            pid_t pid = fork();
            assert_true(pid >= 0);
            if (pid == 0) {
                char err[512];
                dlq *d = dlq_open(path, err, sizeof err);
                if (!d) {
                    fprintf(stderr, "child: %s\n", err);
                    _exit(1);
                }
                for (int k = 0; k < ADDS; k++)
                    if (dlq_add(d, &(dlq_record){.event = "{}", .event_len = 2, .reason = "x"}, NULL, err,
                                sizeof err) != 0) {
                        fprintf(stderr, "child: %s\n", err);
                        _exit(1);
                    }
                dlq_close(d);
                _exit(0);
            }
        }
        int failed = 0, st;
        while (wait(&st) > 0)
            if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) failed++;
        assert_int_equal(failed, 0);
        dlq *d = open_ok(path);
        assert_int_equal(dlq_count(d, NULL), PROCS * ADDS);
        dlq_close(d);
    }
}

static void open_fails(const char *path, const char *why)
{
    char err[512];
    dlq *d = dlq_open(path, err, sizeof err);
    if (d) {
        dlq_close(d);
        fail_msg("dlq_open %s should fail (%s)", path, why);
    }
    assert_contains(err, path);
    assert_contains(err, why);
}

static int read_generation(void *ud, int64_t id, const dlq_record *r)
{
    (void)id;
    *(int64_t *)ud = r->generation;
    return 0;
}

static void test_open_errors(void **s)
{
    (void)s;
    char p[256];
    snprintf(p, sizeof p, "%s/missing/sub/dlq.db", dir);
    open_fails(p, "No such file or directory");

    snprintf(p, sizeof p, "%s/plain", dir);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs("just a file\n", f);
    fclose(f);
    snprintf(p, sizeof p, "%s/plain/dlq.db", dir);
    open_fails(p, "Not a directory");

    open_fails(dir, "Is a directory");

    snprintf(p, sizeof p, "%s/garbage.db", dir);
    f = fopen(p, "w");
    assert_non_null(f);
    for (int i = 0; i < 200; i++) fputs("this is not an SQLite database at all\n", f);
    fclose(f);
    open_fails(p, "not a database");

    /* Another program's database is not taken over. */
    snprintf(p, sizeof p, "%s/other.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE users(id INTEGER)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    open_fails(p, "not an encharge-actions dead-letter store");

    /* A newer schema is refused. */
    snprintf(p, sizeof p, "%s/newer.db", dir);
    dlq_close(open_ok(p));
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 3", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    open_fails(p, "newer");

    /* A version-1 store (no generation column) is upgraded in place, its records kept. */
    snprintf(p, sizeof p, "%s/v1.db", dir);
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "CREATE TABLE dlq (id INTEGER PRIMARY KEY AUTOINCREMENT, created_ms INTEGER NOT NULL,"
                                  " event BLOB NOT NULL, mapping TEXT, action TEXT, reason TEXT NOT NULL, message TEXT,"
                                  " http_status INTEGER NOT NULL DEFAULT 0, response BLOB,"
                                  " response_full_len INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0,"
                                  " first_attempt_ms INTEGER NOT NULL DEFAULT 0, last_attempt_ms INTEGER NOT NULL DEFAULT 0);"
                                  "INSERT INTO dlq(created_ms, event, reason) VALUES(1, '{}', 'http');"
                                  "PRAGMA user_version = 1;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    char ap[64];
    snprintf(ap, sizeof ap, "PRAGMA application_id = %d", DLQ_APPLICATION_ID);
    assert_int_equal(sqlite3_exec(db, ap, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    dlq *up = open_ok(p);
    assert_int_equal(dlq_count(up, NULL), 1);
    dlq_record nr = {.event = "{}", .event_len = 2, .reason = "http", .generation = 7};
    char uerr[256];
    int64_t nid = 0;
    assert_int_equal(dlq_add_id(up, &nr, NULL, &nid, uerr, sizeof uerr), 0);
    int64_t gen = -1;
    assert_int_equal(dlq_get(up, nid, read_generation, &gen, uerr, sizeof uerr), 0);
    assert_int_equal(gen, 7);
    dlq_close(up);

    char err[512];
    assert_null(dlq_open("", err, sizeof err));
    assert_contains(err, "no path");
    assert_null(dlq_open(NULL, err, sizeof err));
    assert_null(dlq_open(NULL, NULL, 0));
    /* A tiny buffer gets a truncated, terminated message. */
    char small[12];
    snprintf(p, sizeof p, "%s/missing/dlq.db", dir);
    assert_null(dlq_open(p, small, sizeof small));
    assert_int_equal(strlen(small), sizeof small - 1);

    /* A "file:" name is a file, not a URI. */
    char cwd[512];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(dir), 0);
    dlq *d = dlq_open("file:x.db?mode=ro", err, sizeof err);
    assert_int_equal(chdir(cwd), 0);
    if (!d) fail_msg("file: name: %s", err);
    add_simple(d, "{}", "x");
    dlq_close(d);
    struct stat st;
    snprintf(p, sizeof p, "%s/file:x.db?mode=ro", dir);
    assert_int_equal(stat(p, &st), 0);
}

/* ---- batches and speed ------------------------------------------------------ */

static void test_batch(void **s)
{
    (void)s;
    char err[512];
    dlq *d = open_ok(tpath("dlq.db"));
    static const char ev[] =
        "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u-123456\","
        "\"properties\":{\"revenue\":42.5,\"currency\":\"EUR\",\"plan\":\"pro\"},"
        "\"context\":{\"ip\":\"203.0.113.7\"},\"timestamp\":\"2024-05-01T12:00:00.000Z\"}";
    char resp[300];
    memset(resp, 'r', sizeof resp);
    memcpy(resp, "{\"error\":\"bad token SECRETKEY\"}", 31);
    const char *const secrets[] = {"SECRETKEY", NULL};
    dlq_record r = {.event = ev, .event_len = sizeof ev - 1, .mapping = "Track Calls", .action = "trackEvent",
                    .reason = "http", .message = "HTTP 400 with SECRETKEY", .http_status = 400,
                    .response = resp, .response_len = sizeof resp, .attempts = 1,
                    .first_attempt_ms = 1, .last_attempt_ms = 2};

    /* Batch misuse is reported. */
    assert_int_equal(dlq_commit(d, err, sizeof err), -1);
    assert_contains(err, "no batch");
    assert_int_equal(dlq_rollback(d, err, sizeof err), -1);

    /* A rolled-back batch leaves nothing. */
    assert_int_equal(dlq_begin(d, err, sizeof err), 0);
    assert_int_equal(dlq_begin(d, err, sizeof err), -1);
    assert_contains(err, "already open");
    for (int i = 0; i < 5; i++) add_ok(d, &r, secrets);
    assert_int_equal(dlq_rollback(d, err, sizeof err), 0);
    assert_int_equal(dlq_count(d, NULL), 0);

    enum { N = 10000 };
    double t0 = mono_s();
    if (dlq_begin(d, err, sizeof err) != 0) fail_msg("%s", err);
    for (int i = 0; i < N; i++)
        if (dlq_add(d, &r, secrets, err, sizeof err) != 0) fail_msg("add %d: %s", i, err);
    if (dlq_commit(d, err, sizeof err) != 0) fail_msg("%s", err);
    double t = mono_s() - t0;
    printf("[ dlq      ] %d adds in one batch: %.1f ms (%.0f adds/s)\n", N, t * 1e3, N / t);
    assert_int_equal(dlq_count(d, NULL), N);

    enum { M = 200 };
    t0 = mono_s();
    for (int i = 0; i < M; i++)
        if (dlq_add(d, &r, secrets, err, sizeof err) != 0) fail_msg("add %d: %s", i, err);
    t = mono_s() - t0;
    printf("[ dlq      ] %d adds one transaction each (synchronous=FULL): %.1f ms (%.0f adds/s)\n",
           M, t * 1e3, M / t);
    assert_int_equal(dlq_count(d, NULL), N + M);

    /* Spot check one of the batch. */
    recs rs = {0};
    assert_int_equal(list_ok(d, 5000, 1, NULL, &rs), 1);
    assert_memory_equal(rs.v[0].event, ev, sizeof ev - 1);
    assert_string_equal(rs.v[0].message, "HTTP 400 with [redacted]");
    assert_null(memmem(rs.v[0].response, rs.v[0].response_len, "SECRETKEY", 9));
    recs_free(&rs);

    t0 = mono_s();
    int64_t n = 0;
    assert_int_equal(dlq_purge(d, NULL, &n, err, sizeof err), 0);
    assert_int_equal(n, N + M);
    printf("[ dlq      ] purge of %d: %.1f ms\n", N + M, (mono_s() - t0) * 1e3);
    dlq_close(d);
}

/* ---- callbacks calling back in, threads -------------------------------------- */

typedef struct {
    dlq *d;
    int deleted, nested_rc, get_rc;
    char nested_err[512];
} replay;

/* Replay-like: delete every record with an even id while listing. */
static int replay_cb(void *ud, int64_t id, const dlq_record *r)
{
    (void)r;
    replay *rp = ud;
    char err[512];
    if (id % 2 == 0) {
        if (dlq_delete(rp->d, id, err, sizeof err) != 0) fail_msg("delete %lld: %s", (long long)id, err);
        rp->deleted++;
    }
    if (id == 1) {
        recs rs = {0};
        rp->nested_rc = dlq_list(rp->d, 0, 0, NULL, capture, &rs, rp->nested_err, sizeof rp->nested_err);
        recs_free(&rs);
        rp->get_rc = dlq_get(rp->d, 3, capture, &rs, err, sizeof err);
        assert_int_equal(rs.n, 1);
        recs_free(&rs);
    }
    return 0;
}

static int nested_get_cb(void *ud, int64_t id, const dlq_record *r)
{
    (void)r;
    replay *rp = ud;
    recs rs = {0};
    rp->get_rc = dlq_get(rp->d, id, capture, &rs, rp->nested_err, sizeof rp->nested_err);
    recs_free(&rs);
    return 0;
}

static void nested_counts_cb(void *ud, const char *reason, int64_t n)
{
    (void)reason; (void)n;
    replay *rp = ud;
    rp->nested_rc = dlq_counts(rp->d, nested_counts_cb, ud);
    rp->get_rc = (int)dlq_count(rp->d, NULL);
}

static void test_callbacks_reenter(void **s)
{
    (void)s;
    char err[512];
    dlq *d = open_ok(tpath("dlq.db"));
    for (int i = 0; i < 6; i++) add_simple(d, "{}", "http");
    replay rp = {.d = d};
    assert_int_equal(dlq_list(d, 0, 0, NULL, replay_cb, &rp, err, sizeof err), 6);
    assert_int_equal(rp.deleted, 3);
    assert_int_equal(rp.nested_rc, -1);
    assert_contains(rp.nested_err, "inside a dlq_list callback");
    assert_int_equal(rp.get_rc, 0);
    assert_int_equal(dlq_count(d, NULL), 3);

    rp.get_rc = 99;
    assert_int_equal(dlq_get(d, 1, nested_get_cb, &rp, err, sizeof err), 0);
    assert_int_equal(rp.get_rc, -1);
    assert_contains(rp.nested_err, "inside a dlq_get callback");

    rp.nested_rc = 99;
    assert_int_equal(dlq_counts(d, nested_counts_cb, &rp), 0);
    assert_int_equal(rp.nested_rc, -1);
    assert_contains(dlq_errmsg(d), "inside a dlq_counts callback");
    assert_int_equal(rp.get_rc, 3);
    dlq_close(d);
}

enum { THREADS = 4, PER_THREAD = 250 };

static void *adder(void *arg)
{
    dlq *d = arg;
    char err[512];
    for (int i = 0; i < PER_THREAD; i++)
        if (dlq_add(d, &(dlq_record){.event = "{}", .event_len = 2, .reason = "http", .message = "K-012345 K-012345"},
                    (const char *const[]){"K-012345", NULL}, err, sizeof err) != 0)
            return strdup(err);
    return NULL;
}

static void test_threads(void **s)
{
    (void)s;
    dlq *d = open_ok(tpath("dlq.db"));
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) assert_int_equal(pthread_create(&t[i], NULL, adder, d), 0);
    for (int i = 0; i < THREADS; i++) {
        void *res;
        pthread_join(t[i], &res);
        if (res) fail_msg("thread %d: %s", i, (char *)res);
    }
    assert_int_equal(dlq_count(d, NULL), THREADS * PER_THREAD);
    recs rs = {0};
    assert_int_equal(list_ok(d, THREADS * PER_THREAD - 1, 0, NULL, &rs), 1);
    assert_string_equal(rs.v[0].message, "[redacted] [redacted]");
    recs_free(&rs);
    dlq_close(d);
}

static void test_memory_store(void **s)
{
    (void)s;
    dlq *d = open_ok(":memory:");
    add_simple(d, "{}", "http");
    assert_int_equal(dlq_count(d, "http"), 1);
    dlq_close(d);
    dlq_close(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_roundtrip_every_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_roundtrip_nulls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_response_cut, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redaction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_short_secrets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_response_full_len, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_modes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_paging, setup, teardown),
        cmocka_unit_test_setup_teardown(test_get_delete_update, setup, teardown),
        cmocka_unit_test_setup_teardown(test_purge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_handles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_callbacks_reenter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory_store, setup, teardown),
    };
    return cmocka_run_group_tests_name("dlq", tests, NULL, NULL);
}
