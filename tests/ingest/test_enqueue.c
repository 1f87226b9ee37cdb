/* Unit tests: input lines to the durable queue — runtime/ingest/enqueue.c,
 * on a ":memory:" queue (and a SQLite one in a child for the failed put).
 *
 * Covered: a line of one event put with its messageId, its bytes as the
 * line; a batch line split, its context merged (the item's own keys win),
 * each item put; an event without a messageId (or with one that is empty or
 * not a string) given "run:FILE:LINE:ITEM:HASH", the same when the same line
 * is enqueued again at the same place (every event of the second time a
 * duplicate: e.duplicates), other for the same event on another line, in
 * another file, at another item; invalid lines and items to the invalid
 * callback with why, the valid items of the line still put; more than
 * ENQUEUE_BATCH events put in several commits; enqueue_flush with nothing;
 * a put that fails (RLIMIT_FSIZE in a forked child) setting failed and err,
 * and nothing more put after it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ingest/enqueue.h"
#include "support/tmpdir.h"

/* ---- fixtures ------------------------------------------------------------------ */

typedef struct {
    int n;
    char raw[8][256];
    char why[8][256];
} invalids;

static void on_invalid(void *ctx, const char *raw, size_t len, const char *why)
{
    invalids *iv = ctx;
    if (iv->n < 8) {
        snprintf(iv->raw[iv->n], sizeof iv->raw[0], "%.*s", (int)len, raw);
        snprintf(iv->why[iv->n], sizeof iv->why[0], "%s", why);
    }
    iv->n++;
}

typedef struct {
    queue *q;
    enqueuer e;
    invalids iv;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    queue_opts o;
    queue_opts_default(&o);
    o.path = ":memory:";
    char err[256];
    if (!(f->q = queue_open(&o, err, sizeof err))) {
        fprintf(stderr, "queue_open: %s\n", err);
        free(f);
        return -1;
    }
    enqueue_init(&f->e, f->q, on_invalid, &f->iv);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    enqueue_free(&f->e);
    queue_close(f->q);
    free(f);
    return 0;
}

static int line(fx *f, const char *text, int file_no, uint64_t line_no)
{
    return enqueue_line(&f->e, text, strlen(text), file_no, line_no);
}

/* The id of waiting item i (before the flush), NUL-ended in a static buffer. */
static const char *waiting_id(const enqueuer *e, size_t i)
{
    static char buf[2][256];
    static int next;
    assert_true(i < e->n);
    const enqueue_item *it = &e->items[i];
    char *b = buf[next++ % 2];
    assert_true(it->id_len < sizeof buf[0]);
    memcpy(b, e->data.p + it->id_off, it->id_len);
    b[it->id_len] = 0;
    return b;
}

static const char *waiting_data(const enqueuer *e, size_t i)
{
    static char buf[2][4096];
    static int next;
    assert_true(i < e->n);
    const enqueue_item *it = &e->items[i];
    char *b = buf[next++ % 2];
    assert_true(it->len < sizeof buf[0]);
    memcpy(b, e->data.p + it->off, it->len);
    b[it->len] = 0;
    return b;
}

/* Whether id is known to the queue's dedupe (a put of it is a duplicate). */
static bool queue_knows(queue *q, const char *id)
{
    queue_msg m = {.data = "{}", .len = 2, .id = id, .id_len = strlen(id)};
    uint8_t st = 9;
    char err[256];
    assert_int_equal(queue_put(q, &m, 1, 1, &st, err, sizeof err), 0);
    return st == QUEUE_DUPLICATE;
}

static uint64_t depth(queue *q)
{
    queue_depth d;
    char err[256];
    assert_int_equal(queue_depth_get(q, &d, err, sizeof err), 0);
    return d.events;
}

/* Generated ids: "run:FILE:LINE:ITEM:" then 16 lowercase hex digits. */
static void assert_generated(const char *id, int file_no, uint64_t line_no, size_t item)
{
    char prefix[96];
    int k = snprintf(prefix, sizeof prefix, "run:%d:%llu:%zu:", file_no, (unsigned long long)line_no, item);
    if (strncmp(id, prefix, (size_t)k) != 0 || strlen(id) != (size_t)k + 16) fail_msg("id %s, want %s<hash>", id, prefix);
    for (const char *h = id + k; *h; h++)
        if (!((*h >= '0' && *h <= '9') || (*h >= 'a' && *h <= 'f'))) fail_msg("id %s: hash not hex", id);
}

