/* Unit tests: fixture lines (parsing and its refusals), subset matching of
 * bodies, the fixture file beside a script or config, and fixtures_run on a
 * config on disk (script and config fixtures, failures at FILE:LINE with the
 * difference, skips, warnings for output keys once per mapping). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/fixtures.h"
#include "support/tmpdir.h"

static char dir[64];
static luahost *H;
static jarena A;

static int setup(void **s)
{
    (void)s;
    jarena_init(&A, 0);
    char err[512];
    H = luahost_new(NULL, err, sizeof err);
    return H && tmpdir_make(dir, sizeof dir, "test_fixtures") == 0 ? 0 : -1;
}

static int teardown(void **s)
{
    (void)s;
    luahost_free(H);
    jarena_free(&A);
    return tmpdir_remove(dir);
}

static int parse(const char *line, fixture *fx, char *err, size_t errlen)
{
    return fixture_parse(line, strlen(line), &A, fx, err, errlen);
}

static void test_parse(void **s)
{
    (void)s;
    fixture fx;
    char err[512];
    assert_int_equal(parse("{\"event\":{\"type\":\"track\"},\"expect\":{\"body\":{\"event\":\"A\"}}}", &fx, err, sizeof err), 0);
    assert_int_equal(fx.kind, FIXTURE_BODY);
    assert_int_equal(fx.event.type, JV_OBJ);
    assert_int_equal(fx.settings.type, JV_UNDEF);
    assert_int_equal(fx.body.type, JV_OBJ);
    assert_null(fx.mapping);
    assert_int_equal(parse("{\"mapping\":\"Tags\",\"desc\":\"d\",\"settings\":{\"apiKey\":\"k\"},\"event\":{},"
                           "\"expect\":{\"error\":\"missing\"}}", &fx, err, sizeof err), 0);
    assert_int_equal(fx.kind, FIXTURE_ERROR);
    assert_string_equal(fx.error, "missing");
    assert_string_equal(fx.mapping, "Tags");
    assert_int_equal(fx.settings.type, JV_OBJ);
    assert_int_equal(parse("{\"event\":{},\"expect\":{\"skip\":true}}", &fx, err, sizeof err), 0);
    assert_int_equal(fx.kind, FIXTURE_SKIP);

    struct {
        const char *line, *why;
    } bad[] = {
        {"{\"event\":{}", "invalid JSON"},
        {"[1]", "a fixture must be a JSON object, not an array"},
        {"{\"expect\":{\"skip\":true}}", "missing \"event\""},
        {"{\"event\":[],\"expect\":{\"skip\":true}}", "\"event\" must be an object, not an array"},
        {"{\"event\":{},\"settings\":\"k\",\"expect\":{\"skip\":true}}", "\"settings\" must be an object"},
        {"{\"event\":{},\"mapping\":3,\"expect\":{\"skip\":true}}", "\"mapping\" must be the name of a mapping"},
        {"{\"event\":{}}", "missing \"expect\""},
        {"{\"event\":{},\"expect\":[]}", "\"expect\" must be an object"},
        {"{\"event\":{},\"expct\":{}}", "unknown key 'expct' in the fixture (did you mean 'expect'?)"},
        {"{\"event\":{},\"expect\":{\"bdy\":{}}}", "unknown key 'bdy' in \"expect\" (did you mean 'body'?)"},
        {"{\"event\":{},\"expect\":{}}", "\"expect\" must have one of \"body\", \"error\" and \"skip\""},
        {"{\"event\":{},\"expect\":{\"body\":{},\"error\":\"x\"}}", "must have one of"},
        {"{\"event\":{},\"expect\":{\"error\":1}}", "\"expect\".\"error\" must be a string"},
        {"{\"event\":{},\"expect\":{\"skip\":false}}", "\"expect\".\"skip\" must be true"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = 0;
        assert_int_equal(parse(bad[i].line, &fx, err, sizeof err), -1);
        if (!strstr(err, bad[i].why)) fail_msg("%s: got [%s], want [%s]", bad[i].line, err, bad[i].why);
    }
}

static jv J(const char *text)
{
    jv v;
    jerr je;
    if (json_parse(&A, text, strlen(text), NULL, &v, &je)) fail_msg("%s: %s", text, je.msg);
    return v;
}

static int sub(const char *want, const char *got, char *diff, size_t len)
{
    jv w = J(want), g = J(got);
    return json_subset(&w, &g, "body", diff, len);
}

static void test_subset(void **s)
{
    (void)s;
    char d[1024];
    assert_int_equal(sub("{}", "{\"a\":1}", d, sizeof d), 0);
    assert_string_equal(d, "");
    assert_int_equal(sub("{\"a\":1}", "{\"b\":2,\"a\":1.0}", d, sizeof d), 0); /* numbers as doubles */
    assert_int_equal(sub("{\"u\":{\"e\":\"x\"}}", "{\"u\":{\"e\":\"x\",\"f\":2},\"z\":0}", d, sizeof d), 0);
    assert_int_equal(sub("{\"l\":[1,{\"a\":2}]}", "{\"l\":[1,{\"a\":2}]}", d, sizeof d), 0);
    assert_int_equal(sub("{\"n\":null}", "{\"n\":null}", d, sizeof d), 0);

    assert_int_equal(sub("{\"event\":\"A\"}", "{\"event\":\"B\"}", d, sizeof d), 1);
    assert_string_equal(d, "body.event: expected \"A\", got \"B\"");
    assert_int_equal(sub("{\"event\":\"A\"}", "{}", d, sizeof d), 1);
    assert_string_equal(d, "body.event: expected \"A\", got nothing (no such key)");
    assert_int_equal(sub("{\"u\":{\"e\":\"x\",\"f\":1}}", "{\"u\":{\"e\":\"y\"}}", d, sizeof d), 2);
    assert_string_equal(d, "body.u.e: expected \"x\", got \"y\"; body.u.f: expected 1, got nothing (no such key)");
    assert_int_equal(sub("{\"u\":{\"e\":\"x\"}}", "{\"u\":\"str\"}", d, sizeof d), 1);
    assert_string_equal(d, "body.u: expected {\"e\":\"x\"}, got \"str\"");
    /* arrays whole: a shorter or partial one does not match */
    assert_int_equal(sub("{\"l\":[1]}", "{\"l\":[1,2]}", d, sizeof d), 1);
    assert_string_equal(d, "body.l: expected [1], got [1,2]");
    assert_int_equal(sub("{\"l\":[{\"a\":2}]}", "{\"l\":[{\"a\":2,\"b\":3}]}", d, sizeof d), 1);
    assert_int_equal(sub("{\"n\":null}", "{}", d, sizeof d), 1);
    assert_int_equal(sub("{\"n\":1}", "{\"n\":\"1\"}", d, sizeof d), 1);
    /* not an object: compared whole */
    assert_int_equal(sub("[1]", "[1]", d, sizeof d), 0);
    assert_int_equal(sub("{\"a\":1}", "null", d, sizeof d), 1);
    assert_string_equal(d, "body: expected {\"a\":1}, got null");
    /* long values are cut; a small buffer still counts them all */
    char longs[400] = "{\"a\":\"";
    for (int i = 0; i < 300; i++) strcat(longs, "x");
    strcat(longs, "\"}");
    assert_int_equal(sub(longs, "{\"a\":\"y\"}", d, sizeof d), 1);
    assert_non_null(strstr(d, "...,"));
    char tiny[16];
    assert_int_equal(sub("{\"a\":1,\"b\":2,\"c\":3}", "{}", tiny, sizeof tiny), 3);
    assert_true(strlen(tiny) < sizeof tiny);
}

