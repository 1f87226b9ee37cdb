/* Unit tests: the commands' messages — runtime/obs/log.c.
 *
 * stderr is pointed at a temporary file (dup2) around each call and put
 * back; what was written is read from the file. Covered: plain lines
 * ("cmd: msg\n", trailing newlines of the message dropped); JSON lines (one
 * object a line: ts in ISO 8601 UTC with milliseconds, level, cmd, msg, read
 * back with json_parse), every level; quotes, newlines, control characters,
 * backslashes and UTF-8 in a message kept on one valid JSON line; secrets
 * replaced by "[redacted]" in both modes (several, one a prefix of another in
 * either order, at the start and the end, repeated and touching, shorter
 * than LOG_SECRET_MIN left alone, none registered); a leading "\n" in the
 * format (a newline before the line in plain mode only); very long messages
 * cut, never overflowing, still one line, cut on a UTF-8 boundary in JSON
 * mode; 4 threads logging at once giving whole lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/json.h"
#include "obs/log.h"

/* ---- capturing stderr ----------------------------------------------------------- */

static char cap_path[64];
static int cap_fd = -1, saved_fd = -1;
static char *captured;
static size_t captured_len;

static void capture_begin(void)
{
    snprintf(cap_path, sizeof cap_path, "/tmp/test_log.XXXXXX");
    int fd = mkstemp(cap_path);
    assert_true(fd >= 0);
    close(fd);
    cap_fd = open(cap_path, O_WRONLY | O_APPEND);
    assert_true(cap_fd >= 0);
    fflush(stderr);
    saved_fd = dup(STDERR_FILENO);
    assert_true(saved_fd >= 0);
    assert_true(dup2(cap_fd, STDERR_FILENO) >= 0);
}

/* Puts stderr back; what was written, NUL-ended (valid until the next capture). */
static const char *capture_end(void)
{
    fflush(stderr);
    assert_true(dup2(saved_fd, STDERR_FILENO) >= 0);
    close(saved_fd);
    close(cap_fd);
    saved_fd = cap_fd = -1;
    FILE *f = fopen(cap_path, "rb");
    assert_non_null(f);
    struct stat st;
    assert_int_equal(fstat(fileno(f), &st), 0);
    free(captured);
    captured = malloc((size_t)st.st_size + 1);
    captured_len = fread(captured, 1, (size_t)st.st_size, f);
    captured[captured_len] = 0;
    fclose(f);
    unlink(cap_path);
    return captured;
}

static int teardown(void **s)
{
    (void)s;
    if (saved_fd >= 0) { /* a failed test left stderr captured */
        dup2(saved_fd, STDERR_FILENO);
        close(saved_fd);
        close(cap_fd);
        unlink(cap_path);
        saved_fd = cap_fd = -1;
    }
    log_json(false);
    log_secrets(NULL);
    return 0;
}

/* One line, as log_say writes it, plain mode. */
#define PLAIN(...)                                                                                                   \
    (log_json(false), capture_begin(), log_say(__VA_ARGS__), capture_end())
#define JSON(...) (log_json(true), capture_begin(), log_say(__VA_ARGS__), capture_end())

/* ---- reading JSON lines back ----------------------------------------------------- */

typedef struct {
    jarena a;
    jv v;
} parsed;

/* line must be one JSON object followed by exactly one "\n" and nothing
 * else; parsed into p (p->a freed by the caller). */
static const jv *parse_line(parsed *p, const char *text)
{
    size_t n = strlen(text);
    if (n == 0 || text[n - 1] != '\n') fail_msg("not a line: '%s'", text);
    if (memchr(text, '\n', n - 1)) fail_msg("more than one line: '%s'", text);
    jarena_init(&p->a, 0);
    jerr e;
    if (json_parse(&p->a, text, n - 1, NULL, &p->v, &e) != 0) fail_msg("not JSON (%s): '%.300s'", e.msg, text);
    assert_int_equal(p->v.type, JV_OBJ);
    return &p->v;
}

