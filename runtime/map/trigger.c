/* trigger.c — parse and evaluate subscription triggers (see trigger.h).
 *
 * Evaluation mirrors upstream's validate.js (@segment/destination-subscriptions
 * 3.37.0) condition by condition; how a `field op value` becomes a condition
 * mirrors its parse-fql.js per field kind. The parser itself is ours: `and`
 * binds tighter than `or`, parentheses nest, strings take \" and \\, and every
 * construct upstream would silently read differently from what it says is an
 * error (docs/deviations.md §3). The compiled form is a flat array of nodes:
 * a group node is followed by its children, each subtree's `size` says how
 * many nodes it spans.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "map/trigger.h"

#include "lib/js.h"
#include "lib/utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------------ */
/* compiled form                                                             */
/* ------------------------------------------------------------------------ */

enum { N_AND, N_OR, N_COND };

enum { F_TYPE, F_EVENT, F_NAME, F_USERID, F_PROPERTIES, F_TRAITS, F_CONTEXT, F_COUNT };

static const struct { const char *name; size_t len; } field_names[F_COUNT] = {
    {"type", 4}, {"event", 5}, {"name", 4}, {"userId", 6},
    {"properties", 10}, {"traits", 6}, {"context", 7},
};

enum {
    OP_STR_EQ,        /* actual === s                         */
    OP_STR_NE,        /* actual !== s                         */
    OP_NUM_EQ,        /* typeof actual == number && a === num */
    OP_NUM_NE,        /* typeof actual == number && a !== num */
    OP_LT, OP_LE, OP_GT, OP_GE,
    OP_CONTAINS, OP_NOT_CONTAINS,
    OP_STARTS, OP_NOT_STARTS,
    OP_ENDS, OP_NOT_ENDS,
    OP_EXISTS, OP_NOT_EXISTS,
    OP_IS_TRUE, OP_IS_FALSE
};

typedef struct {
    uint8_t kind;      /* N_* */
    uint8_t field;     /* F_* (N_COND) */
    uint8_t op;        /* OP_* (N_COND) */
    uint32_t size;     /* nodes in this subtree, itself included */
    uint32_t soff, slen; /* string operand, in the pool */
    uint32_t seg, nseg;  /* path segments (properties/traits/context) */
    double num;          /* number operand */
} tnode;

typedef struct {
    uint32_t off, len;   /* key bytes, in the pool */
    int64_t index;       /* canonical array index, else -1 */
    bool is_length;      /* key is "length" */
} tseg;

struct trigger {
    tnode *nodes;
    size_t nnodes;
    tseg *segs;
    char *pool;
};

/* ------------------------------------------------------------------------ */
/* evaluation                                                                */
/* ------------------------------------------------------------------------ */

/* A looked-up value. Containers and strings point into the event; a string
 * obtained by indexing into a string (JavaScript's "abc"[1]) may point at buf
 * (a lone UTF-16 surrogate written as WTF-8). */
typedef struct {
    uint8_t t;          /* jv_type */
    bool b;
    double d;
    const char *s;
    size_t n;
    const jv *v;        /* JV_ARR / JV_OBJ */
    char buf[4];
} actual;

static void actual_from(actual *a, const jv *v)
{
    a->v = v;
    if (!v || v->type == JV_UNDEF) { a->t = JV_UNDEF; return; }
    a->t = v->type;
    switch (v->type) {
    case JV_BOOL: a->b = v->b != 0; break;
    case JV_NUM: a->d = jv_num_double(v); break;
    case JV_STR: a->s = v->u.s; a->n = v->n; break;
    default: break;
    }
}

/* JavaScript truthiness, for get()'s `previousObject && previousObject[key]`. */
static bool actual_falsy(const actual *a)
{
    switch (a->t) {
    case JV_UNDEF: case JV_NULL: return true;
    case JV_BOOL: return !a->b;
    case JV_NUM: return a->d == 0 || isnan(a->d);
    case JV_STR: return a->n == 0;
    default: return false;
    }
}

/* s[idx] of a JavaScript string: one UTF-16 code unit. */
static bool string_unit(actual *a, const char *s, size_t n, int64_t idx)
{
    int64_t u = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t len = 1;
        while (len < 4 && i + len < n && ((unsigned char)s[i + len] & 0xC0) == 0x80) len++;
        int units = c >= 0xF0 ? 2 : 1;
        if (idx < u + units) {
            a->t = JV_STR;
            if (units == 1) {
                a->s = s + i;
                a->n = len;
            } else {
                uint32_t cp = (uint32_t)(c & 0x07) << 18;
                for (size_t k = 1; k < len; k++)
                    cp |= (uint32_t)((unsigned char)s[i + k] & 0x3F) << (6 * (3 - k));
                uint32_t unit = idx == u ? 0xD800 + ((cp - 0x10000) >> 10)
                                         : 0xDC00 + ((cp - 0x10000) & 0x3FF);
                a->buf[0] = (char)(0xE0 | (unit >> 12));
                a->buf[1] = (char)(0x80 | ((unit >> 6) & 0x3F));
                a->buf[2] = (char)(0x80 | (unit & 0x3F));
                a->s = a->buf;
                a->n = 3;
            }
            return true;
        }
        u += units;
        i += len;
    }
    return false;
}

