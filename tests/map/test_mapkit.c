/* test_mapkit.c — mapping-kit (runtime/map/mapkit) against upstream.
 *
 * The oracle table, tests/map/data/mapkit-oracle.ndjson (one row a line:
 * {"name", "mapping", "event", "expect"}), holds upstream's answers:
 * @segment/actions-core 3.170.0's mapping-kit transform() run on each
 * mapping/event pair by tests/map/gen/gen_mapkit_oracle.mjs:
 *   expect = JSON.stringify({ok: transform(mapping, event)})
 *         or JSON.stringify({err: message}), where for upstream's
 *            AggregateError the ValidationError messages are joined by " ".
 * Rows: hand-written directive cases, the mappings of
 * tests/cases/mapkit-directives.ndjson, the destination's default mappings
 * (core.defaultValues of each action's fields) on the events of
 * docs/upstream-behaviour.md §7, and randomly generated mappings; see
 * tests/README.md for how to regenerate it. The comparison is byte for byte
 * on the expect text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/json.h"
#include "map/mapkit/mapkit.h"
#include "support/rows.h"

#define ORACLE_ROWS "tests/map/data/mapkit-oracle.ndjson"

/* ---- helpers ------------------------------------------------------------- */
static jv parse(jarena *a, const char *s)
{
    jv v;
    jerr e;
    if (json_parse(a, s, strlen(s), NULL, &v, &e)) fail_msg("bad test JSON: %s: %s", e.msg, s);
    return v;
}

/* Runs mapping m on event e (results in arena a) and renders {"ok":…} /
 * {"err":"…"} like the oracle. */
static void run_values(const jv *m, const jv *e, bool value, jarena *a, jbuf *b)
{
    char err[4096];
    mk_program *p = value ? mk_compile_value(m, err, sizeof err) : mk_compile(m, err, sizeof err);
    jv out;
    jbuf_reset(b);
    if (!p || mk_eval(p, e, a, &out, err, sizeof err)) {
        jbuf_puts(b, "{\"err\":");
        json_write_string(b, err, strlen(err));
        jbuf_putc(b, '}');
    } else if (out.type == JV_UNDEF) {
        jbuf_puts(b, "{}");
    } else {
        jbuf_puts(b, "{\"ok\":");
        json_write(b, &out);
        jbuf_putc(b, '}');
    }
    mk_free(p);
}

static void run(const char *mapping, const char *event, bool value, jbuf *b)
{
    jarena a;
    jarena_init(&a, 0);
    jv m = parse(&a, mapping), e = parse(&a, event);
    run_values(&m, &e, value, &a, b);
    jarena_free(&a);
}

static void check_run(const char *mapping, const char *event, const char *expect)
{
    jbuf b;
    jbuf_init(&b);
    run(mapping, event, false, &b);
    if (strcmp(jbuf_cstr(&b), expect) != 0) {
        print_error("mapping %s\n  expected %s\n  got      %s\n", mapping, expect, jbuf_cstr(&b));
        jbuf_free(&b);
        fail();
    }
    jbuf_free(&b);
}

static void check_value(const char *value, const char *event, const char *expect)
{
    jbuf b;
    jbuf_init(&b);
    run(value, event, true, &b);
    if (strcmp(jbuf_cstr(&b), expect) != 0) {
        print_error("value %s\n  expected %s\n  got      %s\n", value, expect, jbuf_cstr(&b));
        jbuf_free(&b);
        fail();
    }
    jbuf_free(&b);
}

static void check_compile_error(const char *mapping, const char *msg)
{
    jarena a;
    jarena_init(&a, 0);
    jv m = parse(&a, mapping);
    char err[1024];
    mk_program *p = mk_compile(&m, err, sizeof err);
    if (p) {
        mk_free(p);
        jarena_free(&a);
        fail_msg("compiled, expected error %s", msg);
    }
    jarena_free(&a);
    assert_string_equal(err, msg);
}

/* ---- the oracle table ------------------------------------------------------ */
static void test_oracle_table(void **state)
{
    (void)state;
    rows t;
    rows_load(&t, ORACLE_ROWS);
    jbuf b, m;
    jbuf_init(&b);
    jbuf_init(&m);
    size_t bad = 0;
    for (size_t i = 0; i < t.n; i++) {
        const char *name = rows_str(&t, i, "name");
        const jv *mapping = rows_get(&t, i, "mapping", JV_UNDEF), *event = rows_get(&t, i, "event", JV_UNDEF);
        const jv *expect = rows_get(&t, i, "expect", JV_STR);
        jarena a;
        jarena_init(&a, 0);
        run_values(mapping, event, false, &a, &b);
        jarena_free(&a);
        if (b.len != expect->n || memcmp(b.p, expect->u.s, b.len) != 0) {
            bad++;
            jbuf_reset(&m);
            json_write(&m, mapping);
            print_error("%s:%zu: row %s\n  mapping  %s\n  expected %.*s\n  got      %s\n", t.path, t.line[i], name,
                        jbuf_cstr(&m), (int)expect->n, expect->u.s, jbuf_cstr(&b));
        }
    }
    jbuf_free(&b);
    jbuf_free(&m);
    size_t n = t.n;
    rows_free(&t);
    print_message("oracle table: %zu rows, %zu mismatches\n", n, bad);
    assert_int_equal(bad, 0);
    assert_true(n >= 200);
}