/* ---- one event ------------------------------------------------------------------ */

static void test_one_event(void **state)
{
    fx *f = *state;
    const char *ev = "{\"type\":\"track\",\"event\":\"Signed Up\",\"messageId\":\"m-1\",\"userId\":\"u1\"}";
    assert_int_equal(line(f, ev, 1, 1), 0);
    assert_int_equal(f->e.n, 1);
    assert_string_equal(waiting_id(&f->e, 0), "m-1");
    assert_string_equal(waiting_data(&f->e, 0), ev); /* as written, nothing added */
    assert_int_equal(f->e.added, 0);                 /* not committed yet */
    assert_int_equal(enqueue_flush(&f->e), 0);
    assert_int_equal(f->e.n, 0);
    assert_int_equal(f->e.added, 1);
    assert_int_equal(f->e.duplicates, 0);
    assert_false(f->e.failed);
    assert_int_equal(f->iv.n, 0);

    queue_item it[4];
    char err[256];
    assert_int_equal(queue_lease(f->q, INT64_MAX / 2, it, 4, err, sizeof err), 1);
    assert_int_equal(it[0].len, strlen(ev));
    assert_memory_equal(it[0].data, ev, it[0].len);
    assert_true(queue_knows(f->q, "m-1"));
    assert_false(queue_knows(f->q, "m-2"));

    /* The same messageId elsewhere: a duplicate, whatever the line. */
    assert_int_equal(line(f, "{\"type\":\"track\",\"event\":\"Other\",\"messageId\":\"m-1\"}", 3, 9), 0);
    assert_int_equal(enqueue_flush(&f->e), 0);
    assert_int_equal(f->e.added, 1);
    assert_int_equal(f->e.duplicates, 1);
}

/* ---- a batch --------------------------------------------------------------------- */

static void test_batch_line(void **state)
{
    fx *f = *state;
    const char *b = "{\"batch\":["
                    "{\"type\":\"track\",\"event\":\"A\",\"messageId\":\"b1\"},"
                    "{\"type\":\"identify\",\"userId\":\"u\"},"
                    "{\"type\":\"track\",\"event\":\"C\",\"messageId\":\"b3\",\"context\":{\"ip\":\"9.9.9.9\"}}"
                    "],\"context\":{\"ip\":\"1.2.3.4\",\"library\":{\"name\":\"x\"}}}";
    assert_int_equal(line(f, b, 2, 5), 0);
    assert_int_equal(f->iv.n, 0);
    assert_int_equal(f->e.n, 3);
    assert_string_equal(waiting_id(&f->e, 0), "b1");
    assert_generated(waiting_id(&f->e, 1), 2, 5, 1);
    assert_string_equal(waiting_id(&f->e, 2), "b3");
    /* The batch's context merged into each item; the item's own keys win. */
    for (int i = 0; i < 3; i++) {
        const char *d = waiting_data(&f->e, (size_t)i);
        assert_non_null(strstr(d, "\"library\":{\"name\":\"x\"}"));
        assert_null(strstr(d, "\"batch\""));
    }
    assert_non_null(strstr(waiting_data(&f->e, 0), "\"ip\":\"1.2.3.4\""));
    assert_non_null(strstr(waiting_data(&f->e, 1), "\"ip\":\"1.2.3.4\""));
    assert_non_null(strstr(waiting_data(&f->e, 2), "\"ip\":\"9.9.9.9\""));
    assert_null(strstr(waiting_data(&f->e, 2), "1.2.3.4"));
    assert_non_null(strstr(waiting_data(&f->e, 1), "\"userId\":\"u\""));

    assert_int_equal(enqueue_flush(&f->e), 0);
    assert_int_equal(f->e.added, 3);
    assert_int_equal(depth(f->q), 3);
    /* In order. */
    queue_item it[4];
    char err[256];
    assert_int_equal(queue_lease(f->q, INT64_MAX / 2, it, 4, err, sizeof err), 3);
    assert_non_null(memmem(it[0].data, it[0].len, "\"event\":\"A\"", 11));
    assert_non_null(memmem(it[1].data, it[1].len, "\"identify\"", 10));
    assert_non_null(memmem(it[2].data, it[2].len, "\"event\":\"C\"", 11));
    assert_true(queue_knows(f->q, "b1"));
    assert_true(queue_knows(f->q, "b3"));
}