/* The string member key of o, NUL-ended in a static buffer. */
static const char *member(const jv *o, const char *key)
{
    static char buf[4][65536];
    static int next;
    const jv *v = jv_getz(o, key);
    if (!v) fail_msg("no member %s", key);
    assert_int_equal(v->type, JV_STR);
    char *b = buf[next++ % 4];
    assert_true(v->n < sizeof buf[0]);
    memcpy(b, v->u.s, v->n);
    b[v->n] = 0;
    return b;
}

/* ---- plain ----------------------------------------------------------------------- */

static void test_plain(void **st)
{
    (void)st;
    assert_false(log_is_json());
    assert_string_equal(PLAIN(LOG_INFO, "run", "reloaded %d mappings from %s", 3, "cfg.lua"),
                        "run: reloaded 3 mappings from cfg.lua\n");
    assert_string_equal(PLAIN(LOG_ERROR, "serve", "config: %s\n", "bad"), "serve: config: bad\n");
    assert_string_equal(PLAIN(LOG_WARN, "dlq", "two\n\n\n"), "dlq: two\n");
    assert_string_equal(PLAIN(LOG_DEBUG, "x", "%s", ""), "x: \n");
    /* The level is not written in plain mode; a newline inside stays. */
    assert_string_equal(PLAIN(LOG_ERROR, "run", "a\nb"), "run: a\nb\n");
}

static void test_plain_stdio_first(void **st)
{
    (void)st;
    /* What stdio holds for stderr goes out before the line. */
    log_json(false);
    capture_begin();
    setvbuf(stderr, NULL, _IOFBF, 1024);
    fputs("held ", stderr);
    log_say(LOG_INFO, "run", "line");
    const char *t = capture_end();
    setvbuf(stderr, NULL, _IONBF, 0);
    assert_string_equal(t, "held run: line\n");
}

/* ---- JSON ------------------------------------------------------------------------ */

static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

static void test_json_line(void **st)
{
    (void)st;
    const char *levels[] = {"debug", "info", "warn", "error"};
    for (int lv = LOG_DEBUG; lv <= LOG_ERROR; lv++) {
        time_t before = time(NULL);
        const char *t = JSON((log_level)lv, "serve", "listening on %s:%d\n", "127.0.0.1", 8080);
        time_t after = time(NULL);
        assert_true(log_is_json());
        /* The members in this order. */
        assert_true(strncmp(t, "{\"ts\":\"", 7) == 0);
        assert_non_null(strstr(t, "\",\"level\":\""));
        parsed p;
        const jv *o = parse_line(&p, t);
        assert_int_equal(o->n, 4);
        assert_true(o->u.members[0].klen == 2 && !memcmp(o->u.members[0].key, "ts", 2));
        assert_true(o->u.members[1].klen == 5 && !memcmp(o->u.members[1].key, "level", 5));
        assert_true(o->u.members[2].klen == 3 && !memcmp(o->u.members[2].key, "cmd", 3));
        assert_true(o->u.members[3].klen == 3 && !memcmp(o->u.members[3].key, "msg", 3));
        assert_string_equal(member(o, "level"), levels[lv]);
        assert_string_equal(member(o, "cmd"), "serve");
        assert_string_equal(member(o, "msg"), "listening on 127.0.0.1:8080");
        /* 2026-12-01T16:40:00.123Z, now, in UTC. */
        const char *ts = member(o, "ts");
        assert_int_equal(strlen(ts), 24);
        if (!(digits(ts, 4) && ts[4] == '-' && digits(ts + 5, 2) && ts[7] == '-' && digits(ts + 8, 2) &&
              ts[10] == 'T' && digits(ts + 11, 2) && ts[13] == ':' && digits(ts + 14, 2) && ts[16] == ':' &&
              digits(ts + 17, 2) && ts[19] == '.' && digits(ts + 20, 3) && ts[23] == 'Z'))
            fail_msg("ts %s", ts);
        struct tm tm = {0};
        assert_non_null(strptime(ts, "%Y-%m-%dT%H:%M:%S", &tm));
        time_t at = timegm(&tm);
        if (at < before - 1 || at > after + 1) fail_msg("ts %s is not now", ts);
        jarena_free(&p.a);
    }
    /* Plain again. */
    log_json(false);
    assert_false(log_is_json());
    assert_string_equal(PLAIN(LOG_INFO, "run", "x"), "run: x\n");
}

