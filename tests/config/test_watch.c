/* Unit tests: config/watch — real inotify in a temporary directory, a fake
 * clock for the debounce. Saves by write-and-rename and by truncate-and-write,
 * a burst as one trigger, the cap on a burst that goes on, unrelated files
 * ignored, a file deleted and created again (and one that did not exist yet)
 * still watched, a new set replacing the old one without losing what is
 * queued, a directory that cannot be watched, a symbolic link's target, a
 * deleted directory, watch_clear. inotify queues an event before the system
 * call that caused it returns, so each change is there for the next
 * watch_ready. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/watch.h"
#include "support/tmpdir.h"

static int64_t g_now;

static int64_t fake_ms(void *ctx)
{
    (void)ctx;
    return g_now;
}

typedef struct {
    char dir[64];
    watch *w;
} fx;

/* Saves by truncate-and-write. */
static void put(const fx *f, const char *name, const char *text)
{
    tmpdir_write(f->dir, name, text);
}

static void save_by_rename(const fx *f, const char *name, const char *text)
{
    char tmp[96], from[256], to[256];
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    snprintf(tmp, sizeof tmp, "%.*s.%s.tmp~", (int)(base - name), name, base); /* beside it */
    put(f, tmp, text);
    snprintf(from, sizeof from, "%s/%s", f->dir, tmp);
    snprintf(to, sizeof to, "%s/%s", f->dir, name);
    assert_int_equal(rename(from, to), 0);
}

static void rm(const fx *f, const char *name)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", f->dir, name);
    assert_int_equal(unlink(p), 0);
}

/* Makes the directory dir/NAME; returns its path (until the next call). */
static const char *mkdir_in(const fx *f, const char *name)
{
    static char p[256];
    snprintf(p, sizeof p, "%s/%s", f->dir, name);
    assert_int_equal(mkdir(p, 0700), 0);
    return p;
}

/* Watches dir/NAME for each name given (NULL-terminated). */
static void watch_names(fx *f, ...)
{
    const char *paths[8];
    static char bufs[8][256];
    int n = 0;
    va_list ap;
    va_start(ap, f);
    for (const char *nm; (nm = va_arg(ap, const char *));) {
        snprintf(bufs[n], sizeof bufs[n], "%s/%s", f->dir, nm);
        paths[n] = bufs[n];
        n++;
    }
    va_end(ap);
    char err[512];
    if (watch_set(f->w, paths, n, err, sizeof err)) fail_msg("%s", err);
}

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    if (tmpdir_make(f->dir, sizeof f->dir, "test_watch")) return -1;
    char err[256];
    g_now = 1000;
    f->w = watch_new(fake_ms, NULL, err, sizeof err);
    if (!f->w) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    watch_free(f->w);
    int rc = tmpdir_remove(f->dir);
    free(f);
    return rc == 0 ? 0 : -1;
}

/* Nothing is due: not now, and not after a long time either. */
static void assert_quiet(watch *w)
{
    assert_false(watch_ready(w));
    assert_int_equal(watch_timeout_ms(w), -1);
    g_now += 10 * WATCH_DEBOUNCE_MAX_MS;
    assert_false(watch_ready(w));
}

/* A change was seen: nothing until the debounce is over, then one trigger. */
static void assert_triggers(watch *w)
{
    assert_false(watch_ready(w));
    assert_int_equal(watch_timeout_ms(w), WATCH_DEBOUNCE_MS);
    g_now += WATCH_DEBOUNCE_MS - 1;
    assert_false(watch_ready(w));
    assert_int_equal(watch_timeout_ms(w), 1);
    g_now += 1;
    assert_int_equal(watch_timeout_ms(w), 0);
    assert_true(watch_ready(w));
    assert_quiet(w); /* once */
}

/* a.lua saved twice with save: each save triggers once. */
static void assert_saves_trigger(fx *f, void (*save)(const fx *, const char *, const char *))
{
    save(f, "a.lua", "return 2");
    assert_triggers(f->w);
    save(f, "a.lua", "return 3");
    assert_triggers(f->w);
}