/* ---- stable ids ------------------------------------------------------------------- */

static void test_stable_ids(void **state)
{
    fx *f = *state;
    const char *ev = "{\"type\":\"track\",\"event\":\"No Id\",\"userId\":\"u1\"}";
    const char *b = "{\"batch\":[{\"type\":\"track\",\"event\":\"x\"},{\"type\":\"track\",\"event\":\"x\"},"
                    "{\"type\":\"page\",\"name\":\"p\"}]}";
    assert_int_equal(line(f, ev, 1, 7), 0);
    char first[256];
    snprintf(first, sizeof first, "%s", waiting_id(&f->e, 0));
    assert_generated(first, 1, 7, 0);
    assert_int_equal(line(f, b, 1, 8), 0);
    assert_int_equal(f->e.n, 4);
    assert_generated(waiting_id(&f->e, 1), 1, 8, 0);
    assert_generated(waiting_id(&f->e, 2), 1, 8, 1);
    assert_generated(waiting_id(&f->e, 3), 1, 8, 2);
    /* Two identical items of one batch: ids differ by the item. */
    assert_string_not_equal(waiting_id(&f->e, 1), waiting_id(&f->e, 2));
    assert_int_equal(enqueue_flush(&f->e), 0);
    assert_int_equal(f->e.added, 4);
    assert_int_equal(f->e.duplicates, 0);
    assert_true(queue_knows(f->q, first));

    /* The same lines at the same places again (a run resumed): the same ids,
     * every event a duplicate. */
    assert_int_equal(line(f, ev, 1, 7), 0);
    assert_string_equal(waiting_id(&f->e, 0), first);
    assert_int_equal(line(f, b, 1, 8), 0);
    assert_int_equal(enqueue_flush(&f->e), 0);
    assert_int_equal(f->e.added, 4);
    assert_int_equal(f->e.duplicates, 4);
    assert_int_equal(depth(f->q), 4);

    /* The same event on another line, in another file: other ids, added. */
    assert_int_equal(line(f, ev, 1, 9), 0);
    assert_generated(waiting_id(&f->e, 0), 1, 9, 0);
    assert_string_not_equal(waiting_id(&f->e, 0), first);
    assert_int_equal(line(f, ev, 2, 7), 0);
    assert_generated(waiting_id(&f->e, 1), 2, 7, 0);
    assert_int_equal(enqueue_flush(&f->e), 0);
    assert_int_equal(f->e.added, 6);
    assert_int_equal(f->e.duplicates, 4);

    /* Another event at the same place: the hash differs, so it is added. */
    assert_int_equal(line(f, "{\"type\":\"track\",\"event\":\"Changed\",\"userId\":\"u1\"}", 1, 7), 0);
    const char *other = waiting_id(&f->e, 0);
    assert_generated(other, 1, 7, 0);
    assert_string_not_equal(other, first);
    assert_int_equal(enqueue_flush(&f->e), 0);
    assert_int_equal(f->e.added, 7);
}

static void test_message_id_kinds(void **state)
{
    fx *f = *state;
    /* Empty, a number, null, an object: none of them an id. */
    const char *evs[] = {
        "{\"type\":\"track\",\"event\":\"a\",\"messageId\":\"\"}",
        "{\"type\":\"track\",\"event\":\"a\",\"messageId\":5}",
        "{\"type\":\"track\",\"event\":\"a\",\"messageId\":null}",
        "{\"type\":\"track\",\"event\":\"a\",\"messageId\":{\"id\":\"x\"}}",
    };
    for (int i = 0; i < 4; i++) {
        assert_int_equal(line(f, evs[i], 1, (uint64_t)i + 1), 0);
        assert_generated(waiting_id(&f->e, (size_t)i), 1, (uint64_t)i + 1, 0);
    }
    /* An id with JSON escapes is the decoded string. */
    assert_int_equal(line(f, "{\"type\":\"track\",\"event\":\"a\",\"messageId\":\"q\\\"\\u00e9\"}", 1, 5), 0);
    assert_string_equal(waiting_id(&f->e, 4), "q\"\xc3\xa9");
    assert_int_equal(enqueue_flush(&f->e), 0);
    assert_int_equal(f->e.added, 5);
    assert_true(queue_knows(f->q, "q\"\xc3\xa9"));
}

