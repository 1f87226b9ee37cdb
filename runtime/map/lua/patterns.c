/* patterns.c — Lua's pattern functions (string.find, match, gmatch, gsub)
 * with their matching charged to the script's limits.
 *
 * Lua's own matcher runs inside one C call, where no count hook can reach:
 * `("a"):rep(1e6):find(".-.-.-.-b")` would run for days. This one follows
 * the pattern language of the Lua 5.4 manual (§6.4.1: classes, sets,
 * quantifiers * + - ?, anchors, captures and position captures, %b, %f,
 * back-references) with the same results and error messages, and counts
 * every step of its backtracking: each step is charged to the script's
 * instruction budget (lh_charge, in batches), which also looks at the clock,
 * so a pattern is stopped by the same limits as Lua code. */
#include "map/lua/lua_int.h"

#include <ctype.h>
#include <lauxlib.h>
#include <string.h>

#define MAX_CAPTURES 32
#define MAX_DEPTH 200          /* nested match calls before "pattern too complex" */
#define CHARGE_EVERY 4096      /* steps between two calls of lh_charge */
#define CAP_UNFINISHED (-1)
#define CAP_POSITION (-2)
#define ESC '%'
#define SPECIALS "^$*+?.([%-"

typedef struct {
    const char *src, *src_end;   /* the subject */
    const char *pat_end;
    lua_State *L;
    int depth;                   /* match calls left before "too complex" */
    long steps;                  /* not yet charged */
    int level;                   /* captures open or closed */
    struct {
        const char *init;
        ptrdiff_t len;           /* or CAP_UNFINISHED / CAP_POSITION */
    } cap[MAX_CAPTURES];
} matcher;

static void step(matcher *m)
{
    if (++m->steps == CHARGE_EVERY) {
        m->steps = 0;
        lh_charge(m->L, CHARGE_EVERY);
    }
}

static void settle_steps(matcher *m)
{
    if (m->steps) lh_charge(m->L, m->steps);
    m->steps = 0;
}

/* ---- classes ----------------------------------------------------------------- */
static bool in_class(int c, int cl)
{
    bool r;
    switch (tolower(cl)) {
    case 'a': r = isalpha(c); break;
    case 'c': r = iscntrl(c); break;
    case 'd': r = isdigit(c); break;
    case 'g': r = isgraph(c); break;
    case 'l': r = islower(c); break;
    case 'p': r = ispunct(c); break;
    case 's': r = isspace(c); break;
    case 'u': r = isupper(c); break;
    case 'w': r = isalnum(c); break;
    case 'x': r = isxdigit(c); break;
    default: return cl == c;
    }
    return isupper(cl) ? !r : r;
}

/* The end of the single class that starts at p. */
static const char *class_end(matcher *m, const char *p)
{
    char c = *p++;
    if (c == ESC) {
        if (p >= m->pat_end) luaL_error(m->L, "malformed pattern (ends with '%%')");
        return p + 1;
    }
    if (c == '[') {
        if (*p == '^') p++;
        do { /* the first character, even ']', belongs to the set */
            if (p >= m->pat_end) luaL_error(m->L, "malformed pattern (missing ']')");
            if (*p++ == ESC && p < m->pat_end) p++;
        } while (*p != ']');
        return p + 1;
    }
    return p;
}

/* c against the set [ ... ] from p (at '[') to last (at its ']'). */
static bool in_set(int c, const char *p, const char *last)
{
    bool want = true;
    if (p[1] == '^') {
        want = false;
        p++;
    }
    for (p++; p < last; p++) {
        if (*p == ESC) {
            p++;
            if (in_class(c, (unsigned char)*p)) return want;
        } else if (p[1] == '-' && p + 2 < last) {
            if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2]) return want;
            p += 2;
        } else if ((unsigned char)*p == c) {
            return want;
        }
    }
    return !want;
}

/* Does the class [p, ep) match the character at s? */
static bool single(const matcher *m, const char *s, const char *p, const char *ep)
{
    if (s >= m->src_end) return false;
    int c = (unsigned char)*s;
    switch (*p) {
    case '.': return true;
    case ESC: return in_class(c, (unsigned char)p[1]);
    case '[': return in_set(c, p, ep - 1);
    default: return (unsigned char)*p == c;
    }
}

