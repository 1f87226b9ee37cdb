/* Unit tests: the Lua host — event views, the helper library, the sandbox,
 * limits, and error reporting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "map/lua/luahost.h"

static jarena A;
static luahost *H;

/* The host's clock: time passes only when a test says so (FAKE_STEP ns per
 * look at the clock), so no test depends on the machine's speed. */
static int64_t fake_now, fake_step;
static int64_t fake_clock(void)
{
    return fake_now += fake_step;
}

static int setup(void **s)
{
    (void)s;
    char err[512];
    jarena_init(&A, 0);
    luahost_limits lim = {.mem_limit = 16u << 20, .instr_budget = 2000000, .time_ms = 50, .clock_ns = fake_clock};
    H = luahost_new(&lim, err, sizeof err);
    if (!H) fail_msg("luahost_new: %s", err);
    return 0;
}

static int teardown(void **s)
{
    (void)s;
    luahost_free(H);
    jarena_free(&A);
    return 0;
}

static const char *EVENT =
    "{\"type\":\"track\",\"event\":\"Signed Up\",\"userId\":\"u1\",\"n\":12345678901234567,\"f\":1.5,"
    "\"properties\":{\"plan\":\"pro\",\"list\":[10,\"x\",null,true],\"empty\":\"\",\"zero\":0},"
    "\"context\":{\"traits\":{\"email\":\"a@b.co\"},\"ip\":null}}";

static jv event(void)
{
    jv v;
    jerr e;
    if (json_parse(&A, EVENT, strlen(EVENT), NULL, &v, &e)) fail_msg("%s", e.msg);
    return v;
}

/* Loads src as name, runs it on EVENT, returns the JSON text of the fields
 * (or "ERR:<message>"). */
static const char *run(const char *name, const char *src)
{
    static char out[4096];
    char err[1024];
    int h = luahost_load(H, name, src, strlen(src), err, sizeof err);
    if (h < 0) {
        snprintf(out, sizeof out, "LOADERR:%s", err);
        return out;
    }
    jv ev = event(), fields;
    ev_error e;
    int rc = luahost_run(H, h, &ev, NULL, &A, &fields, &e);
    if (rc == 1) {
        snprintf(out, sizeof out, "DECLINED");
    } else if (rc) {
        snprintf(out, sizeof out, "ERR:%s", e.message);
    } else {
        jbuf b;
        jbuf_init(&b);
        json_write(&b, &fields);
        snprintf(out, sizeof out, "%s", jbuf_cstr(&b));
        jbuf_free(&b);
    }
    luahost_unload(H, h);
    jarena_reset(&A);
    return out;
}

/* JSON-equal (Lua tables have no key order) */
static void expect_json(const char *src, const char *want)
{
    const char *got = run("t.lua", src);
    jarena tmp;
    jarena_init(&tmp, 0);
    jv g, w;
    jerr e;
    bool same = json_parse(&tmp, got, strlen(got), NULL, &g, &e) == 0 &&
                json_parse(&tmp, want, strlen(want), NULL, &w, &e) == 0 && jv_equal(&g, &w);
    jarena_free(&tmp);
    if (!same) fail_msg("got %s, want %s", got, want);
}
#define EXPECT(src, want) expect_json(src, want)
#define EXPECT_PREFIX(src, prefix)                                                       \
    do {                                                                                 \
        const char *got_ = run("t.lua", src);                                            \
        if (strncmp(got_, prefix, strlen(prefix)) != 0) fail_msg("got: %s", got_);       \
    } while (0)
#define EXPECT_HAS(src, needle)                                                          \
    do {                                                                                 \
        const char *got_ = run("t.lua", src);                                            \
        if (!strstr(got_, needle)) fail_msg("'%s' not in: %s", needle, got_);            \
    } while (0)

