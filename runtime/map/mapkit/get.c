/* get.c — actions-core get.js: paths split as upstream splits them, the
 * walk `path.reduce((o, k) => o && o[k], root)` with JavaScript's property
 * reads (array/string indexes and length, inherited method names). */
#include "map/mapkit/mapkit_int.h"

static bool is_qd(char c) { return c == '"' || c == '\'' || (c >= '0' && c <= '9'); }

bool mk_seg_next(const char *p, size_t n, size_t *pos, size_t *s, size_t *e)
{
    size_t i = *pos;
    while (i <= n) {
        size_t start = i;
        /* scan to the next separator */
        size_t sep_len = 0;
        for (; i < n; i++) {
            char c = p[i];
            if (c == '.') { sep_len = 1; break; }
            if (c == '[' && i + 1 < n && is_qd(p[i + 1])) { sep_len = 1; break; }
            if (c == ']' && i > 0 && is_qd(p[i - 1])) {
                sep_len = 1;
                while (i + sep_len < n && p[i + sep_len] == ']') sep_len++;
                break;
            }
        }
        size_t end = i;
        i = (i < n) ? i + sep_len : n + 1;
        if (end > start) {
            *s = start;
            *e = end;
            *pos = i;
            return true;
        }
    }
    *pos = i;
    return false;
}

static bool has_quote(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '"' || s[i] == '\'') return true;
    return false;
}

size_t mk_strip_quotes(char *dst, const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '"' && s[i] != '\'') dst[k++] = s[i];
    return k;
}

/* The built-in methods a value inherits (Node 20): `"abc".search` or
 * `[].map` is a function in JavaScript, not undefined — and upstream's get
 * returns it (e.g. a string context.page makes $.context.page.search a
 * function, which validation then reports). */
static const char *const OBJECT_PROTO[] = {
    "constructor", "__defineGetter__", "__defineSetter__", "hasOwnProperty", "__lookupGetter__",
    "__lookupSetter__", "isPrototypeOf", "propertyIsEnumerable", "toString", "valueOf", "toLocaleString", NULL};
static const char *const STRING_PROTO[] = {
    "at", "anchor", "big", "blink", "bold", "charAt", "charCodeAt", "codePointAt", "concat", "endsWith", "fixed",
    "fontcolor", "fontsize", "includes", "indexOf", "isWellFormed", "italics", "lastIndexOf", "link",
    "localeCompare", "match", "matchAll", "normalize", "padEnd", "padStart", "repeat", "replace", "replaceAll",
    "search", "slice", "small", "split", "startsWith", "strike", "sub", "substr", "substring", "sup",
    "toLocaleLowerCase", "toLocaleUpperCase", "toLowerCase", "toUpperCase", "toWellFormed", "trim", "trimEnd",
    "trimLeft", "trimRight", "trimStart", NULL};
static const char *const ARRAY_PROTO[] = {
    "at", "concat", "copyWithin", "entries", "every", "fill", "filter", "find", "findIndex", "findLast",
    "findLastIndex", "flat", "flatMap", "forEach", "includes", "indexOf", "join", "keys", "lastIndexOf", "map",
    "pop", "push", "reduce", "reduceRight", "reverse", "shift", "slice", "some", "sort", "splice", "toReversed",
    "toSorted", "toSpliced", "unshift", "values", "with", NULL};
static const char *const NUMBER_PROTO[] = {"toExponential", "toFixed", "toPrecision", NULL};

static const char *in_names(const char *const *names, const char *k, uint32_t n)
{
    for (; names && *names; names++)
        if (strlen(*names) == n && memcmp(*names, k, n) == 0) return *names;
    return NULL;
}

void mk_seg_set(seg *sg, const char *k, uint32_t n)
{
    uint32_t x;
    sg->k = k;
    sg->n = n;
    sg->idx = json_index_key(k, n, &x) ? (int64_t)x : -1;
    /* decided once per path step, not per event: is the key an inherited method name? */
    sg->obj_m = in_names(OBJECT_PROTO, k, n);
    sg->str_m = sg->obj_m ? NULL : in_names(STRING_PROTO, k, n);
    sg->arr_m = sg->obj_m ? NULL : in_names(ARRAY_PROTO, k, n);
    sg->num_m = sg->obj_m ? NULL : in_names(NUMBER_PROTO, k, n);
}

/* cur[key] when key is not an own property: an inherited method, or undefined. */
static int proto_step(const jv *cur, const seg *sg, jv *out)
{
    const char *name = sg->obj_m;
    if (!name) name = cur->type == JV_STR ? sg->str_m : cur->type == JV_ARR ? sg->arr_m
                    : cur->type == JV_NUM ? sg->num_m : NULL;
    if (name) { /* the static name: the key may live on the caller's stack */
        out->type = JV_FUNC;
        out->b = 0;
        out->n = sg->n;
        out->u.s = name;
    }
    return 0;
}

/* One step of `prevObj && prevObj[key]` on a truthy cur. Returns 0 (out set),
 * -1 out of memory, -2 result needs an arena and a is NULL. */