/* ---- matching ------------------------------------------------------------- */
static const char *match(matcher *m, const char *s, const char *p);

static const char *balance(matcher *m, const char *s, const char *p)
{
    if (p + 1 >= m->pat_end) luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= m->src_end || *s != p[0]) return NULL;
    int open = 1;
    while (++s < m->src_end) {
        step(m);
        if (*s == p[1]) {
            if (--open == 0) return s + 1;
        } else if (*s == p[0]) {
            open++;
        }
    }
    return NULL;
}

/* As many as possible of the class [p, ep), then the rest from ep+1, giving back one at a time. */
static const char *longest(matcher *m, const char *s, const char *p, const char *ep)
{
    ptrdiff_t n = 0;
    while (single(m, s + n, p, ep)) {
        n++;
        step(m);
    }
    for (; n >= 0; n--) {
        const char *r = match(m, s + n, ep + 1);
        if (r) return r;
    }
    return NULL;
}

/* As few as possible of the class, then the rest. */
static const char *shortest(matcher *m, const char *s, const char *p, const char *ep)
{
    for (;;) {
        const char *r = match(m, s, ep + 1);
        if (r) return r;
        if (!single(m, s, p, ep)) return NULL;
        s++;
    }
}

static const char *open_capture(matcher *m, const char *s, const char *p, ptrdiff_t what)
{
    if (m->level >= MAX_CAPTURES) luaL_error(m->L, "too many captures");
    m->cap[m->level].init = s;
    m->cap[m->level].len = what;
    m->level++;
    const char *r = match(m, s, p);
    if (!r) m->level--;
    return r;
}

static const char *close_capture(matcher *m, const char *s, const char *p)
{
    int l = m->level - 1;
    while (l >= 0 && m->cap[l].len != CAP_UNFINISHED) l--;
    if (l < 0) luaL_error(m->L, "invalid pattern capture");
    m->cap[l].len = s - m->cap[l].init;
    const char *r = match(m, s, p);
    if (!r) m->cap[l].len = CAP_UNFINISHED;
    return r;
}

static const char *back_reference(matcher *m, const char *s, int digit)
{
    int l = digit - '1';
    if (l < 0 || l >= m->level || m->cap[l].len == CAP_UNFINISHED)
        luaL_error(m->L, "invalid capture index %%%d", l + 1);
    size_t len = (size_t)m->cap[l].len;
    if ((size_t)(m->src_end - s) >= len && memcmp(m->cap[l].init, s, len) == 0) return s + len;
    return NULL;
}

static const char *frontier(matcher *m, const char *s, const char **pp)
{
    const char *p = *pp + 2;
    if (*p != '[') luaL_error(m->L, "missing '[' after '%%f' in pattern");
    const char *ep = class_end(m, p);
    int prev = s == m->src ? 0 : (unsigned char)s[-1];
    int cur = s < m->src_end ? (unsigned char)*s : 0;
    if (in_set(prev, p, ep - 1) || !in_set(cur, p, ep - 1)) return NULL;
    *pp = ep;
    return s;
}

/* The end of the match of the pattern from p at s, or NULL. */
static const char *match(matcher *m, const char *s, const char *p)
{
    if (m->depth-- == 0) luaL_error(m->L, "pattern too complex");
    const char *r = NULL;
    for (;;) {
        step(m);
        if (p == m->pat_end) {
            r = s;
            break;
        }
        if (*p == '(') {
            r = p[1] == ')' ? open_capture(m, s, p + 2, CAP_POSITION) : open_capture(m, s, p + 1, CAP_UNFINISHED);
            break;
        }
        if (*p == ')') {
            r = close_capture(m, s, p + 1);
            break;
        }
        if (*p == '$' && p + 1 == m->pat_end) {
            r = s == m->src_end ? s : NULL;
            break;
        }
        if (*p == ESC && p[1] == 'b') {
            if (!(s = balance(m, s, p + 2))) break;
            p += 4;
            continue;
        }
        if (*p == ESC && p[1] == 'f') {
            if (!(s = frontier(m, s, &p))) break;
            continue;
        }
        if (*p == ESC && isdigit((unsigned char)p[1])) {
            if (!(s = back_reference(m, s, (unsigned char)p[1]))) break;
            p += 2;
            continue;
        }
        const char *ep = class_end(m, p);
        if (!single(m, s, p, ep)) {
            if (*ep == '*' || *ep == '?' || *ep == '-') { /* zero repetitions */
                p = ep + 1;
                continue;
            }
            break;
        }
        if (*ep == '?') {
            if ((r = match(m, s + 1, ep + 1))) break;
            p = ep + 1;
            continue;
        }
        if (*ep == '+') r = longest(m, s + 1, p, ep);
        else if (*ep == '*') r = longest(m, s, p, ep);
        else if (*ep == '-') r = shortest(m, s, p, ep);
        else {
            s++;
            p = ep;
            continue;
        }
        break;
    }
    m->depth++;
    return r;
}

