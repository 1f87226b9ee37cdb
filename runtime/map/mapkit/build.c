/* build.c — arena string (sb) and object (ob) builders. The fast paths of
 * sb (put, putc, jv) are inline in mapkit_int.h. */
#include "map/mapkit/mapkit_int.h"

/* ---- strings --------------------------------------------------------------- */
void mk_sb_init(sb *b, jarena *a, size_t hint)
{
    b->a = a;
    b->len = 0;
    b->oom = false;
    b->cap = hint < 32 ? 32 : hint;
    b->p = jarena_alloc(a, b->cap);
    if (!b->p) { b->oom = true; b->cap = 0; }
}

bool mk_sb_grow(sb *b, size_t extra)
{
    size_t c = b->cap * 2;
    if (c < b->len + extra) c = b->len + extra + 32;
    char *np = jarena_alloc(b->a, c);
    if (!np) { b->oom = true; return false; }
    if (b->len) memcpy(np, b->p, b->len);
    b->p = np;
    b->cap = c;
    return true;
}

static void sb_put_any(void *b, const char *s, size_t n) { sb_put(b, s, n); }

void mk_put_js_string(sb *b, const jv *v) { js_string_to(sb_put_any, b, v); }

/* ---- objects --------------------------------------------------------------- */
static uint32_t key_hash(const char *k, uint32_t n)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < n; i++) h = (h ^ (unsigned char)k[i]) * 16777619u;
    return h;
}

static bool ob_rehash(ob *b)
{
    uint32_t size = 64;
    while (size < b->cap * 2) size *= 2;
    uint32_t *ht = jarena_alloc(b->a, size * sizeof *ht);
    if (!ht) return false;
    memset(ht, 0, size * sizeof *ht);
    b->ht = ht;
    b->hmask = size - 1;
    for (uint32_t i = 0; i < b->n; i++) {
        uint32_t h = key_hash(b->m[i].key, b->m[i].klen) & b->hmask;
        while (ht[h]) h = (h + 1) & b->hmask;
        ht[h] = i + 1;
    }
    return true;
}

void mk_ob_set(ob *b, const char *k, uint32_t kn, jv val)
{
    if (b->oom) return;
    if (b->ht) {
        uint32_t h = key_hash(k, kn) & b->hmask;
        for (; b->ht[h]; h = (h + 1) & b->hmask) {
            jmember *m = &b->m[b->ht[h] - 1];
            if (m->klen == kn && memcmp(m->key, k, kn) == 0) { m->val = val; return; }
        }
    } else {
        for (uint32_t i = 0; i < b->n; i++)
            if (b->m[i].klen == kn && memcmp(b->m[i].key, k, kn) == 0) { b->m[i].val = val; return; }
    }
    if (b->n == b->cap) {
        uint32_t c = b->cap ? b->cap * 2 : 8;
        jmember *nm = jarena_alloc(b->a, c * sizeof *nm);
        if (!nm) { b->oom = true; return; }
        if (b->n) memcpy(nm, b->m, b->n * sizeof *nm);
        b->m = nm;
        b->cap = c;
        if (b->cap > 16 && !ob_rehash(b)) { b->oom = true; return; }
    }
    jmember *m = &b->m[b->n++];
    m->key = k;
    m->klen = kn;
    m->val = val;
    if (b->ht) {
        uint32_t h = key_hash(k, kn) & b->hmask;
        while (b->ht[h]) h = (h + 1) & b->hmask;
        b->ht[h] = b->n;
    }
}

jv mk_ob_jv(const ob *b)
{
    jv v = {0};
    v.type = JV_OBJ;
    v.n = b->n;
    v.u.members = b->m;
    if (!b->m) {
        static jmember none;
        v.u.members = &none;
    }
    return v;
}