/* ---- directives, one by one (expectations from the oracle) ----------------- */
static const char *EV =
    "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\","
    "\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"empty\":\"\",\"nil\":null,\"f\":false,"
    "\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\"}],\"name\":\"Stra\xc3\x9f" "e\","
    "\"meta\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null}},"
    "\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\"}}";

static void test_path(void **state)
{
    (void)state;
    check_run("{\"a\":{\"@path\":\"$.properties.email\"},\"b\":{\"@path\":\"$.properties.items[1].sku\"},"
               "\"c\":{\"@path\":\"$.properties['email']\"},\"d\":{\"@path\":\"$.nope.deeper\"},"
               "\"e\":{\"@path\":\"$.properties.tags.length\"}}",
               EV, "{\"ok\":{\"a\":\"p@x.com\",\"b\":\"B\",\"c\":\"p@x.com\",\"e\":2}}");
    /* '$.' is removed once, wherever it is */
    check_run("{\"a\":{\"@path\":\"properties.$.email\"},\"b\":{\"@path\":\"$.\"}}", "{\"properties\":{\"email\":1}}",
               "{\"ok\":{\"a\":1,\"b\":{\"properties\":{\"email\":1}}}}");
    /* a dynamic path */
    check_run("{\"a\":{\"@path\":{\"@template\":\"$.properties.{{event}}\"}}}", "{\"event\":\"x\",\"properties\":{\"x\":7}}",
               "{\"ok\":{\"a\":7}}");
    check_run("{\"a\":[{\"@path\":5}]}", EV, "{\"err\":\"@path: expected string, got number\"}");
}

static void test_falsy_intermediate_quirk(void **state)
{
    (void)state;
    /* prevObj && prevObj[key]: 0, "", null, false are returned as they are */
    check_run("{\"a\":{\"@path\":\"$.properties.qty.x.y\"},\"b\":{\"@path\":\"$.properties.empty.x\"},"
               "\"c\":{\"@path\":\"$.properties.nil.x\"},\"d\":{\"@path\":\"$.properties.f.x\"},"
               "\"e\":{\"@path\":\"$.properties.revenue.x\"}}",
               EV, "{\"ok\":{\"a\":0,\"b\":\"\",\"c\":null,\"d\":false}}");
    /* the Encharge email default with context.traits = 0 */
    check_run("{\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},"
               "\"else\":{\"@path\":\"$.properties.email\"}}}}",
               "{\"context\":{\"traits\":0},\"properties\":{\"email\":\"p@x\"}}", "{\"ok\":{\"email\":0}}");
}

static void test_mk_get(void **state)
{
    (void)state;
    jarena a;
    jarena_init(&a, 0);
    jv e = parse(&a, "{\"a\":0,\"b\":\"\",\"c\":null,\"d\":false,\"e\":{\"f\":1,\"k k\":2},\"arr\":[10,{\"x\":\"y\"}],"
                     "\"s\":\"h\xc3\xa9\xf0\x9f\x98\x80!\"}");
    const jv *v = mk_get(&e, "a.x.y", 5);
    assert_non_null(v);
    assert_int_equal(v->type, JV_NUM);
    v = mk_get(&e, "b.x", 3);
    assert_true(v && v->type == JV_STR && v->n == 0);
    v = mk_get(&e, "c.x", 3);
    assert_true(v && v->type == JV_NULL);
    v = mk_get(&e, "d.x", 3);
    assert_true(v && v->type == JV_BOOL && !v->b);
    v = mk_get(&e, "e.f", 3);
    assert_true(v && v->type == JV_NUM && v->n == 1 && v->u.s[0] == '1');
    assert_null(mk_get(&e, "e.g", 3));
    assert_null(mk_get(&e, "zz.y", 4));
    assert_null(mk_get(&e, "e.f.g", 5)); /* 1["g"] is undefined */
    v = mk_get(&e, "e['k k']", 8);
    assert_true(v && v->type == JV_NUM && v->u.s[0] == '2');
    v = mk_get(&e, "arr[1].x", 8);
    assert_true(v && v->type == JV_STR && v->n == 1 && v->u.s[0] == 'y');
    v = mk_get(&e, "arr.1[\"x\"]", 10);
    assert_true(v && v->type == JV_STR && v->u.s[0] == 'y');
    assert_null(mk_get(&e, "arr[01]", 7));
    {
        /* a long quoted key (compared without copying) */
        jv o = parse(&a, "{\"a key that is rather long, longer than sixteen\":{\"z\":3}}");
        const char *p = "['a key that is rather long, longer than sixteen'].z";
        v = mk_get(&o, p, strlen(p));
        assert_true(v && v->type == JV_NUM && v->u.s[0] == '3');
        p = "['a key that is rather long, longer than sixteen!'].z";
        assert_null(mk_get(&o, p, strlen(p)));
    }
    assert_ptr_equal(mk_get(&e, "", 0), &e);
    assert_ptr_equal(mk_get(&e, ".", 1), &e);
    assert_null(mk_get(&e, "arr.length", 10)); /* not a node: mk_get_value */

    jv out;
    assert_int_equal(mk_get_value(&e, "arr.length", 10, &a, &out), 0);
    assert_true(out.type == JV_NUM && out.n == 1 && out.u.s[0] == '2');
    assert_int_equal(mk_get_value(&e, "s.length", 8, &a, &out), 0); /* h é (😀 = 2 units) ! */
    assert_true(out.type == JV_NUM && out.n == 1 && out.u.s[0] == '5');
    assert_int_equal(mk_get_value(&e, "s[1]", 4, &a, &out), 0);
    assert_true(out.type == JV_STR && out.n == 2 && memcmp(out.u.s, "\xc3\xa9", 2) == 0);
    assert_int_equal(mk_get_value(&e, "s[2]", 4, &a, &out), 0); /* high surrogate, WTF-8 */
    assert_true(out.type == JV_STR && out.n == 3 && memcmp(out.u.s, "\xed\xa0\xbd", 3) == 0);
    assert_int_equal(mk_get_value(&e, "s[9]", 4, &a, &out), 0);
    assert_int_equal(out.type, JV_UNDEF);
    assert_int_equal(mk_get_value(&e, "a.b", 3, &a, &out), 0);
    assert_int_equal(out.type, JV_NUM);
    jarena_free(&a);
}