static void matcher_init(matcher *m, lua_State *L, const char *s, size_t ls, const char *p, size_t lp)
{
    m->L = L;
    m->src = s;
    m->src_end = s + ls;
    m->pat_end = p + lp;
    m->steps = 0;
}

static void reset(matcher *m)
{
    m->level = 0;
    m->depth = MAX_DEPTH;
}

/* ---- captures ---------------------------------------------------------------- */
/* Pushes capture i (the whole match [s, e) when there are none and i is 0). */
static void push_capture(matcher *m, int i, const char *s, const char *e)
{
    if (i >= m->level) {
        if (i != 0) luaL_error(m->L, "invalid capture index %%%d", i + 1);
        lua_pushlstring(m->L, s, (size_t)(e - s));
        return;
    }
    ptrdiff_t len = m->cap[i].len;
    if (len == CAP_UNFINISHED) luaL_error(m->L, "unfinished capture");
    if (len == CAP_POSITION) lua_pushinteger(m->L, (m->cap[i].init - m->src) + 1);
    else lua_pushlstring(m->L, m->cap[i].init, (size_t)len);
}

/* Pushes every capture (the whole match when there are none, if s); returns how many. */
static int push_captures(matcher *m, const char *s, const char *e)
{
    int n = m->level == 0 && s ? 1 : m->level;
    luaL_checkstack(m->L, n, "too many captures");
    for (int i = 0; i < n; i++) push_capture(m, i, s, e);
    return n;
}

/* ---- the library functions --------------------------------------------------- */
/* Lua's relative initial position: negative from the end, at least 1. */
static size_t start_pos(lua_Integer pos, size_t len)
{
    if (pos > 0) return (size_t)pos;
    if (pos == 0) return 1;
    if (pos < -(lua_Integer)len) return 1;
    return len + (size_t)pos + 1;
}

static bool has_specials(const char *p, size_t lp)
{
    for (size_t i = 0; i < lp; i++)
        if (p[i] && strchr(SPECIALS, p[i])) return true;
    return false;
}

static const char *find_plain(const char *s, size_t ls, const char *p, size_t lp)
{
    if (lp == 0) return s;
    if (lp > ls) return NULL;
    return memmem(s, ls, p, lp);
}

static int find_or_match(lua_State *L, bool find)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_pos(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) {
        luaL_pushfail(L);
        return 1;
    }
    if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
        const char *at = find_plain(s + init, ls - init, p, lp);
        if (!at) {
            luaL_pushfail(L);
            return 1;
        }
        lua_pushinteger(L, (at - s) + 1);
        lua_pushinteger(L, (at - s) + (lua_Integer)lp);
        return 2;
    }
    matcher m;
    bool anchor = lp > 0 && *p == '^';
    if (anchor) {
        p++;
        lp--;
    }
    matcher_init(&m, L, s, ls, p, lp);
    const char *at = s + init;
    do {
        reset(&m);
        const char *e = match(&m, at, p);
        if (e) {
            settle_steps(&m);
            if (!find) return push_captures(&m, at, e);
            lua_pushinteger(L, (at - s) + 1);
            lua_pushinteger(L, e - s);
            return push_captures(&m, NULL, NULL) + 2;
        }
    } while (at++ < m.src_end && !anchor);
    settle_steps(&m);
    luaL_pushfail(L);
    return 1;
}