static void test_views(void **s)
{
    (void)s;
    EXPECT("return function(e) return { a = e.event, b = e.properties.plan, c = e.properties.list[2] } end",
           "{\"a\":\"Signed Up\",\"b\":\"pro\",\"c\":\"x\"}");
    /* numbers: 64-bit integers exact, floats as doubles */
    EXPECT("return function(e) return { n = e.n, f = e.f, i = math.type(e.n) } end",
           "{\"n\":12345678901234567,\"f\":1.5,\"i\":\"integer\"}");
    /* # and ipairs/pairs over arrays; null is mapping.null, not nil */
    EXPECT("local m = require 'mapping'\n"
           "return function(e) local l = e.properties.list; local c = 0\n"
           "  for i, v in ipairs(l) do c = c + 1 end\n"
           "  return { len = #l, count = c, isnull = m.is_null(l[3]), missing = l[9] == nil } end",
           "{\"len\":4,\"count\":4,\"isnull\":true,\"missing\":true}");
    /* pairs over objects, in document order */
    EXPECT("return function(e) local keys = {}\n"
           "  for k in pairs(e.properties) do keys[#keys + 1] = k end\n"
           "  return { k = table.concat(keys, ',') } end",
           "{\"k\":\"plan,list,empty,zero\"}");
    /* a whole subtree passes through unchanged, tostring gives JSON */
    EXPECT("return function(e) return { p = e.properties, s = tostring(e.context) } end",
           "{\"p\":{\"plan\":\"pro\",\"list\":[10,\"x\",null,true],\"empty\":\"\",\"zero\":0},"
           "\"s\":\"{\\\"traits\\\":{\\\"email\\\":\\\"a@b.co\\\"},\\\"ip\\\":null}\"}");
    EXPECT_HAS("return function(e) e.type = 'x' end", "read-only");
}

static void test_stale_view(void **s)
{
    (void)s;
    char err[512];
    const char *src = "local saved\nreturn function(e) if saved then return { x = saved.event } end\n"
                      "saved = e.properties; return { ok = true } end";
    int h = luahost_load(H, "stale.lua", src, strlen(src), err, sizeof err);
    assert_true(h >= 0);
    jv ev = event(), out;
    ev_error e;
    assert_int_equal(luahost_run(H, h, &ev, NULL, &A, &out, &e), 0);
    assert_int_equal(luahost_run(H, h, &ev, NULL, &A, &out, &e), -1);
    assert_non_null(strstr(e.message, "event view used after its event ended"));
    luahost_unload(H, h);
    jarena_reset(&A);
}

static void test_load_time_views(void **s)
{
    (void)s;
    /* a view made while the script loads must not outlive the scratch it points into */
    EXPECT_HAS("local m = require 'mapping'\nlocal v = m.path '$.a' ({ a = { b = 1 } })\n"
               "local f = m.fields { x = m.path '$.x' }\nreturn function(e) return { y = v.b } end",
               "event view used after its event ended");
    EXPECT("local m = require 'mapping'\nlocal n = m.path '$.a.b' ({ a = { b = 7 } })\n"
           "return function(e) return { y = n } end",
           "{\"y\":7}");
}

static void test_helpers(void **s)
{
    (void)s;
    EXPECT("local m = require 'mapping'\n"
           "return m.fields { email = m.if_exists(m.path '$.context.traits.email', m.path '$.context.traits.email',"
           " m.path '$.properties.email'), t = m.template 'Hi {{userId}} {{properties.plan}}', lit = m.literal '',"
           " z = m.path '$.properties.zero.deeper', nope = m.path '$.nope.x' }",
           "{\"email\":\"a@b.co\",\"t\":\"Hi u1 pro\",\"lit\":\"\",\"z\":0}");
    /* directives are callable; m.get; fields() results are views usable in Lua */
    EXPECT("local m = require 'mapping'\nlocal base = m.fields { plan = m.path '$.properties.plan' }\n"
           "return function(e) local f = base(e)\n"
           "  return { a = m.path '$.userId' (e), b = m.get(e, '$.properties.list[0]'), c = f.plan } end",
           "{\"a\":\"u1\",\"b\":10,\"c\":\"pro\"}");
    EXPECT("local m = require 'mapping'\n"
           "return function(e) return { a = m.array {}, o = {}, l = {1, 2}, n = m.null, d = 0.1 + 0.2,"
           " nan = 0/0, j = m.encode { x = m.array { 1 } } } end",
           "{\"a\":[],\"o\":{},\"l\":[1,2],\"n\":null,\"d\":0.30000000000000004,\"nan\":null,\"j\":\"{\\\"x\\\":[1]}\"}");
    EXPECT_HAS("local m = require 'mapping'\nreturn m.fields { x = { ['@bogus'] = 1 } }", "invalid directive");
}

