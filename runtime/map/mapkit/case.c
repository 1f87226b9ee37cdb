/* case.c — JavaScript's .toLowerCase()/.toUpperCase() (@case, with
 * Final_Sigma and multi-character results) and String.prototype.replace with
 * a string pattern (@replace, its case-insensitive match per ECMAScript
 * Canonicalize), over the tables of unicode_tables.c. */
#include "map/mapkit/mapkit_int.h"
#include "map/mapkit/unicode_tables.h"

/* ---- table look-ups -------------------------------------------------------- */
static const mk_case_range *case_range_find(const mk_case_range *t, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t[mid].start <= cp) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0) return NULL;
    const mk_case_range *r = &t[lo - 1];
    if (cp > r->end || (cp - r->start) % r->stride) return NULL;
    return r;
}

static const char *case_special_find(const mk_case_special *t, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t[mid].cp == cp) return t[mid].utf8;
        if (t[mid].cp < cp) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

static bool cp_in(const mk_cp_range *t, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < t[mid].lo) hi = mid;
        else if (cp > t[mid].hi) lo = mid + 1;
        else return true;
    }
    return false;
}

/* Simple (1:1) mapping; multi-character results are in the special tables. */
static uint32_t simple_upper(uint32_t cp)
{
    const mk_case_range *r = case_range_find(mk_upper_ranges, mk_upper_ranges_n, cp);
    return r ? (uint32_t)((int32_t)cp + r->delta) : cp;
}

static uint32_t simple_lower(uint32_t cp)
{
    const mk_case_range *r = case_range_find(mk_lower_ranges, mk_lower_ranges_n, cp);
    return r ? (uint32_t)((int32_t)cp + r->delta) : cp;
}

/* ECMAScript Canonicalize (RegExp, ignoreCase, non-unicode mode) for a BMP
 * code unit: ch.toUpperCase() when that is a single code unit, unless it maps
 * a non-ASCII character to ASCII. */
static uint32_t re_canonicalize(uint32_t cp)
{
    if (cp >= 0x10000) return cp;
    if (case_special_find(mk_upper_special, mk_upper_special_n, cp)) return cp;
    uint32_t u = simple_upper(cp);
    if (u >= 0x10000) return cp;
    if (cp >= 128 && u < 128) return cp;
    return u;
}

/* ---- @case ---------------------------------------------------------------- */
static bool cased(uint32_t cp) { return cp != UTF8_BAD_CP && cp_in(mk_cased, mk_cased_n, cp); }
static bool case_ign(uint32_t cp) { return cp != UTF8_BAD_CP && cp_in(mk_case_ignorable, mk_case_ignorable_n, cp); }

/* Final_Sigma: preceded by cased (case-ignorables between), not followed by
 * cased (case-ignorables between). */
static bool final_sigma(const unsigned char *s, size_t n, size_t i, size_t k)
{
    bool before = false;
    size_t j = i, l;
    while (j > 0) {
        j = utf8_prev(s, j);
        uint32_t cp = utf8_decode(s, n, j, &l);
        if (cased(cp)) { before = true; break; }
        if (!case_ign(cp)) break;
    }
    if (!before) return false;
    for (j = i + k; j < n; j += l) {
        uint32_t cp = utf8_decode(s, n, j, &l);
        if (cased(cp)) return false;
        if (!case_ign(cp)) break;
    }
    return true;
}