static void test_if(void **state)
{
    (void)state;
    check_run("{\"a\":{\"@if\":{\"exists\":{\"@path\":\"$.nope\"},\"then\":\"T\",\"else\":\"E\"}},"
               "\"b\":{\"@if\":{\"exists\":{\"@path\":\"$.properties.nil\"},\"then\":\"T\",\"else\":\"E\"}},"
               "\"c\":{\"@if\":{\"exists\":{\"@path\":\"$.properties.empty\"},\"then\":\"T\",\"else\":\"E\"}},"
               "\"d\":{\"@if\":{\"exists\":{\"@path\":\"$.nope\"},\"then\":\"T\",\"else\":\"\"}},"
               "\"e\":{\"@if\":{\"blank\":{\"@path\":\"$.properties.empty\"},\"then\":\"T\",\"else\":\"E\"}},"
               "\"f\":{\"@if\":{\"blank\":{\"@path\":\"$.properties.qty\"},\"then\":\"T\",\"else\":\"E\"}},"
               "\"g\":{\"@if\":{\"blank\":{\"@path\":\"$.properties.tags\"},\"then\":\"T\",\"else\":\"E\"}}}",
               EV, "{\"ok\":{\"a\":\"E\",\"b\":\"E\",\"c\":\"T\",\"e\":\"E\",\"f\":\"E\",\"g\":\"T\"}}");
    /* exists: null present wins over blank */
    check_run("{\"a\":{\"@if\":{\"exists\":null,\"blank\":\"x\",\"then\":\"T\",\"else\":\"E\"}}}", EV, "{\"ok\":{\"a\":\"E\"}}");
    check_run("{\"a\":{\"@if\":{\"then\":\"x\"}}}", EV, "{\"err\":\"@if requires an \\\"exists\\\" key or a \\\"blank\\\" key\"}");
    check_run("{\"a\":{\"@if\":\"x\"}}", EV, "{\"err\":\"/a/@if should be an object but it is a string.\"}");
    check_run("{\"a\":[{\"@if\":5}]}", EV, "{\"err\":\"@if requires an object with an \\\"exists\\\" key\"}");
}

static void test_template(void **state)
{
    (void)state;
    check_run("{\"a\":{\"@template\":\"{{event}}/{{ properties.revenue }}/{{{properties.tags}}}/{{properties.meta}}/"
               "{{properties.nil}}/{{nope}}/{{properties.f}}\"}}",
               EV, "{\"ok\":{\"a\":\"Order Completed/149.99/a,b/[object Object]///false\"}}");
    /* {{{x}}} first, then {{x}} over the result */
    check_run("{\"a\":{\"@template\":\"{{{a}}}{{a}}\"}}", "{\"a\":\"{{b}}\",\"b\":[1,[2,null],{}]}",
               "{\"ok\":{\"a\":\"1,2,,[object Object]{{b}}\"}}");
    check_run("{\"a\":{\"@template\":\"{{n1}} {{n2}} {{n3}} {{n4}}\"}}", "{\"n1\":1.50,\"n2\":-0,\"n3\":1e21,\"n4\":1E-7}",
               "{\"ok\":{\"a\":\"1.5 0 1e+21 1e-7\"}}");
    check_run("{\"a\":{\"@template\":{\"@path\":\"$.n\"}}}", "{\"n\":5}", "{\"err\":\"@template: expected string, got number\"}");
}

static void test_literal(void **state)
{
    (void)state;
    check_run("{\"a\":{\"@literal\":\"\"},\"b\":{\"@literal\":{\"x\":{\"@path\":\"$.userId\"}}},\"c\":{\"@literal\":null}}", EV,
               "{\"ok\":{\"a\":\"\",\"b\":{\"x\":\"u1\"},\"c\":null}}");
}