static int l_find(lua_State *L) { return find_or_match(L, true); }
static int l_match(lua_State *L) { return find_or_match(L, false); }

typedef struct {
    const char *at;
    const char *last;     /* end of the last match (no empty match there again) */
    matcher m;
} gmatch_state;

static int gmatch_next(lua_State *L)
{
    gmatch_state *g = lua_touserdata(L, lua_upvalueindex(3));
    g->m.L = L;
    for (const char *at = g->at; at <= g->m.src_end; at++) {
        reset(&g->m);
        const char *e = match(&g->m, at, lua_tostring(L, lua_upvalueindex(2)));
        if (e && e != g->last) {
            g->at = g->last = e;
            settle_steps(&g->m);
            return push_captures(&g->m, at, e);
        }
    }
    settle_steps(&g->m);
    return 0;
}

static int l_gmatch(lua_State *L)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_pos(luaL_optinteger(L, 3, 1), ls) - 1;
    lua_settop(L, 2);
    gmatch_state *g = lua_newuserdatauv(L, sizeof *g, 0);
    if (init > ls) init = ls + 1; /* no match */
    matcher_init(&g->m, L, s, ls, p, lp);
    g->at = s + init;
    g->last = NULL;
    lua_pushcclosure(L, gmatch_next, 3);
    return 1;
}

/* Appends the replacement of the match [s, e) to b. */
static void add_replacement(matcher *m, luaL_Buffer *b, const char *s, const char *e, int repl_type)
{
    lua_State *L = m->L;
    if (repl_type == LUA_TSTRING || repl_type == LUA_TNUMBER) {
        size_t lr;
        const char *r = lua_tolstring(L, 3, &lr);
        for (size_t i = 0; i < lr; i++) {
            if (r[i] != ESC) {
                luaL_addchar(b, r[i]);
                continue;
            }
            i++;
            if (i < lr && r[i] == ESC) {
                luaL_addchar(b, ESC);
            } else if (i < lr && isdigit((unsigned char)r[i])) {
                if (r[i] == '0') {
                    luaL_addlstring(b, s, (size_t)(e - s));
                } else {
                    push_capture(m, r[i] - '1', s, e);
                    luaL_tolstring(L, -1, NULL);
                    lua_remove(L, -2);
                    luaL_addvalue(b);
                }
            } else {
                luaL_error(L, "invalid use of '%c' in replacement string", ESC);
            }
        }
        return;
    }
    if (repl_type == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = push_captures(m, s, e);
        lua_call(L, n, 1);
    } else {
        push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
    } else if (!lua_isstring(L, -1)) {
        luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    } else {
        luaL_addvalue(b);
    }
}

static int l_gsub(lua_State *L)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    int tr = lua_type(L, 3);
    lua_Integer max_n = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION || tr == LUA_TTABLE, 3,
                     "string/function/table");
    bool anchor = lp > 0 && *p == '^';
    if (anchor) {
        p++;
        lp--;
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    matcher m;
    matcher_init(&m, L, s, ls, p, lp);
    const char *at = s, *last = NULL;
    lua_Integer n = 0;
    while (n < max_n) {
        reset(&m);
        const char *e = match(&m, at, p);
        if (e && e != last) {
            n++;
            add_replacement(&m, &b, at, e, tr);
            at = last = e;
        } else if (at < m.src_end) {
            luaL_addchar(&b, *at++);
        } else {
            break;
        }
        if (anchor) break;
    }
    settle_steps(&m);
    luaL_addlstring(&b, at, (size_t)(m.src_end - at));
    luaL_pushresult(&b);
    lua_pushinteger(L, n);
    return 2;
}

void lh_patterns_open(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    static const luaL_Reg fns[] = {
        {"find", l_find}, {"match", l_match}, {"gmatch", l_gmatch}, {"gsub", l_gsub}, {NULL, NULL}};
    for (const luaL_Reg *f = fns; f->name; f++) {
        lua_pushcfunction(L, f->func);
        lua_setfield(L, idx, f->name);
    }
}