int mk_change_case(ectx *c, const jv *v, bool upper, jv *out)
{
    const unsigned char *s = (const unsigned char *)v->u.s;
    size_t n = v->n;
    /* fast path: nothing to change */
    size_t i = 0, k;
    for (; i < n; i += k) {
        uint32_t cp = utf8_decode(s, n, i, &k);
        if (cp == UTF8_BAD_CP) continue;
        if (upper ? (case_special_find(mk_upper_special, mk_upper_special_n, cp) || simple_upper(cp) != cp)
                  : (cp == 0x3A3 || case_special_find(mk_lower_special, mk_lower_special_n, cp) ||
                     simple_lower(cp) != cp))
            break;
    }
    if (i == n) { *out = *v; return 0; }
    sb b;
    mk_sb_init(&b, c->a, n + 16);
    sb_put(&b, s, i);
    for (; i < n; i += k) {
        uint32_t cp = utf8_decode(s, n, i, &k);
        if (cp == UTF8_BAD_CP) { sb_put(&b, s + i, k); continue; }
        const char *sp = upper ? case_special_find(mk_upper_special, mk_upper_special_n, cp)
                               : case_special_find(mk_lower_special, mk_lower_special_n, cp);
        if (sp) { sb_puts(&b, sp); continue; }
        uint32_t r;
        if (!upper && cp == 0x3A3) r = final_sigma(s, n, i, k) ? 0x3C2 : 0x3C3;
        else r = upper ? simple_upper(cp) : simple_lower(cp);
        char enc[4];
        sb_put(&b, enc, utf8_encode(enc, r));
    }
    if (b.oom) return mk_eoom(c);
    *out = sb_jv(&b);
    return 0;
}

/* ---- @replace ------------------------------------------------------------- */
/* Length of a match of pattern p at s[i] (case-insensitive per Canonicalize),
 * or 0. */
static size_t match_at(const char *s, size_t n, size_t i, const rstr *p, bool icase)
{
    if (!icase) {
        if (n - i >= p->n && memcmp(s + i, p->s, p->n) == 0) return p->n;
        return 0;
    }
    const unsigned char *us = (const unsigned char *)s, *up = (const unsigned char *)p->s;
    size_t j = 0, a = i, k1, k2;
    while (j < p->n) {
        if (a >= n) return 0;
        uint32_t x = utf8_decode(us, n, a, &k1), y = utf8_decode(up, p->n, j, &k2);
        if (x == UTF8_BAD_CP || y == UTF8_BAD_CP) {
            if (k1 != k2 || memcmp(us + a, up + j, k1) != 0) return 0;
        } else if (x != y && re_canonicalize(x) != re_canonicalize(y)) {
            return 0;
        }
        a += k1;
        j += k2;
    }
    return a - i;
}

/* GetSubstitution with no capture groups: $$, $&, $`, $' */
static void put_replacement(sb *b, const rstr *r, const char *s, size_t n, size_t ms, size_t me)
{
    for (size_t i = 0; i < r->n; i++) {
        char ch = r->s[i];
        if (ch == '$' && i + 1 < r->n) {
            char nx = r->s[i + 1];
            if (nx == '$') { sb_putc(b, '$'); i++; continue; }
            if (nx == '&') { sb_put(b, s + ms, me - ms); i++; continue; }
            if (nx == '`') { sb_put(b, s, ms); i++; continue; }
            if (nx == '\'') { sb_put(b, s + me, n - me); i++; continue; }
        }
        sb_putc(b, ch);
    }
}

int mk_replace(ectx *c, const jv *v, const rstr *pat, const rstr *rep, bool global, bool icase, jv *out)
{
    if (pat->units > 10) return mk_efail(c, "@replace requires a \"pattern\" less than 10 characters");
    if (rep->units > 10) return mk_efail(c, "@replace requires a \"replacement\" less than 10 characters");
    const char *s = v->u.s;
    size_t n = v->n, pos = 0, i = 0, k;
    sb b;
    bool started = false;
    while (i < n) {
        size_t ml = match_at(s, n, i, pat, icase);
        if (ml) {
            if (!started) { mk_sb_init(&b, c->a, n + 16); started = true; }
            sb_put(&b, s + pos, i - pos);
            put_replacement(&b, rep, s, n, i, i + ml);
            i += ml;
            pos = i;
            if (!global) break;
            continue;
        }
        utf8_decode((const unsigned char *)s, n, i, &k);
        i += k;
    }
    if (!started) { *out = *v; return 0; }
    sb_put(&b, s + pos, n - pos);
    if (b.oom) return mk_eoom(c);
    *out = sb_jv(&b);
    return 0;
}