static void test_array_path(void **state)
{
    (void)state;
    check_run("{\"a\":{\"@arrayPath\":[\"$.properties.items\",{\"s\":{\"@path\":\"$.sku\"}}]},"
               "\"b\":{\"@arrayPath\":[\"$.context.traits\",{\"e\":{\"@path\":\"$.email\"}}]},"
               "\"c\":{\"@arrayPath\":[\"$.properties.tags\"]},\"d\":{\"@arrayPath\":[\"$.properties.email\",{\"x\":1}]},"
               "\"e\":{\"@arrayPath\":[\"$.properties.items\",{}]}}",
               EV,
               "{\"ok\":{\"a\":[{\"s\":\"A\"},{\"s\":\"B\"}],\"b\":[{\"e\":\"ctx@x.com\"}],\"c\":[\"a\",\"b\"],\"d\":\"p@x.com\","
               "\"e\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\"}]}}");
    check_run("{\"a\":{\"@arrayPath\":\"x\"}}", EV, "{\"err\":\"/a/@arrayPath should be an array but it is a string.\"}");
    check_run("{\"a\":[{\"@arrayPath\":{}}]}", EV, "{\"err\":\"@arrayPath expected array, got object\"}");
}

static void test_case(void **state)
{
    (void)state;
    check_run("{\"a\":{\"@case\":{\"operator\":\"upper\",\"value\":{\"@path\":\"$.properties.name\"}}},"
               "\"b\":{\"@case\":{\"operator\":\"lower\",\"value\":\"\xc3\x80\xc3\x89 \xc4\xb0 \xce\x9f\xce\x94\xce\x9f\xce\xa3 \xce\xa3 \xd0\x94\xd0\x9e\xd0\x9c\"}},"
               "\"c\":{\"@case\":{\"operator\":\"lower\",\"value\":{\"@path\":\"$.properties.revenue\"}}},"
               "\"d\":{\"@case\":{\"operator\":\"lower\",\"value\":\"\"}}}",
               EV,
               /* STRASSE; àé i̇ οδος σ дом (final sigma only after a letter) */
               "{\"ok\":{\"a\":\"STRASSE\",\"b\":\"\xc3\xa0\xc3\xa9 i\xcc\x87 \xce\xbf\xce\xb4\xce\xbf\xcf\x82 \xcf\x83 \xd0\xb4\xd0\xbe\xd0\xbc\",\"c\":149.99}}");
    check_run("{\"a\":{\"@case\":{\"operator\":\"title\",\"value\":{\"@path\":\"$.event\"}}}}", EV,
               "{\"err\":\"operator key should have a value of \\\"lower\\\" or \\\"upper\\\"\"}");
    /* a bad operator is only an error for string values */
    check_run("{\"a\":{\"@case\":{\"operator\":\"title\",\"value\":{\"@path\":\"$.properties.qty\"}}}}", EV, "{\"ok\":{\"a\":0}}");
    check_run("{\"a\":{\"@case\":{\"value\":\"x\"}}}", EV, "{\"err\":\"@case requires a \\\"operator\\\" key\"}");
}

static void test_replace(void **state)
{
    (void)state;
    check_run("{\"a\":{\"@replace\":{\"pattern\":\"b\",\"replacement\":\"x\",\"value\":\"abcbB\"}},"
               "\"b\":{\"@replace\":{\"pattern\":\"B\",\"replacement\":\"x\",\"ignorecase\":true,\"value\":\"abcbB\"}},"
               "\"c\":{\"@replace\":{\"pattern\":\"b\",\"replacement\":\"x\",\"global\":false,\"value\":\"abcb\"}},"
               "\"d\":{\"@replace\":{\"pattern\":\".\",\"value\":\"a.b.c\"}},"
               "\"e\":{\"@replace\":{\"pattern\":\" \",\"replacement\":\"_\",\"pattern2\":\"a\",\"replacement2\":\"A\",\"value\":\"a b a\"}},"
               "\"f\":{\"@replace\":{\"pattern\":\"b\",\"replacement\":\"[$&$$$`]\",\"value\":\"abc\"}},"
               "\"g\":{\"@replace\":{\"pattern\":\".\",\"replacement\":\",\",\"value\":{\"@path\":\"$.properties.revenue\"}}},"
               "\"h\":{\"@replace\":{\"pattern\":\"a\",\"value\":{\"@path\":\"$.nope\"}}}}",
               EV,
               "{\"ok\":{\"a\":\"axcxB\",\"b\":\"axcxx\",\"c\":\"axcb\",\"d\":\"abc\",\"e\":\"A_b_A\",\"f\":\"a[b$a]c\",\"g\":\"149,99\",\"h\":\"\"}}");
    check_run("{\"a\":{\"@replace\":{\"pattern\":\"abcdefghijk\",\"value\":\"x\"}}}", EV,
               "{\"err\":\"/a/@replace/pattern should be a string of length 10 or less.\"}");
    check_run("{\"a\":{\"@replace\":{\"pattern\":\"b\",\"pattern2\":\"0123456789AB\",\"value\":\"abc\"}}}", EV,
               "{\"err\":\"@replace requires a \\\"pattern\\\" less than 10 characters\"}");
    check_run("{\"a\":{\"@replace\":{\"pattern\":\"b\",\"pattern2\":\"c\",\"replacement2\":\"0123456789A\",\"value\":\"abc\"}}}", EV,
               "{\"err\":\"@replace requires a \\\"replacement\\\" less than 10 characters\"}");
}

