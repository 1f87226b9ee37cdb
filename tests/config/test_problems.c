/* Unit tests: the problem list (adding, text, Lua messages, the summary of a
 * refusal), "did you mean" (edit distance, closeness, the closest word), and
 * the field lines of a config's text (srcmap). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "config/fields.h"
#include "config/problems.h"
#include "config/srcmap.h"

static const char *fmt(const problem *p)
{
    static char buf[1024];
    problem_format(p, buf, sizeof buf);
    return buf;
}

static void test_list(void **s)
{
    (void)s;
    problem_list l;
    problems_init(&l);
    assert_null(problems_first_error(&l));
    problem_add(&l, PROBLEM_WARNING, "a.lua", 3, "careful: %d", 1);
    problem_add(&l, PROBLEM_ERROR, "a.lua", 0, "no line");
    problem_add(&l, PROBLEM_ERROR, NULL, 0, "nowhere");
    problem_add(&l, PROBLEM_ERROR, "b.lua", 7, "bad %s", "thing");
    assert_int_equal(l.n, 4);
    assert_int_equal(l.errors, 3);
    assert_int_equal(l.warnings, 1);
    assert_string_equal(fmt(&l.v[0]), "a.lua:3: warning: careful: 1");
    assert_string_equal(fmt(&l.v[1]), "a.lua: no line");
    assert_string_equal(fmt(&l.v[2]), "nowhere");
    assert_string_equal(fmt(&l.v[3]), "b.lua:7: bad thing");
    assert_ptr_equal(problems_first_error(&l), &l.v[1]);

    char sum[512];
    problems_summary(&l, "a.lua", sum, sizeof sum);
    assert_string_equal(sum, "config a.lua: no line (and 2 more errors; `encharge-actions check` lists them all)");
    problems_summary(&l, "other.lua", sum, sizeof sum);
    assert_string_equal(sum, "a.lua: no line (and 2 more errors; `encharge-actions check` lists them all)");
    char small[8];
    problems_summary(&l, NULL, small, sizeof small); /* truncated, terminated */
    assert_int_equal(strlen(small), 7);
    problems_free(&l);
    assert_int_equal(l.n, 0);

    problems_init(&l);
    problem_add(&l, PROBLEM_ERROR, "x", 1, "only");
    problems_summary(&l, NULL, sum, sizeof sum);
    assert_string_equal(sum, "x:1: only");
    for (int i = 0; i < PROBLEMS_MAX + 5; i++) problem_add(&l, PROBLEM_WARNING, "x", i + 1, "w");
    assert_int_equal(l.n, PROBLEMS_MAX);
    assert_int_equal(l.dropped, 6);
    assert_int_equal(l.warnings, PROBLEMS_MAX + 5);
    problems_free(&l);
}

static void test_lua_messages(void **s)
{
    (void)s;
    problem_list l;
    problems_init(&l);
    problem_add_lua(&l, PROBLEM_ERROR, "dir/s.lua", "mappings[1] (\"S\"): ", "dir/s.lua:3: unexpected symbol near '='");
    problem_add_lua(&l, PROBLEM_ERROR, "dir/s.lua", NULL,
                    "dir/s.lua:12: boom\nstack traceback:\n\t[C]: in function 'error'\n\tdir/s.lua:12: in main chunk");
    problem_add_lua(&l, PROBLEM_ERROR, "/a/very/long/path/that/lua/shortens/in/messages/to/its/tail/x.lua", NULL,
                    ".../shortens/in/messages/to/its/tail/x.lua:5: oops");
    problem_add_lua(&l, PROBLEM_ERROR, "c.lua", NULL, "c.lua: the script returned nil; a mapping script must return");
    problem_add_lua(&l, PROBLEM_ERROR, "c.lua", NULL, "scripts/lib/mapping.lua:40: inner");
    problem_add_lua(&l, PROBLEM_ERROR, "presets/x.lua", NULL, "[string \"presets/x.lua\"]:2: embedded");
    assert_string_equal(fmt(&l.v[0]), "dir/s.lua:3: mappings[1] (\"S\"): unexpected symbol near '='");
    assert_string_equal(fmt(&l.v[1]), "dir/s.lua:12: boom");
    assert_string_equal(fmt(&l.v[2]), "/a/very/long/path/that/lua/shortens/in/messages/to/its/tail/x.lua:5: oops");
    assert_string_equal(fmt(&l.v[3]), "c.lua: the script returned nil; a mapping script must return");
    assert_string_equal(fmt(&l.v[4]), "scripts/lib/mapping.lua:40: inner");
    assert_string_equal(fmt(&l.v[5]), "presets/x.lua:2: embedded");
    problems_free(&l);
}