static void test_json_escapes(void **st)
{
    (void)st;
    const char *msg = "say \"hi\"\n\ttab\\back\r\x01\x1f\x7f caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 end";
    const char *t = JSON(LOG_WARN, "run", "%s", msg);
    parsed p;
    const jv *o = parse_line(&p, t);
    assert_string_equal(member(o, "msg"), msg);
    jarena_free(&p.a);
    /* In cmd too. */
    t = JSON(LOG_INFO, "we\"ird\ncmd", "m");
    o = parse_line(&p, t);
    assert_string_equal(member(o, "cmd"), "we\"ird\ncmd");
    jarena_free(&p.a);
    /* Every control character. */
    char all[40];
    for (int i = 1; i < 32; i++) all[i - 1] = (char)i;
    strcpy(all + 31, "z");
    t = JSON(LOG_INFO, "run", "%s", all);
    o = parse_line(&p, t);
    const char *back = member(o, "msg");
    /* Trailing newlines are dropped only at the end; \n in the middle stays. */
    assert_string_equal(back, all);
    jarena_free(&p.a);
    /* Bytes that are not UTF-8 (a message quoting bad input) become '?': the line stays JSON. */
    t = JSON(LOG_ERROR, "serve", "bad \xff\xfe byte \xc3 and \xed\xa0\x80 end");
    o = parse_line(&p, t);
    assert_string_equal(member(o, "msg"), "bad ?? byte ? and ??? end");
    jarena_free(&p.a);
}

/* ---- the leading newline ----------------------------------------------------------- */

static void test_leading_newline(void **st)
{
    (void)st;
    assert_string_equal(PLAIN(LOG_INFO, "run", "\n%d events", 5), "\nrun: 5 events\n");
    const char *t = JSON(LOG_INFO, "run", "\n%d events", 5);
    assert_true(t[0] == '{');
    parsed p;
    const jv *o = parse_line(&p, t);
    assert_string_equal(member(o, "msg"), "5 events");
    jarena_free(&p.a);
    /* Only in the format: one that comes from an argument is the message's. */
    assert_string_equal(PLAIN(LOG_INFO, "run", "%s", "\nx"), "run: \nx\n");
}

/* ---- secrets ----------------------------------------------------------------------- */

static const char *const SECRETS[] = {"sk_live_abcdef", "sk_live_abcdef123456", "wk-1234", "abc", NULL};
/* The same, the longer one first. */
static const char *const SECRETS_REV[] = {"sk_live_abcdef123456", "sk_live_abcdef", "wk-1234", "abc", NULL};

typedef struct {
    const char *in, *out;
} redaction;

static const redaction REDACTIONS[] = {
    {"key sk_live_abcdef here", "key [redacted] here"},
    {"key sk_live_abcdef123456 here", "key [redacted] here"}, /* the longer one whole, nothing of it left */
    {"sk_live_abcdef123456", "[redacted]"},
    {"wk-1234 at the start", "[redacted] at the start"},
    {"at the end wk-1234", "at the end [redacted]"},
    {"wk-1234wk-1234", "[redacted][redacted]"},
    {"x wk-1234 y wk-1234 z sk_live_abcdef", "x [redacted] y [redacted] z [redacted]"},
    {"wk-123 is not it, nor wk-12345 in part", "wk-123 is not it, nor [redacted]5 in part"},
    {"abc is too short to look for", "abc is too short to look for"},
    {"sk_live_abcde", "sk_live_abcde"},
};

