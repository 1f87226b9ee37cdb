/* jsvalue.c — JavaScript value helpers over jv: Object.keys order, member
 * lookup, is-directive.js, `v == ''`, a string's s[i]. (Declared, with what
 * they do, in mapkit_int.h.) */
#include "map/mapkit/mapkit_int.h"

const uint32_t *mk_js_order(jarena *a, const jv *obj, bool *oom)
{
    uint32_t *perm = jarena_alloc(a, (obj->n ? obj->n : 1) * sizeof *perm);
    if (!perm) {
        *oom = true;
        return NULL;
    }
    int r = json_key_order(obj, perm);
    if (r < 0) *oom = true;
    return r > 0 ? perm : NULL;
}

const jv *mk_member(const jv *obj, const char *key)
{
    if (!obj || obj->type != JV_OBJ) return NULL;
    size_t kn = strlen(key);
    for (uint32_t i = 0; i < obj->n; i++) {
        const jmember *m = &obj->u.members[i];
        if (m->key && m->klen == kn && memcmp(m->key, key, kn) == 0) return m->val.type == JV_UNDEF ? NULL : &m->val;
    }
    return NULL;
}

bool mk_is_directive(const jv *v)
{
    if (!v || v->type != JV_OBJ) return false;
    bool at = false;
    for (uint32_t i = 0; i < v->n; i++) {
        const jmember *m = &v->u.members[i];
        if (m->val.type == JV_UNDEF || !m->key) continue;
        if (m->klen && m->key[0] == '@') at = true;
        else if (!key_is(m->key, m->klen, "_metadata")) return false;
    }
    return at;
}

const jmember *mk_first_at(const jv *obj)
{
    for (uint32_t i = 0; i < obj->n; i++) {
        const jmember *m = &obj->u.members[i];
        if (m->val.type != JV_UNDEF && m->key && m->klen && m->key[0] == '@') return m;
    }
    return NULL;
}

static bool num_is_zero(const jv *v)
{
    for (uint32_t i = 0; i < v->n; i++) {
        char c = v->u.s[i];
        if (c == 'e' || c == 'E') break;
        if (c >= '1' && c <= '9') return false;
    }
    return true;
}

bool mk_loose_eq_empty(const jv *v)
{
    switch (v->type) {
    case JV_BOOL: return !v->b;
    case JV_NUM: return num_is_zero(v);
    case JV_STR: return v->n == 0;
    case JV_ARR:
        if (v->n == 0) return true;
        if (v->n > 1) return false;
        if (nullish(&v->u.items[0])) return true;
        if (v->u.items[0].type == JV_STR) return v->u.items[0].n == 0;
        if (v->u.items[0].type == JV_ARR) return mk_loose_eq_empty(&v->u.items[0]);
        return false;
    default: return false;
    }
}

int mk_char_at(jarena *a, const char *s, uint32_t n, uint64_t idx, jv *out)
{
    const unsigned char *u = (const unsigned char *)s;
    uint64_t unit = 0;
    size_t i = 0, k;
    while (i < n) {
        uint32_t cp = utf8_decode(u, n, i, &k);
        uint32_t units = (cp != UTF8_BAD_CP && cp >= 0x10000) ? 2 : 1;
        if (idx < unit + units) {
            if (units == 1) {
                *out = jv_strref(s + i, k);
                return 0;
            }
            if (!a) return -2;
            uint32_t c = cp - 0x10000;
            uint32_t half = (idx == unit) ? 0xD800 + (c >> 10) : 0xDC00 + (c & 0x3FF);
            char *p = jarena_alloc(a, 4);
            if (!p) return -1;
            size_t m = utf8_encode(p, half);
            *out = jv_strref(p, m);
            return 0;
        }
        unit += units;
        i += k;
    }
    return 1;
}
