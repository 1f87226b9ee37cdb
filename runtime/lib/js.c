/* js.c — JavaScript's semantics for values (see js.h). */
#include "lib/js.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/utf8.h"

static bool is_digit(int c) { return c >= '0' && c <= '9'; }

size_t js_dtoa(double d, char out[32])
{
    if (isnan(d)) { memcpy(out, "NaN", 4); return 3; }
    if (isinf(d)) {
        if (d < 0) { memcpy(out, "-Infinity", 10); return 9; }
        memcpy(out, "Infinity", 9);
        return 8;
    }
    if (d == 0) { out[0] = '0'; out[1] = 0; return 1; }

    char e[40];
    int p;
    /* 15 significant digits always suffice to find the shortest form of a
     * normal double when one of <= 15 digits exists; subnormals have less
     * precision, so they search from 1. */
    for (p = fabs(d) < 2.2250738585072014e-308 ? 1 : 15; p <= 17; p++) {
        snprintf(e, sizeof e, "%.*e", p - 1, d);
        if (p == 17 || strtod(e, NULL) == d) break;
    }
    /* e = "-d.ddddde[+-]xx" */
    const char *s = e;
    bool neg = false;
    if (*s == '-') { neg = true; s++; }
    char dig[20];
    int k = 0;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9') dig[k++] = *s;
    int exp10 = atoi(s + 1);
    while (k > 1 && dig[k - 1] == '0') k--;
    int n = exp10 + 1; /* position of the decimal point */

    char *o = out;
    if (neg) *o++ = '-';
    if (k <= n && n <= 21) {
        memcpy(o, dig, (size_t)k); o += k;
        for (int i = k; i < n; i++) *o++ = '0';
    } else if (0 < n && n <= 21) {
        memcpy(o, dig, (size_t)n); o += n;
        *o++ = '.';
        memcpy(o, dig + n, (size_t)(k - n)); o += k - n;
    } else if (-6 < n && n <= 0) {
        *o++ = '0'; *o++ = '.';
        for (int i = 0; i < -n; i++) *o++ = '0';
        memcpy(o, dig, (size_t)k); o += k;
    } else {
        *o++ = dig[0];
        if (k > 1) {
            *o++ = '.';
            memcpy(o, dig + 1, (size_t)(k - 1)); o += k - 1;
        }
        *o++ = 'e';
        int x = n - 1;
        *o++ = x < 0 ? '-' : '+';
        o += sprintf(o, "%d", x < 0 ? -x : x);
    }
    *o = 0;
    return (size_t)(o - out);
}

size_t js_num_string(const jv *v, char out[32])
{
    const char *t = v->u.s;
    uint32_t n = v->n, i = 0;
    /* A plain integer literal of at most 15 digits reads back exactly: its
     * text is String(n) already, no conversion needed. */
    bool plain = n > 0 && n <= 16;
    if (plain && t[0] == '-') i = 1;
    if (plain && (n - i == 0 || n - i > 15 || (t[i] == '0' && n - i > 1) || (i && t[i] == '0'))) plain = false;
    for (uint32_t j = i; plain && j < n; j++)
        if (t[j] < '0' || t[j] > '9') plain = false;
    if (plain) {
        memcpy(out, t, n);
        out[n] = 0;
        return n;
    }
    return js_dtoa(jv_num_double(v), out);
}

void js_string_to(js_put_fn put, void *ctx, const jv *v)
{
    char t[32];
    switch (v ? v->type : JV_UNDEF) {
    case JV_BOOL: put(ctx, v->b ? "true" : "false", v->b ? 4 : 5); break;
    case JV_NUM: put(ctx, t, js_num_string(v, t)); break;
    case JV_STR: put(ctx, v->u.s, v->n); break;
    case JV_OBJ: put(ctx, "[object Object]", 15); break;
    case JV_FUNC:
        put(ctx, "function ", 9);
        put(ctx, v->u.s, v->n);
        put(ctx, "() { [native code] }", 20);
        break;
    case JV_ARR:
        for (uint32_t i = 0; i < v->n; i++) {
            if (i) put(ctx, ",", 1);
            js_string_to(put, ctx, &v->u.items[i]);
        }
        break;
    default: break;
    }
}

static void put_jbuf(void *ctx, const char *s, size_t n) { jbuf_put(ctx, s, n); }

void js_string(jbuf *b, const jv *v) { js_string_to(put_jbuf, b, v); }

bool js_truthy(const jv *v)
{
    switch (v ? v->type : JV_UNDEF) {
    case JV_BOOL: return v->b;
    case JV_NUM: {
        double d = jv_num_double(v);
        return d != 0 && !isnan(d);
    }
    case JV_STR: return v->n > 0;
    case JV_ARR:
    case JV_OBJ:
    case JV_FUNC: return true;
    default: return false;
    }
}

bool js_is_space(uint32_t cp)
{
    switch (cp) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
        return true;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

size_t js_space_len(const unsigned char *s, size_t n)
{
    if (n == 0) return 0;
    size_t k;
    uint32_t cp = utf8_decode(s, n, 0, &k);
    return cp != UTF8_BAD_CP && js_is_space(cp) ? k : 0;
}

void js_trim(const char *s, size_t n, size_t *start, size_t *end)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, e = n, k;
    while (i < e) {
        uint32_t cp = utf8_decode(u, n, i, &k);
        if (!js_is_space(cp)) break;
        i += k;
    }
    while (e > i) {
        size_t p = utf8_prev(u, e);
        uint32_t cp = utf8_decode(u, n, p, &k);
        if (p + k != e || !js_is_space(cp)) break;
        e = p;
    }
    *start = i;
    *end = e;
}

double js_to_number(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t k;
    while (n && (k = js_space_len(s, n)) != 0) { s += k; n -= k; }
    while (n) {
        size_t back = 0;
        for (size_t w = 1; w <= 3 && w <= n; w++)
            if (js_space_len(s + n - w, w) == w) { back = w; break; }
        if (!back) break;
        n -= back;
    }
    if (n == 0) return 0;
    if (n == 8 && memcmp(s, "Infinity", 8) == 0) return INFINITY;
    if (n == 9 && memcmp(s, "+Infinity", 9) == 0) return INFINITY;
    if (n == 9 && memcmp(s, "-Infinity", 9) == 0) return -INFINITY;
    if (n > 2 && s[0] == '0') {
        int base = 0;
        if (s[1] == 'x' || s[1] == 'X') base = 16;
        else if (s[1] == 'o' || s[1] == 'O') base = 8;
        else if (s[1] == 'b' || s[1] == 'B') base = 2;
        if (base) {
            double d = 0;
            for (size_t i = 2; i < n; i++) {
                int c = s[i], v;
                if (is_digit(c)) v = c - '0';
                else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
                else return NAN;
                if (v >= base) return NAN;
                d = d * base + v;
            }
            return d;
        }
    }
    /* StrDecimalLiteral: [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)? */
    size_t i = 0, digits = 0;
    if (s[i] == '+' || s[i] == '-') i++;
    while (i < n && is_digit(s[i])) { i++; digits++; }
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && is_digit(s[i])) { i++; digits++; }
    }
    if (!digits) return NAN;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        size_t ed = 0;
        while (i < n && is_digit(s[i])) { i++; ed++; }
        if (!ed) return NAN;
    }
    if (i != n) return NAN;
    char small[64];
    char *tmp = n < sizeof small ? small : malloc(n + 1);
    if (!tmp) return NAN;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    double d = strtod(tmp, NULL);
    if (tmp != small) free(tmp);
    return d;
}