static void test_json(void **state)
{
    (void)state;
    check_run("{\"a\":{\"@json\":{\"mode\":\"encode\",\"value\":{\"@path\":\"$.x\"}}},\"b\":{\"@json\":{\"mode\":\"decode\",\"value\":{\"@path\":\"$.y\"}}},"
               "\"c\":{\"@json\":{\"mode\":\"decode\",\"value\":{\"@path\":\"$.z\"}}},\"d\":{\"@json\":{\"mode\":\"encode\",\"value\":{\"@path\":\"$.q\"}}}}",
               "{\"x\":{\"b\":1,\"2\":[1.50,\"\\u2028\"]},\"y\":\" {\\\"a\\\":1} \",\"z\":\"{bad\"}",
               "{\"ok\":{\"a\":\"{\\\"2\\\":[1.5,\\\"\xe2\x80\xa8\\\"],\\\"b\\\":1}\",\"b\":{\"a\":1},\"c\":\"{bad\"}}");
    check_run("{\"a\":{\"@json\":{\"mode\":\"encode\",\"value\":\"\"}}}", EV, "{\"err\":\"@json requires a \\\"value\\\" key\"}");
    check_run("{\"a\":{\"@json\":{\"mode\":\"xml\",\"value\":1}}}", EV,
               "{\"err\":\"/a/@json/mode should be one of encode, decode but it is \\\"xml\\\".\"}");
}

/* @json encode writes what json_write writes (integer keys first, escapes,
 * exact numbers, lone surrogates). */
static void test_json_encode_matches_json_write(void **state)
{
    (void)state;
    static const char *docs[] = {
        "{\"b\":1,\"10\":2,\"2\":3,\"a\":[1.50,-0,1e21,12345678901234567890,null,true]}",
        "\"tab\\t nl\\n quote\\\" bs\\\\ ctl\\u0001 lone\\ud800 pair\\ud83d\\ude00 ls\\u2028\"",
        "[{\"x\":{\"y\":{}}},[],\"\",0]",
    };
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        jarena a;
        jarena_init(&a, 0);
        jv x = parse(&a, docs[i]);
        jv event = jv_obj_new(&a, 1);
        event.u.members[0].key = "x";
        event.u.members[0].klen = 1;
        event.u.members[0].val = x;
        jv m = parse(&a, "{\"a\":{\"@json\":{\"mode\":\"encode\",\"value\":{\"@path\":\"$.x\"}}}}");
        char err[256];
        mk_program *p = mk_compile(&m, err, sizeof err);
        assert_non_null(p);
        jv out;
        assert_int_equal(mk_eval(p, &event, &a, &out, err, sizeof err), 0);
        const jv *s = jv_getz(&out, "a");
        assert_non_null(s);
        assert_int_equal(s->type, JV_STR);
        jbuf b;
        jbuf_init(&b);
        json_write(&b, &x);
        assert_int_equal(s->n, b.len);
        assert_memory_equal(s->u.s, b.p, b.len);
        jbuf_free(&b);
        mk_free(p);
        jarena_free(&a);
    }
}

static void test_flatten(void **state)
{
    (void)state;
    check_run("{\"a\":{\"@flatten\":{\"value\":{\"@path\":\"$.properties.meta\"},\"separator\":\".\"}},"
               "\"b\":{\"@flatten\":{\"value\":{\"@path\":\"$.properties.meta\"},\"separator\":\"_\",\"omitArrays\":true}},"
               "\"c\":{\"@flatten\":{\"value\":{\"@path\":\"$.event\"},\"separator\":\".\"}}}",
               EV,
               "{\"ok\":{\"a\":{\"a.b\":1,\"a.c.0\":1,\"a.c.1.d\":2,\"n\":null},\"b\":{\"a_b\":1,\"a_c\":[1,{\"d\":2}],\"n\":null},"
               "\"c\":{\"\":\"Order Completed\"}}}");
    check_run("{\"a\":{\"@flatten\":{\"value\":{\"x\":1}}}}", EV, "{\"err\":\"@flatten requires a \\\"separator\\\" key\"}");
}

static void test_merge(void **state)
{
    (void)state;
    check_run("{\"l\":{\"@merge\":{\"objects\":[{\"a\":1,\"b\":1},{\"b\":2,\"c\":2}],\"direction\":\"left\"}},"
               "\"r\":{\"@merge\":{\"objects\":[{\"a\":1,\"b\":1},{\"b\":2,\"c\":2}],\"direction\":\"right\"}},"
               "\"u\":{\"@merge\":{\"objects\":[{\"x\":1,\"y\":2},{\"x\":{\"@path\":\"$.nope\"}}],\"direction\":\"right\"}}}",
               EV, "{\"ok\":{\"l\":{\"b\":1,\"c\":2,\"a\":1},\"r\":{\"a\":1,\"b\":2,\"c\":2},\"u\":{\"y\":2}}}");
    check_run("{\"a\":{\"@merge\":{\"objects\":[{\"a\":1}]}}}", EV, "{\"err\":\"@merge requires a \\\"direction\\\" key\"}");
    check_run("{\"a\":{\"@merge\":{\"objects\":[{\"a\":1},\"x\"],\"direction\":\"left\"}}}", EV,
               "{\"err\":\"/ should be a object or a mapping directive but it is a string.\"}");
}