/* ---- what is not an event ---------------------------------------------------------- */

static void test_invalid(void **state)
{
    fx *f = *state;
    assert_int_equal(line(f, "not json", 1, 1), 0);
    assert_int_equal(line(f, "[1,2]", 1, 2), 0);
    assert_int_equal(line(f, "\"a string\"", 1, 3), 0);
    assert_int_equal(f->iv.n, 3);
    assert_string_equal(f->iv.raw[0], "not json");
    assert_string_equal(f->iv.raw[1], "[1,2]");
    assert_string_equal(f->iv.raw[2], "\"a string\"");
    for (int i = 0; i < 3; i++)
        if (!f->iv.why[i][0]) fail_msg("invalid %d without why", i);
    assert_non_null(strstr(f->iv.why[1], "must be a JSON object"));
    assert_int_equal(f->e.n, 0);

    /* A batch with a bad item: the item goes to invalid, the others are put,
     * and the ids of those after it keep their place. */
    assert_int_equal(line(f, "{\"batch\":[{\"type\":\"track\",\"event\":\"a\"},7,{\"type\":\"track\",\"event\":\"c\"}]}",
                          1, 4),
                     0);
    assert_int_equal(f->iv.n, 4);
    assert_string_equal(f->iv.raw[3], "7");
    assert_string_equal(f->iv.why[3], "a batch item must be a JSON object");
    assert_int_equal(f->e.n, 2);
    assert_generated(waiting_id(&f->e, 0), 1, 4, 0);
    assert_generated(waiting_id(&f->e, 1), 1, 4, 2);

    /* "batch" not an array: the line is invalid whole. */
    assert_int_equal(line(f, "{\"batch\":{\"a\":1}}", 1, 5), 0);
    assert_int_equal(f->iv.n, 5);
    assert_string_equal(f->iv.why[4], "\"batch\" must be an array of events");
    assert_int_equal(f->e.n, 2);

    assert_int_equal(enqueue_flush(&f->e), 0);
    assert_int_equal(f->e.added, 2);
    assert_int_equal(depth(f->q), 2);
    assert_false(f->e.failed);
}

/* ---- commits ------------------------------------------------------------------------ */

static void test_several_commits(void **state)
{
    fx *f = *state;
    size_t n = 2 * ENQUEUE_BATCH + 452;
    jbuf b;
    jbuf_init(&b);
    jbuf_puts(&b, "{\"batch\":[");
    for (size_t i = 0; i < n; i++)
        jbuf_printf(&b, "%s{\"type\":\"track\",\"event\":\"e%zu\",\"messageId\":\"id-%zu\"}", i ? "," : "", i, i);
    jbuf_puts(&b, "],\"context\":{\"k\":1}}");
    assert_int_equal(enqueue_line(&f->e, b.p, b.len, 1, 1), 0);
    /* Two commits of ENQUEUE_BATCH during the line, the rest waiting. */
    assert_int_equal(f->e.added, 2 * ENQUEUE_BATCH);
    assert_int_equal(f->e.n, n - 2 * ENQUEUE_BATCH);
    assert_int_equal(depth(f->q), 2 * ENQUEUE_BATCH);
    assert_int_equal(enqueue_flush(&f->e), 0);
    assert_int_equal(f->e.added, n);
    assert_int_equal(depth(f->q), n);
    assert_true(queue_knows(f->q, "id-0"));
    assert_true(queue_knows(f->q, "id-1500"));
    char last[32];
    snprintf(last, sizeof last, "id-%zu", n - 1);
    assert_true(queue_knows(f->q, last));

    /* Many one-event lines: committed as they fill a commit. */
    for (size_t i = 0; i < ENQUEUE_BATCH + 10; i++) {
        char ev[128];
        snprintf(ev, sizeof ev, "{\"type\":\"track\",\"event\":\"line %zu\"}", i);
        assert_int_equal(line(f, ev, 2, i + 1), 0);
    }
    assert_int_equal(f->e.added, n + ENQUEUE_BATCH);
    assert_int_equal(f->e.n, 10);
    assert_int_equal(enqueue_flush(&f->e), 0);
    assert_int_equal(f->e.added, n + ENQUEUE_BATCH + 10);
    jbuf_free(&b);
}