static void test_write_and_rename(void **state)
{
    fx *f = *state;
    put(f, "a.lua", "return 1");
    watch_names(f, "a.lua", NULL);
    assert_int_equal(watch_fd(f->w) >= 0, 1);
    assert_quiet(f->w);
    /* the file is a new inode after each: the watch (on the directory) still sees it */
    assert_saves_trigger(f, save_by_rename);
}

static void test_truncate_and_write(void **state)
{
    fx *f = *state;
    put(f, "a.lua", "return 1");
    watch_names(f, "a.lua", NULL);
    assert_saves_trigger(f, put);
}

static void test_burst_is_one_trigger(void **state)
{
    fx *f = *state;
    watch_names(f, "a.lua", "b.lua", NULL);
    /* 9 saves of two files, 50 ms apart: each one pushes the trigger back */
    for (int i = 0; i < 9; i++) {
        put(f, i % 2 ? "a.lua" : "b.lua", "x");
        assert_false(watch_ready(f->w));
        assert_int_equal(watch_timeout_ms(f->w), WATCH_DEBOUNCE_MS);
        g_now += 50;
    }
    assert_false(watch_ready(f->w));
    g_now += WATCH_DEBOUNCE_MS - 50;
    assert_true(watch_ready(f->w));
    assert_quiet(f->w);
}

static void test_burst_capped(void **state)
{
    fx *f = *state;
    watch_names(f, "a.lua", NULL);
    int64_t t0 = g_now;
    int triggers = 0;
    /* a save every 50 ms for 2.5 s: never quiet for the debounce, so it
     * triggers every WATCH_DEBOUNCE_MAX_MS */
    for (int i = 0; i < 50; i++) {
        put(f, "a.lua", "x");
        if (watch_ready(f->w)) {
            triggers++;
            assert_true(g_now - t0 >= WATCH_DEBOUNCE_MAX_MS * triggers);
        }
        assert_true(watch_timeout_ms(f->w) <= WATCH_DEBOUNCE_MAX_MS);
        g_now += 50;
    }
    assert_int_equal(triggers, 2);
}

static void test_unrelated_ignored(void **state)
{
    fx *f = *state;
    put(f, "a.lua", "return 1");
    watch_names(f, "a.lua", "a.fixtures.ndjson", NULL);
    put(f, "other.lua", "x");
    put(f, "a.lua.swp", "x");
    put(f, "A.LUA", "x");
    save_by_rename(f, "b.lua", "x");          /* a temporary name renamed to another */
    rm(f, "other.lua");
    mkdir_in(f, "sub");                       /* in a directory of its own: not watched */
    put(f, "sub/a.lua", "x");
    /* readable (events came), but none of them relevant */
    assert_quiet(f->w);
}

static void test_deleted_then_recreated(void **state)
{
    fx *f = *state;
    put(f, "a.lua", "return 1");
    watch_names(f, "a.lua", "a.fixtures.ndjson", NULL);
    rm(f, "a.lua");
    assert_triggers(f->w);
    assert_saves_trigger(f, put); /* created again: still watched */
    /* a file that did not exist when the watch began */
    put(f, "a.fixtures.ndjson", "{}\n");
    assert_triggers(f->w);
    /* touch (attributes only) */
    char p[256];
    snprintf(p, sizeof p, "%s/a.lua", f->dir);
    assert_int_equal(chmod(p, 0600), 0);
    assert_triggers(f->w);
}