static void test_transform(void **state)
{
    (void)state;
    check_run("{\"a\":{\"@transform\":{\"apply\":{\"n\":{\"@path\":\"$.event\"}},\"mapping\":{\"up\":{\"@case\":{\"operator\":\"upper\","
               "\"value\":{\"@path\":\"$.n\"}}}}}}}",
               EV, "{\"ok\":{\"a\":{\"up\":\"ORDER COMPLETED\"}}}");
    check_run("{\"a\":{\"@arrayPath\":[\"$.properties.tags\",{\"@transform\":{\"apply\":{\"x\":1},\"mapping\":{\"y\":1}}}]}}", EV,
               "{\"err\":\"data must be an object, got string\"}");
    check_run("{\"a\":{\"@transform\":{\"apply\":{\"n\":1}}}}", EV, "{\"err\":\"/a/@transform should have field \\\"mapping\\\" but it doesn't.\"}");
}

static void test_exclude_when_null(void **state)
{
    (void)state;
    check_run("{\"a\":{\"@excludeWhenNull\":{\"@path\":\"$.x\"}},\"b\":{\"@excludeWhenNull\":{\"@path\":\"$.y\"}},"
               "\"c\":{\"@excludeWhenNull\":{\"@path\":\"$.z\"}}}",
               "{\"x\":{\"a\":null,\"b\":{\"c\":null,\"d\":[null],\"e\":1}},\"y\":null,\"z\":[null]}",
               "{\"ok\":{\"a\":{\"b\":{\"d\":[null],\"e\":1}},\"c\":[null]}}");
}

/* ---- validation and compile errors ----------------------------------------- */
static void test_validation_errors(void **state)
{
    (void)state;
    check_compile_error("{\"event\":{\"@foo\":\"x\"}}", "/event has an invalid directive: @foo.");
    check_compile_error("{\"event\":{\"@path\":\"$.event\",\"@template\":\"x\"}}",
                         "/event should only have one @-prefixed key but it has 2 keys.");
    check_compile_error("{\"event\":{\"@path\":\"$.event\",\"x\":1,\"_metadata\":{}}}",
                         "/event should only have one @-prefixed key but it has 3 keys.");
    check_compile_error("{\"event\":{\"@path\":5}}", "/event/@path should be a string or a mapping directive but it is a number.");
    check_compile_error("{\"properties\":{\"a\":{\"@foo\":1},\"b\":{\"@bar\":2}}}",
                         "/properties/a has an invalid directive: @foo. /properties/b has an invalid directive: @bar.");
    /* Object.keys order: array-index keys first */
    check_compile_error("{\"b\":{\"@x\":1},\"10\":{\"@y\":1},\"2\":{\"@z\":1}}",
                         "/2 has an invalid directive: @z. /10 has an invalid directive: @y. /b has an invalid directive: @x.");
    check_compile_error("{\"@foo\":1}", "/ has an invalid directive: @foo.");
    check_compile_error("{\"a\":{\"@replace\":{\"pattern\":\"x\",\"replacement\":null,\"value\":\"v\"}}}",
                         "/a/@replace/replacement should be a string but it is a null.");
    /* _metadata is allowed beside the directive */
    check_run("{\"a\":{\"_metadata\":{\"x\":1},\"@path\":\"$.userId\"}}", EV, "{\"ok\":{\"a\":\"u1\"}}");
    /* arrays are not validated: an unknown directive fails when it runs */
    check_run("{\"a\":[{\"@foo\":1}]}", EV, "{\"err\":\"@foo is not a valid directive, got undefined\"}");
    /* and in arrays a mixed object is a plain object */
    check_run("{\"a\":[{\"@path\":\"$.userId\",\"x\":1}]}", EV, "{\"ok\":{\"a\":[{\"@path\":\"$.userId\",\"x\":1}]}}");
}

static void test_liquid_unsupported(void **state)
{
    (void)state;
    check_compile_error("{\"event\":{\"@liquid\":\"{{event}}\"}}", "/event uses @liquid, an unsupported directive.");
    check_compile_error("{\"properties\":{\"x\":{\"@if\":{\"exists\":\"y\",\"then\":{\"@liquid\":\"a\"}}}}}",
                         "/properties/x/@if/then uses @liquid, an unsupported directive.");
    check_compile_error("{\"a\":[1,{\"@liquid\":\"x\"}]}", "/a/1 uses @liquid, an unsupported directive.");
    /* upstream's own check comes first */
    check_compile_error("{\"event\":{\"@liquid\":5}}", "/event/@liquid should be a string but it is a number.");
    check_compile_error("{\"a\":{\"@foo\":1},\"b\":{\"@liquid\":\"x\"}}",
                         "/a has an invalid directive: @foo. /b uses @liquid, an unsupported directive.");
}