static void test_did_you_mean(void **s)
{
    (void)s;
    assert_int_equal(word_distance("script", 6, "script", 6), 0);
    assert_int_equal(word_distance("scirpt", 6, "script", 6), 1); /* a swap is one edit */
    assert_int_equal(word_distance("userfields", 10, "userFields", 10), 0); /* case is free */
    assert_int_equal(word_distance("mapings", 7, "mappings", 8), 1);
    assert_int_equal(word_distance("", 0, "abc", 3), 3);
    assert_true(word_close(1, 4, 6));
    assert_false(word_close(2, 4, 6));
    assert_true(word_close(2, 8, 8));
    assert_false(word_close(3, 8, 8));
    assert_true(word_close(3, 9, 9));
    assert_false(word_close(2, 5, 2)); /* never a candidate shorter than the edits */

    static const char *const keys[] = {"name", "action", "subscribe", "script", "mapping", "enabled"};
    assert_int_equal(closest_word("scirpt", 6, keys, 6), 3);
    assert_int_equal(closest_word("subscribes", 10, keys, 6), 2);
    assert_int_equal(closest_word("mappng", 6, keys, 6), 4);
    assert_int_equal(closest_word("Enabled", 7, keys, 6), 5);
    assert_int_equal(closest_word("zzzzzz", 6, keys, 6), -1);
    assert_int_equal(closest_word("x", 1, keys, 6), -1);
    static const char *const tie[] = {"abcd", "abce"};
    assert_int_equal(closest_word("abcf", 4, tie, 2), 0);
}

static void test_field_names(void **s)
{
    (void)s;
    const action *id = action_find("identifyUser"), *te = action_find("trackEvent");
    char msg[512];
    assert_true(field_known(id->fields, id->nfields, id->title, "user", 4, msg, sizeof msg));
    assert_false(field_known(id->fields, id->nfields, id->title, "userfields", 10, msg, sizeof msg));
    assert_string_equal(msg, "'userfields' is not a field of Identify User (did you mean 'user', labelled \"User Fields\"?)");
    assert_false(field_known(te->fields, te->nfields, te->title, "userfields", 10, msg, sizeof msg));
    assert_string_equal(msg, "'userfields' is not a field of Track Event (did you mean 'userFields'?)");
    assert_false(field_known(te->fields, te->nfields, te->title, "qqqqqqqq", 8, msg, sizeof msg));
    assert_string_equal(msg, "'qqqqqqqq' is not a field of Track Event");

    jarena a;
    jarena_init(&a, 0);
    jv o;
    jerr je;
    const char *text = "{\"event\":\"x\",\"evnt\":1,\"page\":{\"url\":\"u\",\"tittle\":\"t\"},\"gone\":null}";
    assert_int_equal(json_parse(&a, text, strlen(text), NULL, &o, &je), 0);
    problem_list l;
    problems_init(&l);
    assert_int_equal(field_warnings(&l, "f", 2, "pre: ", te, &o, true), 3);
    assert_int_equal(l.warnings, 3);
    assert_string_equal(fmt(&l.v[0]), "f:2: warning: pre: 'evnt' is not a field of Track Event (did you mean 'event'?)");
    assert_string_equal(fmt(&l.v[1]), "f:2: warning: pre: 'page.tittle' is not a field of Page (did you mean 'title'?)");
    assert_string_equal(fmt(&l.v[2]), "f:2: warning: pre: 'gone' is not a field of Track Event");
    problems_free(&l);
    problems_init(&l);
    assert_int_equal(field_warnings(&l, "f", 2, NULL, te, &o, false), 2); /* top level only */
    problems_free(&l);
    text = "{\"@path\":\"$.properties\"}"; /* a mapping-kit root directive: not looked into */
    assert_int_equal(json_parse(&a, text, strlen(text), NULL, &o, &je), 0);
    problems_init(&l);
    assert_int_equal(field_warnings(&l, "f", 2, NULL, te, &o, false), 0);
    problems_free(&l);
    jarena_free(&a);
}

static int line_of(const char *src, const char *path)
{
    srcmap *m = srcmap_build(src, strlen(src));
    assert_non_null(m);
    int l = srcmap_line(m, path);
    srcmap_free(m);
    return l;
}

