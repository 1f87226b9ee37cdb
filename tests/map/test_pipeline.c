/* Unit tests: map_event over several subscriptions (presets, mapping-kit,
 * overrides, broken mappings, disabled ones, settings failures) and config
 * loading from files. */
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

static jarena A;
static luahost *H;
static config C;

static int setup(void **s)
{
    (void)s;
    char err[1024];
    jarena_init(&A, 0);
    H = luahost_new(NULL, err, sizeof err);
    if (!H || config_load(&C, NULL, H, err, sizeof err)) fail_msg("%s", err);
    return 0;
}

static int teardown(void **s)
{
    (void)s;
    config_free(&C);
    luahost_free(H);
    jarena_free(&A);
    return 0;
}

static jv parse(const char *t)
{
    jv v;
    jerr e;
    if (json_parse(&A, t, strlen(t), NULL, &v, &e)) fail_msg("%s: %s", t, e.msg);
    return v;
}

static mk_program *compile(const char *t)
{
    char err[512];
    jv m = parse(t);
    mk_program *p = mk_compile(&m, err, sizeof err);
    if (!p) fail_msg("%s", err);
    return p;
}

static void test_presets_route_by_type(void **s)
{
    (void)s;
    assert_int_equal(C.nsubs, 5);
    mapper m = {.lua = H, .subs = C.subs, .nsubs = C.nsubs, .ep = C.ep};
    jv settings = parse("{\"apiKey\":\"k\"}");
    static const struct {
        const char *event, *action, *url;
    } rows[] = {
        {"{\"type\":\"track\",\"event\":\"E\"}", "trackEvent", "https://ingest.encharge.io/v1"},
        {"{\"type\":\"identify\"}", "identifyUser", "https://ingest.encharge.io/v1"},
        {"{\"type\":\"page\"}", "trackPageView", "https://ingest.encharge.io/v1"},
        {"{\"type\":\"group\"}", "createUpdateObject", "https://ingest.encharge.io/v1"},
        {"{\"type\":\"alias\",\"userId\":\"a\",\"previousId\":\"b\"}", "aliasUser", "https://ingest.encharge.io/v1"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        jv ev = parse(rows[i].event);
        ev_result r;
        const char *key;
        size_t kl;
        assert_int_equal(map_event(&m, &ev, &settings, &A, &r, &key, &kl), 1);
        assert_int_equal(r.nmatched, 1);
        assert_string_equal(r.r[0].sub->act->key, rows[i].action);
        assert_string_equal(r.r[0].req.url, rows[i].url);
        assert_false(r.failed);
        assert_int_equal(kl, 1);
    }
    jv screen = parse("{\"type\":\"screen\"}");
    ev_result r;
    const char *key;
    size_t kl;
    assert_int_equal(map_event(&m, &screen, &settings, &A, &r, &key, &kl), 0);
    assert_int_equal(r.nmatched, 0);
    assert_false(r.failed);
    jarena_reset(&A);
}

static void test_many_subscriptions(void **s)
{
    (void)s;
    char err[256];
    trigger *all = trigger_parse("type = \"track\"", err, sizeof err);
    mk_program *tag = compile("{\"tag\":{\"@template\":\"t-{{event}}\"},\"userId\":{\"@path\":\"$.userId\"}}");
    mk_program *over = compile("{\"event\":\"Overridden\",\"bogus\":1}");
    subscription subs[] = {
        {.name = "bad", .act = action_find("trackEvent"), .trig = all, .kind = MAP_KIT, .enabled = true,
         .broken = "/event has an invalid directive: @nope."},
        {.name = "preset+over", .act = action_find("trackEvent"), .trig = all, .kind = MAP_SCRIPT,
         .script = C.presets[0], .overrides = over, .enabled = true},
        {.name = "tags", .act = action_find("addTag"), .trig = all, .kind = MAP_KIT, .prog = tag, .enabled = true},
        {.name = "off", .act = action_find("removeTag"), .trig = all, .kind = MAP_KIT, .prog = tag, .enabled = false},
        {.name = "no-id", .act = action_find("removeTag"), .trig = NULL, .kind = MAP_SCRIPT,
         .script = C.presets[6], .enabled = true},
    };
    mapper m = {.lua = H, .subs = subs, .nsubs = 5, .ep = C.ep};
    jv settings = parse("{\"apiKey\":\"k\"}");
    jv ev = parse("{\"type\":\"track\",\"event\":\"Buy\",\"userId\":\"u\"}");
    ev_result r;
    const char *key;
    size_t kl;
    assert_int_equal(map_event(&m, &ev, &settings, &A, &r, &key, &kl), 2);
    assert_int_equal(r.nmatched, 4); /* the disabled one is skipped */
    assert_true(r.failed);
    /* the first error wins: the broken mapping */
    assert_string_equal(r.err.name, "AggregateError");
    assert_string_equal(r.err.message, "/event has an invalid directive: @nope.");
    assert_false(r.r[0].ok);
    assert_true(r.r[1].ok);
    assert_non_null(strstr(r.r[1].req.body, "\"event\":\"Overridden\""));
    assert_null(strstr(r.r[1].req.body, "bogus"));
    assert_true(r.r[2].ok);
    assert_string_equal(r.r[2].req.body, "{\"tag\":\"t-Buy\",\"userId\":\"u\"}");
    assert_false(r.r[3].ok); /* removeTag preset: no traits.tag */

    /* settings are checked before any mapping runs */
    jv nokey = parse("{}");
    assert_int_equal(map_event(&m, &ev, &nokey, &A, &r, &key, &kl), 0);
    assert_true(r.failed);
    assert_string_equal(r.err.message, "The root value is missing the required field 'apiKey'.");
    trigger_free(all);
    mk_free(tag);
    mk_free(over);
    jarena_reset(&A);
}

static void test_config_file(void **s)
{
    (void)s;
    char dir[] = "/tmp/encharge-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], script[256];
    snprintf(script, sizeof script, "%s/custom.lua", dir);
    FILE *f = fopen(script, "w");
    fputs("local m = require 'mapping'\nreturn function(e) return { event = 'custom', type = e.type } end\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/encharge.lua", dir);
    f = fopen(path, "w");
    fputs("return { settings = { apiKey = os.getenv('TEST_PIPELINE_KEY') },\n"
          "  endpoints = { ingest = 'http://127.0.0.1:1', api = 'http://127.0.0.1:2/' },\n"
          "  mappings = {\n"
          "    { name = 'c', action = 'Track Event', script = 'custom.lua' },\n"
          "    { name = 'p', action = 'identifyUser', enabled = false },\n"
          "    { action = 'addTag', subscribe = 'type = \"identify\"', mapping = { tag = 'x', userId = { ['@path'] = '$.userId' } } },\n"
          "  } }\n",
          f);
    fclose(f);
    setenv("TEST_PIPELINE_KEY", "from-env", 1);
    config c;
    char err[1024];
    assert_int_equal(config_load(&c, path, H, err, sizeof err), 0);
    assert_int_equal(c.nsubs, 3);
    assert_string_equal(c.subs[2].name, "mapping 3");
    assert_false(c.subs[1].enabled);
    assert_string_equal(c.ep.ingest_base, "http://127.0.0.1:1");
    mapper m = {.lua = H, .subs = c.subs, .nsubs = c.nsubs, .ep = c.ep};
    jv ev = parse("{\"type\":\"track\"}");
    ev_result r;
    const char *key;
    size_t kl;
    assert_int_equal(map_event(&m, &ev, &c.settings, &A, &r, &key, &kl), 1);
    assert_string_equal(r.r[0].req.url, "http://127.0.0.1:1/v1");
    assert_string_equal(r.r[0].req.body, "{\"event\":\"custom\",\"type\":\"track\",\"context\":{},\"user\":{}}");
    assert_int_equal(kl, 8);
    assert_memory_equal(key, "from-env", 8);
    ev = parse("{\"type\":\"identify\",\"userId\":\"u\"}");
    assert_int_equal(map_event(&m, &ev, &c.settings, &A, &r, &key, &kl), 1);
    assert_string_equal(r.r[0].req.url, "http://127.0.0.1:2/v1/tags");
    config_free(&c);

    /* a failing config names the entry */
    f = fopen(path, "w");
    fputs("return { mappings = { { name = 'x', action = 'trackEvent', mapping = { event = { ['@liquid'] = '{{x}}' } } } } }",
          f);
    fclose(f);
    assert_int_equal(config_load(&c, path, H, err, sizeof err), -1);
    assert_non_null(strstr(err, "mappings[1] (\"x\"): invalid mapping"));
    assert_non_null(strstr(err, "@liquid"));
    config_free(&c);
    f = fopen(path, "w");
    fputs("return 42", f);
    fclose(f);
    assert_int_equal(config_load(&c, path, H, err, sizeof err), -1);
    assert_non_null(strstr(err, "must return a table"));
    config_free(&c);
    unlink(path);
    unlink(script);
    rmdir(dir);
    unsetenv("TEST_PIPELINE_KEY");
    jarena_reset(&A);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_presets_route_by_type),
        cmocka_unit_test(test_many_subscriptions),
        cmocka_unit_test(test_config_file),
    };
    return cmocka_run_group_tests_name("pipeline", tests, setup, teardown);
}