static void test_root_directive_key(void **state)
{
    (void)state;
    check_run("{\"__segment_internal_directive\":{\"@transform\":{\"apply\":{\"x\":{\"@path\":\"$.properties\"}}}},"
               "\"y\":{\"@path\":\"$.x.email\"}}",
               EV, "{\"ok\":{\"y\":\"p@x.com\"}}");
    check_compile_error("{\"__segment_internal_directive\":{\"@a\":1,\"@b\":2},\"y\":1}",
                         "The root mapping must only have a single directive object");
    check_compile_error("{\"__segment_internal_directive\":\"x\",\"y\":1}", "The root directive must be an object");
}

static void test_compile_value(void **state)
{
    (void)state;
    check_value("{\"@path\":\"$.a.b\"}", "{\"a\":{\"b\":[1]}}", "{\"ok\":[1]}");
    check_value("{\"@path\":\"$.nope\"}", "{}", "{}");
    check_value("\"lit\"", "{}", "{\"ok\":\"lit\"}");
    check_value("{\"@template\":\"{{0}}\"}", "[\"first\"]", "{\"ok\":\"first\"}"); /* any event value */
    check_value("{\"@foo\":1}", "{}", "{\"err\":\"/ has an invalid directive: @foo.\"}");
}

/* ---- memory and API contracts ------------------------------------------------ */
static void test_program_owns_its_copies(void **state)
{
    (void)state;
    jarena ma;
    jarena_init(&ma, 0);
    char *text = strdup("{\"e\":{\"@template\":\"{{event}}!\"},\"l\":{\"k\":[1,\"two\"]},\"p\":{\"@path\":\"$.properties['email']\"},"
                        "\"r\":{\"@replace\":{\"pattern\":\"O\",\"replacement\":\"0\",\"value\":{\"@path\":\"$.event\"}}}}");
    jv m = parse(&ma, text);
    char err[256];
    mk_program *p = mk_compile(&m, err, sizeof err);
    assert_non_null(p);
    memset(text, 'X', strlen(text)); /* strings without escapes pointed into it */
    free(text);
    jarena_free(&ma);

    jarena a;
    jarena_init(&a, 0);
    jv e = parse(&a, EV), out;
    for (int round = 0; round < 3; round++) {
        assert_int_equal(mk_eval(p, &e, &a, &out, err, sizeof err), 0);
        jbuf b;
        jbuf_init(&b);
        json_write(&b, &out);
        assert_string_equal(jbuf_cstr(&b), "{\"e\":\"Order Completed!\",\"l\":{\"k\":[1,\"two\"]},\"p\":\"p@x.com\",\"r\":\"0rder Completed\"}");
        jbuf_free(&b);
    }
    mk_free(p);
    jarena_free(&a);
}

static void test_undefined_members_are_absent(void **state)
{
    (void)state;
    jarena a;
    jarena_init(&a, 0);
    jv m = parse(&a, "{\"a\":{\"@path\":\"$.userId\"},\"b\":{\"@foo\":1}}");
    m.u.members[1].val = jv_undef(); /* b removed: no error */
    char err[256];
    mk_program *p = mk_compile(&m, err, sizeof err);
    assert_non_null(p);
    jv e = parse(&a, EV), out;
    assert_int_equal(mk_eval(p, &e, &a, &out, err, sizeof err), 0);
    assert_int_equal(out.type, JV_OBJ);
    const jv *v = jv_getz(&out, "a");
    assert_true(v && v->type == JV_STR && v->n == 2);
    assert_null(jv_getz(&out, "b"));
    /* resolved undefined members are JV_UNDEF (removeUndefined happens on write) */
    mk_free(p);
    m = parse(&a, "{\"a\":{\"@path\":\"$.nope\"},\"b\":1}");
    p = mk_compile(&m, err, sizeof err);
    assert_non_null(p);
    assert_int_equal(mk_eval(p, &e, &a, &out, err, sizeof err), 0);
    assert_int_equal(out.n, 2);
    assert_int_equal(out.u.members[0].val.type, JV_UNDEF);
    mk_free(p);
    jarena_free(&a);
}

static void test_event_must_be_object(void **state)
{
    (void)state;
    check_run("{\"a\":1}", "[1]", "{\"err\":\"data must be an object, got array\"}");
    check_run("{\"a\":1}", "\"s\"", "{\"err\":\"data must be an object, got string\"}");
    jarena a;
    jarena_init(&a, 0);
    char err[128];
    assert_null(mk_compile(NULL, err, sizeof err));
    jv arr = parse(&a, "[]");
    assert_null(mk_compile(&arr, err, sizeof err));
    assert_string_equal(err, "a mapping must be an object, got array");
    jarena_free(&a);
}