static void test_sandbox(void **s)
{
    (void)s;
    EXPECT("return function() return { io = type(io), os = type(os), pkg = type(package), dbg = type(debug),"
           " load = type(load), dofile = type(dofile), dump = type(string.dump),"
           " dump2 = type(('').dump), cg = type(collectgarbage) } end",
           "{\"io\":\"nil\",\"os\":\"nil\",\"pkg\":\"nil\",\"dbg\":\"nil\",\"load\":\"nil\",\"dofile\":\"nil\","
           "\"dump\":\"nil\",\"dump2\":\"nil\",\"cg\":\"nil\"}");
    EXPECT_HAS("return function() string.upper = nil end", "read-only");
    EXPECT_HAS("return function() local mt = getmetatable(''); mt.__index = {} end", "index a boolean");
    EXPECT_HAS("local m = require 'mapping'\nreturn function() m.path = nil end", "read-only");
    EXPECT_HAS("local x = require 'os'\nreturn function() end", "not available to mapping scripts");
    /* globals written by one script are not seen by another */
    char err[512];
    const char *a = "leaked = 42\nreturn function() return {} end";
    int ha = luahost_load(H, "a.lua", a, strlen(a), err, sizeof err);
    assert_true(ha >= 0);
    EXPECT("return function() return { seen = leaked ~= nil } end", "{\"seen\":false}");
    luahost_unload(H, ha);
    /* bytecode is refused */
    const char bin[] = "\x1bLua\x54\x00";
    assert_int_equal(luahost_load(H, "bin.lua", bin, sizeof bin - 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "binary"));
}

static void test_errors(void **s)
{
    (void)s;
    EXPECT_PREFIX("return function(e)\n  return { x = = 1 }\nend", "LOADERR:t.lua:2:");
    EXPECT_PREFIX("return function(e)\n  local t = nil\n  return { x = t.y }\nend", "ERR:t.lua:3: attempt to index");
    EXPECT_HAS("return function(e)\n  error('custom failure')\nend", "t.lua:2: custom failure");
    EXPECT_PREFIX("\n\nreturn function(e)\n  return 42\nend", "ERR:t.lua:3: the mapping function returned number");
    /* a bad helper directive points at the author's line, not the helper library's */
    EXPECT_PREFIX("local m = require 'mapping'\nlocal f = m.fields { event = { ['@bogus'] = 1 } }\nreturn f",
                  "LOADERR:t.lua:2: invalid mapping: /event has an invalid directive: @bogus.");
    EXPECT_PREFIX("local m = require 'mapping'\nreturn function(e)\n  return { x = m.path(42)(e) }\nend",
                  "ERR:t.lua:3: invalid mapping");
    /* nil declines the event; other non-tables are errors */
    EXPECT_PREFIX("return function(e)\n  return nil\nend", "DECLINED");
    EXPECT_PREFIX("return function(e)\n  if e.userId == 'u1' then return end\n  return {}\nend", "DECLINED");
    EXPECT_PREFIX("return function(e)\n  return true\nend", "ERR:t.lua:1: the mapping function returned boolean");
    EXPECT_HAS("return function(e)\n  error({code = 42})\nend", "t.lua:2: error object: {\"code\":42}");
    EXPECT_HAS("return function(e) return { 1, 2 } end", "returned an array");
    EXPECT_HAS("return function(e) return { f = { g = print } } end", "cannot convert function to JSON at f.g");
    EXPECT_HAS("return function(e) local t = {}; t.t = t; return t end", "nested more than 64 levels");
    EXPECT_PREFIX("return 5", "LOADERR:t.lua: the script returned number");
    /* traceback is included */
    EXPECT_HAS("local function inner() error('deep') end\nreturn function(e) inner() end", "stack traceback");
}

static void test_limits(void **s)
{
    (void)s;
    EXPECT_HAS("return function(e) while true do end end", "t.lua: script exceeded its budget of 2000000 instructions");
    /* pcall cannot swallow the budget error */
    EXPECT_HAS("return function(e) for i = 1, 100 do pcall(function() while true do end end) end\n"
               "return { survived = true } end",
               "budget");
    EXPECT_HAS("return function(e) local t = {} for i = 1, 1e8 do t[i] = ('x'):rep(100) .. i end end",
               "t.lua: script exceeded its memory cap of 16 MiB");
    /* nor can pcall hide the memory cap */
    EXPECT_HAS("return function(e) pcall(function() local t = {} for i = 1, 1e8 do t[i] = ('x'):rep(100) .. i end end)\n"
               "return { survived = true } end",
               "memory cap of 16 MiB");
    EXPECT_HAS("return function(e) return { s = ('x'):rep(1e9) } end", "memory cap");
    EXPECT_HAS("return function(e) local t = {} for i = 1, 1e6 do t[i] = ('y'):rep(1000) end\n"
               "return { s = table.concat(t) } end", "memory cap");
    /* the time budget: 1 ms passes at each look at the clock (every 1,000 instructions) */
    fake_step = 1000000;
    EXPECT_HAS("return function(e) local n = 0 while true do n = n + 1 end end",
               "t.lua: script exceeded its time budget of 50 ms");
    fake_step = 0;
    /* the host still works after all of them */
    EXPECT("return function(e) return { ok = e.userId } end", "{\"ok\":\"u1\"}");
}

