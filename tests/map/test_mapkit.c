/* test_mapkit.c — mapping-kit (runtime/mapkit.c) against upstream.
 *
 * The big table at the end (oracle_rows) was produced by running
 * @segment/actions-core 3.170's transform() (the oracle in /tmp/oracle, see
 * /work/shared/upstream/README.md) on each mapping/event pair:
 *   expect = JSON.stringify({ok: transform(mapping, event)})
 *         or JSON.stringify({err: message}), where for upstream's
 *            AggregateError the ValidationError messages are joined by " ".
 * Rows: hand-written directive cases, the mappings of
 * tests/cases/mapkit-directives.ndjson, the destination's default mappings
 * (core.defaultValues of each action's fields) on the spec §7 events, and
 * randomly generated mappings. The comparison is byte for byte.
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

typedef struct {
    const char *name, *mapping, *event, *expect;
} row;

static const row oracle_rows[];
static const size_t n_oracle_rows;

/* ---- helpers ------------------------------------------------------------- */
static jv parse(jarena *a, const char *s)
{
    jv v;
    jerr e;
    if (json_parse(a, s, strlen(s), NULL, &v, &e)) fail_msg("bad test JSON: %s: %s", e.msg, s);
    return v;
}

/* Runs mapping on event and renders {"ok":…} / {"err":"…"} like the oracle. */
static void run(const char *mapping, const char *event, bool value, jbuf *b)
{
    jarena a;
    jarena_init(&a, 0);
    jv m = parse(&a, mapping), e = parse(&a, event);
    char err[4096];
    mk_program *p = value ? mk_compile_value(&m, err, sizeof err) : mk_compile(&m, err, sizeof err);
    jv out;
    jbuf_reset(b);
    if (!p || mk_eval(p, &e, &a, &out, err, sizeof err)) {
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
    jbuf b;
    jbuf_init(&b);
    size_t bad = 0;
    for (size_t i = 0; i < n_oracle_rows; i++) {
        const row *r = &oracle_rows[i];
        run(r->mapping, r->event, false, &b);
        if (strcmp(jbuf_cstr(&b), r->expect) != 0) {
            bad++;
            print_error("row %s\n  mapping  %s\n  expected %s\n  got      %s\n", r->name, r->mapping, r->expect,
                        jbuf_cstr(&b));
        }
    }
    jbuf_free(&b);
    print_message("oracle table: %zu rows, %zu mismatches\n", n_oracle_rows, bad);
    assert_int_equal(bad, 0);
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
    /* @path keeps the number text (deviations §1); @template uses String(n) */
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

/* Many events through one program in one arena, reset between events. */
static void test_repeated_eval(void **state)
{
    (void)state;
    jarena ma, a;
    jarena_init(&ma, 0);
    jarena_init(&a, 1 << 20);
    jv m = parse(&ma, oracle_rows[0].mapping);
    char err[512];
    mk_program *p = mk_compile(&m, err, sizeof err);
    assert_non_null(p);
    jarena_free(&ma);
    jbuf b;
    jbuf_init(&b);
    for (int i = 0; i < 200; i++) {
        jarena_reset(&a);
        jv e = parse(&a, oracle_rows[0].event), out;
        assert_int_equal(mk_eval(p, &e, &a, &out, err, sizeof err), 0);
        jbuf_reset(&b);
        jbuf_puts(&b, "{\"ok\":");
        json_write(&b, &out);
        jbuf_putc(&b, '}');
        assert_string_equal(jbuf_cstr(&b), oracle_rows[0].expect);
    }
    jbuf_free(&b);
    mk_free(p);
    jarena_free(&a);
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

/* ---- generated by the oracle (see the top of this file) --------------------- */
static const row oracle_rows[] = {
    {"hand-1",
     "{\"a\":{\"@path\":\"$.properties.email\"},\"b\":{\"@path\":\"$.context.traits.email\"},\"c\":{\"@path\":\"$.nope.x\"},\"d\":{\"@path\":\"$.properties.qty.x\"},\"e\":{\"@path\":\"$.properties.empty.x\"},\"f\":{\"@path\":\"$.properties.nil.x\"},\"g\":{\"@path\":\"$.properties.f.x.y\"}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":\"p@x.com\",\"b\":\"ctx@x.com\",\"d\":0,\"e\":\"\",\"f\":null,\"g\":false}}"},
    {"hand-2",
     "{\"a\":{\"@path\":\"$.properties.items[0].sku\"},\"b\":{\"@path\":\"$.properties['key with space']\"},\"c\":{\"@path\":\"$.properties.items[1][\\\"sku\\\"]\"},\"d\":{\"@path\":\"$.properties.tags.length\"},\"e\":{\"@path\":\"$.properties.emoji.length\"},\"f\":{\"@path\":\"$.properties.emoji[1]\"},\"g\":{\"@path\":\"$.properties.emoji[2]\"},\"h\":{\"@path\":\"$.properties.name[0]\"}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":\"A\",\"b\":\"sp\",\"c\":\"B\",\"d\":2,\"e\":4,\"f\":\"\\ud83d\",\"g\":\"\\ude00\",\"h\":\"S\"}}"},
    {"hand-3",
     "{\"a\":{\"@path\":\"$.\"},\"b\":{\"@path\":\"$\"},\"c\":{\"@path\":\"\"},\"d\":{\"@path\":\"properties.email\"},\"e\":{\"@path\":\"properties.$.email\"},\"f\":{\"@path\":\"$..properties..email\"},\"g\":{\"@path\":\"$.properties.tags[01]\"},\"h\":{\"@path\":\"$.properties.tags[1]]]\"}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}},\"c\":{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}},\"d\":\"p@x.com\",\"e\":\"p@x.com\",\"f\":\"p@x.com\",\"h\":\"b\"}}"},
    {"hand-4",
     "{\"a\":{\"@path\":\"$.properties[a.b]\"},\"b\":{\"@path\":\"$.properties['a.b']\"},\"c\":{\"@path\":\"$.properties.t.x\"},\"d\":{\"@path\":\"$.properties.revenue.x\"},\"e\":{\"@path\":\"$.properties.items.0.id\"}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"e\":1}}"},
    {"hand-5",
     "{\"a\":{\"@path\":{\"@template\":\"$.properties.{{event}}\"}},\"b\":{\"@path\":{\"@path\":\"$.context.ip\"}}}",
     "{\"type\":\"track\",\"event\":\"email\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":\"p@x.com\"}}"},
    {"hand-6",
     "{\"a\":{\"@path\":{\"@path\":\"$.properties.qty\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@path: expected string, got number\"}"},
    {"hand-7",
     "{\"a\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":\"ctx@x.com\"}}"},
    {"hand-8",
     "{\"a\":{\"@if\":{\"exists\":{\"@path\":\"$.nope\"},\"then\":\"T\",\"else\":\"E\"}},\"b\":{\"@if\":{\"exists\":{\"@path\":\"$.properties.nil\"},\"then\":\"T\",\"else\":\"E\"}},\"c\":{\"@if\":{\"exists\":{\"@path\":\"$.properties.empty\"},\"then\":\"T\",\"else\":\"E\"}},\"d\":{\"@if\":{\"exists\":{\"@path\":\"$.nope\"},\"then\":\"T\",\"else\":\"\"}},\"e\":{\"@if\":{\"exists\":{\"@path\":\"$.nope\"},\"then\":\"T\",\"else\":0}},\"f\":{\"@if\":{\"exists\":{\"@path\":\"$.properties.f\"},\"then\":\"T\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":\"E\",\"b\":\"E\",\"c\":\"T\",\"f\":\"T\"}}"},
    {"hand-9",
     "{\"a\":{\"@if\":{\"blank\":{\"@path\":\"$.properties.empty\"},\"then\":\"T\",\"else\":\"E\"}},\"b\":{\"@if\":{\"blank\":{\"@path\":\"$.properties.qty\"},\"then\":\"T\",\"else\":\"E\"}},\"c\":{\"@if\":{\"blank\":{\"@path\":\"$.properties.f\"},\"then\":\"T\",\"else\":\"E\"}},\"d\":{\"@if\":{\"blank\":{\"@path\":\"$.properties.tags\"},\"then\":\"T\",\"else\":\"E\"}},\"e\":{\"@if\":{\"blank\":{\"@path\":\"$.x\"},\"then\":\"T\",\"else\":\"E\"}},\"f\":{\"@if\":{\"blank\":{\"@path\":\"$.y\"},\"then\":\"T\",\"else\":\"E\"}},\"g\":{\"@if\":{\"blank\":{\"@path\":\"$.z\"},\"then\":\"T\",\"else\":\"E\"}},\"h\":{\"@if\":{\"blank\":{\"@path\":\"$.w\"},\"then\":\"T\",\"else\":\"E\"}}}",
     "{\"x\":[],\"y\":[[null]],\"z\":[0],\"w\":{}}",
     "{\"ok\":{\"a\":\"E\",\"b\":\"E\",\"c\":\"E\",\"d\":\"E\",\"e\":\"E\",\"f\":\"E\",\"g\":\"T\",\"h\":\"T\"}}"},
    {"hand-10",
     "{\"a\":{\"@if\":{\"exists\":null,\"blank\":{\"@path\":\"$.x\"},\"then\":\"T\",\"else\":\"E\"}},\"b\":{\"@if\":{\"exists\":false,\"blank\":\"x\",\"then\":\"T\",\"else\":\"E\"}},\"c\":{\"@if\":{\"exists\":\"lit\",\"then\":{\"@path\":\"$.x\"}}}}",
     "{\"x\":1}",
     "{\"ok\":{\"a\":\"E\",\"b\":\"T\",\"c\":1}}"},
    {"hand-11",
     "{\"a\":{\"@if\":{\"then\":\"x\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@if requires an \\\"exists\\\" key or a \\\"blank\\\" key\"}"},
    {"hand-12",
     "{\"a\":{\"@if\":{\"exists\":0,\"blank\":\"\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@if requires an \\\"exists\\\" key or a \\\"blank\\\" key\"}"},
    {"hand-13",
     "{\"a\":{\"@template\":\"Hi {{properties.name}} {{ userId }}! {{{properties.email}}} {{nope}}|{{properties.tags}}|{{properties.items}}|{{properties.revenue}}|{{properties.big}}|{{properties.nil}}|{{properties.f}}|{{properties.nested}}\"}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":\"Hi Straße ΟΔΟΣ u1! p@x.com |a,b|[object Object],[object Object]|149.99|12345678901234567000||false|[object Object]\"}}"},
    {"hand-14",
     "{\"a\":{\"@template\":\"{{{a}}}{{a}}|{{ b }}|{{c}}|{{d}}|{{e}}|{{n}}|{{}}|{{ }}|{{{{a}}}}|{a}|{{a}\"}}",
     "{\"a\":\"{{b}}\",\"b\":[1,[2,null],{\"x\":1}],\"c\":{},\"d\":null,\"e\":1e+21,\"n\":0.1}",
     "{\"ok\":{\"a\":\"1,2,,[object Object]{{b}}|1,2,,[object Object]|[object Object]||1e+21|0.1|{{}}|[object Object]|}|{a}|{{a}\"}}"},
    {"hand-15",
     "{\"a\":{\"@template\":{\"@path\":\"$.tpl\"}},\"b\":{\"@template\":\"{{x.length}} {{s[0]}}\"}}",
     "{\"tpl\":\"x={{x}}\",\"x\":[1,2,3],\"s\":\"héllo\"}",
     "{\"ok\":{\"a\":\"x=1,2,3\",\"b\":\"3 h\"}}"},
    {"hand-16",
     "{\"a\":{\"@template\":{\"@path\":\"$.x\"}}}",
     "{\"x\":5}",
     "{\"err\":\"@template: expected string, got number\"}"},
    {"hand-17",
     "{\"a\":{\"@template\":\"{{ x　}}-{{\\tx\\n}}\"}}",
     "{\"x\":\"ok\"}",
     "{\"ok\":{\"a\":\"ok-ok\"}}"},
    {"hand-18",
     "{\"a\":{\"@template\":\"{{n1}} {{n2}} {{n3}} {{n4}} {{n5}} {{n6}}\"}}",
     "{\"n1\":1.5,\"n2\":0,\"n3\":1e-7,\"n4\":123456789012345680,\"n5\":100,\"n6\":-12500}",
     "{\"ok\":{\"a\":\"1.5 0 1e-7 123456789012345680 100 -12500\"}}"},
    {"hand-19",
     "{\"a\":{\"@literal\":\"\"},\"b\":{\"@literal\":{\"@path\":\"$.userId\"}},\"c\":{\"@literal\":{\"x\":{\"@path\":\"$.userId\"}}},\"d\":{\"@literal\":null},\"e\":{\"@literal\":[1,{\"@path\":\"$.userId\"}]}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":\"\",\"b\":\"u1\",\"c\":{\"x\":\"u1\"},\"d\":null,\"e\":[1,\"u1\"]}}"},
    {"hand-20",
     "{\"a\":{\"@arrayPath\":[\"$.properties.items\",{\"sku\":{\"@path\":\"$.sku\"},\"q\":{\"@path\":\"$.id\"}}]},\"b\":{\"@arrayPath\":[\"$.properties.nested\",{\"x\":{\"@path\":\"$.n\"}}]},\"c\":{\"@arrayPath\":[\"$.properties.items\"]},\"d\":{\"@arrayPath\":[\"$.properties.email\",{\"x\":1}]},\"e\":{\"@arrayPath\":[\"$.properties.items\",{}]},\"f\":{\"@arrayPath\":[{\"@path\":\"$.properties.tags\"},{\"v\":{\"@path\":\"$\"}}]}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":[{\"sku\":\"A\",\"q\":1},{\"sku\":\"B\",\"q\":2}],\"b\":[{\"x\":null}],\"c\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"d\":\"p@x.com\",\"e\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"f\":[{},{}]}}"},
    {"hand-21",
     "{\"a\":{\"@arrayPath\":[\"$.properties.tags\",{\"v\":{\"@path\":\"$.length\"}}]},\"b\":{\"@arrayPath\":[\"$.nope\",{\"v\":1}]},\"c\":{\"@arrayPath\":[\"$.properties.items\",{\"@path\":\"$.sku\"}]}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":[{\"v\":1},{\"v\":1}],\"c\":[\"A\",\"B\"]}}"},
    {"hand-22",
     "{\"a\":{\"@arrayPath\":\"x\"}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@arrayPath should be an array but it is a string.\"}"},
    {"hand-23",
     "{\"a\":{\"@arrayPath\":[]}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@arrayPath should be a string or a mapping directive but it is an undefined.\"}"},
    {"hand-24",
     "{\"a\":{\"@arrayPath\":[5]}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@arrayPath should be a string or a mapping directive but it is a number.\"}"},
    {"hand-25",
     "{\"a\":{\"@case\":{\"operator\":\"upper\",\"value\":{\"@path\":\"$.properties.name\"}}},\"b\":{\"@case\":{\"operator\":\"lower\",\"value\":{\"@path\":\"$.properties.name\"}}},\"c\":{\"@case\":{\"operator\":\"lower\",\"value\":{\"@path\":\"$.properties.revenue\"}}},\"d\":{\"@case\":{\"operator\":\"lower\",\"value\":\"\"}},\"e\":{\"@case\":{\"operator\":\"lower\",\"value\":\"ÀÉÎ İ ΣΑΣ Σ.Σ ΑΣ'Σ ДОМ\"}},\"f\":{\"@case\":{\"operator\":\"upper\",\"value\":\"ŉ ǰ ΐ ﬀ µ ÿ ß\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":\"STRASSE ΟΔΟΣ\",\"b\":\"straße οδος\",\"c\":149.99,\"e\":\"àéî i̇ σας σ.ς ασ'ς дом\",\"f\":\"ʼN J̌ Ϊ́ FF Μ Ÿ SS\"}}"},
    {"hand-26",
     "{\"a\":{\"@case\":{\"operator\":\"title\",\"value\":{\"@path\":\"$.properties.name\"}}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"operator key should have a value of \\\"lower\\\" or \\\"upper\\\"\"}"},
    {"hand-27",
     "{\"a\":{\"@case\":{\"operator\":\"title\",\"value\":{\"@path\":\"$.properties.revenue\"}}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":149.99}}"},
    {"hand-28",
     "{\"a\":{\"@case\":{\"value\":\"x\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@case requires a \\\"operator\\\" key\"}"},
    {"hand-29",
     "{\"a\":{\"@case\":\"x\"}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@case should be an object but it is a string.\"}"},
    {"hand-30",
     "{\"a\":{\"@case\":{\"operator\":5,\"value\":\"x\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@case/operator should be a string but it is a number.\"}"},
    {"hand-31",
     "{\"a\":{\"@replace\":{\"pattern\":\"b\",\"replacement\":\"x\",\"value\":\"abcbB\"}},\"b\":{\"@replace\":{\"pattern\":\"B\",\"replacement\":\"x\",\"ignorecase\":true,\"value\":\"abcbB\"}},\"c\":{\"@replace\":{\"pattern\":\"b\",\"replacement\":\"x\",\"global\":false,\"value\":\"abcb\"}},\"d\":{\"@replace\":{\"pattern\":\".\",\"value\":\"a.b.c\"}},\"e\":{\"@replace\":{\"pattern\":\" \",\"replacement\":\"_\",\"pattern2\":\"a\",\"replacement2\":\"A\",\"value\":\"a b a\"}},\"f\":{\"@replace\":{\"pattern\":\"b\",\"replacement\":\"[$&$$$`]\",\"value\":\"abc\"}},\"g\":{\"@replace\":{\"pattern\":\"b\",\"replacement\":\"[$'$1$<x>]\",\"value\":\"abc\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":\"axcxB\",\"b\":\"axcxx\",\"c\":\"axcb\",\"d\":\"abc\",\"e\":\"A_b_A\",\"f\":\"a[b$a]c\",\"g\":\"a[c$1$<x>]c\"}}"},
    {"hand-32",
     "{\"a\":{\"@replace\":{\"pattern\":\"1\",\"value\":{\"@path\":\"$.x\"}}},\"b\":{\"@replace\":{\"pattern\":\"u\",\"value\":{\"@path\":\"$.y\"}}},\"c\":{\"@replace\":{\"pattern\":\"u\",\"value\":{\"@path\":\"$.z\"}}},\"d\":{\"@replace\":{\"pattern\":\"u\",\"value\":{\"@path\":\"$.nope\"}}},\"e\":{\"@replace\":{\"pattern\":\"u\",\"value\":\"\"}},\"f\":{\"@replace\":{\"pattern\":\"ſ\",\"ignorecase\":true,\"value\":\"sSſ\"}},\"g\":{\"@replace\":{\"pattern\":\"é\",\"ignorecase\":true,\"value\":\"ÉéE\"}},\"h\":{\"@replace\":{\"pattern\":\"σ\",\"ignorecase\":true,\"value\":\"ΣσςΑ\"}},\"i\":{\"@replace\":{\"pattern\":\"😀\",\"value\":\"a😀b😀\"}}}",
     "{\"x\":15,\"y\":true,\"z\":[1]}",
     "{\"ok\":{\"a\":\"5\",\"b\":\"tre\",\"c\":\"\",\"d\":\"\",\"f\":\"sS\",\"g\":\"E\",\"h\":\"Α\",\"i\":\"ab\"}}"},
    {"hand-33",
     "{\"a\":{\"@replace\":{\"pattern\":\"b\",\"pattern2\":\"c\",\"replacement2\":\"0123456789A\",\"value\":\"abcb\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@replace requires a \\\"replacement\\\" less than 10 characters\"}"},
    {"hand-34",
     "{\"a\":{\"@replace\":{\"pattern\":\"b\",\"pattern2\":\"0123456789AB\",\"value\":\"abcb\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@replace requires a \\\"pattern\\\" less than 10 characters\"}"},
    {"hand-35",
     "{\"a\":{\"@replace\":{\"pattern\":\"b\",\"pattern2\":\"0123456789AB\",\"value\":{\"@path\":\"$.x\"}}}}",
     "{\"x\":null}",
     "{\"ok\":{\"a\":\"\"}}"},
    {"hand-36",
     "{\"a\":{\"@replace\":{\"pattern\":\"abcdefghijk\",\"value\":\"x\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@replace/pattern should be a string of length 10 or less.\"}"},
    {"hand-37",
     "{\"a\":{\"@replace\":{\"pattern\":\"\",\"value\":\"x\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@replace/pattern should be a string of length 1 or greater.\"}"},
    {"hand-38",
     "{\"a\":{\"@replace\":{\"pattern\":\"a\",\"replacement\":null,\"value\":\"x\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@replace/replacement should be a string but it is a null.\"}"},
    {"hand-39",
     "{\"a\":{\"@replace\":{\"pattern\":\"a\",\"value\":\"x\",\"global\":\"yes\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@replace/global should be a boolean but it is a string.\"}"},
    {"hand-40",
     "{\"a\":{\"@replace\":{\"pattern\":\"a\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@replace should have field \\\"value\\\" but it doesn't.\"}"},
    {"hand-41",
     "{\"a\":{\"@replace\":{\"pattern\":\"a\",\"replacement2\":5,\"pattern2\":\"b\",\"value\":\"ab\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":\"b\"}}"},
    {"hand-42",
     "{\"a\":{\"@replace\":{\"pattern\":\"aé\",\"replacement\":\"ü\",\"value\":\"xAÉaéaé\",\"ignorecase\":true,\"global\":true}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":\"xüüü\"}}"},
    {"hand-43",
     "{\"a\":{\"@json\":{\"value\":{\"@path\":\"$.x\"},\"mode\":\"encode\"}},\"b\":{\"@json\":{\"value\":{\"@path\":\"$.y\"},\"mode\":\"decode\"}},\"c\":{\"@json\":{\"value\":{\"@path\":\"$.z\"},\"mode\":\"decode\"}},\"d\":{\"@json\":{\"value\":{\"@path\":\"$.q\"},\"mode\":\"encode\"}},\"e\":{\"@json\":{\"value\":{\"@path\":\"$.x\"},\"mode\":\"ENCODE\"}},\"f\":{\"@json\":{\"value\":{\"@path\":\"$.w\"},\"mode\":\"decode\"}},\"g\":{\"@json\":{\"value\":{\"@path\":\"$.x\"},\"mode\":\"decode\"}}}",
     "{\"x\":{\"1\":null,\"2\":[1.5,\"é \\\"\\\\\\n\\u0001\"],\"b\":1},\"y\":\" {\\\"a\\\":1} \",\"z\":\"{bad\",\"w\":\"\\\"s\\\"\"}",
     "{\"ok\":{\"a\":\"{\\\"1\\\":null,\\\"2\\\":[1.5,\\\"é \\\\\\\"\\\\\\\\\\\\n\\\\u0001\\\"],\\\"b\\\":1}\",\"b\":{\"a\":1},\"c\":\"{bad\",\"f\":\"s\",\"g\":{\"1\":null,\"2\":[1.5,\"é \\\"\\\\\\n\\u0001\"],\"b\":1}}}"},
    {"hand-44",
     "{\"a\":{\"@json\":{\"value\":{\"k\":{\"@path\":\"$.nope\"},\"j\":1},\"mode\":\"encode\"}},\"b\":{\"@json\":{\"value\":\"str\",\"mode\":\"encode\"}},\"c\":{\"@json\":{\"value\":[1,{\"@path\":\"$.nope\"}],\"mode\":\"encode\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":\"{\\\"j\\\":1}\",\"b\":\"\\\"str\\\"\",\"c\":\"[1,null]\"}}"},
    {"hand-45",
     "{\"a\":{\"@json\":{\"value\":\"\",\"mode\":\"encode\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@json requires a \\\"value\\\" key\"}"},
    {"hand-46",
     "{\"a\":{\"@json\":{\"value\":0,\"mode\":\"encode\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@json requires a \\\"value\\\" key\"}"},
    {"hand-47",
     "{\"a\":{\"@json\":{\"value\":\"x\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@json should have field \\\"mode\\\" but it doesn't.\"}"},
    {"hand-48",
     "{\"a\":{\"@json\":{\"value\":\"x\",\"mode\":\"xml\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@json/mode should be one of encode, decode but it is \\\"xml\\\".\"}"},
    {"hand-49",
     "{\"a\":{\"@json\":{\"mode\":\"encode\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@json should have field \\\"value\\\" but it doesn't.\"}"},
    {"hand-50",
     "{\"a\":{\"@flatten\":{\"value\":{\"@path\":\"$.x\"},\"separator\":\".\"}},\"b\":{\"@flatten\":{\"value\":{\"@path\":\"$.x\"},\"separator\":\"_\",\"omitArrays\":true}},\"c\":{\"@flatten\":{\"value\":{\"@path\":\"$.s\"},\"separator\":\".\"}},\"d\":{\"@flatten\":{\"value\":{\"@path\":\"$.nope\"},\"separator\":\".\"}},\"e\":{\"@flatten\":{\"value\":{\"@path\":\"$.col\"},\"separator\":\".\"}}}",
     "{\"x\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"\":{\"q\":1},\"e\":{},\"n\":null},\"s\":\"str\",\"col\":{\"a.b\":1,\"a\":{\"b\":2}}}",
     "{\"ok\":{\"a\":{\"a.b\":1,\"a.c.0\":1,\"a.c.1.d\":2,\"q\":1,\"n\":null},\"b\":{\"a_b\":1,\"a_c\":[1,{\"d\":2}],\"q\":1,\"n\":null},\"c\":{\"\":\"str\"},\"d\":{},\"e\":{\"a.b\":2}}}"},
    {"hand-51",
     "{\"a\":{\"@flatten\":{\"value\":{\"x\":1}}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@flatten requires a \\\"separator\\\" key\"}"},
    {"hand-52",
     "{\"a\":{\"@flatten\":{\"value\":{\"x\":1},\"separator\":\"\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@flatten requires a \\\"separator\\\" key\"}"},
    {"hand-53",
     "{\"a\":{\"@flatten\":{\"value\":{\"x\":{\"y\":1}},\"separator\":5}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@flatten/separator should be a string but it is a number.\"}"},
    {"hand-54",
     "{\"a\":{\"@flatten\":{\"separator\":\".\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@flatten should have field \\\"value\\\" but it doesn't.\"}"},
    {"hand-55",
     "{\"a\":{\"@flatten\":{\"value\":{\"@path\":\"$.x\"},\"separator\":\".\"}}}",
     "{\"x\":{\"1\":\"b\",\"2\":{\"1\":\"a\"},\"z\":[]}}",
     "{\"ok\":{\"a\":{\"1\":\"b\",\"2.1\":\"a\"}}}"},
    {"hand-56",
     "{\"a\":{\"@merge\":{\"objects\":[{\"a\":1,\"b\":1},{\"b\":2,\"c\":2}],\"direction\":\"left\"}},\"b\":{\"@merge\":{\"objects\":[{\"a\":1,\"b\":1},{\"b\":2,\"c\":2}],\"direction\":\"right\"}},\"c\":{\"@merge\":{\"objects\":[{\"@path\":\"$.traits\"},{\"@path\":\"$.context.traits\"}],\"direction\":\"right\"}},\"d\":{\"@merge\":{\"objects\":[{\"x\":1,\"y\":2},{\"@path\":\"$.s\"},{\"x\":{\"@path\":\"$.nope\"}}],\"direction\":\"right\"}},\"e\":{\"@merge\":{\"objects\":[{\"@path\":\"$.arr\"},{\"@path\":\"$.nope\"},{\"@path\":\"$.n\"}],\"direction\":\"right\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"},\"s\":\"ab😀\",\"arr\":[9,8],\"n\":5}",
     "{\"ok\":{\"a\":{\"b\":1,\"c\":2,\"a\":1},\"b\":{\"a\":1,\"b\":2,\"c\":2},\"c\":{\"email\":\"ctx@x.com\",\"plan\":\"pro\",\"firstName\":\"A\"},\"d\":{\"0\":\"a\",\"1\":\"b\",\"2\":\"\\ud83d\",\"3\":\"\\ude00\",\"y\":2},\"e\":{\"0\":9,\"1\":8}}}"},
    {"hand-57",
     "{\"a\":{\"@merge\":{\"objects\":[{\"a\":1}]}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@merge requires a \\\"direction\\\" key\"}"},
    {"hand-58",
     "{\"a\":{\"@merge\":{\"objects\":[{\"a\":1}],\"direction\":\"LEFT\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":{\"a\":1}}}"},
    {"hand-59",
     "{\"a\":{\"@merge\":{\"objects\":[{\"a\":1}],\"direction\":\"up\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@merge/direction should be one of left, right but it is \\\"up\\\".\"}"},
    {"hand-60",
     "{\"a\":{\"@merge\":{\"objects\":[\"x\"],\"direction\":\"left\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/ should be a object or a mapping directive but it is a string.\"}"},
    {"hand-61",
     "{\"a\":{\"@merge\":{\"direction\":\"left\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@merge should have field \\\"objects\\\" but it doesn't.\"}"},
    {"hand-62",
     "{\"a\":{\"@merge\":{\"objects\":{},\"direction\":\"left\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@merge/objects should be an array but it is an object.\"}"},
    {"hand-63",
     "{\"a\":{\"@transform\":{\"apply\":{\"n\":{\"@path\":\"$.properties.name\"}},\"mapping\":{\"up\":{\"@case\":{\"operator\":\"upper\",\"value\":{\"@path\":\"$.n\"}}}}}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":{\"up\":\"STRASSE ΟΔΟΣ\"}}}"},
    {"hand-64",
     "{\"a\":{\"@transform\":{\"apply\":{\"@path\":\"$.properties\"},\"mapping\":{\"e\":{\"@path\":\"$.email\"}}}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":{\"e\":\"p@x.com\"}}}"},
    {"hand-65",
     "{\"a\":{\"@transform\":{\"apply\":{\"n\":1}}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@transform should have field \\\"mapping\\\" but it doesn't.\"}"},
    {"hand-66",
     "{\"a\":{\"@transform\":{\"apply\":\"x\",\"mapping\":{}}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@transform/apply should be a object or a mapping directive but it is a string.\"}"},
    {"hand-67",
     "{\"a\":{\"@arrayPath\":[\"$.properties.tags\",{\"@transform\":{\"apply\":{\"x\":1},\"mapping\":{\"y\":{\"@path\":\"$.x\"}}}}]}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"data must be an object, got string\"}"},
    {"hand-68",
     "{\"a\":{\"@arrayPath\":[\"$.properties.items\",{\"@transform\":{\"apply\":{\"s\":{\"@path\":\"$.sku\"}},\"mapping\":{\"y\":{\"@path\":\"$.s\"}}}}]}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":[{\"y\":\"A\"},{\"y\":\"B\"}]}}"},
    {"hand-69",
     "{\"a\":{\"@excludeWhenNull\":{\"@path\":\"$.x\"}},\"b\":{\"@excludeWhenNull\":{\"@path\":\"$.y\"}},\"c\":{\"@excludeWhenNull\":{\"@path\":\"$.z\"}},\"d\":{\"@excludeWhenNull\":null},\"e\":{\"@excludeWhenNull\":{\"@path\":\"$.nope\"}}}",
     "{\"x\":{\"a\":null,\"b\":{\"c\":null,\"d\":[null],\"e\":1}},\"y\":null,\"z\":[null]}",
     "{\"ok\":{\"a\":{\"b\":{\"d\":[null],\"e\":1}},\"c\":[null]}}"},
    {"hand-70",
     "{\"a\":{\"@foo\":\"x\"},\"b\":{\"@path\":\"$.event\",\"@template\":\"x\"},\"c\":{\"@path\":\"$.x\",\"other\":1},\"d\":{\"@path\":5}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a has an invalid directive: @foo. /b should only have one @-prefixed key but it has 2 keys. /c should only have one @-prefixed key but it has 2 keys. /d/@path should be a string or a mapping directive but it is a number.\"}"},
    {"hand-71",
     "{\"a\":{\"@if\":\"x\"},\"b\":{\"@if\":{\"exists\":{\"@bar\":1}}},\"c\":{\"@case\":{\"operator\":5}},\"d\":{\"@case\":{\"value\":5}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@if should be an object but it is a string. /b/@if/exists has an invalid directive: @bar. /c/@case/operator should be a string but it is a number. /d/@case/value should be a string or a mapping directive but it is a number.\"}"},
    {"hand-72",
     "{\"a\":{\"@replace\":{\"value\":\"x\"}},\"b\":{\"@replace\":{\"pattern\":5,\"value\":\"x\"}},\"c\":{\"@replace\":{\"pattern\":\"x\",\"replacement\":\"abcdefghijkl\",\"value\":\"x\",\"ignorecase\":\"no\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@replace should have field \\\"pattern\\\" but it doesn't. /b/@replace/pattern should be a string but it is a number. /c/@replace/replacement should be a string of length 10 or less. /c/@replace/ignorecase should be a boolean but it is a string.\"}"},
    {"hand-73",
     "{\"a\":{\"@json\":{}},\"b\":{\"@json\":{\"value\":1,\"mode\":\"xml\"}},\"c\":{\"@json\":{\"value\":1,\"mode\":5}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@json should have field \\\"value\\\" but it doesn't. /a/@json should have field \\\"mode\\\" but it doesn't. /b/@json/mode should be one of encode, decode but it is \\\"xml\\\". /c/@json/mode should be a string but it is a number.\"}"},
    {"hand-74",
     "{\"a\":{\"@flatten\":{\"separator\":5}},\"b\":{\"@merge\":{}},\"c\":{\"@merge\":{\"objects\":\"x\",\"direction\":\"up\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@flatten/separator should be a string but it is a number. /a/@flatten should have field \\\"value\\\" but it doesn't. /b/@merge should have field \\\"objects\\\" but it doesn't. /c/@merge/direction should be one of left, right but it is \\\"up\\\". /c/@merge/objects should be an array but it is a string.\"}"},
    {"hand-75",
     "{\"a\":{\"@merge\":{\"objects\":[{\"a\":1},\"x\",5],\"direction\":\"left\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/ should be a object or a mapping directive but it is a string.\"}"},
    {"hand-76",
     "{\"a\":{\"@merge\":{\"objects\":[{\"@nope\":1}],\"direction\":\"left\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/ has an invalid directive: @nope.\"}"},
    {"hand-77",
     "{\"a\":{\"@transform\":{}},\"b\":{\"@transform\":{\"apply\":\"x\",\"mapping\":[1]}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@transform should have field \\\"apply\\\" but it doesn't. /a/@transform should have field \\\"mapping\\\" but it doesn't. /b/@transform/apply should be a object or a mapping directive but it is a string. /b/@transform/mapping should be a object or a mapping directive but it is an array.\"}"},
    {"hand-78",
     "{\"a\":{\"@arrayPath\":{}},\"b\":{\"@arrayPath\":[]},\"c\":{\"@arrayPath\":[5]},\"d\":{\"@arrayPath\":[\"$.x\",{\"@nope\":1}]}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@arrayPath should be an array but it is an object. /b/@arrayPath should be a string or a mapping directive but it is an undefined. /c/@arrayPath should be a string or a mapping directive but it is a number. /d/@arrayPath has an invalid directive: @nope.\"}"},
    {"hand-79",
     "{\"a\":{\"@template\":5},\"b\":{\"@literal\":{\"@x\":1}},\"c\":{\"@excludeWhenNull\":{\"@y\":1}},\"d\":{\"x\":{\"y\":{\"@z\":1}}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@template should be a string or a mapping directive but it is a number. /b/@literal has an invalid directive: @x. /c/@excludeWhenNull has an invalid directive: @y. /d/x/y has an invalid directive: @z.\"}"},
    {"hand-80",
     "{\"@path\":\"$.properties\"}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"}}"},
    {"hand-81",
     "{\"@foo\":1}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/ has an invalid directive: @foo.\"}"},
    {"hand-82",
     "{\"a\":{\"@if\":{\"exists\":\"x\",\"then\":{\"a\":{\"@q\":1}},\"bogus\":{\"@r\":1}}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@if/then/a has an invalid directive: @q. /a/@if/bogus has an invalid directive: @r.\"}"},
    {"hand-83",
     "{\"a\":{\"@if\":{\"exists\":{\"x\":{\"@path\":5}}}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@if/exists/x/@path should be a string or a mapping directive but it is a number.\"}"},
    {"hand-84",
     "{\"a\":{\"_metadata\":{\"x\":1},\"@path\":\"$.userId\"},\"b\":{\"_metadata\":1}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":\"u1\",\"b\":{\"_metadata\":1}}}"},
    {"hand-85",
     "{\"2\":{\"@bad3\":1},\"10\":{\"@bad\":1},\"b\":{\"@bad2\":1}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/2 has an invalid directive: @bad3. /10 has an invalid directive: @bad. /b has an invalid directive: @bad2.\"}"},
    {"hand-86",
     "{\"a\":{\"@json\":{\"value\":1,\"mode\":\"ENCODEK\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/a/@json/mode should be one of encode, decode but it is \\\"ENCODEK\\\".\"}"},
    {"hand-87",
     "{\"a\":[{\"@foo\":1}]}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@foo is not a valid directive, got undefined\"}"},
    {"hand-88",
     "{\"a\":[{\"@path\":\"$.userId\",\"@template\":\"x\"}],\"b\":[{\"@path\":\"$.userId\",\"x\":1}],\"c\":[{\"@path\":5}]}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@path: expected string, got number\"}"},
    {"hand-89",
     "{\"a\":[{\"@path\":{\"x\":1}}]}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@path: expected string, got object\"}"},
    {"hand-90",
     "{\"a\":[{\"@if\":5}]}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@if requires an object with an \\\"exists\\\" key\"}"},
    {"hand-91",
     "{\"a\":[{\"@replace\":{\"pattern\":\"abcdefghijklmn\",\"value\":\"x\"}}]}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"@replace requires a \\\"pattern\\\" less than 10 characters\"}"},
    {"hand-92",
     "{\"a\":[{\"@replace\":{\"pattern\":\"abcdefghijklmn\",\"value\":{\"@path\":\"$.nope\"}}}]}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":[\"\"]}}"},
    {"hand-93",
     "{\"a\":[{\"@transform\":{\"apply\":{\"x\":{\"@bad\":1}},\"mapping\":{\"y\":1}}}]}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"/x has an invalid directive: @bad.\"}"},
    {"hand-94",
     "{\"a\":[1,\"x\",null,{\"b\":{\"@path\":\"$.userId\"}},[{\"@path\":\"$.anonymousId\"}]]}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"a\":[1,\"x\",null,{\"b\":\"u1\"},[\"a1\"]]}}"},
    {"hand-95",
     "{\"__segment_internal_directive\":{\"@transform\":{\"apply\":{\"x\":{\"@path\":\"$.properties\"}}}},\"y\":{\"@path\":\"$.x.email\"}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"y\":\"p@x.com\"}}"},
    {"hand-96",
     "{\"__segment_internal_directive\":{\"@a\":1,\"@b\":2},\"y\":1}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"The root mapping must only have a single directive object\"}"},
    {"hand-97",
     "{\"__segment_internal_directive\":\"x\",\"y\":1}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"err\":\"The root directive must be an object\"}"},
    {"hand-98",
     "{\"1\":{\"@path\":\"$.type\"},\"2\":{\"@path\":\"$.event\"},\"b\":{\"@path\":\"$.userId\"},\"a\":1}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"1\":\"track\",\"2\":\"Order Completed\",\"b\":\"u1\",\"a\":1}}"},
    {"hand-99",
     "{\"event\":{\"@path\":\"$.event\"},\"properties\":{\"@path\":\"$.properties\"},\"userFields\":{\"@path\":\"$.context.traits\"},\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"userAgent\":{\"@path\":\"$.context.userAgent\"},\"campaign\":{\"name\":{\"@path\":\"$.context.campaign.name\"},\"source\":{\"@path\":\"$.context.campaign.source\"},\"medium\":{\"@path\":\"$.context.campaign.medium\"},\"term\":{\"@path\":\"$.context.campaign.term\"},\"content\":{\"@path\":\"$.context.campaign.content\"}},\"page\":{\"url\":{\"@path\":\"$.context.page.url\"},\"title\":{\"@path\":\"$.context.page.title\"},\"referrer\":{\"@path\":\"$.context.page.referrer\"},\"path\":{\"@path\":\"$.context.page.path\"},\"search\":{\"@path\":\"$.context.page.search\"}},\"location\":{\"city\":{\"@path\":\"$.context.location.city\"},\"region\":{\"@path\":\"$.context.location.region\"},\"country\":{\"@path\":\"$.context.location.country\"}}}",
     "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"email\":\"top@x.com\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"context\":{\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"ip\":\"1.2.3.4\",\"page\":{\"url\":\"https://a/b\"},\"groupId\":\"g1\"},\"traits\":{\"email\":\"T@x.com\",\"plan\":\"pro\"}}",
     "{\"ok\":{\"event\":\"Order Completed\",\"properties\":{\"email\":\"p@x.com\",\"revenue\":149.99,\"qty\":0,\"big\":12345678901234567000,\"name\":\"Straße ΟΔΟΣ\",\"empty\":\"\",\"nil\":null,\"f\":false,\"t\":true,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":1,\"sku\":\"A\"},{\"id\":2,\"sku\":\"B\",\"extra\":null}],\"nested\":{\"a\":{\"b\":1,\"c\":[1,{\"d\":2}]},\"n\":null},\"emoji\":\"x😀y\",\"key with space\":\"sp\",\"a.b\":\"dotted\"},\"userFields\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\"},\"type\":\"track\",\"email\":\"ctx@x.com\",\"segmentAnonymousId\":\"a1\",\"userId\":\"u1\",\"groupId\":\"g1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"messageId\":\"m1\",\"ip\":\"1.2.3.4\",\"campaign\":{},\"page\":{\"url\":\"https://a/b\"},\"location\":{}}}"},
    {"hand-100",
     "{\"event\":{\"@path\":\"$.event\"},\"properties\":{\"@path\":\"$.properties\"},\"userFields\":{\"@path\":\"$.context.traits\"},\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"userAgent\":{\"@path\":\"$.context.userAgent\"},\"campaign\":{\"name\":{\"@path\":\"$.context.campaign.name\"},\"source\":{\"@path\":\"$.context.campaign.source\"},\"medium\":{\"@path\":\"$.context.campaign.medium\"},\"term\":{\"@path\":\"$.context.campaign.term\"},\"content\":{\"@path\":\"$.context.campaign.content\"}},\"page\":{\"url\":{\"@path\":\"$.context.page.url\"},\"title\":{\"@path\":\"$.context.page.title\"},\"referrer\":{\"@path\":\"$.context.page.referrer\"},\"path\":{\"@path\":\"$.context.page.path\"},\"search\":{\"@path\":\"$.context.page.search\"}},\"location\":{\"city\":{\"@path\":\"$.context.location.city\"},\"region\":{\"@path\":\"$.context.location.region\"},\"country\":{\"@path\":\"$.context.location.country\"}}}",
     "{\"type\":\"track\",\"event\":\"E\",\"context\":{\"traits\":0},\"properties\":{\"email\":\"p@x\"}}",
     "{\"ok\":{\"event\":\"E\",\"properties\":{\"email\":\"p@x\"},\"userFields\":0,\"type\":\"track\",\"email\":0,\"campaign\":{},\"page\":{},\"location\":{}}}"},
    {"hand-101",
     "{\"event\":{\"@path\":\"$.event\"},\"properties\":{\"@path\":\"$.properties\"},\"userFields\":{\"@path\":\"$.context.traits\"},\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"userAgent\":{\"@path\":\"$.context.userAgent\"},\"campaign\":{\"name\":{\"@path\":\"$.context.campaign.name\"},\"source\":{\"@path\":\"$.context.campaign.source\"},\"medium\":{\"@path\":\"$.context.campaign.medium\"},\"term\":{\"@path\":\"$.context.campaign.term\"},\"content\":{\"@path\":\"$.context.campaign.content\"}},\"page\":{\"url\":{\"@path\":\"$.context.page.url\"},\"title\":{\"@path\":\"$.context.page.title\"},\"referrer\":{\"@path\":\"$.context.page.referrer\"},\"path\":{\"@path\":\"$.context.page.path\"},\"search\":{\"@path\":\"$.context.page.search\"}},\"location\":{\"city\":{\"@path\":\"$.context.location.city\"},\"region\":{\"@path\":\"$.context.location.region\"},\"country\":{\"@path\":\"$.context.location.country\"}}}",
     "{\"type\":\"track\",\"event\":\"E\",\"context\":{\"traits\":{\"email\":null}},\"properties\":{\"email\":\"p@x\"}}",
     "{\"ok\":{\"event\":\"E\",\"properties\":{\"email\":\"p@x\"},\"userFields\":{\"email\":null},\"type\":\"track\",\"email\":\"p@x\",\"campaign\":{},\"page\":{},\"location\":{}}}"},
    {"mapkit-path-nested",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"},\"properties\":{\"first\":{\"@path\":\"$.properties.products[0].sku\"},\"second\":{\"@path\":\"$.properties.products[1]['name']\"},\"n\":{\"@path\":\"$.properties.tags.length\"},\"missing\":{\"@path\":\"$.properties.nope.deeper\"}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed\",\"properties\":{\"first\":\"A1\",\"second\":\"Gadget\",\"n\":2}}}"},
    {"mapkit-path-falsy-quirk",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"},\"properties\":{\"z\":{\"@path\":\"$.properties.zero.anything\"},\"b\":{\"@path\":\"$.properties.blank.anything\"},\"u\":{\"@path\":\"$.properties.nope.anything\"}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed\",\"properties\":{\"z\":0,\"b\":\"\"}}}"},
    {"mapkit-path-whole-event",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"},\"properties\":{\"@path\":\"$.\"}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed\",\"properties\":{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}}}"},
    {"mapkit-if-exists-else",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.traits.email\"},\"then\":{\"@path\":\"$.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"prop@example.com\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed\"}}"},
    {"mapkit-if-blank",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@if\":{\"blank\":{\"@path\":\"$.properties.blank\"},\"then\":\"was not blank\",\"else\":\"was blank\"}},\"properties\":{\"zero\":{\"@if\":{\"blank\":{\"@path\":\"$.properties.zero\"},\"then\":\"T\",\"else\":\"E\"}},\"coupon\":{\"@if\":{\"blank\":{\"@path\":\"$.properties.coupon\"},\"then\":{\"@path\":\"$.properties.coupon\"}}}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"was blank\",\"properties\":{\"zero\":\"E\",\"coupon\":\"SPRING SALE\"}}}"},
    {"mapkit-if-falsy-else",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@if\":{\"exists\":{\"@path\":\"$.nope\"},\"then\":\"x\",\"else\":\"\"}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\"}}"},
    {"mapkit-template",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@template\":\"Order {{properties.orderId}} ({{{properties.currency}}}) {{ properties.revenue }} {{properties.tags}} {{properties.meta}} [{{properties.missing}}]\"}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order ORD-1001 (usd) 149.99 vip,beta [object Object] []\"}}"},
    {"mapkit-template-dynamic",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@template\":{\"@path\":\"$.properties.tpl\"}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\",\"tpl\":\"{{event}} by {{userId}}\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed by user_8812\"}}"},
    {"mapkit-literal",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@literal\":\"Literal Event\"},\"properties\":{\"@literal\":{\"a\":\"\",\"b\":{\"@path\":\"$.userId\"}}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Literal Event\",\"properties\":{\"a\":\"\",\"b\":\"user_8812\"}}}"},
    {"mapkit-arraypath",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"},\"properties\":{\"items\":{\"@arrayPath\":[\"$.properties.products\",{\"id\":{\"@path\":\"$.sku\"},\"quantity\":{\"@path\":\"$.qty\"},\"price\":{\"@path\":\"$.price\"}}]}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed\",\"properties\":{\"items\":[{\"id\":\"A1\",\"quantity\":2,\"price\":9.5},{\"id\":\"B2\",\"quantity\":1,\"price\":null}]}}}"},
    {"mapkit-arraypath-object",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"},\"properties\":{\"one\":{\"@arrayPath\":[\"$.context.page\",{\"u\":{\"@path\":\"$.url\"}}]},\"raw\":{\"@arrayPath\":[\"$.properties.tags\"]}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed\",\"properties\":{\"one\":[{\"u\":\"https://www.example.com/p?x=1\"}],\"raw\":[\"vip\",\"beta\"]}}}"},
    {"mapkit-case-upper-lower",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@case\":{\"operator\":\"lower\",\"value\":{\"@path\":\"$.context.traits.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@case\":{\"operator\":\"upper\",\"value\":{\"@path\":\"$.event\"}}},\"properties\":{\"plan\":{\"@case\":{\"operator\":\"lower\",\"value\":{\"@path\":\"$.properties.plan\"}}},\"rev\":{\"@case\":{\"operator\":\"upper\",\"value\":{\"@path\":\"$.properties.revenue\"}}}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"jane.doe@example.com\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"ORDER COMPLETED\",\"properties\":{\"plan\":\"pro plan\",\"rev\":149.99}}}"},
    {"mapkit-case-identify",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@case\":{\"operator\":\"lower\",\"value\":{\"@path\":\"$.traits.email\"}}},\"userId\":{\"@path\":\"$.userId\"},\"user\":{\"name\":{\"@case\":{\"operator\":\"upper\",\"value\":{\"@path\":\"$.traits.name\"}}}}}",
     "{\"type\":\"identify\",\"messageId\":\"mk-2\",\"timestamp\":\"2024-05-11T12:02:07.123Z\",\"userId\":\"user_9\",\"anonymousId\":\"anon-9\",\"traits\":{\"email\":\"ÉLODIE@EXAMPLE.FR\",\"name\":\"Élodie Straße\",\"plan\":null,\"address\":{\"city\":\"Lyon\",\"zip\":null},\"tags\":\"a,b\",\"age\":42},\"context\":{\"ip\":\"198.51.100.7\",\"traits\":{\"email\":\"ctx@example.fr\"}}}",
     "{\"ok\":{\"type\":\"identify\",\"email\":\"élodie@example.fr\",\"userId\":\"user_9\",\"user\":{\"name\":\"ÉLODIE STRASSE\"}}}"},
    {"mapkit-case-bad-operator",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@case\":{\"operator\":\"title\",\"value\":{\"@path\":\"$.event\"}}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"err\":\"operator key should have a value of \\\"lower\\\" or \\\"upper\\\"\"}"},
    {"mapkit-replace",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@replace\":{\"pattern\":\" \",\"replacement\":\"_\",\"pattern2\":\"O\",\"replacement2\":\"0\",\"value\":{\"@path\":\"$.event\"}}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"0rder_Completed\"}}"},
    {"mapkit-replace-options",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@replace\":{\"pattern\":\"o\",\"replacement\":\"*\",\"ignorecase\":true,\"global\":false,\"value\":{\"@path\":\"$.event\"}}},\"properties\":{\"rev\":{\"@replace\":{\"pattern\":\".\",\"replacement\":\",\",\"value\":{\"@path\":\"$.properties.revenue\"}}},\"dollar\":{\"@replace\":{\"pattern\":\"SALE\",\"replacement\":\"[$&]\",\"value\":{\"@path\":\"$.properties.coupon\"}}}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"*rder Completed\",\"properties\":{\"rev\":\"149,99\",\"dollar\":\"SPRING [SALE]\"}}}"},
    {"mapkit-replace-nonstring",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"},\"properties\":{\"none\":{\"@replace\":{\"pattern\":\"a\",\"value\":{\"@path\":\"$.properties.nope\"}}}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed\",\"properties\":{\"none\":\"\"}}}"},
    {"mapkit-json-encode",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@json\":{\"mode\":\"encode\",\"value\":{\"@path\":\"$.properties.meta\"}}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"{\\\"source\\\":{\\\"site\\\":\\\"web\\\",\\\"ref\\\":null},\\\"ab\\\":[\\\"x\\\",\\\"y\\\"]}\"}}"},
    {"mapkit-json-decode",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"},\"properties\":{\"parsed\":{\"@json\":{\"mode\":\"decode\",\"value\":{\"@path\":\"$.properties.json\"}}},\"bad\":{\"@json\":{\"mode\":\"decode\",\"value\":{\"@path\":\"$.properties.badjson\"}}}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed\",\"properties\":{\"parsed\":{\"k\":[1,2],\"s\":\"v\"},\"bad\":\"{oops\"}}}"},
    {"mapkit-flatten",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"},\"properties\":{\"@flatten\":{\"value\":{\"@path\":\"$.properties.meta\"},\"separator\":\".\"}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed\",\"properties\":{\"source.site\":\"web\",\"source.ref\":null,\"ab.0\":\"x\",\"ab.1\":\"y\"}}}"},
    {"mapkit-flatten-omit-arrays",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"},\"userFields\":{\"@flatten\":{\"value\":{\"@path\":\"$.properties.meta\"},\"separator\":\"_\",\"omitArrays\":true}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed\",\"userFields\":{\"source_site\":\"web\",\"source_ref\":null,\"ab\":[\"x\",\"y\"]}}}"},
    {"mapkit-merge-right",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"},\"userFields\":{\"@merge\":{\"direction\":\"right\",\"objects\":[{\"@path\":\"$.context.traits\"},{\"firstName\":\"Override\",\"plan\":{\"@path\":\"$.properties.plan\"}}]}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed\",\"userFields\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Override\",\"lastName\":\"Doe\",\"company\":\"ACME\",\"plan\":\"Pro Plan\"}}}"},
    {"mapkit-merge-left",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"},\"userFields\":{\"@merge\":{\"direction\":\"left\",\"objects\":[{\"@path\":\"$.context.traits\"},{\"firstName\":\"Override\",\"plan\":{\"@path\":\"$.properties.plan\"}}]}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed\",\"userFields\":{\"firstName\":\"Jane\",\"plan\":\"Pro Plan\",\"email\":\"Jane.Doe@Example.COM\",\"lastName\":\"Doe\",\"company\":\"ACME\"}}}"},
    {"mapkit-merge-missing-direction",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"},\"userFields\":{\"@merge\":{\"objects\":[{\"a\":1}]}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"err\":\"@merge requires a \\\"direction\\\" key\"}"},
    {"mapkit-transform",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"},\"properties\":{\"@transform\":{\"apply\":{\"p\":{\"@path\":\"$.properties\"},\"n\":{\"@path\":\"$.event\"}},\"mapping\":{\"id\":{\"@path\":\"$.p.orderId\"},\"name\":{\"@case\":{\"operator\":\"lower\",\"value\":{\"@path\":\"$.n\"}}}}}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed\",\"properties\":{\"id\":\"ORD-1001\",\"name\":\"order completed\"}}}"},
    {"mapkit-exclude-when-null",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"},\"properties\":{\"@excludeWhenNull\":{\"@path\":\"$.properties.meta\"}},\"userFields\":{\"@excludeWhenNull\":{\"@path\":\"$.properties.nope\"}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed\",\"properties\":{\"source\":{\"site\":\"web\"},\"ab\":[\"x\",\"y\"]}}}"},
    {"mapkit-exclude-when-null-identify",
     "{\"type\":{\"@path\":\"$.type\"},\"userId\":{\"@path\":\"$.userId\"},\"user\":{\"@excludeWhenNull\":{\"@path\":\"$.traits\"}}}",
     "{\"type\":\"identify\",\"messageId\":\"mk-2\",\"timestamp\":\"2024-05-11T12:02:07.123Z\",\"userId\":\"user_9\",\"anonymousId\":\"anon-9\",\"traits\":{\"email\":\"ÉLODIE@EXAMPLE.FR\",\"name\":\"Élodie Straße\",\"plan\":null,\"address\":{\"city\":\"Lyon\",\"zip\":null},\"tags\":\"a,b\",\"age\":42},\"context\":{\"ip\":\"198.51.100.7\",\"traits\":{\"email\":\"ctx@example.fr\"}}}",
     "{\"ok\":{\"type\":\"identify\",\"userId\":\"user_9\",\"user\":{\"email\":\"ÉLODIE@EXAMPLE.FR\",\"name\":\"Élodie Straße\",\"address\":{\"city\":\"Lyon\"},\"tags\":\"a,b\",\"age\":42}}}"},
    {"mapkit-if-missing-key",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@if\":{\"then\":\"x\"}}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"err\":\"@if requires an \\\"exists\\\" key or a \\\"blank\\\" key\"}"},
    {"mapkit-tag-template",
     "{\"tag\":{\"@template\":\"{{properties.plan}},{{properties.currency}}\"},\"email\":{\"@case\":{\"operator\":\"lower\",\"value\":{\"@path\":\"$.context.traits.email\"}}},\"userId\":{\"@path\":\"$.userId\"}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"tag\":\"Pro Plan,usd\",\"email\":\"jane.doe@example.com\",\"userId\":\"user_8812\"}}"},
    {"mapkit-tag-replace",
     "{\"tag\":{\"@replace\":{\"pattern\":\" \",\"replacement\":\"-\",\"value\":{\"@path\":\"$.properties.plan\"}}},\"userId\":{\"@path\":\"$.userId\"}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"tag\":\"Pro-Plan\",\"userId\":\"user_8812\"}}"},
    {"mapkit-object-merge",
     "{\"objectType\":\"company\",\"externalId\":{\"@template\":\"ext-{{groupId}}\"},\"objectData\":{\"@merge\":{\"direction\":\"right\",\"objects\":[{\"@path\":\"$.traits\"},{\"source\":\"segment\"}]}},\"userId\":{\"@path\":\"$.userId\"}}",
     "{\"type\":\"group\",\"messageId\":\"mk-3\",\"timestamp\":\"2024-05-11T12:03:07.123Z\",\"userId\":\"user_1\",\"groupId\":\"grp-42\",\"traits\":{\"name\":\"ACME Inc\",\"industry\":\"Tools\",\"employees\":120,\"hq\":{\"city\":\"Berlin\",\"zip\":null}}}",
     "{\"ok\":{\"objectType\":\"company\",\"externalId\":\"ext-grp-42\",\"objectData\":{\"name\":\"ACME Inc\",\"industry\":\"Tools\",\"employees\":120,\"hq\":{\"city\":\"Berlin\",\"zip\":null},\"source\":\"segment\"},\"userId\":\"user_1\"}}"},
    {"mapkit-object-flatten",
     "{\"objectType\":{\"@literal\":\"company\"},\"externalId\":{\"@path\":\"$.groupId\"},\"objectData\":{\"@flatten\":{\"value\":{\"@path\":\"$.traits\"},\"separator\":\"__\"}}}",
     "{\"type\":\"group\",\"messageId\":\"mk-3\",\"timestamp\":\"2024-05-11T12:03:07.123Z\",\"userId\":\"user_1\",\"groupId\":\"grp-42\",\"traits\":{\"name\":\"ACME Inc\",\"industry\":\"Tools\",\"employees\":120,\"hq\":{\"city\":\"Berlin\",\"zip\":null}}}",
     "{\"ok\":{\"objectType\":\"company\",\"externalId\":\"grp-42\",\"objectData\":{\"name\":\"ACME Inc\",\"industry\":\"Tools\",\"employees\":120,\"hq__city\":\"Berlin\",\"hq__zip\":null}}}"},
    {"mapkit-alias-template",
     "{\"userId\":{\"@template\":\"new-{{userId}}\"},\"previousUserId\":{\"@if\":{\"exists\":{\"@path\":\"$.previousId\"},\"then\":{\"@path\":\"$.previousId\"},\"else\":{\"@template\":\"old-{{userId}}\"}}},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"}}",
     "{\"type\":\"alias\",\"userId\":\"u-new\",\"messageId\":\"mk-4\",\"timestamp\":\"2024-05-11T12:04:07.123Z\"}",
     "{\"ok\":{\"userId\":\"new-u-new\",\"previousUserId\":\"old-u-new\",\"timestamp\":\"2024-05-11T12:04:07.123Z\",\"messageId\":\"mk-4\"}}"},
    {"mapkit-array-literal-directives",
     "{\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"event\":{\"@path\":\"$.event\"},\"properties\":{\"list\":[{\"@path\":\"$.userId\"},\"lit\",3,null,{\"k\":{\"@path\":\"$.properties.currency\"}}]}}",
     "{\"type\":\"track\",\"messageId\":\"mk-1\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"event\":\"Order Completed\",\"userId\":\"user_8812\",\"anonymousId\":\"anon-77\",\"properties\":{\"orderId\":\"ORD-1001\",\"revenue\":149.99,\"currency\":\"usd\",\"coupon\":\"SPRING SALE\",\"email\":\"prop@example.com\",\"plan\":\"Pro Plan\",\"tags\":[\"vip\",\"beta\"],\"products\":[{\"sku\":\"A1\",\"name\":\"Widget\",\"qty\":2,\"price\":9.5},{\"sku\":\"B2\",\"name\":\"Gadget\",\"qty\":1,\"price\":null}],\"meta\":{\"source\":{\"site\":\"web\",\"ref\":null},\"ab\":[\"x\",\"y\"]},\"json\":\"{\\\"k\\\":[1,2],\\\"s\\\":\\\"v\\\"}\",\"badjson\":\"{oops\",\"zero\":0,\"blank\":\"\"},\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"UA/1.0\",\"traits\":{\"email\":\"Jane.Doe@Example.COM\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"company\":\"ACME\"},\"page\":{\"url\":\"https://www.example.com/p?x=1\",\"title\":\"Pricing\",\"path\":\"/p\"},\"campaign\":{\"name\":\"spring\",\"source\":\"news\"},\"location\":{\"city\":\"Paris\",\"country\":\"France\"},\"groupId\":\"acme\"}}",
     "{\"ok\":{\"type\":\"track\",\"email\":\"Jane.Doe@Example.COM\",\"segmentAnonymousId\":\"anon-77\",\"userId\":\"user_8812\",\"groupId\":\"acme\",\"timestamp\":\"2024-05-11T12:01:07.123Z\",\"messageId\":\"mk-1\",\"ip\":\"203.0.113.42\",\"event\":\"Order Completed\",\"properties\":{\"list\":[\"user_8812\",\"lit\",3,null,{\"k\":\"usd\"}]}}}"},
    {"default-trackEvent-full",
     "{\"event\":{\"@path\":\"$.event\"},\"properties\":{\"@path\":\"$.properties\"},\"userFields\":{\"@path\":\"$.context.traits\"},\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"userAgent\":{\"@path\":\"$.context.userAgent\"},\"campaign\":{\"name\":{\"@path\":\"$.context.campaign.name\"},\"source\":{\"@path\":\"$.context.campaign.source\"},\"medium\":{\"@path\":\"$.context.campaign.medium\"},\"term\":{\"@path\":\"$.context.campaign.term\"},\"content\":{\"@path\":\"$.context.campaign.content\"}},\"page\":{\"url\":{\"@path\":\"$.context.page.url\"},\"title\":{\"@path\":\"$.context.page.title\"},\"referrer\":{\"@path\":\"$.context.page.referrer\"},\"path\":{\"@path\":\"$.context.page.path\"},\"search\":{\"@path\":\"$.context.page.search\"}},\"location\":{\"city\":{\"@path\":\"$.context.location.city\"},\"region\":{\"@path\":\"$.context.location.region\"},\"country\":{\"@path\":\"$.context.location.country\"}}}",
     "{\"type\":\"track\",\"event\":\"Signed Up\",\"userId\":\"user1234\",\"anonymousId\":\"anonId1234\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"properties\":{\"plan\":\"pro\",\"email\":\"prop@x.com\"},\"context\":{\"ip\":\"1.2.3.4\",\"traits\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\",\"userId\":\"override\"},\"campaign\":{\"name\":\"c\",\"source\":\"s\",\"extra\":\"dropme\"},\"groupId\":\"g1\"}}",
     "{\"ok\":{\"event\":\"Signed Up\",\"properties\":{\"plan\":\"pro\",\"email\":\"prop@x.com\"},\"userFields\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\",\"userId\":\"override\"},\"type\":\"track\",\"email\":\"ctx@x.com\",\"segmentAnonymousId\":\"anonId1234\",\"userId\":\"user1234\",\"groupId\":\"g1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"messageId\":\"m1\",\"ip\":\"1.2.3.4\",\"campaign\":{\"name\":\"c\",\"source\":\"s\"},\"page\":{},\"location\":{}}}"},
    {"default-trackEvent-numbers",
     "{\"event\":{\"@path\":\"$.event\"},\"properties\":{\"@path\":\"$.properties\"},\"userFields\":{\"@path\":\"$.context.traits\"},\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"userAgent\":{\"@path\":\"$.context.userAgent\"},\"campaign\":{\"name\":{\"@path\":\"$.context.campaign.name\"},\"source\":{\"@path\":\"$.context.campaign.source\"},\"medium\":{\"@path\":\"$.context.campaign.medium\"},\"term\":{\"@path\":\"$.context.campaign.term\"},\"content\":{\"@path\":\"$.context.campaign.content\"}},\"page\":{\"url\":{\"@path\":\"$.context.page.url\"},\"title\":{\"@path\":\"$.context.page.title\"},\"referrer\":{\"@path\":\"$.context.page.referrer\"},\"path\":{\"@path\":\"$.context.page.path\"},\"search\":{\"@path\":\"$.context.page.search\"}},\"location\":{\"city\":{\"@path\":\"$.context.location.city\"},\"region\":{\"@path\":\"$.context.location.region\"},\"country\":{\"@path\":\"$.context.location.country\"}}}",
     "{\"type\":\"track\",\"event\":\"Signed Up\",\"userId\":12345,\"anonymousId\":true,\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"properties\":{\"email\":null},\"context\":{}}",
     "{\"ok\":{\"event\":\"Signed Up\",\"properties\":{\"email\":null},\"type\":\"track\",\"email\":null,\"segmentAnonymousId\":true,\"userId\":12345,\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"messageId\":\"m1\",\"campaign\":{},\"page\":{},\"location\":{}}}"},
    {"default-trackEvent-traits-null-email",
     "{\"event\":{\"@path\":\"$.event\"},\"properties\":{\"@path\":\"$.properties\"},\"userFields\":{\"@path\":\"$.context.traits\"},\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"userAgent\":{\"@path\":\"$.context.userAgent\"},\"campaign\":{\"name\":{\"@path\":\"$.context.campaign.name\"},\"source\":{\"@path\":\"$.context.campaign.source\"},\"medium\":{\"@path\":\"$.context.campaign.medium\"},\"term\":{\"@path\":\"$.context.campaign.term\"},\"content\":{\"@path\":\"$.context.campaign.content\"}},\"page\":{\"url\":{\"@path\":\"$.context.page.url\"},\"title\":{\"@path\":\"$.context.page.title\"},\"referrer\":{\"@path\":\"$.context.page.referrer\"},\"path\":{\"@path\":\"$.context.page.path\"},\"search\":{\"@path\":\"$.context.page.search\"}},\"location\":{\"city\":{\"@path\":\"$.context.location.city\"},\"region\":{\"@path\":\"$.context.location.region\"},\"country\":{\"@path\":\"$.context.location.country\"}}}",
     "{\"type\":\"track\",\"event\":\"Signed Up\",\"userId\":\"user1234\",\"anonymousId\":\"anonId1234\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"properties\":{\"email\":\"p@x.com\"},\"context\":{\"traits\":{\"email\":null}}}",
     "{\"ok\":{\"event\":\"Signed Up\",\"properties\":{\"email\":\"p@x.com\"},\"userFields\":{\"email\":null},\"type\":\"track\",\"email\":\"p@x.com\",\"segmentAnonymousId\":\"anonId1234\",\"userId\":\"user1234\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"messageId\":\"m1\",\"campaign\":{},\"page\":{},\"location\":{}}}"},
    {"default-trackEvent-traits-zero",
     "{\"event\":{\"@path\":\"$.event\"},\"properties\":{\"@path\":\"$.properties\"},\"userFields\":{\"@path\":\"$.context.traits\"},\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"userAgent\":{\"@path\":\"$.context.userAgent\"},\"campaign\":{\"name\":{\"@path\":\"$.context.campaign.name\"},\"source\":{\"@path\":\"$.context.campaign.source\"},\"medium\":{\"@path\":\"$.context.campaign.medium\"},\"term\":{\"@path\":\"$.context.campaign.term\"},\"content\":{\"@path\":\"$.context.campaign.content\"}},\"page\":{\"url\":{\"@path\":\"$.context.page.url\"},\"title\":{\"@path\":\"$.context.page.title\"},\"referrer\":{\"@path\":\"$.context.page.referrer\"},\"path\":{\"@path\":\"$.context.page.path\"},\"search\":{\"@path\":\"$.context.page.search\"}},\"location\":{\"city\":{\"@path\":\"$.context.location.city\"},\"region\":{\"@path\":\"$.context.location.region\"},\"country\":{\"@path\":\"$.context.location.country\"}}}",
     "{\"type\":\"track\",\"event\":\"Signed Up\",\"userId\":\"user1234\",\"anonymousId\":\"anonId1234\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"properties\":{\"email\":\"p@x.com\"},\"context\":{\"traits\":0}}",
     "{\"ok\":{\"event\":\"Signed Up\",\"properties\":{\"email\":\"p@x.com\"},\"userFields\":0,\"type\":\"track\",\"email\":0,\"segmentAnonymousId\":\"anonId1234\",\"userId\":\"user1234\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"messageId\":\"m1\",\"campaign\":{},\"page\":{},\"location\":{}}}"},
    {"default-trackEvent-traits-empty-string",
     "{\"event\":{\"@path\":\"$.event\"},\"properties\":{\"@path\":\"$.properties\"},\"userFields\":{\"@path\":\"$.context.traits\"},\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"userAgent\":{\"@path\":\"$.context.userAgent\"},\"campaign\":{\"name\":{\"@path\":\"$.context.campaign.name\"},\"source\":{\"@path\":\"$.context.campaign.source\"},\"medium\":{\"@path\":\"$.context.campaign.medium\"},\"term\":{\"@path\":\"$.context.campaign.term\"},\"content\":{\"@path\":\"$.context.campaign.content\"}},\"page\":{\"url\":{\"@path\":\"$.context.page.url\"},\"title\":{\"@path\":\"$.context.page.title\"},\"referrer\":{\"@path\":\"$.context.page.referrer\"},\"path\":{\"@path\":\"$.context.page.path\"},\"search\":{\"@path\":\"$.context.page.search\"}},\"location\":{\"city\":{\"@path\":\"$.context.location.city\"},\"region\":{\"@path\":\"$.context.location.region\"},\"country\":{\"@path\":\"$.context.location.country\"}}}",
     "{\"type\":\"track\",\"event\":\"Signed Up\",\"userId\":\"user1234\",\"anonymousId\":\"anonId1234\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"properties\":{\"email\":\"p@x.com\"},\"context\":{\"traits\":\"\"}}",
     "{\"ok\":{\"event\":\"Signed Up\",\"properties\":{\"email\":\"p@x.com\"},\"userFields\":\"\",\"type\":\"track\",\"email\":\"\",\"segmentAnonymousId\":\"anonId1234\",\"userId\":\"user1234\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"messageId\":\"m1\",\"campaign\":{},\"page\":{},\"location\":{}}}"},
    {"default-trackEvent-traits-null",
     "{\"event\":{\"@path\":\"$.event\"},\"properties\":{\"@path\":\"$.properties\"},\"userFields\":{\"@path\":\"$.context.traits\"},\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"userAgent\":{\"@path\":\"$.context.userAgent\"},\"campaign\":{\"name\":{\"@path\":\"$.context.campaign.name\"},\"source\":{\"@path\":\"$.context.campaign.source\"},\"medium\":{\"@path\":\"$.context.campaign.medium\"},\"term\":{\"@path\":\"$.context.campaign.term\"},\"content\":{\"@path\":\"$.context.campaign.content\"}},\"page\":{\"url\":{\"@path\":\"$.context.page.url\"},\"title\":{\"@path\":\"$.context.page.title\"},\"referrer\":{\"@path\":\"$.context.page.referrer\"},\"path\":{\"@path\":\"$.context.page.path\"},\"search\":{\"@path\":\"$.context.page.search\"}},\"location\":{\"city\":{\"@path\":\"$.context.location.city\"},\"region\":{\"@path\":\"$.context.location.region\"},\"country\":{\"@path\":\"$.context.location.country\"}}}",
     "{\"type\":\"track\",\"event\":\"Signed Up\",\"userId\":\"user1234\",\"anonymousId\":\"anonId1234\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"properties\":{},\"context\":{\"traits\":null}}",
     "{\"ok\":{\"event\":\"Signed Up\",\"properties\":{},\"userFields\":null,\"type\":\"track\",\"segmentAnonymousId\":\"anonId1234\",\"userId\":\"user1234\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"messageId\":\"m1\",\"campaign\":{},\"page\":{},\"location\":{}}}"},
    {"default-trackEvent-context-null",
     "{\"event\":{\"@path\":\"$.event\"},\"properties\":{\"@path\":\"$.properties\"},\"userFields\":{\"@path\":\"$.context.traits\"},\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"userAgent\":{\"@path\":\"$.context.userAgent\"},\"campaign\":{\"name\":{\"@path\":\"$.context.campaign.name\"},\"source\":{\"@path\":\"$.context.campaign.source\"},\"medium\":{\"@path\":\"$.context.campaign.medium\"},\"term\":{\"@path\":\"$.context.campaign.term\"},\"content\":{\"@path\":\"$.context.campaign.content\"}},\"page\":{\"url\":{\"@path\":\"$.context.page.url\"},\"title\":{\"@path\":\"$.context.page.title\"},\"referrer\":{\"@path\":\"$.context.page.referrer\"},\"path\":{\"@path\":\"$.context.page.path\"},\"search\":{\"@path\":\"$.context.page.search\"}},\"location\":{\"city\":{\"@path\":\"$.context.location.city\"},\"region\":{\"@path\":\"$.context.location.region\"},\"country\":{\"@path\":\"$.context.location.country\"}}}",
     "{\"type\":\"track\",\"event\":\"Signed Up\",\"userId\":\"user1234\",\"anonymousId\":\"anonId1234\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"properties\":{\"email\":\"p@x.com\"},\"context\":null}",
     "{\"ok\":{\"event\":\"Signed Up\",\"properties\":{\"email\":\"p@x.com\"},\"userFields\":null,\"type\":\"track\",\"email\":\"p@x.com\",\"segmentAnonymousId\":\"anonId1234\",\"userId\":\"user1234\",\"groupId\":null,\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"messageId\":\"m1\",\"ip\":null,\"userAgent\":null,\"campaign\":{\"name\":null,\"source\":null,\"medium\":null,\"term\":null,\"content\":null},\"page\":{\"url\":null,\"title\":null,\"referrer\":null,\"path\":null,\"search\":null},\"location\":{\"city\":null,\"region\":null,\"country\":null}}}"},
    {"default-trackPageView-page",
     "{\"properties\":{\"@path\":\"$.properties\"},\"userFields\":{\"@path\":\"$.context.traits\"},\"type\":{\"@path\":\"$.type\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"userAgent\":{\"@path\":\"$.context.userAgent\"},\"campaign\":{\"name\":{\"@path\":\"$.context.campaign.name\"},\"source\":{\"@path\":\"$.context.campaign.source\"},\"medium\":{\"@path\":\"$.context.campaign.medium\"},\"term\":{\"@path\":\"$.context.campaign.term\"},\"content\":{\"@path\":\"$.context.campaign.content\"}},\"page\":{\"url\":{\"@path\":\"$.context.page.url\"},\"title\":{\"@path\":\"$.context.page.title\"},\"referrer\":{\"@path\":\"$.context.page.referrer\"},\"path\":{\"@path\":\"$.context.page.path\"},\"search\":{\"@path\":\"$.context.page.search\"}},\"location\":{\"city\":{\"@path\":\"$.context.location.city\"},\"region\":{\"@path\":\"$.context.location.region\"},\"country\":{\"@path\":\"$.context.location.country\"}}}",
     "{\"type\":\"page\",\"event\":\"Signed Up\",\"userId\":\"user1234\",\"anonymousId\":\"anonId1234\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"properties\":{\"url\":\"u\",\"title\":\"t\"},\"context\":{\"ip\":\"1.1.1.1\",\"page\":{\"url\":\"https://a/b\",\"title\":\"t\",\"referrer\":\"\",\"extra\":\"x\"}},\"name\":\"Home\"}",
     "{\"ok\":{\"properties\":{\"url\":\"u\",\"title\":\"t\"},\"type\":\"page\",\"segmentAnonymousId\":\"anonId1234\",\"userId\":\"user1234\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"messageId\":\"m1\",\"ip\":\"1.1.1.1\",\"campaign\":{},\"page\":{\"url\":\"https://a/b\",\"title\":\"t\",\"referrer\":\"\"},\"location\":{}}}"},
    {"default-identifyUser-traits",
     "{\"user\":{\"@path\":\"$.traits\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.traits.email\"},\"then\":{\"@path\":\"$.traits.email\"},\"else\":{\"@path\":\"$.context.traits.email\"}}},\"type\":{\"@path\":\"$.type\"},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"userAgent\":{\"@path\":\"$.context.userAgent\"},\"campaign\":{\"name\":{\"@path\":\"$.context.campaign.name\"},\"source\":{\"@path\":\"$.context.campaign.source\"},\"medium\":{\"@path\":\"$.context.campaign.medium\"},\"term\":{\"@path\":\"$.context.campaign.term\"},\"content\":{\"@path\":\"$.context.campaign.content\"}},\"page\":{\"url\":{\"@path\":\"$.context.page.url\"},\"title\":{\"@path\":\"$.context.page.title\"},\"referrer\":{\"@path\":\"$.context.page.referrer\"},\"path\":{\"@path\":\"$.context.page.path\"},\"search\":{\"@path\":\"$.context.page.search\"}},\"location\":{\"city\":{\"@path\":\"$.context.location.city\"},\"region\":{\"@path\":\"$.context.location.region\"},\"country\":{\"@path\":\"$.context.location.country\"}}}",
     "{\"type\":\"identify\",\"event\":\"Signed Up\",\"userId\":\"user1234\",\"anonymousId\":\"anonId1234\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"properties\":{},\"context\":{},\"traits\":{\"email\":\"T@x.com\",\"userId\":\"traitUid\",\"nick\":null,\"addr\":{\"city\":null}}}",
     "{\"ok\":{\"user\":{\"email\":\"T@x.com\",\"userId\":\"traitUid\",\"nick\":null,\"addr\":{\"city\":null}},\"email\":\"T@x.com\",\"type\":\"identify\",\"segmentAnonymousId\":\"anonId1234\",\"userId\":\"user1234\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"messageId\":\"m1\",\"campaign\":{},\"page\":{},\"location\":{}}}"},
    {"default-identifyUser-ctx-email",
     "{\"user\":{\"@path\":\"$.traits\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.traits.email\"},\"then\":{\"@path\":\"$.traits.email\"},\"else\":{\"@path\":\"$.context.traits.email\"}}},\"type\":{\"@path\":\"$.type\"},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"},\"userId\":{\"@path\":\"$.userId\"},\"groupId\":{\"@path\":\"$.context.groupId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"},\"ip\":{\"@path\":\"$.context.ip\"},\"userAgent\":{\"@path\":\"$.context.userAgent\"},\"campaign\":{\"name\":{\"@path\":\"$.context.campaign.name\"},\"source\":{\"@path\":\"$.context.campaign.source\"},\"medium\":{\"@path\":\"$.context.campaign.medium\"},\"term\":{\"@path\":\"$.context.campaign.term\"},\"content\":{\"@path\":\"$.context.campaign.content\"}},\"page\":{\"url\":{\"@path\":\"$.context.page.url\"},\"title\":{\"@path\":\"$.context.page.title\"},\"referrer\":{\"@path\":\"$.context.page.referrer\"},\"path\":{\"@path\":\"$.context.page.path\"},\"search\":{\"@path\":\"$.context.page.search\"}},\"location\":{\"city\":{\"@path\":\"$.context.location.city\"},\"region\":{\"@path\":\"$.context.location.region\"},\"country\":{\"@path\":\"$.context.location.country\"}}}",
     "{\"type\":\"identify\",\"event\":\"Signed Up\",\"userId\":\"user1234\",\"anonymousId\":\"anonId1234\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"properties\":{},\"context\":{\"traits\":{\"email\":\"ctx@x.com\"}},\"traits\":{}}",
     "{\"ok\":{\"user\":{},\"email\":\"ctx@x.com\",\"type\":\"identify\",\"segmentAnonymousId\":\"anonId1234\",\"userId\":\"user1234\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"messageId\":\"m1\",\"campaign\":{},\"page\":{},\"location\":{}}}"},
    {"default-aliasUser-alias",
     "{\"userId\":{\"@path\":\"$.userId\"},\"previousUserId\":{\"@path\":\"$.previousId\"},\"timestamp\":{\"@path\":\"$.timestamp\"},\"messageId\":{\"@path\":\"$.messageId\"}}",
     "{\"type\":\"alias\",\"event\":\"Signed Up\",\"userId\":99,\"anonymousId\":\"anonId1234\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"properties\":{},\"context\":{},\"previousId\":98}",
     "{\"ok\":{\"userId\":99,\"previousUserId\":98,\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"messageId\":\"m1\"}}"},
    {"default-createUpdateObject-group",
     "{\"objectType\":\"company\",\"externalId\":{\"@path\":\"$.groupId\"},\"objectData\":{\"@path\":\"$.traits\"},\"userId\":{\"@path\":\"$.userId\"},\"email\":{\"@path\":\"$.email\"}}",
     "{\"type\":\"group\",\"event\":\"Signed Up\",\"userId\":\"user1234\",\"anonymousId\":\"anonId1234\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"properties\":{},\"context\":{},\"groupId\":\"G\",\"email\":\"top@x.com\",\"traits\":{\"email\":\"g@x.com\"}}",
     "{\"ok\":{\"objectType\":\"company\",\"externalId\":\"G\",\"objectData\":{\"email\":\"g@x.com\"},\"userId\":\"user1234\",\"email\":\"top@x.com\"}}"},
    {"default-addTag-tag",
     "{\"tag\":{\"@path\":\"$.traits.tag\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"userId\":{\"@path\":\"$.userId\"},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"}}",
     "{\"type\":\"track\",\"event\":\"Signed Up\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"properties\":{},\"context\":{\"traits\":{\"email\":\"e@x.com\"}},\"traits\":{\"tag\":\"a,b\"}}",
     "{\"ok\":{\"tag\":\"a,b\",\"email\":\"e@x.com\"}}"},
    {"default-removeTag-untag",
     "{\"tag\":{\"@path\":\"$.traits.tag\"},\"email\":{\"@if\":{\"exists\":{\"@path\":\"$.context.traits.email\"},\"then\":{\"@path\":\"$.context.traits.email\"},\"else\":{\"@path\":\"$.properties.email\"}}},\"userId\":{\"@path\":\"$.userId\"},\"segmentAnonymousId\":{\"@path\":\"$.anonymousId\"}}",
     "{\"type\":\"track\",\"event\":\"Signed Up\",\"userId\":\"user1234\",\"anonymousId\":\"anonId1234\",\"messageId\":\"m1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"properties\":{},\"context\":{},\"traits\":{\"tag\":7}}",
     "{\"ok\":{\"tag\":7,\"userId\":\"user1234\",\"segmentAnonymousId\":\"anonId1234\"}}"},
    {"fuzz-1",
     "{\"f0\":\"ß\",\"f1\":{\"@path\":\"$.a.b\"},\"f2\":1}",
     "{\"a\":null,\"b\":\" \",\"c\":\"c\",\"arr\":[],\"s\":\"x.y\",\"n\":null,\"z\":0,\"o\":{\"x\":\"{{{b}}}\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"ß\",\"f1\":null,\"f2\":1}}"},
    {"fuzz-2",
     "{\"f0\":{\"@if\":{\"exists\":{\"@path\":\"$.\"},\"then\":{\"@replace\":{\"pattern\":\" \",\"value\":[{\"@path\":\"$.s.length\"}],\"global\":true}}}},\"f1\":{\"@if\":{\"exists\":{\"@path\":\"$.arr.length\"},\"then\":{\"@if\":{\"exists\":{\"@path\":\"$.a.b\"},\"else\":0}}}}}",
     "{\"a\":\"\",\"b\":\"encode\",\"c\":100,\"arr\":[[]],\"s\":\"Σ\",\"n\":null,\"z\":0,\"o\":{\"x\":\"encode\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"err\":\"/f0/@if/then/@replace/value should be a string or a mapping directive but it is an array.\"}"},
    {"fuzz-3",
     "{\"f0\":{\"@case\":{\"operator\":\"upper\",\"value\":{\"@path\":\"a\"}}},\"f1\":{\"@path\":\"$.arr.length\"},\"f2\":{\"@template\":{\"@path\":\"$\"}},\"f3\":{\"@path\":\"$.s\"}}",
     "{\"a\":true,\"b\":\"ab\",\"c\":0,\"arr\":[\"x\",null],\"s\":\"ß\",\"n\":null,\"z\":0,\"o\":{\"x\":\"$'\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"err\":\"@template: expected string, got undefined\"}"},
    {"fuzz-4",
     "{\"f0\":{\"@if\":{\"exists\":{\"@path\":\"$.arr\"},\"then\":{\"@path\":\"$.a.b\"},\"else\":{\"k\":1}}}}",
     "{\"a\":true,\"b\":\"İ\",\"c\":1e+21,\"arr\":[],\"s\":\"\",\"n\":null,\"z\":0,\"o\":{\"x\":\"left\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{}}"},
    {"fuzz-5",
     "{\"f0\":null,\"f1\":{\"@path\":\"$\"},\"f2\":{\"k\":{\"@if\":{\"exists\":[{\"@path\":\"$.t\"},{\"@path\":\"$.c\"}],\"then\":{\"@path\":\"$.z\"},\"else\":null}}}}",
     "{\"a\":null,\"b\":\"ß\",\"c\":0,\"arr\":[1,{\"k\":\"v\"}],\"s\":\"$&\",\"n\":null,\"z\":0,\"o\":{\"x\":\"$$\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":null,\"f2\":{\"k\":0}}}"},
    {"fuzz-6",
     "{\"f0\":{\"@template\":\"{{{b}}}\"},\"f1\":{\"@excludeWhenNull\":{\"@literal\":null}},\"f2\":{\"k\":{\"@path\":\"$.arr\"}},\"f3\":{\"@flatten\":{\"separator\":\".\",\"value\":{\"@path\":\"$.a\"},\"omitArrays\":true}}}",
     "{\"a\":0,\"b\":\"É\",\"c\":100,\"arr\":[],\"s\":\"{\\\"a\\\":1}\",\"n\":null,\"z\":0,\"o\":{\"x\":\"{\\\"a\\\":1}\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"É\",\"f2\":{\"k\":[]},\"f3\":{\"\":0}}}"},
    {"fuzz-7",
     "{\"f0\":{\"@arrayPath\":[\"$.arr\"]},\"f1\":{\"@flatten\":{\"separator\":\"_\",\"value\":{\"@path\":\"$.o.y.z\"}}}}",
     "{\"a\":[1,2],\"b\":\"ΑΣ\",\"c\":1.5,\"arr\":[\"x\",null],\"s\":\"É\",\"n\":null,\"z\":0,\"o\":{\"x\":\" \",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":[\"x\",null],\"f1\":{\"\":\"q\"}}}"},
    {"fuzz-8",
     "{\"f0\":{\"@path\":\"$.e\"},\"f1\":\"_\",\"f2\":{\"@path\":\"$.o.x\"}}",
     "{\"a\":null,\"b\":\"aB b\",\"c\":1.5,\"arr\":[[]],\"s\":\"_\",\"n\":null,\"z\":0,\"o\":{\"x\":\"ab\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"\",\"f1\":\"_\",\"f2\":\"ab\"}}"},
    {"fuzz-9",
     "{\"f0\":{\"@flatten\":{\"separator\":\".\",\"value\":{\"@path\":\"$.o.x\"}}},\"f1\":{\"@literal\":{\"@path\":\"$.o.x\"}},\"f2\":{\"@path\":\"$.arr\"},\"f3\":{\"@path\":\"$.nul.q\"}}",
     "{\"a\":0,\"b\":\"ΑΣ\",\"c\":0,\"arr\":[[]],\"s\":\"x😀y\",\"n\":null,\"z\":0,\"o\":{\"x\":\"{\\\"a\\\":1}\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":{\"\":\"{\\\"a\\\":1}\"},\"f1\":\"{\\\"a\\\":1}\",\"f2\":[[]],\"f3\":null}}"},
    {"fuzz-10",
     "{\"f0\":\"length\",\"f1\":[[{\"@path\":\"a\"},1]],\"f2\":[{\"@path\":\"$.t\"},{\"@template\":\"{{arr}}|{{c}}\"}],\"f3\":{\"@if\":{\"exists\":{\"@path\":\"a\"},\"then\":{\"@path\":\"$.obj2\"},\"else\":{\"@path\":\"$.n\"}}}}",
     "{\"a\":0,\"b\":\"b\",\"c\":1e+21,\"arr\":[],\"s\":\"İ\",\"n\":null,\"z\":0,\"o\":{\"x\":\"lower\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"length\",\"f1\":[[0,1]],\"f2\":[true,\"|1e+21\"],\"f3\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}}"},
    {"fuzz-11",
     "{\"f0\":{\"@transform\":{\"apply\":{\"a\":{\"@path\":\"$.s[1]\"},\"o\":{\"@path\":\"$.c\"}},\"mapping\":{\"r\":{\"@path\":\"$.o.x\"},\"s\":{\"@path\":\"$.o.y.z\"}}}},\"f1\":{\"@merge\":{\"direction\":\"right\",\"objects\":[{\"@path\":\"$.o\"},{\"x\":{\"@path\":\"$.e\"},\"a\":1},{\"@path\":\"$.b\"}]}}}",
     "{\"a\":true,\"b\":\"x😀y\",\"c\":0,\"arr\":[1,{\"k\":\"v\"}],\"s\":\"right\",\"n\":null,\"z\":0,\"o\":{\"x\":\"upper\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":{\"r\":0,\"s\":0},\"f1\":{\"0\":\"x\",\"1\":\"\\ud83d\",\"2\":\"\\ude00\",\"3\":\"y\",\"x\":\"\",\"y\":{\"z\":null},\"a\":1}}}"},
    {"fuzz-12",
     "{\"f0\":{\"@path\":\"$.o\"},\"f1\":{\"k\":[[{\"@path\":\"$.a\"},{\"@path\":\"$.s.length\"}],{\"@excludeWhenNull\":\"1\"}]},\"f2\":{\"@if\":{\"exists\":\"x\",\"then\":{\"@path\":\"$.c\"}}}}",
     "{\"a\":0,\"b\":\" \",\"c\":1e+21,\"arr\":[1,{\"k\":\"v\"}],\"s\":\"lower\",\"n\":null,\"z\":0,\"o\":{\"x\":\"upper\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":{\"x\":\"upper\",\"y\":{\"z\":\"q\"}},\"f1\":{\"k\":[[0,5],\"1\"]},\"f2\":1e+21}}"},
    {"fuzz-13",
     "{\"f0\":{\"@path\":\"$.arr.length\"},\"f1\":{\"k\":{\"@case\":{\"operator\":\"title\",\"value\":{\"@path\":\"$.e\"}}}},\"f2\":{\"@if\":{\"exists\":\"aB b\"}}}",
     "{\"a\":1,\"b\":\"length\",\"c\":0,\"arr\":[],\"s\":\"😀\",\"n\":null,\"z\":0,\"o\":{\"x\":\"lower\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"err\":\"operator key should have a value of \\\"lower\\\" or \\\"upper\\\"\"}"},
    {"fuzz-14",
     "{\"f0\":{\"@replace\":{\"pattern\":\"ß\",\"value\":{\"@path\":\"$.\"},\"replacement\":\"$'\"}}}",
     "{\"a\":1,\"b\":\"b\",\"c\":\"c\",\"arr\":[\"x\",null],\"s\":\"left\",\"n\":null,\"z\":0,\"o\":{\"x\":\"b\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"\"}}"},
    {"fuzz-15",
     "{\"f0\":{\"@path\":\"$.o\"},\"f1\":2.5,\"f2\":\"aB b\"}",
     "{\"a\":null,\"b\":\"right\",\"c\":1.5,\"arr\":[[]],\"s\":\"x.y\",\"n\":null,\"z\":0,\"o\":{\"x\":\"aB b\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":{\"x\":\"aB b\",\"y\":{\"z\":null}},\"f1\":2.5,\"f2\":\"aB b\"}}"},
    {"fuzz-16",
     "{\"f0\":{\"@template\":\"{{{b}}}\"},\"f1\":{\"@literal\":{\"@path\":\"a\"}},\"f2\":null,\"f3\":{\"@case\":{\"operator\":\"title\",\"value\":{\"@transform\":{\"apply\":{\"a\":{\"@path\":\"$.arr[1].k\"},\"o\":{\"@path\":\"$\"}},\"mapping\":{\"r\":{\"@path\":\"$.o.x\"},\"s\":{\"@replace\":{\"pattern\":\"ß\",\"value\":{\"@path\":\"$.arr[0]\"},\"replacement\":\"$&\",\"pattern2\":\"a\",\"replacement2\":\"2\"}}}}}}}}",
     "{\"a\":{\"b\":\"x\"},\"b\":\"İ\",\"c\":1e+21,\"arr\":[\"x\",null],\"s\":\"\",\"n\":null,\"z\":0,\"o\":{\"x\":\"x.y\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"İ\",\"f1\":{\"b\":\"x\"},\"f2\":null,\"f3\":{\"s\":\"\"}}}"},
    {"fuzz-17",
     "{\"f0\":{\"@path\":\"a\"},\"f1\":{\"@path\":\"$.o.y.z\"}}",
     "{\"a\":0,\"b\":\".\",\"c\":1.5,\"arr\":[1,{\"k\":\"v\"}],\"s\":\"right\",\"n\":null,\"z\":0,\"o\":{\"x\":\"😀\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":0,\"f1\":null}}"},
    {"fuzz-18",
     "{\"f0\":{\"@path\":\"$\"},\"f1\":{\"@if\":{\"blank\":{\"@path\":\"$.o\"},\"else\":{\"@path\":\"$.s\"}}},\"f2\":{\"@template\":\"{{obj2}}\"}}",
     "{\"a\":null,\"b\":\"\",\"c\":1e+21,\"arr\":[\"x\",null],\"s\":\"[1,2]\",\"n\":null,\"z\":0,\"o\":{\"x\":\".\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f2\":\"[object Object]\"}}"},
    {"fuzz-19",
     "{\"f0\":{\"@template\":{\"@path\":\"$.c\"}},\"f1\":{\"@path\":\"$.o.x\"},\"f2\":{\"@transform\":{\"apply\":{\"a\":{\"@replace\":{\"pattern\":\"A\",\"value\":{\"@path\":\"$.o.x\"},\"ignorecase\":false}},\"o\":{\"@path\":\"$.o\"}},\"mapping\":{\"r\":{\"@path\":\"$.o.x\"},\"s\":{\"@path\":\"$.z\"}}}},\"f3\":{\"@transform\":{\"apply\":{\"a\":1,\"o\":{\"@path\":\"$.o['x']\"}},\"mapping\":{\"r\":{\"@path\":\"$.a\"},\"s\":{\"@path\":\"$.c\"}}}}}",
     "{\"a\":{\"b\":\"x\"},\"b\":\"$$\",\"c\":1e+21,\"arr\":[\"x\",null],\"s\":\"{{a}}\",\"n\":null,\"z\":0,\"o\":{\"x\":\"{{{b}}}\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"err\":\"@template: expected string, got number\"}"},
    {"fuzz-20",
     "{\"f0\":1}",
     "{\"a\":\"A\",\"b\":\"[1,2]\",\"c\":\"c\",\"arr\":[[]],\"s\":\"x😀y\",\"n\":null,\"z\":0,\"o\":{\"x\":\"{{{b}}}\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":1}}"},
    {"fuzz-21",
     "{\"f0\":\"$'\",\"f1\":\"x\"}",
     "{\"a\":true,\"b\":\"$&\",\"c\":1e+21,\"arr\":[[]],\"s\":\"aB b\",\"n\":null,\"z\":0,\"o\":{\"x\":\"decode\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"$'\",\"f1\":\"x\"}}"},
    {"fuzz-22",
     "{\"f0\":[{\"@path\":\"$.o['x']\"},{\"@path\":\"$.arr.length\"}],\"f1\":{\"@flatten\":{\"separator\":\"->\",\"value\":{\"@path\":\"$.a\"}}}}",
     "{\"a\":1,\"b\":\"\",\"c\":\"c\",\"arr\":[[]],\"s\":\"aB b\",\"n\":null,\"z\":0,\"o\":{\"x\":\"😀\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":[\"😀\",1],\"f1\":{\"\":1}}}"},
    {"fuzz-23",
     "{\"f0\":{\"@path\":\"$.z\"}}",
     "{\"a\":null,\"b\":\"{\\\"a\\\":1}\",\"c\":\"c\",\"arr\":[\"x\",null],\"s\":\"1\",\"n\":null,\"z\":0,\"o\":{\"x\":\".\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":0}}"},
    {"fuzz-24",
     "{\"f0\":1}",
     "{\"a\":[1,2],\"b\":\".\",\"c\":\"c\",\"arr\":[\"x\",null],\"s\":\"{\\\"a\\\":1}\",\"n\":null,\"z\":0,\"o\":{\"x\":\"lower\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":1}}"},
    {"fuzz-25",
     "{\"f0\":{\"@flatten\":{\"separator\":\"_\",\"value\":{\"@path\":\"$.obj2\"},\"omitArrays\":true}}}",
     "{\"a\":true,\"b\":\"é\",\"c\":1e+21,\"arr\":[],\"s\":\"_\",\"n\":null,\"z\":0,\"o\":{\"x\":\"aB b\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":{\"1\":\"one\",\"k\":null,\"m_n\":null,\"m_p\":1}}}"},
    {"fuzz-26",
     "{\"f0\":\"1\",\"f1\":{\"@path\":\"$.s\"},\"f2\":{\"@excludeWhenNull\":{\"@transform\":{\"apply\":{\"a\":{\"@path\":\"$.e\"},\"o\":{\"@path\":\"$.f.q\"}},\"mapping\":{\"r\":{\"@path\":\"$.a\"},\"s\":{\"@path\":\"$.arr[0]\"}}}}}}",
     "{\"a\":\"\",\"b\":\"Σ\",\"c\":1e+21,\"arr\":[\"x\",null],\"s\":\"_\",\"n\":null,\"z\":0,\"o\":{\"x\":\"[1,2]\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"1\",\"f1\":\"_\",\"f2\":{\"r\":\"\"}}}"},
    {"fuzz-27",
     "{\"f0\":{\"@path\":\"$.arr.length\"},\"f1\":{\"@if\":{\"blank\":{\"@path\":\"$.arr[1].k\"},\"else\":\"\"}}}",
     "{\"a\":0,\"b\":\"{{a}}\",\"c\":1.5,\"arr\":[1,{\"k\":\"v\"}],\"s\":\"a\",\"n\":null,\"z\":0,\"o\":{\"x\":\"A\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":2}}"},
    {"fuzz-28",
     "{\"f0\":{\"@path\":\"$.o['x']\"}}",
     "{\"a\":\"A\",\"b\":\" \",\"c\":0,\"arr\":[],\"s\":\"right\",\"n\":null,\"z\":0,\"o\":{\"x\":\"ab\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"ab\"}}"},
    {"fuzz-29",
     "{\"f0\":[1],\"f1\":{\"@json\":{\"mode\":\"decode\",\"value\":{\"@path\":\"$.b\"}}},\"f2\":{\"@case\":{\"operator\":\"lower\",\"value\":-1}},\"f3\":{\"@path\":\"$.nul.q\"}}",
     "{\"a\":\"\",\"b\":\"$'\",\"c\":1.5,\"arr\":[\"x\",null],\"s\":\"decode\",\"n\":null,\"z\":0,\"o\":{\"x\":\"$&\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"err\":\"/f2/@case/value should be a string or a mapping directive but it is a number.\"}"},
    {"fuzz-30",
     "{\"f0\":[1]}",
     "{\"a\":true,\"b\":\"encode\",\"c\":\"c\",\"arr\":[1,{\"k\":\"v\"}],\"s\":\"b\",\"n\":null,\"z\":0,\"o\":{\"x\":\"b\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":[1]}}"},
    {"fuzz-31",
     "{\"f0\":\"x\",\"f1\":{\"@template\":\"{{}}\"},\"f2\":{\"@path\":\"$.arr[0]\"}}",
     "{\"a\":true,\"b\":\"[1,2]\",\"c\":\"c\",\"arr\":[],\"s\":\"x😀y\",\"n\":null,\"z\":0,\"o\":{\"x\":\"upper\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"x\",\"f1\":\"{{}}\"}}"},
    {"fuzz-32",
     "{\"f0\":{\"@case\":{\"operator\":\"lower\",\"value\":{\"@path\":\"$.o.x\"}}},\"f1\":\"x😀y\"}",
     "{\"a\":\"A\",\"b\":\"$&\",\"c\":1.5,\"arr\":[[]],\"s\":\"A\",\"n\":null,\"z\":0,\"o\":{\"x\":\"x😀y\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"x😀y\",\"f1\":\"x😀y\"}}"},
    {"fuzz-33",
     "{\"f0\":\"x\",\"f1\":{\"@template\":\"{{{o.x}}}{{o.x}}\"},\"f2\":1,\"f3\":{\"@replace\":{\"pattern\":\" \",\"value\":{\"@path\":\"$.o.y.z\"},\"replacement\":\"$'\"}}}",
     "{\"a\":true,\"b\":\"lower\",\"c\":100,\"arr\":[[]],\"s\":\"Σ\",\"n\":null,\"z\":0,\"o\":{\"x\":\"A\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"x\",\"f1\":\"AA\",\"f2\":1,\"f3\":\"q\"}}"},
    {"fuzz-34",
     "{\"f0\":{\"@path\":\"$.o['x']\"},\"f1\":{\"@if\":{\"exists\":{\"@path\":\"$.o.y.z\"},\"then\":\"x\"}},\"f2\":{\"k\":\"b\"}}",
     "{\"a\":null,\"b\":\"[1,2]\",\"c\":100,\"arr\":[\"x\",null],\"s\":\"ß\",\"n\":null,\"z\":0,\"o\":{\"x\":\"length\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"length\",\"f2\":{\"k\":\"b\"}}}"},
    {"fuzz-35",
     "{\"f0\":\"encode\",\"f1\":{\"@if\":{\"blank\":{\"@path\":\"$.e\"},\"else\":-1}}}",
     "{\"a\":0,\"b\":\"right\",\"c\":0,\"arr\":[[]],\"s\":\"1\",\"n\":null,\"z\":0,\"o\":{\"x\":\"$'\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"encode\",\"f1\":-1}}"},
    {"fuzz-36",
     "{\"f0\":\"é\"}",
     "{\"a\":[1,2],\"b\":\"\",\"c\":1e+21,\"arr\":[[]],\"s\":\"left\",\"n\":null,\"z\":0,\"o\":{\"x\":\"null\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"é\"}}"},
    {"fuzz-37",
     "{\"f0\":{\"k\":{\"@template\":\"{{obj2}}\"}},\"f1\":1}",
     "{\"a\":\"A\",\"b\":\"aB b\",\"c\":\"c\",\"arr\":[1,{\"k\":\"v\"}],\"s\":\"b\",\"n\":null,\"z\":0,\"o\":{\"x\":\"Σ\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":{\"k\":\"[object Object]\"},\"f1\":1}}"},
    {"fuzz-38",
     "{\"f0\":[{\"@flatten\":{\"separator\":\"_\",\"value\":{\"@merge\":{\"direction\":\"right\",\"objects\":[{\"@path\":\"$.arr.length\"},{\"x\":{\"@path\":\"$.arr[1].k\"},\"a\":1}]}}}}],\"f1\":{\"@replace\":{\"pattern\":\"a\",\"value\":[{\"@path\":\"$.o.x\"},\"decode\"]}},\"f2\":1}",
     "{\"a\":true,\"b\":\"{{a}}\",\"c\":\"c\",\"arr\":[1,{\"k\":\"v\"}],\"s\":\"$'\",\"n\":null,\"z\":0,\"o\":{\"x\":\"0\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"err\":\"/f1/@replace/value should be a string or a mapping directive but it is an array.\"}"},
    {"fuzz-39",
     "{\"f0\":{\"@replace\":{\"pattern\":\"x\",\"value\":{\"@path\":\"$.arr[0]\"},\"replacement\":\"R\"}},\"f1\":{\"@path\":\"$.e\"}}",
     "{\"a\":null,\"b\":\"b\",\"c\":0,\"arr\":[1,{\"k\":\"v\"}],\"s\":\"$'\",\"n\":null,\"z\":0,\"o\":{\"x\":\"Σ\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"1\",\"f1\":\"\"}}"},
    {"fuzz-40",
     "{\"f0\":{\"@transform\":{\"apply\":{\"a\":{\"@path\":\"$.a\"},\"o\":{\"@path\":\"$\"}},\"mapping\":{\"r\":{\"@path\":\"$.o\"},\"s\":{\"@path\":\"$.arr[1].k\"}}}},\"f1\":1}",
     "{\"a\":[1,2],\"b\":\"ß\",\"c\":0,\"arr\":[],\"s\":\"[1,2]\",\"n\":null,\"z\":0,\"o\":{\"x\":\"a\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":{},\"f1\":1}}"},
    {"fuzz-41",
     "{\"f0\":[[{\"k\":1}],{\"@path\":\"$.a.b\"}],\"f1\":{\"@replace\":{\"pattern\":\"Σ\",\"value\":{\"@path\":\"$.z\"},\"replacement\":\"[$`]\"}},\"f2\":{\"@case\":{\"operator\":\"upper\",\"value\":{\"@path\":\"$.a\"}}}}",
     "{\"a\":{\"b\":\"x\"},\"b\":\"aB b\",\"c\":1e+21,\"arr\":[1,{\"k\":\"v\"}],\"s\":\"ab\",\"n\":null,\"z\":0,\"o\":{\"x\":\"right\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":[[{\"k\":1}],\"x\"],\"f1\":\"0\",\"f2\":{\"b\":\"x\"}}}"},
    {"fuzz-42",
     "{\"f0\":{\"@case\":{\"operator\":\"upper\",\"value\":{\"@path\":\"$.s.length\"}}},\"f1\":{\"@template\":\"{{{b}}}\"},\"f2\":{\"@path\":\"$.s[1]\"},\"f3\":{\"@excludeWhenNull\":{\"@json\":{\"mode\":\"decode\",\"value\":{\"@path\":\"$.arr\"}}}}}",
     "{\"a\":{\"b\":\"x\"},\"b\":\"é\",\"c\":0,\"arr\":[],\"s\":\"1\",\"n\":null,\"z\":0,\"o\":{\"x\":\"x.y\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":1,\"f1\":\"é\",\"f3\":[]}}"},
    {"fuzz-43",
     "{\"f0\":{\"@arrayPath\":[{\"@path\":\"$.o\"},{\"q\":{\"@path\":\"$.arr[1].k\"}}]},\"f1\":{\"@template\":\"plain\"},\"f2\":{\"@path\":\"$.s[1]\"}}",
     "{\"a\":[1,2],\"b\":\"{{{b}}}\",\"c\":\"c\",\"arr\":[1,{\"k\":\"v\"}],\"s\":\"b\",\"n\":null,\"z\":0,\"o\":{\"x\":\"x😀y\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":[{}],\"f1\":\"plain\"}}"},
    {"fuzz-44",
     "{\"f0\":[\"Σ\"],\"f1\":{\"@template\":\"{{}}\"},\"f2\":{\"@replace\":{\"pattern\":\"b\",\"value\":{\"@path\":\"$.s[1]\"},\"replacement\":\"é\",\"ignorecase\":true}}}",
     "{\"a\":true,\"b\":\"right\",\"c\":\"c\",\"arr\":[[]],\"s\":\"{{{b}}}\",\"n\":null,\"z\":0,\"o\":{\"x\":\"\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":[\"Σ\"],\"f1\":\"{{}}\",\"f2\":\"{\"}}"},
    {"fuzz-45",
     "{\"f0\":{\"@if\":{\"exists\":{\"@path\":\"$.t\"}}},\"f1\":{\"@if\":{\"exists\":{\"@path\":\"$.obj2\"},\"blank\":{\"@replace\":{\"pattern\":\"b\",\"value\":{\"@merge\":{\"direction\":\"left\",\"objects\":[{\"@path\":\"$.arr[1].k\"},{\"x\":{\"@path\":\"$.o.x\"},\"a\":1},{\"@path\":\"$.arr.length\"}]}},\"replacement\":\"$$\"}},\"then\":{\"@excludeWhenNull\":{\"@template\":\"{{{o.x}}}{{o.x}}\"}}}},\"f2\":{\"@path\":\"$.e\"},\"f3\":{\"@replace\":{\"pattern\":\"Σ\",\"value\":{\"@path\":\"$.n\"},\"replacement\":\"$&\"}}}",
     "{\"a\":\"A\",\"b\":\"null\",\"c\":1e+21,\"arr\":[1,{\"k\":\"v\"}],\"s\":\"Σ\",\"n\":null,\"z\":0,\"o\":{\"x\":\"[1,2]\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f1\":\"[1,2][1,2]\",\"f2\":\"\",\"f3\":\"\"}}"},
    {"fuzz-46",
     "{\"f0\":{\"@path\":\"$.obj2\"},\"f1\":{\"@case\":{\"operator\":\"upper\",\"value\":{\"@path\":\"a\"}}},\"f2\":{\"@excludeWhenNull\":{\"@path\":\"$.o['x']\"}},\"f3\":{\"@path\":\"$\"}}",
     "{\"a\":true,\"b\":\"é\",\"c\":1e+21,\"arr\":[\"x\",null],\"s\":\"right\",\"n\":null,\"z\":0,\"o\":{\"x\":\"a\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}},\"f1\":true,\"f2\":\"a\"}}"},
    {"fuzz-47",
     "{\"f0\":{\"@excludeWhenNull\":{\"@path\":\"$.e\"}}}",
     "{\"a\":{\"b\":\"x\"},\"b\":\"é\",\"c\":1.5,\"arr\":[1,{\"k\":\"v\"}],\"s\":\"{\\\"a\\\":1}\",\"n\":null,\"z\":0,\"o\":{\"x\":\"1\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"\"}}"},
    {"fuzz-48",
     "{\"f0\":{\"@path\":\"$.obj2\"}}",
     "{\"a\":true,\"b\":\"\",\"c\":1.5,\"arr\":[[]],\"s\":\"ß\",\"n\":null,\"z\":0,\"o\":{\"x\":\"{\\\"a\\\":1}\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}}"},
    {"fuzz-49",
     "{\"f0\":{\"@excludeWhenNull\":{\"@path\":\"$.o.y.z\"}},\"f1\":{\"@merge\":{\"direction\":\"left\",\"objects\":[{\"@path\":\"$\"},{\"x\":{\"@arrayPath\":[\"$.f.q\"]},\"a\":1},{\"@path\":\"$.s\"}]}},\"f2\":{\"@merge\":{\"direction\":\"left\",\"objects\":[{\"@path\":\"$.z\"},{\"x\":{\"@path\":\"$.arr[0]\"},\"a\":1}]}}}",
     "{\"a\":1,\"b\":\"[1,2]\",\"c\":\"c\",\"arr\":[\"x\",null],\"s\":\"_\",\"n\":null,\"z\":0,\"o\":{\"x\":\"é\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f1\":{\"0\":\"_\",\"x\":false,\"a\":1},\"f2\":{\"x\":\"x\",\"a\":1}}}"},
    {"fuzz-50",
     "{\"f0\":{\"@path\":\"$.s\"}}",
     "{\"a\":\"A\",\"b\":\"0\",\"c\":1.5,\"arr\":[\"x\",null],\"s\":\"é\",\"n\":null,\"z\":0,\"o\":{\"x\":\"null\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"é\"}}"},
    {"fuzz-51",
     "{\"f0\":{\"@excludeWhenNull\":{\"@path\":\"$.o.x\"}}}",
     "{\"a\":[1,2],\"b\":\"{\\\"a\\\":1}\",\"c\":100,\"arr\":[[]],\"s\":\"0\",\"n\":null,\"z\":0,\"o\":{\"x\":\"{{a}}\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"{{a}}\"}}"},
    {"fuzz-52",
     "{\"f0\":{\"@merge\":{\"direction\":\"right\",\"objects\":[{\"@path\":\"$.arr\"},{\"x\":{\"@path\":\"$.z\"},\"a\":1},{\"@path\":\"$.n\"}]}},\"f1\":[{\"@path\":\"$.o.y.z\"},{\"@path\":\"$.n\"}],\"f2\":{\"@path\":\"$.e\"}}",
     "{\"a\":{\"b\":\"x\"},\"b\":\"ΑΣ\",\"c\":1e+21,\"arr\":[\"x\",null],\"s\":\"{{{b}}}\",\"n\":null,\"z\":0,\"o\":{\"x\":\"lower\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":{\"0\":\"x\",\"1\":null,\"x\":0,\"a\":1},\"f1\":[\"q\",null],\"f2\":\"\"}}"},
    {"fuzz-53",
     "{\"f0\":{\"k\":\" \"},\"f1\":{\"@path\":\"$.s.length\"},\"f2\":{\"@path\":\"$.o\"},\"f3\":{\"@merge\":{\"direction\":\"right\",\"objects\":[{\"@path\":\"$.o.x\"},{\"x\":{\"@replace\":{\"pattern\":\"Σ\",\"value\":{\"@path\":\"$.t\"},\"replacement\":\"$$\",\"global\":false,\"pattern2\":\"a\"}},\"a\":1},{\"@path\":\"$.o.x\"}]}}}",
     "{\"a\":0,\"b\":\" \",\"c\":1e+21,\"arr\":[[]],\"s\":\".\",\"n\":null,\"z\":0,\"o\":{\"x\":\"right\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":{\"k\":\" \"},\"f1\":1,\"f2\":{\"x\":\"right\",\"y\":{\"z\":null}},\"f3\":{\"0\":\"r\",\"1\":\"i\",\"2\":\"g\",\"3\":\"h\",\"4\":\"t\",\"x\":\"true\",\"a\":1}}}"},
    {"fuzz-54",
     "{\"f0\":{\"@path\":\"$.\"},\"f1\":{\"@arrayPath\":[\"$.z\",\"x\"]}}",
     "{\"a\":[1,2],\"b\":\"right\",\"c\":0,\"arr\":[1,{\"k\":\"v\"}],\"s\":\"0\",\"n\":null,\"z\":0,\"o\":{\"x\":\"right\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":{\"a\":[1,2],\"b\":\"right\",\"c\":0,\"arr\":[1,{\"k\":\"v\"}],\"s\":\"0\",\"n\":null,\"z\":0,\"o\":{\"x\":\"right\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}},\"f1\":0}}"},
    {"fuzz-55",
     "{\"f0\":{\"@template\":{\"@path\":\"$.o['x']\"}}}",
     "{\"a\":0,\"b\":\"1\",\"c\":100,\"arr\":[1,{\"k\":\"v\"}],\"s\":\"\",\"n\":null,\"z\":0,\"o\":{\"x\":\"_\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"_\"}}"},
    {"fuzz-56",
     "{\"f0\":{\"@literal\":{\"@path\":\"$.b\"}},\"f1\":0,\"f2\":{\"@if\":{\"exists\":{\"@path\":\"$.o.y.z\"},\"then\":{\"@path\":\"$.t\"}}},\"f3\":{\"@path\":\"$\"}}",
     "{\"a\":null,\"b\":\"ß\",\"c\":\"c\",\"arr\":[[]],\"s\":\"ab\",\"n\":null,\"z\":0,\"o\":{\"x\":\"a\",\"y\":{\"z\":\"q\"}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"ß\",\"f1\":0,\"f2\":true}}"},
    {"fuzz-57",
     "{\"f0\":{\"@path\":\"$.z\"}}",
     "{\"a\":true,\"b\":\"é\",\"c\":1.5,\"arr\":[],\"s\":\"[1,2]\",\"n\":null,\"z\":0,\"o\":{\"x\":\"É\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":0}}"},
    {"fuzz-58",
     "{\"f0\":{\"@path\":\"$.arr[0]\"},\"f1\":{\"@excludeWhenNull\":{\"@path\":\"$.s.length\"}},\"f2\":{\"@arrayPath\":[\"$\",\"x\"]}}",
     "{\"a\":\"\",\"b\":\"A\",\"c\":\"c\",\"arr\":[],\"s\":\"{{{b}}}\",\"n\":null,\"z\":0,\"o\":{\"x\":\"length\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f1\":7}}"},
    {"fuzz-59",
     "{\"f0\":[{\"@transform\":{\"apply\":{\"a\":{\"@path\":\"$\"},\"o\":{\"@path\":\"$.o.y.z\"}},\"mapping\":{\"r\":{\"@path\":\"$.o.x\"},\"s\":null}}}],\"f1\":{\"@path\":\"$.arr.length\"},\"f2\":{\"@case\":{\"operator\":\"upper\",\"value\":{\"@json\":{\"mode\":\"decode\",\"value\":{\"@merge\":{\"direction\":\"right\",\"objects\":[{\"@path\":\"$.n\"},{\"x\":{\"@path\":\"$.s.length\"},\"a\":1},{\"@path\":\"$.arr[1].k\"}]}}}}}},\"f3\":{\"@flatten\":{\"separator\":\".\",\"value\":{\"@path\":\"$.\"}}}}",
     "{\"a\":1,\"b\":\"\",\"c\":0,\"arr\":[\"x\",null],\"s\":\"É\",\"n\":null,\"z\":0,\"o\":{\"x\":\".\",\"y\":{\"z\":1}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":[{\"s\":null}],\"f1\":2,\"f2\":{\"x\":1,\"a\":1},\"f3\":{\"a\":1,\"b\":\"\",\"c\":0,\"arr.0\":\"x\",\"arr.1\":null,\"s\":\"É\",\"n\":null,\"z\":0,\"o.x\":\".\",\"o.y.z\":1,\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2.1\":\"one\",\"obj2.k\":null,\"obj2.m.n\":null,\"obj2.m.p\":1}}}"},
    {"fuzz-60",
     "{\"f0\":\"encode\",\"f1\":0}",
     "{\"a\":0,\"b\":\"\",\"c\":\"c\",\"arr\":[\"x\",null],\"s\":\"é\",\"n\":null,\"z\":0,\"o\":{\"x\":\"a\",\"y\":{\"z\":null}},\"nul\":null,\"e\":\"\",\"t\":true,\"f\":false,\"obj2\":{\"1\":\"one\",\"k\":null,\"m\":{\"n\":null,\"p\":1}}}",
     "{\"ok\":{\"f0\":\"encode\",\"f1\":0}}"},
};
static const size_t n_oracle_rows = sizeof oracle_rows / sizeof oracle_rows[0];