/* Upstream's get(): path.reduce((o, k) => o && o[k], root). Own members of
 * objects, array items and .length, string code units and .length; other
 * JavaScript properties (prototype methods) are not modelled. */
static void lookup(const trigger *t, const tnode *nd, const jv *ev, actual *a)
{
    const jv *root = jv_get(ev, field_names[nd->field].name, field_names[nd->field].len);
    actual_from(a, root);
    for (uint32_t i = 0; i < nd->nseg; i++) {
        if (actual_falsy(a)) return;
        const tseg *sg = &t->segs[nd->seg + i];
        switch (a->t) {
        case JV_OBJ:
            actual_from(a, jv_get(a->v, t->pool + sg->off, sg->len));
            break;
        case JV_ARR:
            if (sg->is_length) {
                a->t = JV_NUM;
                a->d = (double)a->v->n;
            } else if (sg->index >= 0 && sg->index < (int64_t)a->v->n) {
                actual_from(a, &a->v->u.items[sg->index]);
            } else {
                a->t = JV_UNDEF;
            }
            break;
        case JV_STR:
            if (sg->is_length) {
                a->d = (double)utf16_len(a->s, a->n);
                a->t = JV_NUM;
            } else if (sg->index < 0 || !string_unit(a, a->s, a->n, sg->index)) {
                a->t = JV_UNDEF;
            }
            break;
        default:
            a->t = JV_UNDEF;
            break;
        }
    }
}

static bool eval_cond(const trigger *t, const tnode *nd, const jv *ev)
{
    actual a;
    lookup(t, nd, ev, &a);
    const char *s = t->pool + nd->soff;
    size_t n = nd->slen;
    bool str = a.t == JV_STR, num = a.t == JV_NUM;
    switch (nd->op) {
    case OP_STR_EQ: return str && a.n == n && memcmp(a.s, s, n) == 0;
    case OP_STR_NE: return !(str && a.n == n && memcmp(a.s, s, n) == 0);
    case OP_NUM_EQ: return num && a.d == nd->num;
    case OP_NUM_NE: return num && !(a.d == nd->num);
    case OP_LT: return num && a.d < nd->num;
    case OP_LE: return num && a.d <= nd->num;
    case OP_GT: return num && a.d > nd->num;
    case OP_GE: return num && a.d >= nd->num;
    case OP_CONTAINS:
        return str && (n == 0 || memmem(a.s, a.n, s, n) != NULL);
    case OP_NOT_CONTAINS:
        return str && !(n == 0 || memmem(a.s, a.n, s, n) != NULL);
    case OP_STARTS: return str && a.n >= n && memcmp(a.s, s, n) == 0;
    case OP_NOT_STARTS: return str && !(a.n >= n && memcmp(a.s, s, n) == 0);
    case OP_ENDS: return str && a.n >= n && memcmp(a.s + a.n - n, s, n) == 0;
    case OP_NOT_ENDS: return str && !(a.n >= n && memcmp(a.s + a.n - n, s, n) == 0);
    case OP_EXISTS: return a.t != JV_UNDEF && a.t != JV_NULL;
    case OP_NOT_EXISTS: return a.t == JV_UNDEF || a.t == JV_NULL;
    case OP_IS_TRUE: return a.t == JV_BOOL && a.b;
    case OP_IS_FALSE: return a.t == JV_BOOL && !a.b;
    default: return false;
    }
}

static bool eval_node(const trigger *t, const tnode *nd, const jv *ev)
{
    if (nd->kind == N_COND) return eval_cond(t, nd, ev);
    const tnode *c = nd + 1, *end = nd + nd->size;
    if (nd->kind == N_AND) {
        for (; c < end; c += c->size)
            if (!eval_node(t, c, ev)) return false;
        return true;
    }
    for (; c < end; c += c->size)
        if (eval_node(t, c, ev)) return true;
    return false;
}

bool trigger_match(const trigger *t, const jv *event)
{
    if (!t || !t->nnodes) return false;
    static const jv empty = {.type = JV_OBJ};
    if (!event || event->type != JV_OBJ) event = &empty;
    return eval_node(t, &t->nodes[0], event);
}

void trigger_free(trigger *t)
{
    if (!t) return;
    free(t->nodes);
    free(t->segs);
    free(t->pool);
    free(t);
}

/* ------------------------------------------------------------------------ */
/* JavaScript conversions used at parse time                                 */
/* ------------------------------------------------------------------------ */

static bool is_digit(int c) { return c >= '0' && c <= '9'; }

/* ------------------------------------------------------------------------ */
/* parser                                                                    */
/* ------------------------------------------------------------------------ */

#define MAX_DEPTH 64
#define MAX_SOURCE (1u << 20)