/* The ways around a count hook: C functions (pattern matching), message
 * handlers of errors a hook raised, finalizers. */
static void test_limits_everywhere(void **s)
{
    (void)s;
    EXPECT_HAS("return function(e) local s = ('a'):rep(1e6) return { x = s:find('.-.-.-.-b') } end",
               "budget of 2000000 instructions");
    EXPECT_HAS("return function(e) local s = (' '):rep(40000) .. 'x' .. (' '):rep(40000)\n"
               "for i = 1, 100 do s:match('^%s*(.-)%s*$') end return {} end",
               "budget");
    EXPECT_HAS("return function(e) return { n = select(2, ('ab'):rep(1e6):gsub('(a-)(b-)(a-)b', '%1')) } end",
               "budget");
    EXPECT_HAS("return function(e) for w in ('a'):rep(3e5):gmatch('a-a-a-b') do end return {} end", "budget");
    EXPECT_HAS("return function(e) xpcall(function() while true do end end, function() while true do end end)\n"
               "return {} end",
               "budget");
    EXPECT_HAS("return function(e) xpcall(function() error('x') end, function() while true do end end) return {} end",
               "budget");
    EXPECT_HAS("return function(e) setmetatable({}, { __gc = function() while true do end end }) return {} end",
               "__gc metamethods are not allowed");
    /* xpcall still works as xpcall */
    EXPECT("return function(e) local ok, m = xpcall(function() error({code = 42}) end, function(x) return x.code end)\n"
           "local ok2, a, b = xpcall(function(p, q) return p + q, 'r' end, print, 1, 2)\n"
           "return { ok = ok, m = m, ok2 = ok2, a = a, b = b } end",
           "{\"ok\":false,\"m\":42,\"ok2\":true,\"a\":3,\"b\":\"r\"}");
    EXPECT("return function(e) return { ok = true } end", "{\"ok\":true}");
}

/* Patterns: the results of Lua's own string functions (recorded from lua5.4). */
static void test_patterns(void **s)
{
    (void)s;
    EXPECT("return function(e) return { a = ('  hi there  '):match('^%s*(.-)%s*$'),"
           " b = ('hello world'):find('o w'), c = select(2, ('hello'):find('l+')),"
           " d = ('key = value'):match('(%w+)%s*=%s*(%w+)'), e = ('THE (quick) fox'):find('%((%a+)%)'),"
           " f = ('abc'):gsub('', '-'), g = ('hello world'):gsub('o', {o = '0'}),"
           " h = ('abc'):gsub('%w', '%0%0'), i = ('x = 1, y = 2'):gsub('(%w+) = (%w+)', '%2 = %1'),"
           " j = ('f(a(b)c)d'):match('%b()'), k = ('THE (quick) fox'):find('%f[%a]%a+', 5),"
           " l = ('[[x]]'):match('%[(.-)%]'), m = ('a.b'):find('.', 1, true), n = ('aaa'):match('()a+()'),"
           " o = ('abab'):match('(ab)%1'), p = ('hello'):find('l', -2), q = ('x'):find('', 10),"
           " r = ('a,b,,c'):gsub(',', ';', 2), t = ('abc'):match('^(a)'), u = ('cab'):match('^(a)'),"
           " v = ('a1b2c3'):gsub('%d', function(d) return '<' .. d .. '>' end), w = ('x^y'):match('[%^]'),"
           " x = ('a-b'):match('[a%-]+'), y = ('hello'):match('.-(l+)(.*)'), z = ('  x'):find('^%s*$') } end",
           "{\"a\":\"hi there\",\"b\":5,\"c\":4,\"d\":\"key\","
           "\"e\":5,\"f\":\"-a-b-c-\",\"g\":\"hell0 w0rld\",\"h\":\"aabbcc\",\"i\":\"1 = x, 2 = y\","
           "\"j\":\"(a(b)c)\",\"k\":6,\"l\":\"[x\",\"m\":2,\"n\":1,\"o\":\"ab\",\"p\":4,\"r\":\"a;b;,c\","
           "\"t\":\"a\",\"v\":\"a<1>b<2>c<3>\",\"w\":\"^\",\"x\":\"a-\",\"y\":\"ll\"}");
    EXPECT("return function(e) local t = {} for k, v in ('a=1, b=2'):gmatch('(%w+)=(%w+)') do t[k] = v end\n"
           "local n = 0 for w in ('one two  three'):gmatch('%a+') do n = n + 1 end\n"
           "local u = {} for p in ('abc'):gmatch('()') do u[#u + 1] = p end\n"
           "return { t = t, n = n, u = u } end",
           "{\"t\":{\"a\":\"1\",\"b\":\"2\"},\"n\":3,\"u\":[1,2,3,4]}");
    EXPECT_HAS("return function(e) return { x = ('a'):find('%') } end", "malformed pattern (ends with '%')");
    EXPECT_HAS("return function(e) return { x = ('a'):find('[a') } end", "malformed pattern (missing ']')");
    EXPECT_HAS("return function(e) return { x = ('a'):find('(a') } end", "unfinished capture");
    EXPECT_HAS("return function(e) return { x = ('a'):match('a)') } end", "invalid pattern capture");
    EXPECT_HAS("return function(e) return { x = ('a'):find('%1') } end", "invalid capture index %1");
    EXPECT_HAS("return function(e) return { x = ('a'):gsub('a', '%2') } end", "invalid capture index %2");
    EXPECT_HAS("return function(e) return { x = ('a'):gsub('a', '%x') } end", "invalid use of '%' in replacement");
    EXPECT_HAS("return function(e) return { x = ('a'):gsub('a', {a = {}}) } end", "invalid replacement value (a table)");
    EXPECT_HAS("return function(e) return { x = ('a'):gsub('a') } end", "string/function/table expected");
    EXPECT_HAS("return function(e) return { x = ('a'):find('%f') } end", "missing '[' after '%f' in pattern");
    EXPECT_HAS("return function(e) return { x = (('a'):rep(300)):find(('(a)'):rep(33)) } end", "too many captures");
    EXPECT_HAS("return function(e) return { x = (('a'):rep(300)):find(('a?'):rep(250) .. ('a'):rep(250)) } end",
               "pattern too complex");
}

