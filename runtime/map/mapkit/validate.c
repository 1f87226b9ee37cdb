/* validate.c — actions-core validate.js: the ValidationError messages, in
 * upstream's words and order ("/a/b should be a string but it is a number."),
 * plus our refusal of @liquid. */
#include "map/mapkit/mapkit_int.h"

#include <stdarg.h>
#include <stdio.h>

static void vput(verr *e, const char *str, size_t n)
{
    if (e->len + n >= e->cap) n = e->cap - 1 - e->len;
    memcpy(e->buf + e->len, str, n);
    e->len += n;
}

/* Appends "/a/b <msg>." (ValidationError's message) to the list. */
static int vfail(verr *e, const stk *s, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int vfail(verr *e, const stk *s, const char *fmt, ...)
{
    const stk *chain[256];
    size_t depth = 0;
    for (const stk *p = s; p && depth < COUNT(chain); p = p->up) chain[depth++] = p;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    e->count++;
    if (!e->buf || !e->cap) return -1;
    if (e->len && e->len + 1 < e->cap) vput(e, " ", 1);
    vput(e, "/", 1);
    for (size_t i = depth; i-- > 0;) {
        vput(e, chain[i]->k, chain[i]->n);
        if (i) vput(e, "/", 1);
    }
    vput(e, " ", 1);
    vput(e, msg, strlen(msg));
    vput(e, ".", 1);
    e->buf[e->len] = 0;
    return -1;
}

typedef enum { T_UNDEF, T_NULL, T_BOOL, T_NUM, T_STR, T_ARR, T_OBJ, T_DIR, T_FUNC } rtype;
static const char *const rtype_name[] = {"undefined", "null",   "boolean",   "number",  "string",
                                         "array",     "object", "directive", "function"};

static const char *article(rtype t)
{
    char c = rtype_name[t][0];
    return (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') ? "an" : "a";
}

static rtype real_type(const jv *v)
{
    if (!v) return T_UNDEF;
    switch (v->type) {
    case JV_NULL: return T_NULL;
    case JV_BOOL: return T_BOOL;
    case JV_NUM: return T_NUM;
    case JV_STR: return T_STR;
    case JV_ARR: return T_ARR;
    case JV_OBJ: return T_OBJ;
    case JV_FUNC: return T_FUNC;
    default: return T_UNDEF;
    }
}

/* realTypeOrDirective: an object with any '@' key is a "directive". */
static rtype rtod(const jv *v)
{
    rtype t = real_type(v);
    if (t == T_OBJ && mk_first_at(v)) return T_DIR;
    return t;
}

#define TY(t) article(t), rtype_name[t]

static int v_directive(verr *e, const jv *obj, const stk *s);

static int v_object(verr *e, const jv *v, const stk *s)
{
    rtype t = rtod(v);
    if (t != T_OBJ) return vfail(e, s, "should be an object but it is %s %s", TY(t));
    /* (the "shouldn't have directive (@-prefixed) keys" branch is unreachable) */
    const uint32_t *ord = mk_js_order(e->tmp, v, &e->oom);
    int bad = 0;
    for (uint32_t i = 0; i < v->n; i++) {
        const jmember *m = &v->u.members[ord ? ord[i] : i];
        if (m->val.type == JV_UNDEF) continue;
        stk sub = {s, m->key, m->klen};
        if (mk_validate(e, &m->val, &sub)) bad = -1;
    }
    return bad;
}

static int v_array(verr *e, const jv *v, const stk *s)
{
    rtype t = real_type(v);
    if (t != T_ARR) return vfail(e, s, "should be an array but it is %s %s", TY(t));
    return 0;
}

int mk_validate(verr *e, const jv *v, const stk *s)
{
    switch (rtod(v)) {
    case T_DIR: return v_directive(e, v, s);
    case T_OBJ: return v_object(e, v, s);
    case T_ARR: return v_array(e, v, s);
    default: return 0;
    }
}

static int v_raw(verr *e, const jv *v, const stk *s)
{
    rtype t = rtod(v);
    if (t == T_DIR) return v_directive(e, v, s);
    if (t == T_UNDEF) return vfail(e, s, "should be a mapping directive or a JSON value but it is %s %s", TY(t));
    return 0;
}

static int v_dir_or_str(verr *e, const jv *v, const stk *s)
{
    rtype t = rtod(v);
    if (t == T_DIR) return v_directive(e, v, s);
    if (t == T_STR) return 0;
    return vfail(e, s, "should be a string or a mapping directive but it is %s %s", TY(t));
}

static int v_dir_or_obj(verr *e, const jv *v, const stk *s)
{
    rtype t = rtod(v);
    if (t == T_DIR) return v_directive(e, v, s);
    if (t == T_OBJ) return v_object(e, v, s);
    return vfail(e, s, "should be a object or a mapping directive but it is %s %s", TY(t));
}

static int v_string(verr *e, const jv *v, const stk *s)
{
    rtype t = rtod(v);
    if (t != T_STR) return vfail(e, s, "should be a string but it is %s %s", TY(t));
    return 0;
}

static int v_strlen(verr *e, const jv *v, const stk *s, size_t min, size_t max)
{
    if (!v || v->type != JV_STR) return 0;
    size_t n = utf16_len(v->u.s, v->n);
    if (n < min) return vfail(e, s, "should be a string of length %zu or greater", min);
    if (n > max) return vfail(e, s, "should be a string of length %zu or less", max);
    return 0;
}

static int v_bool(verr *e, const jv *v, const stk *s)
{
    rtype t = rtod(v);
    if (t != T_BOOL) return vfail(e, s, "should be a boolean but it is %s %s", TY(t));
    return 0;
}

/* JSON.stringify(str) into a small buffer (for a message). */
static void json_quote(char *out, size_t cap, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t k = 0;
    if (cap < 8) { if (cap) out[0] = 0; return; }
    out[k++] = '"';
    for (size_t i = 0; i < n && k + 8 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') { out[k++] = '\\'; out[k++] = (char)c; }
        else if (c == '\n') { out[k++] = '\\'; out[k++] = 'n'; }
        else if (c == '\r') { out[k++] = '\\'; out[k++] = 'r'; }
        else if (c == '\t') { out[k++] = '\\'; out[k++] = 't'; }
        else if (c == '\b') { out[k++] = '\\'; out[k++] = 'b'; }
        else if (c == '\f') { out[k++] = '\\'; out[k++] = 'f'; }
        else if (c < 0x20) {
            out[k++] = '\\'; out[k++] = 'u'; out[k++] = '0'; out[k++] = '0';
            out[k++] = hex[c >> 4]; out[k++] = hex[c & 15];
        } else if (c == 0xED && i + 2 < n && ((unsigned char)s[i + 1] & 0xE0) == 0xA0) {
            unsigned cp = 0xD000 | ((unsigned)((unsigned char)s[i + 1] & 0x3F) << 6) | ((unsigned char)s[i + 2] & 0x3F);
            out[k++] = '\\'; out[k++] = 'u';
            out[k++] = hex[cp >> 12]; out[k++] = hex[(cp >> 8) & 15];
            out[k++] = hex[(cp >> 4) & 15]; out[k++] = hex[cp & 15];
            i += 2;
        } else out[k++] = (char)c;
    }
    out[k++] = '"';
    out[k] = 0;
}

static int v_allowed(verr *e, const jv *v, const stk *s, const char *a1, const char *a2)
{
    if (v_string(e, v, s)) return -1;
    /* str.toLowerCase() compared with ASCII words: only ASCII letters can
     * lower-case to ASCII letters here (U+212A KELVIN SIGN -> 'k' is the one
     * other, and no allowed word has a 'k'). */
    char low[16];
    bool fits = v->n < sizeof low;
    for (uint32_t i = 0; fits && i < v->n; i++) {
        char c = v->u.s[i];
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    if (fits && (key_is(low, v->n, a1) || key_is(low, v->n, a2))) return 0;
    char q[200];
    json_quote(q, sizeof q, v->u.s, v->n);
    return vfail(e, s, "should be one of %s, %s but it is %s", a1, a2, q);
}

/* validateObjectWithFields: kinds of field validators. */
enum { F_RAW, F_STR, F_DIR_OR_STR, F_DIR_OR_OBJ, F_BOOL, F_ARRAY, F_PATTERN, F_REPLACEMENT, F_ENCDEC, F_LEFTRIGHT };
typedef struct {
    const char *name;
    bool required;
    int kind;
} vfield;

static int v_field_apply(verr *e, int kind, const jv *v, const stk *s)
{
    switch (kind) {
    case F_RAW: return v_raw(e, v, s);
    case F_STR: return v_string(e, v, s);
    case F_DIR_OR_STR: return v_dir_or_str(e, v, s);
    case F_DIR_OR_OBJ: return v_dir_or_obj(e, v, s);
    case F_BOOL: return v_bool(e, v, s);
    case F_ARRAY: return v_array(e, v, s);
    case F_PATTERN:
        if (v_string(e, v, s)) return -1;
        return v_strlen(e, v, s, 1, 10);
    case F_REPLACEMENT:
        if (v_string(e, v, s)) return -1;
        return v_strlen(e, v, s, 0, 10);
    case F_ENCDEC: return v_allowed(e, v, s, "encode", "decode");
    case F_LEFTRIGHT: return v_allowed(e, v, s, "left", "right");
    default: return 0;
    }
}

static int v_fields(verr *e, const jv *v, const stk *s, const vfield *f, size_t nf)
{
    if (v_object(e, v, s)) return -1;
    int bad = 0;
    for (size_t i = 0; i < nf; i++) {
        const jv *x = mk_member(v, f[i].name);
        stk sub = {s, f[i].name, strlen(f[i].name)};
        if (f[i].required && !x) {
            bad = vfail(e, s, "should have field \"%s\" but it doesn't", f[i].name);
            continue;
        }
        if (x && v_field_apply(e, f[i].kind, x, &sub)) bad = -1;
    }
    return bad;
}

static int v_directive(verr *e, const jv *obj, const stk *s)
{
    uint32_t nkeys = 0, nat = 0, nother = 0;
    for (uint32_t i = 0; i < obj->n; i++) {
        const jmember *m = &obj->u.members[i];
        if (m->val.type == JV_UNDEF) continue;
        nkeys++;
        if (m->klen && m->key[0] == '@') nat++;
        else if (!key_is(m->key, m->klen, "_metadata")) nother++;
    }
    if (nat > 1) return vfail(e, s, "should only have one @-prefixed key but it has %u keys", nat);
    if (nother > 0) return vfail(e, s, "should only have one @-prefixed key but it has %u keys", nkeys);
    const jmember *d = mk_first_at(obj);
    const char *k = d->key;
    size_t kn = d->klen;
    const jv *v = &d->val;
    stk ds = {s, k, kn};
#define FIELDS(...)                                               \
    do {                                                          \
        static const vfield f_[] = {__VA_ARGS__};                 \
        return v_fields(e, v, &ds, f_, COUNT(f_));                \
    } while (0)
    if (key_is(k, kn, "@if"))
        FIELDS({"exists", false, F_RAW}, {"then", false, F_RAW}, {"else", false, F_RAW});
    if (key_is(k, kn, "@case"))
        FIELDS({"operator", false, F_STR}, {"value", false, F_DIR_OR_STR});
    if (key_is(k, kn, "@replace"))
        FIELDS({"pattern", true, F_PATTERN}, {"replacement", false, F_REPLACEMENT}, {"value", true, F_DIR_OR_STR},
               {"ignorecase", false, F_BOOL}, {"global", false, F_BOOL});
    if (key_is(k, kn, "@json"))
        FIELDS({"value", true, F_RAW}, {"mode", true, F_ENCDEC});
    if (key_is(k, kn, "@flatten"))
        FIELDS({"separator", false, F_STR}, {"value", true, F_RAW});
    if (key_is(k, kn, "@transform"))
        FIELDS({"apply", true, F_DIR_OR_OBJ}, {"mapping", true, F_DIR_OR_OBJ});
#undef FIELDS
    if (key_is(k, kn, "@arrayPath")) {
        if (v_array(e, v, &ds)) return -1;
        if (v_dir_or_str(e, v->n > 0 ? &v->u.items[0] : NULL, &ds)) return -1;
        return mk_validate(e, v->n > 1 ? &v->u.items[1] : NULL, &ds);
    }
    if (key_is(k, kn, "@path") || key_is(k, kn, "@template")) return v_dir_or_str(e, v, &ds);
    if (key_is(k, kn, "@literal") || key_is(k, kn, "@excludeWhenNull")) return v_raw(e, v, &ds);
    if (key_is(k, kn, "@merge")) {
        static const vfield f[] = {{"direction", false, F_LEFTRIGHT}, {"objects", true, F_ARRAY}};
        if (v_fields(e, v, &ds, f, COUNT(f))) return -1;
        /* data.forEach(obj => validateDirectiveOrObject(obj)) — no stack,
         * and the first failure ends it */
        const jv *objs = mk_member(v, "objects");
        for (uint32_t i = 0; i < objs->n; i++)
            if (v_dir_or_obj(e, &objs->u.items[i], NULL)) return -1;
        return 0;
    }
    if (key_is(k, kn, "@liquid")) {
        if (v_string(e, v, &ds)) return -1;
        e->liquid = true;
        return vfail(e, s, "uses @liquid, an unsupported directive");
    }
    char name[128];
    size_t cn = kn < sizeof name - 1 ? kn : sizeof name - 1;
    memcpy(name, k, cn);
    name[cn] = 0;
    return vfail(e, s, "has an invalid directive: %s", name);
}