static void test_srcmap(void **s)
{
    (void)s;
    const char *cfg = "-- a config\n"                                          /* 1 */
                      "--[==[ a long\n comment { with = braces } ]==]\n"       /* 2-3 */
                      "local x = { a = 1 }\n"                                  /* 4 */
                      "return {\n"                                             /* 5 */
                      "  settings = { apiKey = os.getenv(\"K\") },\n"          /* 6 */
                      "  delivery = {\n"                                       /* 7 */
                      "    max_inflight = 64, [\"dlq\"] = [[a\n"               /* 8 */
                      "b]],\n"                                                 /* 9 */
                      "  },\n"                                                 /* 10 */
                      "  mappings = {\n"                                       /* 11 */
                      "    { name = \"A\", action = \"trackEvent\",\n"         /* 12 */
                      "      subscribe = 'type = \"track\" and x = \"}\"' },\n" /* 13 */
                      "    {\n"                                                /* 14 */
                      "      name = \"B\"; scirpt = f({ 1, 2 }, function() local a, b = 1, 2 return a end),\n" /* 15 */
                      "      mapping = { tag = { [\"@path\"] = \"$.t\" } },\n" /* 16 */
                      "    },\n"                                               /* 17 */
                      "    { name = \"C\" },\n"                                /* 18 */
                      "  },\n"                                                 /* 19 */
                      "}\n";
    srcmap *m = srcmap_build(cfg, strlen(cfg));
    assert_non_null(m);
    assert_int_equal(srcmap_line(m, "settings"), 6);
    assert_int_equal(srcmap_line(m, "settings.apiKey"), 6);
    assert_int_equal(srcmap_line(m, "delivery"), 7);
    assert_int_equal(srcmap_line(m, "delivery.max_inflight"), 8);
    assert_int_equal(srcmap_line(m, "delivery.dlq"), 8);
    assert_int_equal(srcmap_line(m, "mappings"), 11);
    assert_int_equal(srcmap_line(m, "mappings[1]"), 12);
    assert_int_equal(srcmap_line(m, "mappings[1].subscribe"), 13);
    assert_int_equal(srcmap_line(m, "mappings[2]"), 14);
    assert_int_equal(srcmap_line(m, "mappings[2].name"), 15);
    assert_int_equal(srcmap_line(m, "mappings[2].scirpt"), 15);
    assert_int_equal(srcmap_line(m, "mappings[2].mapping"), 16);
    assert_int_equal(srcmap_line(m, "mappings[2].mapping.tag.@path"), 16);
    assert_int_equal(srcmap_line(m, "mappings[3]"), 18);
    assert_int_equal(srcmap_line(m, "mappings[4]"), 0);
    assert_int_equal(srcmap_line(m, "a"), 0); /* x's, not the returned table's */
    assert_int_equal(srcmap_line(m, "nope"), 0);
    srcmap_free(m);
    assert_int_equal(srcmap_line(NULL, "mappings"), 0);

    /* return NAME of a top-level constructor; a field naming another one */
    const char *byname = "local maps = {\n"
                         "  { name = 'A' },\n"
                         "  { name = 'B',\n"
                         "    script = 's.lua' },\n"
                         "}\n"
                         "local cfg = {\n"
                         "  mappings = maps,\n"
                         "}\n"
                         "return cfg\n";
    assert_int_equal(line_of(byname, "mappings"), 7);
    assert_int_equal(line_of(byname, "mappings[2]"), 3);
    assert_int_equal(line_of(byname, "mappings[2].script"), 4);
    /* built by code: no lines, no crash */
    assert_int_equal(line_of("local t = {}\nfor i = 1, 3 do t[i] = { name = i } end\nreturn { mappings = t }\n",
                             "mappings[1]"), 0);
    assert_int_equal(line_of("return {\n mappings = t }", "mappings"), 2);
    /* unfinished text: no crash */
    assert_int_equal(line_of("return { mappings = { {", "mappings"), 1);
    assert_int_equal(line_of("return { [", "x"), 0);
    assert_int_equal(line_of("return { a = \"unfinished\n", "a"), 1);
    assert_int_equal(line_of("#!/usr/bin/env lua\nreturn { a = 1 }", "a"), 2);
    assert_int_equal(line_of("", "a"), 0);
    /* deep nesting beyond what is followed */
    char deep[800] = "return {\n a = ";
    for (int i = 0; i < 100; i++) strcat(deep, "{");
    for (int i = 0; i < 100; i++) strcat(deep, "}");
    strcat(deep, ",\n b = 1 }");
    assert_int_equal(line_of(deep, "b"), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list),         cmocka_unit_test(test_lua_messages), cmocka_unit_test(test_did_you_mean),
        cmocka_unit_test(test_field_names),  cmocka_unit_test(test_srcmap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