static void test_redaction(void **st)
{
    (void)st;
    const char *const *lists[] = {SECRETS, SECRETS_REV};
    for (int l = 0; l < 2; l++) {
        log_secrets(lists[l]);
        for (size_t i = 0; i < sizeof REDACTIONS / sizeof REDACTIONS[0]; i++) {
            const redaction *r = &REDACTIONS[i];
            char want[512];
            snprintf(want, sizeof want, "run: %s\n", r->out);
            const char *t = PLAIN(LOG_INFO, "run", "%s", r->in);
            if (strcmp(t, want) != 0) fail_msg("list %d, plain: '%s'\n  got  '%s'  want '%s'", l, r->in, t, want);
            t = JSON(LOG_INFO, "run", "%s", r->in);
            parsed p;
            const jv *o = parse_line(&p, t);
            const char *m = member(o, "msg");
            if (strcmp(m, r->out) != 0) fail_msg("list %d, JSON: '%s'\n  got  '%s'\n  want '%s'", l, r->in, m, r->out);
            jarena_free(&p.a);
        }
    }
    /* In the format itself too. */
    log_secrets(SECRETS);
    assert_string_equal(PLAIN(LOG_INFO, "run", "fmt wk-1234 %d", 1), "run: fmt [redacted] 1\n");
    /* None registered: nothing replaced. */
    log_secrets(NULL);
    assert_string_equal(PLAIN(LOG_INFO, "run", "%s", "wk-1234"), "run: wk-1234\n");
    static const char *const EMPTY[] = {NULL};
    log_secrets(EMPTY);
    assert_string_equal(PLAIN(LOG_INFO, "run", "%s", "wk-1234"), "run: wk-1234\n");
    /* An empty secret (length 0 < LOG_SECRET_MIN) is not looked for. */
    static const char *const WITH_EMPTY[] = {"", "wk-1234", NULL};
    log_secrets(WITH_EMPTY);
    assert_string_equal(PLAIN(LOG_INFO, "run", "%s", "a wk-1234 b"), "run: a [redacted] b\n");
}

/* ---- long messages ------------------------------------------------------------------ */

static void test_long_messages(void **st)
{
    (void)st;
    size_t n = 100000;
    char *big = malloc(n + 1);
    for (size_t i = 0; i < n; i++) big[i] = (char)('a' + i % 26);
    big[n] = 0;

    /* Plain: cut, one line, the start of the message. */
    const char *t = PLAIN(LOG_INFO, "run", "%s", big);
    size_t len = strlen(t);
    assert_true(len > 1000 && len < 20000);
    assert_true(t[len - 1] == '\n');
    assert_null(memchr(t, '\n', len - 1));
    assert_true(strncmp(t, "run: ", 5) == 0);
    assert_memory_equal(t + 5, big, len - 6);
    printf("  a message of %zu bytes: a plain line of %zu\n", n, len);

    /* JSON: cut, one valid line. */
    t = JSON(LOG_INFO, "run", "%s", big);
    parsed p;
    const jv *o = parse_line(&p, t);
    const char *m = member(o, "msg");
    assert_true(strlen(m) > 1000);
    assert_memory_equal(m, big, strlen(m));
    jarena_free(&p.a);

    /* Escapes that grow it six-fold. */
    memset(big, '\x01', n);
    t = JSON(LOG_INFO, "run", "%s", big);
    o = parse_line(&p, t);
    m = member(o, "msg");
    assert_true(strlen(m) > 1000);
    for (const char *c = m; *c; c++) assert_int_equal(*c, 1);
    jarena_free(&p.a);

    /* Secrets that grow it (4 bytes -> 10) to past the cut. */
    static const char *const SHORT[] = {"wk-1", NULL};
    log_secrets(SHORT);
    for (size_t i = 0; i + 4 <= n; i += 4) memcpy(big + i, "wk-1", 4);
    t = PLAIN(LOG_INFO, "run", "%s", big);
    len = strlen(t);
    assert_true(t[len - 1] == '\n');
    assert_null(strstr(t, "wk-1"));
    t = JSON(LOG_INFO, "run", "%s", big);
    o = parse_line(&p, t);
    assert_null(strstr(member(o, "msg"), "wk-1"));
    jarena_free(&p.a);
    log_secrets(NULL);

    /* A secret across the cut: nothing of its start is left at the end. */
    log_secrets(SECRETS);
    for (size_t shift = 0; shift < 24; shift++) {
        memset(big, 'a', n);
        memcpy(big + 8170 + shift, "sk_live_abcdef123456", 20);
        t = PLAIN(LOG_INFO, "run", "%s", big);
        len = strlen(t);
        if (strstr(t, "sk_") || t[len - 1] != '\n')
            fail_msg("shift %zu: ...%s", shift, t + len - 40);
        t = JSON(LOG_INFO, "run", "%s", big);
        o = parse_line(&p, t);
        m = member(o, "msg");
        if (strstr(m, "sk_")) fail_msg("shift %zu: JSON ...%s", shift, m + strlen(m) - 40);
        jarena_free(&p.a);
    }
    log_secrets(NULL);

    /* Two-byte characters: the cut falls on a character's boundary, so the
     * JSON line stays valid UTF-8 (json_parse refuses anything else). */
    for (size_t i = 0; i + 2 <= n; i += 2) memcpy(big + i, "\xc3\xa9", 2);
    big[n] = 0;
    for (int shift = 0; shift < 4; shift++) { /* every phase of the cut */
        t = JSON(LOG_INFO, "run", "%.*s%s", shift, "xxx", big);
        o = parse_line(&p, t);
        jarena_free(&p.a);
    }
    /* Four-byte ones. */
    for (size_t i = 0; i + 4 <= n; i += 4) memcpy(big + i, "\xf0\x9f\x98\x80", 4);
    big[n - n % 4] = 0;
    for (int shift = 0; shift < 4; shift++) {
        t = JSON(LOG_INFO, "run", "%.*s%s", shift, "xxx", big);
        o = parse_line(&p, t);
        jarena_free(&p.a);
    }
    free(big);
}