static int get_step(jarena *a, const jv *cur, const seg *sg, jv *out)
{
    *out = jv_undef();
    switch (cur->type) {
    case JV_OBJ:
        for (uint32_t i = 0; i < cur->n; i++) {
            const jmember *m = &cur->u.members[i];
            if (m->key && m->klen == sg->n && memcmp(m->key, sg->k, sg->n) == 0) {
                *out = m->val;
                return 0;
            }
        }
        return proto_step(cur, sg, out);
    case JV_ARR:
        if (sg->idx >= 0) {
            if ((uint64_t)sg->idx < cur->n) *out = cur->u.items[sg->idx];
            return 0;
        }
        if (key_is(sg->k, sg->n, "length")) {
            if (!a) return -2;
            *out = jv_num_int(a, cur->n);
            return out->type == JV_NUM ? 0 : -1;
        }
        return proto_step(cur, sg, out);
    case JV_STR:
        if (sg->idx >= 0) {
            int r = mk_char_at(a, cur->u.s, cur->n, (uint64_t)sg->idx, out);
            if (r == 1) { *out = jv_undef(); return 0; }
            return r;
        }
        if (key_is(sg->k, sg->n, "length")) {
            if (!a) return -2;
            *out = jv_num_int(a, (int64_t)utf16_len(cur->u.s, cur->n));
            return out->type == JV_NUM ? 0 : -1;
        }
        return proto_step(cur, sg, out);
    case JV_NUM:
    case JV_BOOL:
    case JV_FUNC:
        return proto_step(cur, sg, out);
    default:
        return 0;
    }
}

int mk_get_dyn(jarena *a, const jv *root, const char *p, size_t n, jv *out)
{
    jv cur = *root;
    size_t pos = 0, s, e;
    char small[64];
    while (mk_seg_next(p, n, &pos, &s, &e)) {
        if (!js_truthy(&cur)) break;
        const char *k = p + s;
        size_t kn = e - s;
        if (has_quote(k, kn)) {
            char *d = small;
            if (kn > sizeof small) {
                if (!a) return -2;
                d = jarena_alloc(a, kn);
                if (!d) return -1;
            }
            kn = mk_strip_quotes(d, k, kn);
            k = d;
        }
        seg sg;
        mk_seg_set(&sg, k, (uint32_t)kn);
        jv next;
        int r = get_step(a, &cur, &sg, &next);
        if (r) return r;
        cur = next; /* (never points into `small`: keys are not returned; a
                     * method's name is the static one of the table) */
    }
    *out = cur;
    return 0;
}

int mk_get_static(jarena *a, const jv *root, const cpath *cp, jv *out)
{
    jv cur = *root;
    for (uint32_t i = 0; i < cp->n; i++) {
        if (!js_truthy(&cur)) break;
        jv next;
        int r = get_step(a, &cur, &cp->s[i], &next);
        if (r) return r;
        cur = next;
    }
    *out = cur;
    return 0;
}

int mk_get_value(const jv *root, const char *path, size_t len, jarena *a, jv *out)
{
    *out = jv_undef();
    if (!root) return 0;
    int r = mk_get_dyn(a, root, path, len, out);
    if (r) { *out = jv_undef(); return -1; }
    return 0;
}

/* key == seg with the quotes of seg removed */
static bool key_eq_unquoted(const char *key, size_t kn, const char *seg, size_t sn)
{
    size_t j = 0;
    for (size_t i = 0; i < sn; i++) {
        if (seg[i] == '"' || seg[i] == '\'') continue;
        if (j >= kn || key[j] != seg[i]) return false;
        j++;
    }
    return j == kn;
}

/* Pointer flavour: walks the tree itself so that the result is a node. */
const jv *mk_get(const jv *root, const char *path, size_t len)
{
    if (!root) return NULL;
    const jv *cur = root;
    size_t pos = 0, s, e;
    char small[16];
    while (mk_seg_next(path, len, &pos, &s, &e)) {
        if (!js_truthy(cur)) break;
        const char *raw = path + s, *k = raw;
        size_t rawn = e - s, kn = rawn;
        bool quoted = has_quote(raw, rawn);
        if (quoted) {
            /* indexes and "length" are short; longer keys are compared in place */
            if (rawn <= sizeof small) {
                kn = mk_strip_quotes(small, raw, rawn);
                k = small;
            } else {
                k = "";
                kn = 0;
            }
        }
        seg sg;
        mk_seg_set(&sg, k, (uint32_t)kn);
        const jv *next = NULL;
        if (cur->type == JV_OBJ) {
            for (uint32_t i = 0; i < cur->n; i++) {
                const jmember *m = &cur->u.members[i];
                if (m->key && (quoted ? key_eq_unquoted(m->key, m->klen, raw, rawn)
                                      : (m->klen == sg.n && memcmp(m->key, sg.k, sg.n) == 0))) {
                    next = &m->val;
                    break;
                }
            }
        } else if (cur->type == JV_ARR) {
            if (sg.idx >= 0 && (uint64_t)sg.idx < cur->n) next = &cur->u.items[sg.idx];
            else if (key_is(sg.k, sg.n, "length")) return NULL;
        } else if (cur->type == JV_STR) {
            if (sg.idx >= 0 || key_is(sg.k, sg.n, "length")) return NULL;
        }
        if (!next || next->type == JV_UNDEF) return NULL;
        cur = next;
    }
    return cur->type == JV_UNDEF ? NULL : cur;
}
