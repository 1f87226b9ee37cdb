/* Unit tests: config_load_all finds every problem of a config, each at its
 * line (unknown keys with the closest known one, at the top, in entries, in
 * endpoints and delivery; bad entries; script errors at the script's line;
 * warnings for mapping-kit keys that are not fields), keeps the entries that
 * loaded; config_load refuses on the first error and says how many more. */
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
#include "support/tmpdir.h"

static char dir[64];
static luahost *H;

static int setup(void **s)
{
    (void)s;
    if (tmpdir_make(dir, sizeof dir, "test_config")) return -1;
    char err[512];
    H = luahost_new(NULL, err, sizeof err);
    return H ? 0 : -1;
}

static int teardown(void **s)
{
    (void)s;
    luahost_free(H);
    return tmpdir_remove(dir);
}

static const char *write_file(const char *name, const char *text)
{
    return tmpdir_write(dir, name, text);
}

/* The text of problem i, the directory left out ("DIR/" -> ""). */
static const char *text(const problem_list *l, int i)
{
    return tmpdir_problem(dir, l, i);
}

static void test_every_problem(void **s)
{
    (void)s;
    write_file("bad.lua", "return function(e)\n  return {event = = 1}\nend\n");
    const char *cfg = write_file("many.lua",
                                 "return {\n"                                                              /* 1 */
                                 "  settings = { apiKey = 'k-1234567890' },\n"                              /* 2 */
                                 "  endpoints = { ingst = 'http://x', api = 5 },\n"                         /* 3 */
                                 "  delivery = { max_inflght = 3, dlq = true },\n"                          /* 4 */
                                 "  mapings = {},\n"                                                        /* 5 */
                                 "  mappings = {\n"                                                         /* 6 */
                                 "    { name = 'Signups', action = 'trackEvent', scirpt = 'sig.lua' },\n"   /* 7 */
                                 "    { name = 'Tags', action = 'Tag Usr',\n"                               /* 8 */
                                 "      subscribe = 'type = ' },\n"                                         /* 9 */
                                 "    { name = 'Kit', action = 'addTag', subscribe = 'type = \"identify\"',\n" /* 10 */
                                 "      mapping = { tags = { ['@path'] = '$.traits.plan' } } },\n"          /* 11 */
                                 "    { name = 'S', action = 'trackEvent', script = 'bad.lua' },\n"         /* 12 */
                                 "    { name = 'Kit', action = 'trackEvent', enabled = 'yes', zzzzzz = 1 },\n" /* 13 */
                                 "    { action = 'identifyUser' },\n"                                       /* 14 */
                                 "    42,\n"                                                                /* 15 */
                                 "  },\n"
                                 "}\n");
    problem_list l;
    problems_init(&l);
    config c;
    assert_int_equal(config_load_all(&c, cfg, H, &l), -1);
    const char *want[] = {
        "many.lua:5: unknown key 'mapings' in the config (did you mean 'mappings'?)",
        "many.lua:3: unknown key 'ingst' in endpoints (did you mean 'ingest'?)",
        "many.lua:3: endpoints.api must be a URL (a string)",
        "many.lua:4: unknown key 'max_inflght' in delivery (did you mean 'max_inflight'?)",
        "many.lua:4: delivery.dlq must be a file path",
        "many.lua:7: unknown key 'scirpt' in mappings[1] (did you mean 'script'?)",
        "many.lua:8: mappings[2] (\"Tags\"): unknown action 'Tag Usr' (did you mean 'Tag User'?)",
        "many.lua:9: mappings[2] (\"Tags\"): bad trigger: trigger: at position 8: expected a value after '=', got the end of the trigger",
        "many.lua:11: warning: mappings[3] (\"Kit\"): 'tags' is not a field of Tag User (did you mean 'tag'?)",
        "bad.lua:2: mappings[4] (\"S\"): unexpected symbol near '='",
        "many.lua:13: unknown key 'zzzzzz' in mappings[5] (the keys are: name, action, subscribe, script, mapping, enabled, limits)",
        "many.lua:13: warning: mappings[5] (\"Kit\"): the same name as mappings[3]: fixtures and messages name a mapping by its name",
        "many.lua:13: mappings[5] (\"Kit\"): `enabled` must be true or false",
        "many.lua:15: mappings[7] (\"mapping 7\"): must be a table",
    };
    int n = (int)(sizeof want / sizeof want[0]);
    for (int i = 0; i < l.n && i < n; i++) assert_string_equal(text(&l, i), want[i]);
    assert_int_equal(l.n, n);
    assert_int_equal(l.warnings, 2);
    /* Kit (3) and the identifyUser one (6) loaded */
    assert_int_equal(c.nsubs, 2);
    assert_string_equal(c.subs[0].name, "Kit");
    assert_int_equal(c.entries[0].index, 3);
    assert_int_equal(c.entries[0].line, 10);
    assert_string_equal(c.subs[1].name, "mapping 6");
    assert_int_equal(c.entries[1].index, 6);
    assert_null(c.entries[1].script_file);
    assert_int_equal(config_line(&c, "mappings[2].subscribe"), 9);
    config_free(&c);
    problems_free(&l);

    /* the same through config_load: refused, the first error and the count */
    char err[1024];
    assert_int_equal(config_load(&c, cfg, H, err, sizeof err), -1);
    assert_non_null(strstr(err, "config "));
    assert_non_null(strstr(err, "many.lua:5: unknown key 'mapings' in the config (did you mean 'mappings'?) (and 11 more errors"));
    config_free(&c); /* harmless after a refusal */
}