static void test_file_of(void **s)
{
    (void)s;
    char out[256];
    fixture_file_of("dir/signup.lua", out, sizeof out);
    assert_string_equal(out, "dir/signup.fixtures.ndjson");
    fixture_file_of("encharge.lua", out, sizeof out);
    assert_string_equal(out, "encharge.fixtures.ndjson");
    fixture_file_of("conf", out, sizeof out);
    assert_string_equal(out, "conf.fixtures.ndjson");
    fixture_file_of(".lua", out, sizeof out);
    assert_string_equal(out, ".lua.fixtures.ndjson");
}

static void test_run(void **s)
{
    (void)s;
    tmpdir_write(dir, "signup.lua", "return function(event, settings)\n"
                                    "  return { event = 'Account Created', type = 'track', userId = event.userId,\n"
                                    "           properties = { plan = event.properties and event.properties.plan },\n"
                                    "           userfields = { k = settings.region } }\n"
                                    "end\n");
    tmpdir_write(dir, "signup.fixtures.ndjson",
                      "{\"event\":{\"type\":\"track\",\"userId\":\"u1\",\"properties\":{\"plan\":\"pro\"}},"
                      "\"expect\":{\"body\":{\"event\":\"Account Created\",\"properties\":{\"plan\":\"pro\"}}}}\n"
                      "\n"
                      "{\"event\":{\"type\":\"track\",\"userId\":\"u1\"},\"expect\":{\"body\":{\"event\":\"Signed Up\"}}}\r\n"
                      "{\"event\":{\"type\":\"track\"},\"expect\":{\"skip\":true}}\n"
                      "{\"event\":{\"type\":\"track\"},\"settings\":{\"apiKey\":{}},\"expect\":{\"error\":\"API Key must be a string\"}}\n"
                      "not json\n"
                      "{\"event\":{\"type\":\"track\"},\"settings\":{},\"expect\":{\"error\":\"apiKey\"}}\n");
    tmpdir_write(dir, "cfg.lua", "return {\n"
                                 "  mappings = {\n"
                                 "    { name = 'Signups', action = 'trackEvent', script = 'signup.lua' },\n"
                                 "    { name = 'Tags', action = 'addTag', subscribe = 'type = \"identify\"',\n"
                                 "      mapping = { tag = { ['@template'] = 'plan-{{traits.plan}}' }, userId = { ['@path'] = '$.userId' } } },\n"
                                 "    { name = 'Again', action = 'trackEvent', script = 'signup.lua', enabled = false },\n"
                                 "  },\n"
                                 "}\n");
    tmpdir_write(dir, "cfg.fixtures.ndjson",
                      "{\"mapping\":\"Tags\",\"event\":{\"type\":\"identify\",\"userId\":\"u1\",\"traits\":{\"plan\":\"pro\"}},"
                      "\"expect\":{\"body\":{\"tag\":\"plan-pro\",\"userId\":\"u1\"}}}\n"
                      "{\"mapping\":\"Tags\",\"event\":{\"type\":\"identify\",\"traits\":{\"plan\":\"pro\"}},\"expect\":{\"error\":\"userId\"}}\n"
                      "{\"event\":{},\"expect\":{\"skip\":true}}\n"
                      "{\"mapping\":\"Tgs\",\"event\":{},\"expect\":{\"skip\":true}}\n"
                      "{\"mapping\":\"Tgas\",\"event\":{},\"expect\":{\"body\":{}}}\n");
    char cfg[256];
    snprintf(cfg, sizeof cfg, "%s/cfg.lua", dir);
    problem_list l;
    problems_init(&l);
    config c;
    assert_int_equal(config_load_all(&c, cfg, H, &l), 0);
    assert_int_equal(l.n, 0);
    fixture_stats st;
    int errors = fixtures_run(&c, &l, &st);
    const char *want[] = {
        "cfg.fixtures.ndjson:2: fixture failed: expected an error containing \"userId\", got PayloadValidationError: "
        "No user ID, email, or anonymous ID provided. (in mappings[2] (\"Tags\"))",
        "cfg.fixtures.ndjson:3: bad fixture: a fixture of the config must name its mapping (\"mapping\": \"<name>\")",
        "cfg.fixtures.ndjson:5: no mapping named \"Tgas\" in the config (did you mean \"Tags\"?)",
        "signup.fixtures.ndjson:1: warning: mappings[1] (\"Signups\"): 'userfields' is not a field of Track Event "
        "(did you mean 'userFields'?)",
        "signup.fixtures.ndjson:1: warning: mappings[3] (\"Again\"): 'userfields' is not a field of Track Event "
        "(did you mean 'userFields'?)",
        "signup.fixtures.ndjson:3: fixture failed: body.event: expected \"Signed Up\", got \"Account Created\" "
        "(in mappings[1] (\"Signups\"))",
        "signup.fixtures.ndjson:3: fixture failed: body.event: expected \"Signed Up\", got \"Account Created\" "
        "(in mappings[3] (\"Again\"))",
        "signup.fixtures.ndjson:6: bad fixture: invalid JSON",
    };
    int n = (int)(sizeof want / sizeof want[0]);
    for (int i = 0; i < l.n && i < n; i++) {
        const char *got = tmpdir_problem(dir, &l, i);
        if (strncmp(got, want[i], strlen(want[i])) != 0) fail_msg("problem %d: got [%s]\nwant [%s]", i, got, want[i]);
    }
    assert_int_equal(l.n, n);
    assert_int_equal(errors, 6);
    assert_int_equal(l.warnings, 2); /* once per mapping and key, not once per fixture */
    assert_int_equal(st.files, 2);
    assert_int_equal(st.lines, 11);
    assert_int_equal(st.skipped, 2); /* a skip is not looked up: "Tgs" is not an error */
    assert_int_equal(st.passed, 4); /* Tags 1; signup 1, 5 and 7 (the settings' errors) */
    assert_int_equal(st.failed, 5);
    config_free(&c);
    problems_free(&l);

    /* all good: nothing added */
    tmpdir_write(dir, "cfg.fixtures.ndjson", "{\"mapping\":\"Tags\",\"event\":{\"type\":\"identify\",\"userId\":\"u1\","
                                             "\"traits\":{\"plan\":\"pro\"}},\"expect\":{\"body\":{\"tag\":\"plan-pro\"}}}\n");
    tmpdir_write(dir, "signup.fixtures.ndjson", "{\"event\":{\"type\":\"track\"},\"expect\":{\"body\":{\"user\":{}}}}\n");
    problems_init(&l);
    assert_int_equal(config_load_all(&c, cfg, H, &l), 0);
    assert_int_equal(fixtures_run(&c, &l, NULL), 0);
    assert_int_equal(l.errors, 0);
    config_free(&c);
    problems_free(&l);

    /* the presets: no files, nothing to run */
    problems_init(&l);
    assert_int_equal(config_load_all(&c, NULL, H, &l), 0);
    assert_int_equal(fixtures_run(&c, &l, &st), 0);
    assert_int_equal(st.files, 0);
    config_free(&c);
    problems_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),   cmocka_unit_test(test_subset),
        cmocka_unit_test(test_file_of), cmocka_unit_test(test_run),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