/* ---- threads ----------------------------------------------------------------------- */

#define LINES_PER_THREAD 500
#define PAD 300

static char pad[PAD + 1];

static void *logger(void *arg)
{
    int id = (int)(intptr_t)arg;
    for (int i = 0; i < LINES_PER_THREAD; i++) log_say(LOG_INFO, "t", "thread %d line %d %s end", id, i, pad);
    return NULL;
}

static void check_threads(bool json)
{
    log_json(json);
    capture_begin();
    pthread_t th[4];
    for (int i = 0; i < 4; i++) assert_int_equal(pthread_create(&th[i], NULL, logger, (void *)(intptr_t)i), 0);
    for (int i = 0; i < 4; i++) pthread_join(th[i], NULL);
    const char *t = capture_end();
    int seen[4][LINES_PER_THREAD] = {{0}};
    int lines = 0;
    for (const char *p = t; *p;) {
        const char *e = strchr(p, '\n');
        assert_non_null(e);
        char line[2048];
        size_t n = (size_t)(e - p);
        assert_true(n < sizeof line);
        memcpy(line, p, n);
        line[n] = 0;
        const char *msg = line;
        parsed ps;
        if (json) {
            char withnl[2050];
            snprintf(withnl, sizeof withnl, "%s\n", line);
            const jv *o = parse_line(&ps, withnl);
            msg = member(o, "msg");
        } else {
            if (strncmp(line, "t: ", 3) != 0) fail_msg("torn line: '%s'", line);
            msg = line + 3;
        }
        int id, i, k = 0;
        char rest[PAD + 8];
        if (sscanf(msg, "thread %d line %d %n", &id, &i, &k) != 2 || id < 0 || id > 3 || i < 0 ||
            i >= LINES_PER_THREAD)
            fail_msg("torn line: '%s'", line);
        snprintf(rest, sizeof rest, "%s end", pad);
        if (strcmp(msg + k, rest) != 0) fail_msg("torn line: '%s'", line);
        seen[id][i]++;
        if (json) jarena_free(&ps.a);
        lines++;
        p = e + 1;
    }
    assert_int_equal(lines, 4 * LINES_PER_THREAD);
    for (int id = 0; id < 4; id++)
        for (int i = 0; i < LINES_PER_THREAD; i++) assert_int_equal(seen[id][i], 1);
}

static void test_threads(void **st)
{
    (void)st;
    memset(pad, 'p', PAD);
    check_threads(false);
    check_threads(true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_plain, teardown),
        cmocka_unit_test_teardown(test_plain_stdio_first, teardown),
        cmocka_unit_test_teardown(test_json_line, teardown),
        cmocka_unit_test_teardown(test_json_escapes, teardown),
        cmocka_unit_test_teardown(test_leading_newline, teardown),
        cmocka_unit_test_teardown(test_redaction, teardown),
        cmocka_unit_test_teardown(test_long_messages, teardown),
        cmocka_unit_test_teardown(test_threads, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    free(captured);
    return rc;
}