static void test_flush_nothing(void **state)
{
    fx *f = *state;
    assert_int_equal(enqueue_flush(&f->e), 0);
    assert_int_equal(enqueue_flush(&f->e), 0);
    assert_int_equal(f->e.added, 0);
    assert_int_equal(f->e.duplicates, 0);
    assert_false(f->e.failed);
    assert_int_equal(depth(f->q), 0);
    /* After a flush that committed, again nothing. */
    assert_int_equal(line(f, "{\"type\":\"track\",\"event\":\"a\"}", 1, 1), 0);
    assert_int_equal(enqueue_flush(&f->e), 0);
    assert_int_equal(enqueue_flush(&f->e), 0);
    assert_int_equal(f->e.added, 1);
}

/* ---- a put that fails ---------------------------------------------------------------- */

static void ignore_invalid(void *ctx, const char *raw, size_t len, const char *why)
{
    (void)raw, (void)len, (void)why;
    ++*(int *)ctx;
}

/* In a child: a SQLite queue whose file may grow by little (RLIMIT_FSIZE,
 * SIGXFSZ ignored so that write fails with EFBIG). Exit status: the number
 * of the first check that failed, 0 when all held. */
static int full_child(const char *path)
{
    queue_opts o;
    queue_opts_default(&o);
    o.path = path;
    char err[512];
    queue *q = queue_open(&o, err, sizeof err);
    if (!q) return 10;
    int bad = 0;
    enqueuer e;
    enqueue_init(&e, q, ignore_invalid, &bad);
    const char *small = "{\"type\":\"track\",\"event\":\"small\"}";
    if (enqueue_line(&e, small, strlen(small), 1, 1) || enqueue_flush(&e) || e.added != 1) return 11;
    if (signal(SIGXFSZ, SIG_IGN) == SIG_ERR) return 12;
    struct rlimit lim;
    if (getrlimit(RLIMIT_FSIZE, &lim) != 0) return 13;
    lim.rlim_cur = 256 * 1024;
    if (setrlimit(RLIMIT_FSIZE, &lim) != 0) return 14;
    size_t big = 2u << 20;
    char *ev = malloc(big + 64);
    if (!ev) return 15;
    int k = snprintf(ev, 64, "{\"type\":\"track\",\"event\":\"");
    memset(ev + k, 'B', big);
    strcpy(ev + k + big, "\"}");
    size_t len = strlen(ev);
    if (enqueue_line(&e, ev, len, 1, 2) != 0) return 16; /* waiting, not committed yet */
    if (enqueue_flush(&e) != -1) return 17;
    if (!e.failed) return 18;
    fprintf(stderr, "  (expected) %s\n", e.err);
    if (!strstr(e.err, path)) return 19;
    if (e.added != 1) return 20;
    /* Nothing more is put: lines and flushes refuse. */
    if (enqueue_line(&e, small, strlen(small), 1, 3) != -1) return 21;
    if (enqueue_flush(&e) != -1) return 22;
    queue_depth d;
    if (queue_depth_get(q, &d, err, sizeof err) != 0 || d.events != 1) return 23;
    if (bad) return 24;
    free(ev);
    enqueue_free(&e);
    queue_close(q);
    return 0;
}

static void test_put_fails(void **state)
{
    (void)state;
    char dir[64];
    assert_int_equal(tmpdir_make(dir, sizeof dir, "test_enqueue"), 0);
    char path[128];
    snprintf(path, sizeof path, "%s/queue.db", dir);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) _exit(full_child(path));
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    tmpdir_remove(dir);
    if (!WIFEXITED(status)) fail_msg("child died (signal %d)", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    if (WEXITSTATUS(status) != 0) fail_msg("child's check %d failed", WEXITSTATUS(status));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_one_event, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stable_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_message_id_kinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid, setup, teardown),
        cmocka_unit_test_setup_teardown(test_several_commits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flush_nothing, setup, teardown),
        cmocka_unit_test(test_put_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