static void test_clean(void **s)
{
    (void)s;
    write_file("ok.lua", "return function(e) return { event = 'x', type = 'track' } end\n");
    const char *cfg = write_file("good.lua",
                                 "local maps = {\n"
                                 "  { name = 'A', action = 'trackEvent', script = 'ok.lua' },\n"
                                 "  { name = 'B', action = 'Tag User', subscribe = 'type = \"identify\"',\n"
                                 "    mapping = { tag = 'x', userId = { ['@path'] = '$.userId' } }, enabled = false },\n"
                                 "}\n"
                                 "return { settings = { apiKey = 'k' }, mappings = maps,\n"
                                 "  delivery = { max_inflight = 8, dlq = 'x.db' }, endpoints = { api = 'http://a' } }\n");
    problem_list l;
    problems_init(&l);
    config c;
    assert_int_equal(config_load_all(&c, cfg, H, &l), 0);
    assert_int_equal(l.n, 0);
    assert_int_equal(c.nsubs, 2);
    assert_non_null(c.entries[0].script_file);
    assert_non_null(strstr(c.entries[0].script_file, "/ok.lua"));
    assert_int_equal(c.entries[0].line, 2);
    assert_int_equal(c.entries[1].line, 3);
    assert_false(c.subs[1].enabled);
    assert_string_equal(c.ep.api_base, "http://a");
    char label[128];
    config_entry_label(&c, 1, label, sizeof label);
    assert_string_equal(label, "mappings[2] (\"B\")");
    config_free(&c);
    problems_free(&l);

    /* no file: the presets, no problem */
    problems_init(&l);
    assert_int_equal(config_load_all(&c, NULL, H, &l), 0);
    assert_int_equal(l.n, 0);
    assert_int_equal(c.nsubs, 5);
    config_entry_label(&c, 0, label, sizeof label);
    assert_string_equal(label, "the preset \"Track Event\"");
    config_free(&c);
    problems_free(&l);
}

/* A config of source src that cannot load: config_load_all fails, and its
 * first problem reads want. */
static void expect_fatal(const char *src, const char *want)
{
    const char *cfg = write_file("broken.lua", src);
    problem_list l;
    config c;
    problems_init(&l);
    assert_int_equal(config_load_all(&c, cfg, H, &l), -1);
    assert_true(l.n >= 1);
    assert_string_equal(text(&l, 0), want);
    config_free(&c);
    problems_free(&l);
}

static void test_fatal(void **s)
{
    (void)s;
    expect_fatal("return {\n  mappings = {\n", "broken.lua:3: unexpected symbol near <eof>");
    expect_fatal("local x = nil\nreturn x.y\n", "broken.lua:2: attempt to index a nil value (local 'x')");
    expect_fatal("return 42\n", "broken.lua: must return a table, not number");
    expect_fatal("while true do end\n",
                 "broken.lua:1: the config ran for more than 100 million instructions (a loop that never ends?)");
    expect_fatal("return { mappings = 'x' }\n", "broken.lua:1: `mappings` must be a list of tables");
    expect_fatal("return { settings = 1, delivery = 2, endpoints = 3 }\n", "broken.lua:1: `settings` must be a table");

    problem_list l;
    config c;
    problems_init(&l);
    assert_int_equal(config_load_all(&c, "/nonexistent/x.lua", H, &l), -1);
    assert_non_null(strstr(text(&l, 0), "/nonexistent/x.lua: cannot open /nonexistent/x.lua"));
    config_free(&c);
    problems_free(&l);

    /* more than 50: said, and the first 50 still looked at */
    char big[8192] = "return { mappings = {\n";
    for (int i = 0; i < 52; i++) strcat(big, i == 3 ? "{ action = 'nope' },\n" : "{ action = 'trackEvent' },\n");
    strcat(big, "} }\n");
    const char *cfg = write_file("big.lua", big);
    problems_init(&l);
    assert_int_equal(config_load_all(&c, cfg, H, &l), -1);
    assert_int_equal(l.errors, 2);
    assert_string_equal(text(&l, 0), "big.lua:1: 52 mappings; at most 50 are allowed");
    assert_string_equal(text(&l, 1), "big.lua:5: mappings[4] (\"mapping 4\"): unknown action 'nope'");
    assert_int_equal(c.nsubs, 49);
    config_free(&c);
    problems_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_problem), cmocka_unit_test(test_clean), cmocka_unit_test(test_fatal),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