/* Each script has a state of its own: what one does to its globals, its
 * libraries, the helper library or the event views reaches no other. */
static void test_isolation(void **s)
{
    (void)s;
    char err[512];
    const char *evil =
        "local m = require 'mapping'\n"
        "rawset(getmetatable(_ENV).__index, 'tostring', function() return 'PWNED' end)\n"
        "local smt = getmetatable('')\n"
        "return function(e)\n"
        "  local mt = getmetatable(e)\n"
        "  if type(mt) == 'table' then mt.__index = function() return 'PWNED' end end\n"
        "  leaked = 'PWNED'\n"
        "  return {}\n"
        "end";
    int he = luahost_load(H, "evil.lua", evil, strlen(evil), err, sizeof err);
    if (he < 0) {
        /* refusing is fine too: what matters is the other script below */
        assert_non_null(err);
    } else {
        jv ev = event(), out;
        ev_error e;
        luahost_run(H, he, &ev, NULL, &A, &out, &e);
    }
    EXPECT("return function(e) return { t = tostring(1), id = e.userId, seen = leaked ~= nil,"
           " up = string.upper('x') } end",
           "{\"t\":\"1\",\"id\":\"u1\",\"seen\":false,\"up\":\"X\"}");
    if (he >= 0) luahost_unload(H, he);
}

/* The helper library's compiled programs count against the memory cap; m.get's
 * cache is bounded. */
static void test_helper_memory(void **s)
{
    (void)s;
    EXPECT_HAS("local m = require 'mapping'\nreturn function(e) local keep = {}\n"
               "for i = 1, 1e6 do keep[i] = m.fields({ x = { ['@path'] = '$.a' .. i } }) end return {} end",
               "memory cap");
    EXPECT("local m = require 'mapping'\nreturn function(e) local n = 0\n"
           "for i = 1, 20000 do if m.get(e, '$.p' .. i) == nil then n = n + 1 end end return { n = n } end",
           "{\"n\":20000}");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_views),   cmocka_unit_test(test_stale_view), cmocka_unit_test(test_helpers),
        cmocka_unit_test(test_load_time_views),
        cmocka_unit_test(test_sandbox), cmocka_unit_test(test_errors),     cmocka_unit_test(test_limits),
        cmocka_unit_test(test_limits_everywhere), cmocka_unit_test(test_patterns), cmocka_unit_test(test_isolation),
        cmocka_unit_test(test_helper_memory),
    };
    return cmocka_run_group_tests_name("luahost", tests, setup, teardown);
}
