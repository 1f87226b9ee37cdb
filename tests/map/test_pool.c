/* Unit tests: mapping on worker threads (map/pool.h) gives what mapping in
 * place gives, event by event; jobs come back once each; scripts with
 * globals keep them per worker; a rehost takes new scripts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "map/pool.h"

#define EVENTS 2000

static luahost *H;
static config C;

/* The five presets, with an API key in their settings (group set-up and tear-down). */
static int presets(void **s)
{
    (void)s;
    char err[1024];
    setenv("ENCHARGE_API_KEY", "test-key", 1);
    if (!(H = luahost_new(NULL, err, sizeof err)) || config_load(&C, NULL, H, err, sizeof err)) fail_msg("%s", err);
    return 0;
}

static int presets_free(void **s)
{
    (void)s;
    config_free(&C), luahost_free(H);
    return 0;
}

static const char *TYPES[] = {"track", "identify", "page", "group", "alias"};

static void event_text(int i, char *out, size_t cap)
{
    const char *t = TYPES[i % 5];
    snprintf(out, cap,
             "{\"type\":\"%s\",\"event\":\"E%d\",\"name\":\"P\",\"userId\":\"u%d\",\"previousId\":\"a%d\","
             "\"groupId\":\"g%d\",\"messageId\":\"m%d\",\"traits\":{\"email\":\"u%d@x.io\"},"
             "\"properties\":{\"n\":%d}}",
             t, i, i, i, i, i, i, i);
}

/* The first request's body (or "ERR:message" / "NONE") of r. */
static void outcome(const ev_result *r, char *out, size_t cap)
{
    if (r->nmatched == 0) snprintf(out, cap, "NONE");
    else if (!r->r[0].ok) snprintf(out, cap, "ERR:%s", r->r[0].err_msg);
    else snprintf(out, cap, "%.*s", (int)r->r[0].req.body_len, r->r[0].req.body);
}

static void test_same_as_in_place(void **s)
{
    (void)s;
    char err[512];
    pool *p = pool_new(3, H, err, sizeof err);
    assert_non_null(p);
    static char want[EVENTS][1024], got[EVENTS][1024];
    static bool seen[EVENTS];
    mapper m = {.lua = H, .subs = C.subs, .nsubs = C.nsubs, .ep = C.ep};
    jarena a;
    jarena_init(&a, 0);
    for (int i = 0; i < EVENTS; i++) {
        char text[512];
        event_text(i, text, sizeof text);
        jv ev;
        jerr je;
        jarena_reset(&a);
        assert_int_equal(json_parse(&a, text, strlen(text), NULL, &ev, &je), 0);
        ev_result r;
        const char *key;
        size_t keylen;
        map_event(&m, &ev, &C.settings, &a, &r, &key, &keylen);
        outcome(&r, want[i], sizeof want[i]);
    }
    int submitted = 0, back = 0;
    while (back < EVENTS) {
        pool_job *j;
        while (submitted < EVENTS && (j = pool_job_get(p))) {
            char text[512];
            event_text(submitted, text, sizeof text);
            j->subs = C.subs;
            j->nsubs = C.nsubs;
            j->ep = C.ep;
            j->settings = &C.settings;
            j->tag = (void *)(intptr_t)submitted;
            assert_int_equal(pool_submit(p, j, text, strlen(text)), 0);
            submitted++;
        }
        while ((j = pool_done(p, back < submitted ? 100 : 0))) {
            int i = (int)(intptr_t)j->tag;
            assert_false(seen[i]);
            seen[i] = true;
            assert_true(j->parsed);
            outcome(&j->res, got[i], sizeof got[i]);
            pool_job_release(p, j);
            back++;
        }
    }
    assert_int_equal(pool_busy(p), 0);
    int bodies = 0;
    for (int i = 0; i < EVENTS; i++) {
        assert_string_equal(got[i], want[i]);
        bodies += want[i][0] == '{';
    }
    assert_int_equal(bodies, EVENTS); /* every event made a request: the comparison is of real bodies */
    jarena_free(&a);
    pool_free(p);
}

/* One job through the pool: its first request's body. */
static void map_one(pool *p, const config *c, const char *text, char *out, size_t cap)
{
    pool_job *j = pool_job_get(p);
    assert_non_null(j);
    j->subs = c->subs;
    j->nsubs = c->nsubs;
    j->ep = c->ep;
    j->settings = &c->settings;
    assert_int_equal(pool_submit(p, j, text, strlen(text)), 0);
    pool_job *d = pool_done(p, 5000);
    assert_ptr_equal(d, j);
    if (d->parsed) outcome(&d->res, out, cap);
    else snprintf(out, cap, "UNPARSED:%s", d->why);
    pool_job_release(p, d);
}

static void test_rehost_and_bad_bytes(void **s)
{
    (void)s;
    char err[512], out[1024];
    pool *p = pool_new(2, H, err, sizeof err);
    assert_non_null(p);
    map_one(p, &C, "{\"type\":", out, sizeof out);
    assert_non_null(strstr(out, "UNPARSED:"));
    /* a config loaded after the pool: its script is not in the workers' hosts until a rehost */
    char dir[] = "/tmp/test_pool.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], cfg[256];
    snprintf(path, sizeof path, "%s/s.lua", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("n = 0\nreturn function(e) n = n + 1 return { type = 'track', event = 'v' .. n, userId = e.userId } end\n",
          f);
    fclose(f);
    snprintf(cfg, sizeof cfg, "%s/c.lua", dir);
    f = fopen(cfg, "w");
    assert_non_null(f);
    fputs("return { settings = { apiKey = 'test-key' }, mappings = { { name = 'S', action = 'trackEvent', script = 's.lua' } } }\n", f);
    fclose(f);
    config c2;
    assert_int_equal(config_load(&c2, cfg, H, err, sizeof err), 0);
    assert_int_equal(pool_rehost(p, H, err, sizeof err), 0);
    map_one(p, &c2, "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\"}", out, sizeof out);
    if (!strstr(out, "\"event\":\"v1\"")) fail_msg("got %s", out);
    config_free(&c2);
    pool_free(p);
    remove(path);
    remove(cfg);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_same_as_in_place), cmocka_unit_test(test_rehost_and_bad_bytes)};
    return cmocka_run_group_tests_name("pool", tests, presets, presets_free);
}