typedef struct {
    const char *s;
    size_t len, pos;
    char *err;
    size_t errlen;
    bool failed;
    int depth;

    tnode *nodes;
    size_t nn, ncap;
    tseg *segs;
    size_t ns, scap;
    char *pool;
    size_t np, pcap;

    char *scratch;     /* decoded words and strings; holds len+1 bytes */
    size_t sn;
} parser;

enum { V_STR, V_NUM, V_TRUE, V_FALSE, V_NULL, V_WORD };

typedef struct {
    int kind;
    const char *s;     /* decoded text (V_STR, V_WORD, keywords) */
    size_t n;
    double d;          /* V_NUM */
    size_t pos;        /* where the value starts */
} tval;

static bool fail(parser *p, size_t at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool fail(parser *p, size_t at, const char *fmt, ...)
{
    if (p->failed) return false;
    p->failed = true;
    if (p->err && p->errlen) {
        char msg[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        snprintf(p->err, p->errlen, "trigger: at position %zu: %s", at + 1, msg);
    }
    return false;
}

static bool oom(parser *p)
{
    return fail(p, p->pos, "out of memory");
}

static int ch(const parser *p, size_t i)
{
    return i < p->len ? (unsigned char)p->s[i] : -1;
}

static bool is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool word_start(int c) { return is_alpha(c) || c == '_' || c == '\\' || c >= 0x80; }
static bool word_char(int c) { return word_start(c) || is_digit(c) || c == '-'; }
static bool is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static void skip_ws(parser *p)
{
    while (is_space(ch(p, p->pos))) p->pos++;
}

/* A printable description of the input at i, for messages. */
static const char *describe(const parser *p, size_t i, char buf[48])
{
    int c = ch(p, i);
    if (c < 0) return "the end of the trigger";
    if (c == ' ') return "a space";
    if (c == '\t') return "a tab";
    if (c == '\n' || c == '\r') return "a line break";
    if (c > 0x20 && c < 0x7F) {
        /* show the whole word when there is one */
        size_t e = i;
        while (e < p->len && e - i < 24 && word_char((unsigned char)p->s[e]) && p->s[e] != '\\') e++;
        if (e > i + 1) snprintf(buf, 48, "'%.*s'", (int)(e - i), p->s + i);
        else snprintf(buf, 48, "'%c'", c);
        return buf;
    }
    if (c >= 0x80) {
        size_t e = i + 1;
        while (e < p->len && ((unsigned char)p->s[e] & 0xC0) == 0x80 && e - i < 4) e++;
        snprintf(buf, 48, "'%.*s'", (int)(e - i), p->s + i);
        return buf;
    }
    snprintf(buf, 48, "byte 0x%02X", (unsigned)c);
    return buf;
}

/* Room for need elements; false (array untouched) when out of memory. */
#define GROW(arr, cap, need)                                                   \
    ((need) <= (cap) || grow_array((void *)&(arr), &(cap), (need), sizeof *(arr)))

static bool grow_array(void *arrp, size_t *cap, size_t need, size_t elem)
{
    void *old;
    memcpy(&old, arrp, sizeof old);
    size_t nc = *cap ? *cap * 2 : 16;
    while (nc < need) nc *= 2;
    void *np = realloc(old, nc * elem);
    if (!np) return false;
    memcpy(arrp, &np, sizeof np);
    *cap = nc;
    return true;
}

static bool pool_put(parser *p, const char *s, size_t n, uint32_t *off)
{
    if (!GROW(p->pool, p->pcap, p->np + n + 1)) return oom(p);
    *off = (uint32_t)p->np;
    if (n) memcpy(p->pool + p->np, s, n);
    p->np += n;
    p->pool[p->np++] = 0;
    return true;
}

static tnode *push_node(parser *p)
{
    if (!GROW(p->nodes, p->ncap, p->nn + 1)) { oom(p); return NULL; }
    tnode *nd = &p->nodes[p->nn++];
    memset(nd, 0, sizeof *nd);
    nd->size = 1;
    return nd;
}

/* Turns the subtree starting at s into the first child of a new group. */
static bool open_group(parser *p, size_t s, int kind)
{
    if (!push_node(p)) return false;
    memmove(&p->nodes[s + 1], &p->nodes[s], (p->nn - 1 - s) * sizeof(tnode));
    memset(&p->nodes[s], 0, sizeof(tnode));
    p->nodes[s].kind = (uint8_t)kind;
    return true;
}

/* A child group of the same kind joins its parent: (a or b) or c == a or b or c. */
static void merge_child(parser *p, size_t c, int kind)
{
    if (p->nodes[c].kind != kind) return;
    memmove(&p->nodes[c], &p->nodes[c + 1], (p->nn - c - 1) * sizeof(tnode));
    p->nn--;
}

/* Copies one UTF-8 sequence (an escaped character) from the source. */
static size_t utf8_len_at(const parser *p, size_t i)
{
    size_t len = 1;
    while (len < 4 && i + len < p->len && ((unsigned char)p->s[i + len] & 0xC0) == 0x80) len++;
    return len;
}

/* Reads word characters (and \-escapes) at p->pos, appending the decoded text
 * to the scratch buffer. In field paths an escaped '.', '[' or ']' is refused:
 * upstream splits paths at them anyway. */
static bool read_word_chars(parser *p, bool in_path)
{
    for (;;) {
        int c = ch(p, p->pos);
        if (c == '\\') {
            if (p->pos + 1 >= p->len)
                return fail(p, p->pos, "expected a character after '\\'");
            int e = ch(p, p->pos + 1);
            if (in_path && (e == '.' || e == '[' || e == ']'))
                return fail(p, p->pos, "an escaped '%c' in a field path still separates names "
                                       "(upstream splits paths at it); write properties[\"a.b\"] "
                                       "for a key containing it", e);
            size_t l = utf8_len_at(p, p->pos + 1);
            memcpy(p->scratch + p->sn, p->s + p->pos + 1, l);
            p->sn += l;
            p->pos += 1 + l;
        } else if (c >= 0 && word_char(c)) {
            p->scratch[p->sn++] = (char)c;
            p->pos++;
        } else {
            return true;
        }
    }
}

/* "..." with \" and \\ escapes; decoded into the scratch buffer (appending). */
static bool read_string(parser *p)
{
    size_t start = p->pos;
    p->pos++; /* opening quote */
    for (;;) {
        int c = ch(p, p->pos);
        if (c < 0) return fail(p, start, "unterminated string (no closing '\"')");
        if (c == '"') { p->pos++; return true; }
        if (c == '\\') {
            int e = ch(p, p->pos + 1);
            if (e == '"' || e == '\\') {
                p->scratch[p->sn++] = (char)e;
                p->pos += 2;
                continue;
            }
            if (e < 0) return fail(p, start, "unterminated string (no closing '\"')");
            char b[48];
            return fail(p, p->pos, "unknown escape '\\' followed by %s in a string "
                                   "(only \\\" and \\\\ are allowed)", describe(p, p->pos + 1, b));
        }
        p->scratch[p->sn++] = (char)c;
        p->pos++;
    }
}

static bool word_is(const tval *v, const char *w)
{
    size_t n = strlen(w);
    return v->n == n && memcmp(v->s, w, n) == 0;
}

/* After a value: white space, ')', ',' or the end. */
static bool value_end(parser *p, const char *what)
{
    int c = ch(p, p->pos);
    if (c < 0 || is_space(c) || c == ')' || c == ',') return true;
    char b[48];
    return fail(p, p->pos, "unexpected %s right after %s", describe(p, p->pos, b), what);
}

static bool parse_value(parser *p, tval *v, const char *after)
{
    skip_ws(p);
    size_t start = p->pos;
    int c = ch(p, start);
    v->pos = start;
    p->sn = 0;
    if (c == '"') {
        if (!read_string(p)) return false;
        v->kind = V_STR;
        v->s = p->scratch;
        v->n = p->sn;
        return value_end(p, "a string");
    }
    if (c == '\'')
        return fail(p, start, "single-quoted strings are not supported (upstream keeps the "
                              "quotes as part of the value); use double quotes");
    if (is_digit(c) || c == '+' || c == '-' || c == '.') {
        size_t i = start;
        if (c == '+' || c == '-') i++;
        if (is_digit(ch(p, i))) {
            while (is_digit(ch(p, i))) i++;
            if (ch(p, i) == '.') {
                if (!is_digit(ch(p, i + 1))) return fail(p, i, "expected a digit after '.' in a number");
                i++;
                while (is_digit(ch(p, i))) i++;
            }
        } else if (i > start && ch(p, i) == '.' && is_digit(ch(p, i + 1))) {
            i++;
            while (is_digit(ch(p, i))) i++;
        } else {
            char b[48];
            return fail(p, start, "expected a value after %s, got %s", after, describe(p, start, b));
        }
        if (word_char(ch(p, i)) || ch(p, i) == '.') {
            char b[48];
            return fail(p, i, "unexpected %s in a number (numbers are digits with an optional "
                              "sign and decimal point)", describe(p, i, b));
        }
        size_t n = i - start;
        memcpy(p->scratch, p->s + start, n);
        p->scratch[n] = 0;
        v->kind = V_NUM;
        v->d = strtod(p->scratch, NULL);
        v->s = p->s + start;
        v->n = n;
        p->pos = i;
        return value_end(p, "a number");
    }
    if (c >= 0 && word_start(c)) {
        size_t seg_start = start;
        for (;;) {
            seg_start = p->pos;
            if (!read_word_chars(p, false)) return false;
            if (ch(p, p->pos) == '.') {
                if (!word_start(ch(p, p->pos + 1))) {
                    char b[48];
                    return fail(p, p->pos + 1, "expected a name after '.', got %s",
                                describe(p, p->pos + 1, b));
                }
                p->scratch[p->sn++] = '.';
                p->pos++;
                continue;
            }
            break;
        }
        v->s = p->scratch;
        v->n = p->sn;
        /* Upstream's lexer loses characters of a bare word that ends the input
         * and starts like a keyword: "ab" is read as "a", "nu"/"new" as "n". */
        if (p->pos == p->len) {
            size_t rl = p->pos - seg_start;
            size_t units = utf16_len(p->s + seg_start, rl);
            char f = p->s[seg_start];
            if ((f == 'a' && units == 2) || (f == 'n' && (units == 2 || units == 3)))
                return fail(p, seg_start, "upstream misreads the unquoted value '%.*s' at the end "
                                          "of a trigger (as '%c'); write it in double quotes",
                            (int)rl, p->s + seg_start, f);
        }
        if (word_is(v, "null")) v->kind = V_NULL;
        else if (word_is(v, "true")) v->kind = V_TRUE;
        else if (word_is(v, "false")) v->kind = V_FALSE;
        else if (word_is(v, "and") || word_is(v, "or")) {
            return fail(p, start, "expected a value after %s, got '%.*s'", after, (int)v->n, v->s);
        } else v->kind = V_WORD;
        return value_end(p, "a value");
    }
    char b[48];
    return fail(p, start, "expected a value after %s, got %s", after, describe(p, start, b));
}

/* String(value) as upstream computes it for a token. */
static bool value_string(parser *p, const tval *v, uint32_t *off, uint32_t *len)
{
    char nb[32];
    const char *s = v->s;
    size_t n = v->n;
    switch (v->kind) {
    case V_NUM: n = js_dtoa(v->d, nb); s = nb; break;
    case V_TRUE: s = "true"; n = 4; break;
    case V_FALSE: s = "false"; n = 5; break;
    case V_NULL: s = "null"; n = 4; break;
    default: break;
    }
    *len = (uint32_t)n;
    return pool_put(p, s, n, off);
}

static int64_t canonical_index(const char *s, size_t n)
{
    if (n == 0 || n > 10) return -1;
    if (n > 1 && s[0] == '0') return -1;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v < 4294967295LL ? v : -1;
}

static bool push_seg(parser *p, const char *s, size_t n)
{
    if (!GROW(p->segs, p->scap, p->ns + 1)) return oom(p);
    tseg *sg = &p->segs[p->ns];
    if (!pool_put(p, s, n, &sg->off)) return false;
    sg->len = (uint32_t)n;
    sg->index = canonical_index(s, n);
    sg->is_length = n == 6 && memcmp(s, "length", 6) == 0;
    p->ns++;
    return true;
}

typedef struct {
    int field;
    uint32_t seg, nseg;
    size_t pos;
} tfield;

/* The rest of a field after its first name (already decoded in scratch). */
static bool parse_path(parser *p, tfield *f, const char *fname)
{
    f->seg = (uint32_t)p->ns;
    f->nseg = 0;
    for (;;) {
        int c = ch(p, p->pos);
        if (c != '.' && c != '[') break;
        size_t at = p->pos;
        if (f->field < F_PROPERTIES)
            return fail(p, at, "'%s' has no sub-fields", fname);
        p->sn = 0;
        if (c == '.') {
            p->pos++;
            int d = ch(p, p->pos);
            if (is_digit(d) || d == '-')
                return fail(p, p->pos, "a name after '.' cannot start with '%c' (upstream misreads "
                                       "it); use brackets instead, as in [0] or [\"-key\"]", d);
            if (!word_start(d)) {
                char b[48];
                return fail(p, p->pos, "expected a name after '.', got %s", describe(p, p->pos, b));
            }
            if (!read_word_chars(p, true)) return false;
        } else {
            p->pos++;
            int d = ch(p, p->pos);
            if (d == '"') {
                if (!read_string(p)) return false;
            } else if (is_digit(d)) {
                while (is_digit(ch(p, p->pos))) p->scratch[p->sn++] = p->s[p->pos++];
            } else {
                char b[48];
                return fail(p, p->pos, "expected a number or a double-quoted key after '[', got %s",
                            describe(p, p->pos, b));
            }
            if (ch(p, p->pos) != ']') {
                char b[48];
                return fail(p, p->pos, "expected ']', got %s", describe(p, p->pos, b));
            }
            p->pos++;
        }
        if (!push_seg(p, p->scratch, p->sn)) return false;
        f->nseg++;
    }
    if (f->field >= F_PROPERTIES && f->nseg == 0)
        return fail(p, p->pos, "expected a path after '%s' (such as %s.plan)", fname, fname);
    return true;
}

/* Reads the first name of a condition (a field or a function name). */
static bool read_first_name(parser *p, size_t *start)
{
    *start = p->pos;
    p->sn = 0;
    int c = ch(p, p->pos);
    if (c < 0 || !word_start(c)) {
        char b[48];
        return fail(p, p->pos, "expected a condition, got %s", describe(p, p->pos, b));
    }
    return read_word_chars(p, true);
}

static int field_of(const char *s, size_t n)
{
    for (int i = 0; i < F_COUNT; i++)
        if (field_names[i].len == n && memcmp(field_names[i].name, s, n) == 0) return i;
    return -1;
}

static bool unknown_field(parser *p, size_t at, const char *s, size_t n)
{
    return fail(p, at, "unknown field '%.*s' (expected type, event, name, userId, "
                       "properties.<path>, traits.<path>, context.<path>, contains() or match())",
                (int)(n > 40 ? 40 : n), s);
}

static tnode *push_cond(parser *p, const tfield *f, int op)
{
    tnode *nd = push_node(p);
    if (!nd) return NULL;
    nd->kind = N_COND;
    nd->field = (uint8_t)f->field;
    nd->op = (uint8_t)op;
    nd->seg = f->seg;
    nd->nseg = f->nseg;
    return nd;
}

/* contains(field, value) / match(field, "pattern"), after the name. */
static bool parse_function(parser *p, bool is_match, bool negate)
{
    const char *fn = is_match ? "match" : "contains";
    skip_ws(p);
    if (ch(p, p->pos) != '(') {
        char b[48];
        return fail(p, p->pos, "expected '(' after '%s', got %s", fn, describe(p, p->pos, b));
    }
    p->pos++;
    skip_ws(p);
    tfield f;
    size_t fstart;
    if (!read_first_name(p, &fstart)) return false;
    f.pos = fstart;
    f.field = field_of(p->scratch, p->sn);
    if (f.field < 0) return unknown_field(p, fstart, p->scratch, p->sn);
    if (f.field == F_TYPE)
        return fail(p, fstart, "%s() does not take 'type' (upstream ignores such a condition); "
                               "compare it with = or != instead", fn);
    char fname[16];
    snprintf(fname, sizeof fname, "%s", field_names[f.field].name);
    if (!parse_path(p, &f, fname)) return false;
    skip_ws(p);
    if (ch(p, p->pos) != ',') {
        char b[48];
        return fail(p, p->pos, "expected ',' after the field in %s(), got %s", fn, describe(p, p->pos, b));
    }
    p->pos++;
    char after[32];
    snprintf(after, sizeof after, "'%s(field,'", fn);
    tval v;
    if (!parse_value(p, &v, after)) return false;
    skip_ws(p);
    if (ch(p, p->pos) != ')') {
        char b[48];
        return fail(p, p->pos, "expected ')' to close %s(, got %s", fn, describe(p, p->pos, b));
    }
    p->pos++;

    int op;
    uint32_t off, len;
    if (!is_match) {
        op = negate ? OP_NOT_CONTAINS : OP_CONTAINS;
        if (!value_string(p, &v, &off, &len)) return false;
    } else {
        if (v.kind != V_STR)
            return fail(p, v.pos, "match() needs a double-quoted pattern such as \"pre*\" or \"*suf\"");
        /* upstream: a pattern ending in '*' is a prefix (the '*' dropped);
         * anything else is a suffix with its FIRST character dropped, whether
         * or not that is a '*' ("abc" => ends with "bc", "a*c" => with "*c"). */
        if (v.n > 0 && v.s[v.n - 1] == '*') {
            op = negate ? OP_NOT_STARTS : OP_STARTS;
            if (!pool_put(p, v.s, v.n - 1, &off)) return false;
            len = (uint32_t)(v.n - 1);
        } else {
            op = negate ? OP_NOT_ENDS : OP_ENDS;
            size_t skip = 0;
            if (v.n > 0) {
                skip = 1;
                while (skip < v.n && ((unsigned char)v.s[skip] & 0xC0) == 0x80) skip++;
            }
            if (!pool_put(p, v.s + skip, v.n - skip, &off)) return false;
            len = (uint32_t)(v.n - skip);
        }
    }
    tnode *nd = push_cond(p, &f, op);
    if (!nd) return false;
    nd->soff = off;
    nd->slen = len;
    return true;
}

enum { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE };

/* field op value, as upstream's parse-fql.js turns it into a condition. */
static bool build_comparison(parser *p, const tfield *f, int cmp, const tval *v)
{
    bool eq = cmp == CMP_EQ, ne = cmp == CMP_NE;
    int op = -1;
    /* special forms */
    if (f->field != F_TYPE && f->field != F_EVENT) {
        if (ne && v->kind == V_NULL) op = OP_EXISTS;
        else if (eq && v->kind == V_NULL) op = OP_NOT_EXISTS;
        else if (f->field != F_NAME && eq && v->kind == V_TRUE) op = OP_IS_TRUE;
        else if (f->field != F_NAME && eq && v->kind == V_FALSE) op = OP_IS_FALSE;
        else if (f->field >= F_PROPERTIES && eq && v->kind == V_NUM) op = OP_NUM_EQ;
        else if (f->field >= F_PROPERTIES && ne && v->kind == V_NUM) op = OP_NUM_NE;
    }
    if (op >= 0) {
        tnode *nd = push_cond(p, f, op);
        if (!nd) return false;
        nd->num = v->d;
        return true;
    }
    if (eq || ne) {
        uint32_t off, len;
        if (!value_string(p, v, &off, &len)) return false;
        tnode *nd = push_cond(p, f, eq ? OP_STR_EQ : OP_STR_NE);
        if (!nd) return false;
        nd->soff = off;
        nd->slen = len;
        return true;
    }
    /* <, <=, >, >=: Number(expected). type/event/name/userId hold String(value)
     * (so `< true` is NaN there), properties/traits/context the raw value
     * (`< true` is 1). */
    double d;
    switch (v->kind) {
    case V_NUM: d = v->d; break;
    case V_TRUE: d = f->field >= F_PROPERTIES ? 1 : NAN; break;
    case V_FALSE: d = f->field >= F_PROPERTIES ? 0 : NAN; break;
    case V_NULL: d = NAN; break;
    default: d = js_to_number(v->s, v->n); break;
    }
    static const int ops[] = {[CMP_LT] = OP_LT, [CMP_LE] = OP_LE, [CMP_GT] = OP_GT, [CMP_GE] = OP_GE};
    tnode *nd = push_cond(p, f, ops[cmp]);
    if (!nd) return false;
    nd->num = d;
    return true;
}

static bool parse_or(parser *p);
static bool trailing(parser *p, bool in_paren);

static bool parse_comparison(parser *p, tfield *f)
{
    char fname[16];
    snprintf(fname, sizeof fname, "%s", field_names[f->field].name);
    if (!parse_path(p, f, fname)) return false;
    skip_ws(p);
    size_t at = p->pos;
    int c = ch(p, at), cmp;
    const char *opname;
    if (c == '=') { cmp = CMP_EQ; opname = "'='"; p->pos++; }
    else if (c == '!' && ch(p, at + 1) == '=') { cmp = CMP_NE; opname = "'!='"; p->pos += 2; }
    else if (c == '<' && ch(p, at + 1) == '=') { cmp = CMP_LE; opname = "'<='"; p->pos += 2; }
    else if (c == '>' && ch(p, at + 1) == '=') { cmp = CMP_GE; opname = "'>='"; p->pos += 2; }
    else if (c == '<') { cmp = CMP_LT; opname = "'<'"; p->pos++; }
    else if (c == '>') { cmp = CMP_GT; opname = "'>'"; p->pos++; }
    else {
        char b[48];
        return fail(p, at, "expected an operator (=, !=, <, <=, >, >=) after the field, got %s",
                    describe(p, at, b));
    }
    if (cmp == CMP_LE || cmp == CMP_GE) {
        /* upstream lexes "<=5" as '<' followed by '=' and never matches */
        int n = ch(p, p->pos);
        if (!(n < 0 || is_space(n) || n == ',' || n == ']' || n == ')'))
            return fail(p, at, "write a space after %s (upstream reads %s directly followed by a "
                               "value as a different operator)", opname, opname);
    }
    tval v;
    if (!parse_value(p, &v, opname)) return false;
    return build_comparison(p, f, cmp, &v);
}

static bool parse_unary(parser *p)
{
    skip_ws(p);
    size_t at = p->pos;
    int c = ch(p, at);
    if (c == '(') {
        if (++p->depth > MAX_DEPTH) return fail(p, at, "parentheses nested too deeply");
        p->pos++;
        if (!parse_or(p)) return false;
        skip_ws(p);
        if (ch(p, p->pos) != ')') {
            if (p->pos >= p->len)
                return fail(p, p->pos, "expected ')' to close the '(' at position %zu", at + 1);
            return trailing(p, true);
        }
        p->pos++;
        p->depth--;
        return true;
    }
    if (c == '!') {
        p->pos++;
        skip_ws(p);
        size_t nstart;
        int d = ch(p, p->pos);
        if (d >= 0 && word_start(d)) {
            if (!read_first_name(p, &nstart)) return false;
            bool m = p->sn == 5 && memcmp(p->scratch, "match", 5) == 0;
            bool k = p->sn == 8 && memcmp(p->scratch, "contains", 8) == 0;
            if (m || k) return parse_function(p, m, true);
        }
        return fail(p, at, "'!' can only negate contains() or match() (upstream ignores it elsewhere)");
    }
    if (c < 0) return fail(p, at, p->len == 0 || at == 0 ? "empty trigger" : "expected a condition");
    size_t nstart;
    if (!read_first_name(p, &nstart)) return false;
    if (p->sn == 5 && memcmp(p->scratch, "match", 5) == 0) return parse_function(p, true, false);
    if (p->sn == 8 && memcmp(p->scratch, "contains", 8) == 0) return parse_function(p, false, false);
    tfield f;
    f.pos = nstart;
    f.field = field_of(p->scratch, p->sn);
    if (f.field < 0) return unknown_field(p, nstart, p->scratch, p->sn);
    return parse_comparison(p, &f);
}

/* At a lower-case conditional keyword? Consumes it (and checks what follows). */
static bool at_keyword(parser *p, const char *kw, bool *ok)
{
    size_t n = strlen(kw);
    *ok = true;
    if (p->pos + n > p->len || memcmp(p->s + p->pos, kw, n) != 0) return false;
    int next = ch(p, p->pos + n);
    if (next >= 0 && word_char(next)) return false;
    if (next >= 0 && !is_space(next)) {
        char b[48];
        *ok = fail(p, p->pos, "write a space after '%s' (upstream reads '%s' followed by %s as a "
                              "name and ignores it)", kw, kw, describe(p, p->pos + n, b));
        return true;
    }
    p->pos += n;
    return true;
}

/* The conditional levels, loosest first: `or` binds its operands (the `and`
 * lists), `and` binds the unary conditions. */
typedef struct {
    const char *keyword;
    int kind;                 /* N_OR, N_AND */
    const char *missing;      /* the message when the input ends after the keyword */
} level;

static const level LEVELS[] = {
    {"or", N_OR, "expected a condition after 'or'"},
    {"and", N_AND, "expected a condition after 'and'"},
};
#define LEVEL_COUNT (sizeof LEVELS / sizeof LEVELS[0])

static bool parse_level(parser *p, size_t lv);

static bool parse_operand(parser *p, size_t lv)
{
    return lv + 1 < LEVEL_COUNT ? parse_level(p, lv + 1) : parse_unary(p);
}

/* operand (KEYWORD operand)*, flattened into one group node of the level's kind. */
static bool parse_level(parser *p, size_t lv)
{
    const level *L = &LEVELS[lv];
    size_t s = p->nn;
    if (!parse_operand(p, lv)) return false;
    skip_ws(p);
    bool ok;
    if (!at_keyword(p, L->keyword, &ok)) return true;
    if (!ok) return false;
    if (!open_group(p, s, L->kind)) return false;
    merge_child(p, s + 1, L->kind);
    do {
        size_t c = p->nn;
        skip_ws(p);
        if (p->pos >= p->len) return fail(p, p->pos, "%s", L->missing);
        if (!parse_operand(p, lv)) return false;
        merge_child(p, c, L->kind);
        skip_ws(p);
        if (!at_keyword(p, L->keyword, &ok)) break;
        if (!ok) return false;
    } while (1);
    p->nodes[s].size = (uint32_t)(p->nn - s);
    return true;
}

static bool parse_or(parser *p) { return parse_level(p, 0); }

/* Why the input at p->pos cannot continue a condition list. */
static bool trailing(parser *p, bool in_paren)
{
    size_t at = p->pos;
    int c = ch(p, at);
    if (c == ')' && !in_paren) return fail(p, at, "unexpected ')' without a matching '('");
    if (c >= 0 && is_alpha(c)) {
        size_t e = at;
        while (e < p->len && word_char((unsigned char)p->s[e])) e++;
        size_t n = e - at;
        if ((n == 3 && strncasecmp(p->s + at, "and", 3) == 0) ||
            (n == 2 && strncasecmp(p->s + at, "or", 2) == 0))
            return fail(p, at, "conditionals are lower-case: write '%s' (upstream ignores '%.*s')",
                        n == 3 ? "and" : "or", (int)n, p->s + at);
    }
    char b[48];
    return fail(p, at, "expected 'and', 'or' or %s, got %s",
                in_paren ? "')'" : "the end of the trigger", describe(p, at, b));
}

trigger *trigger_parse(const char *src, char *err, size_t errlen)
{
    if (err && errlen) err[0] = 0;
    parser ps;
    memset(&ps, 0, sizeof ps);
    parser *p = &ps;
    p->err = err;
    p->errlen = errlen;
    if (!src) src = "";
    p->s = src;
    p->len = strlen(src);
    trigger *t = NULL;
    if (p->len > MAX_SOURCE) {
        fail(p, MAX_SOURCE, "trigger longer than %u bytes", MAX_SOURCE);
        goto done;
    }
    p->scratch = malloc(p->len + 1);
    if (!p->scratch) { oom(p); goto done; }
    uint32_t empty_off;
    if (!pool_put(p, "", 0, &empty_off)) goto done; /* the pool is never NULL */
    skip_ws(p);
    if (p->pos >= p->len) {
        fail(p, p->pos, "empty trigger");
        goto done;
    }
    if (!parse_or(p)) goto done;
    skip_ws(p);
    if (p->pos < p->len) { trailing(p, false); goto done; }

    t = calloc(1, sizeof *t);
    if (!t) { oom(p); goto done; }
    t->nodes = p->nodes;
    t->nnodes = p->nn;
    t->segs = p->segs;
    t->pool = p->pool;
    p->nodes = NULL;
    p->segs = NULL;
    p->pool = NULL;
done:
    free(p->scratch);
    free(p->nodes);
    free(p->segs);
    free(p->pool);
    return t;
}