static void test_exact_numbers(void **state)
{
    (void)state;
    /* @path keeps the number text (docs/deviations.md §1); @template uses String(n) */
    check_run("{\"a\":{\"@path\":\"$.n\"},\"b\":{\"@template\":\"{{n}}\"},\"c\":{\"@path\":\"$.d\"}}",
               "{\"n\":12345678901234567890,\"d\":1.50}", "{\"ok\":{\"a\":12345678901234567890,\"b\":\"12345678901234567000\",\"c\":1.5}}");
    jarena a;
    jarena_init(&a, 0);
    jv m = parse(&a, "{\"c\":{\"@path\":\"$.d\"}}"), e = parse(&a, "{\"d\":1.50}"), out;
    char err[64];
    mk_program *p = mk_compile(&m, err, sizeof err);
    assert_non_null(p);
    assert_int_equal(mk_eval(p, &e, &a, &out, err, sizeof err), 0);
    const jv *c = jv_getz(&out, "c");
    assert_true(c && c->type == JV_NUM && c->n == 4 && memcmp(c->u.s, "1.50", 4) == 0);
    mk_free(p);
    jarena_free(&a);
}

static void test_arena_limit(void **state)
{
    (void)state;
    jarena big, small;
    jarena_init(&big, 0);
    jarena_init(&small, 256);
    jv m = parse(&big, "{\"a\":{\"@template\":\"{{s}}{{s}}{{s}}{{s}}\"}}");
    char s[600];
    memset(s, 'x', sizeof s);
    char ev[700];
    snprintf(ev, sizeof ev, "{\"s\":\"%.*s\"}", (int)sizeof s - 1, s);
    jv e = parse(&big, ev), out;
    char err[128];
    mk_program *p = mk_compile(&m, err, sizeof err);
    assert_non_null(p);
    assert_int_equal(mk_eval(p, &e, &small, &out, err, sizeof err), -1);
    assert_string_equal(err, "out of memory while resolving the mapping");
    assert_int_equal(mk_eval(p, &e, &big, &out, err, sizeof err), 0);
    mk_free(p);
    jarena_free(&small);
    jarena_free(&big);
}

static void test_is_directive(void **state)
{
    (void)state;
    jarena a;
    jarena_init(&a, 0);
    jv v = parse(&a, "{\"@path\":\"x\"}");
    assert_true(mk_is_directive(&v));
    v = parse(&a, "{\"@path\":\"x\",\"_metadata\":1}");
    assert_true(mk_is_directive(&v));
    v = parse(&a, "{\"@path\":\"x\",\"y\":1}");
    assert_false(mk_is_directive(&v));
    v = parse(&a, "{\"_metadata\":1}");
    assert_false(mk_is_directive(&v));
    v = parse(&a, "{}");
    assert_false(mk_is_directive(&v));
    v = parse(&a, "[{\"@path\":\"x\"}]");
    assert_false(mk_is_directive(&v));
    assert_false(mk_is_directive(NULL));
    jarena_free(&a);
}

/* Many events through one program in one arena, reset between events (the
 * first row of the oracle table, copied in as if parsed anew). */
static void test_repeated_eval(void **state)
{
    (void)state;
    rows t;
    rows_load(&t, ORACLE_ROWS);
    const jv *mapping = rows_get(&t, 0, "mapping", JV_OBJ), *event = rows_get(&t, 0, "event", JV_OBJ);
    const jv *expect = rows_get(&t, 0, "expect", JV_STR);
    jarena ma, a;
    jarena_init(&ma, 0);
    jarena_init(&a, 1 << 20);
    jv m;
    assert_int_equal(jv_clone(&ma, mapping, &m), 0);
    char err[512];
    mk_program *p = mk_compile(&m, err, sizeof err);
    assert_non_null(p);
    jarena_free(&ma);
    jbuf b;
    jbuf_init(&b);
    for (int i = 0; i < 200; i++) {
        jarena_reset(&a);
        jv e, out;
        assert_int_equal(jv_clone(&a, event, &e), 0);
        assert_int_equal(mk_eval(p, &e, &a, &out, err, sizeof err), 0);
        jbuf_reset(&b);
        jbuf_puts(&b, "{\"ok\":");
        json_write(&b, &out);
        jbuf_putc(&b, '}');
        assert_int_equal(b.len, expect->n);
        assert_memory_equal(b.p, expect->u.s, b.len);
    }
    jbuf_free(&b);
    mk_free(p);
    jarena_free(&a);
    rows_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oracle_table),
        cmocka_unit_test(test_path),
        cmocka_unit_test(test_falsy_intermediate_quirk),
        cmocka_unit_test(test_mk_get),
        cmocka_unit_test(test_if),
        cmocka_unit_test(test_template),
        cmocka_unit_test(test_literal),
        cmocka_unit_test(test_array_path),
        cmocka_unit_test(test_case),
        cmocka_unit_test(test_replace),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_json_encode_matches_json_write),
        cmocka_unit_test(test_flatten),
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_transform),
        cmocka_unit_test(test_exclude_when_null),
        cmocka_unit_test(test_validation_errors),
        cmocka_unit_test(test_liquid_unsupported),
        cmocka_unit_test(test_root_directive_key),
        cmocka_unit_test(test_compile_value),
        cmocka_unit_test(test_program_owns_its_copies),
        cmocka_unit_test(test_undefined_members_are_absent),
        cmocka_unit_test(test_event_must_be_object),
        cmocka_unit_test(test_exact_numbers),
        cmocka_unit_test(test_arena_limit),
        cmocka_unit_test(test_is_directive),
        cmocka_unit_test(test_repeated_eval),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