static void test_set_replaces(void **state)
{
    fx *f = *state;
    mkdir_in(f, "sub");
    watch_names(f, "a.lua", NULL);
    assert_int_equal(watch_ndirs(f->w), 1);
    assert_int_equal(watch_nfiles(f->w), 1);
    /* a change queued before the set changes, in a directory that stays */
    put(f, "a.lua", "x");
    watch_names(f, "a.lua", "b.lua", "sub/c.lua", "./a.lua", NULL);
    assert_int_equal(watch_ndirs(f->w), 2);
    assert_int_equal(watch_nfiles(f->w), 3); /* the same directory and name, twice: once */
    assert_triggers(f->w);                    /* ... still seen */
    put(f, "sub/c.lua", "x");
    assert_triggers(f->w);
    /* a debounce under way survives a new set */
    put(f, "b.lua", "x");
    assert_false(watch_ready(f->w));
    watch_names(f, "b.lua", NULL);
    assert_int_equal(watch_ndirs(f->w), 1);
    assert_triggers(f->w);
    /* no longer watched */
    put(f, "a.lua", "x");
    put(f, "sub/c.lua", "x");
    assert_quiet(f->w);
    watch_names(f, NULL);
    assert_int_equal(watch_ndirs(f->w), 0);
    put(f, "b.lua", "x");
    assert_quiet(f->w);
}

static void test_unwatchable(void **state)
{
    fx *f = *state;
    put(f, "file", "x");
    char missing[128], notdir[128], ok[128], err[512] = "";
    snprintf(missing, sizeof missing, "%s/nope/a.lua", f->dir);
    snprintf(notdir, sizeof notdir, "%s/file/a.lua", f->dir);
    snprintf(ok, sizeof ok, "%s/a.lua", f->dir);
    const char *paths[] = {missing, notdir, ok};
    assert_int_equal(watch_set(f->w, paths, 3, err, sizeof err), -1);
    assert_non_null(strstr(err, "/nope"));
    assert_non_null(strstr(err, "No such file or directory"));
    assert_int_equal(watch_ndirs(f->w), 1); /* the rest is watched */
    put(f, "a.lua", "x");
    assert_triggers(f->w);
    const char *bad[] = {""};
    assert_int_equal(watch_set(f->w, bad, 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "not a file path"));
}

static void test_symlink_target(void **state)
{
    fx *f = *state;
    char target[160], link[160];
    mkdir_in(f, "real");
    put(f, "real/a.lua", "x");
    snprintf(target, sizeof target, "%s/real/a.lua", f->dir);
    snprintf(link, sizeof link, "%s/a.lua", f->dir);
    assert_int_equal(symlink(target, link), 0);
    watch_names(f, "a.lua", NULL);
    assert_int_equal(watch_ndirs(f->w), 2);
    save_by_rename(f, "real/a.lua", "y"); /* the target edited where it is */
    assert_triggers(f->w);
}

static void test_directory_deleted(void **state)
{
    fx *f = *state;
    const char *sub = mkdir_in(f, "sub");
    watch_names(f, "sub/a.lua", NULL);
    assert_int_equal(rmdir(sub), 0);
    assert_triggers(f->w);
    assert_int_equal(watch_ndirs(f->w), 0); /* its watch is gone */
    /* created again: watched once the set is given again */
    mkdir_in(f, "sub");
    watch_names(f, "sub/a.lua", NULL);
    put(f, "sub/a.lua", "x");
    assert_triggers(f->w);
}

static void test_clear(void **state)
{
    fx *f = *state;
    watch_names(f, "a.lua", NULL);
    put(f, "a.lua", "x");
    assert_false(watch_ready(f->w)); /* a debounce under way */
    watch_clear(f->w);
    assert_int_equal(watch_timeout_ms(f->w), -1);
    put(f, "a.lua", "y"); /* queued, not read yet: cleared too */
    watch_clear(f->w);
    assert_quiet(f->w);
    put(f, "a.lua", "z"); /* and later changes are seen */
    assert_triggers(f->w);
}

/* Every test in a directory of its own, with a watch on a fake clock. */
#define WATCH_TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        WATCH_TEST(test_write_and_rename),  WATCH_TEST(test_truncate_and_write), WATCH_TEST(test_burst_is_one_trigger),
        WATCH_TEST(test_burst_capped),      WATCH_TEST(test_unrelated_ignored),  WATCH_TEST(test_deleted_then_recreated),
        WATCH_TEST(test_set_replaces),      WATCH_TEST(test_unwatchable),        WATCH_TEST(test_symlink_target),
        WATCH_TEST(test_directory_deleted), WATCH_TEST(test_clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
