/* json.c — exact JSON: arena, parser, writer, number canonicalisation. */
#include "lib/json.h"

#include "lib/hex.h"
#include "lib/js.h"
#include "lib/utf8.h"

#include <errno.h>
#include <pthread.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ======================================================================== */
/* numbers                                                                   */
/* ======================================================================== */

/* Integer literal (JSON grammar, no fraction/exponent) that fits 64 bits. */
static bool int_literal_fits(const char *t, size_t n)
{
    size_t i = 0;
    bool neg = false;
    if (i < n && t[i] == '-') { neg = true; i++; }
    if (i >= n) return false;
    size_t digits = n - i;
    for (size_t j = i; j < n; j++)
        if (t[j] < '0' || t[j] > '9') return false;
    if (digits < 19) return true;
    if (digits > 20) return false;
    const char *lim = neg ? "9223372036854775808" : (digits == 20 ? "18446744073709551615" : "9999999999999999999");
    if (neg && digits == 20) return false;
    return memcmp(t + i, lim, digits) <= 0;
}


static double text_to_double(const char *t, size_t n)
{
    char tmp[128];
    if (n < sizeof tmp) {
        memcpy(tmp, t, n);
        tmp[n] = 0;
        return strtod(tmp, NULL);
    }
    char *h = malloc(n + 1);
    if (!h) return NAN;
    memcpy(h, t, n);
    h[n] = 0;
    double d = strtod(h, NULL);
    free(h);
    return d;
}

size_t json_num_canon(const char *text, size_t n, char out[32])
{
    if (n && n < 32 && int_literal_fits(text, n)) {
        if (n == 2 && text[0] == '-' && text[1] == '0') {
            out[0] = '0'; out[1] = 0;
            return 1;
        }
        memcpy(out, text, n);
        out[n] = 0;
        return n;
    }
    return js_dtoa(text_to_double(text, n), out);
}

double jv_num_double(const jv *v)
{
    if (!v || v->type != JV_NUM) return NAN;
    return text_to_double(v->u.s, v->n);
}

bool jv_num_int64(const jv *v, int64_t *out)
{
    if (!v || v->type != JV_NUM || !v->n || v->n > 20 || !int_literal_fits(v->u.s, v->n)) return false;
    errno = 0;
    char tmp[24];
    memcpy(tmp, v->u.s, v->n);
    tmp[v->n] = 0;
    long long x = strtoll(tmp, NULL, 10);
    if (errno) return false;
    *out = x;
    return true;
}

/* ======================================================================== */
/* construction / access                                                     */
/* ======================================================================== */
jv jv_str(jarena *a, const char *s, size_t n)
{
    jv v = {0};
    char *p = jarena_strdup(a, s, n);
    if (!p) return v;
    v.type = JV_STR;
    v.n = (uint32_t)n;
    v.u.s = p;
    return v;
}

jv jv_num_text(jarena *a, const char *text, size_t n)
{
    jv v = {0};
    char *p = jarena_strdup(a, text, n);
    if (!p) return v;
    v.type = JV_NUM;
    v.n = (uint32_t)n;
    v.u.s = p;
    return v;
}

jv jv_num_double_new(jarena *a, double d)
{
    if (isnan(d) || isinf(d)) return jv_null();
    char t[32];
    size_t n = js_dtoa(d, t);
    return jv_num_text(a, t, n);
}

jv jv_num_int(jarena *a, int64_t i)
{
    char t[32];
    int n = snprintf(t, sizeof t, "%lld", (long long)i);
    return jv_num_text(a, t, (size_t)n);
}

jv jv_arr_new(jarena *a, size_t n)
{
    jv v = {0};
    jv *items = jarena_alloc(a, (n ? n : 1) * sizeof *items);
    if (!items) return v;
    memset(items, 0, (n ? n : 1) * sizeof *items);
    v.type = JV_ARR;
    v.n = (uint32_t)n;
    v.u.items = items;
    return v;
}

jv jv_obj_new(jarena *a, size_t n)
{
    jv v = {0};
    jmember *m = jarena_alloc(a, (n ? n : 1) * sizeof *m);
    if (!m) return v;
    memset(m, 0, (n ? n : 1) * sizeof *m);
    v.type = JV_OBJ;
    v.n = (uint32_t)n;
    v.u.members = m;
    return v;
}

const jv *jv_get(const jv *obj, const char *key, size_t klen)
{
    if (!obj || obj->type != JV_OBJ) return NULL;
    const jmember *m = obj->u.members;
    for (uint32_t i = 0; i < obj->n; i++) {
        if (m[i].klen == klen && m[i].val.type != JV_UNDEF && m[i].key &&
            memcmp(m[i].key, key, klen) == 0)
            return &m[i].val;
    }
    return NULL;
}

const char *jv_type_phrase(const jv *v)
{
    switch (v ? v->type : JV_UNDEF) {
    case JV_NULL: return "null";
    case JV_BOOL: return "a boolean";
    case JV_NUM: return "a number";
    case JV_STR: return "a string";
    case JV_ARR: return "an array";
    case JV_OBJ: return "an object";
    case JV_FUNC: return "a function";
    default: return "undefined";
    }
}

const char *jv_type_name(const jv *v)
{
    switch (v ? v->type : JV_UNDEF) {
    case JV_NULL: return "null";
    case JV_BOOL: return "boolean";
    case JV_NUM: return "number";
    case JV_STR: return "string";
    case JV_ARR: return "array";
    case JV_OBJ: return "object";
    case JV_FUNC: return "function";
    default: return "undefined";
    }
}



bool jv_equal(const jv *a, const jv *b)
{
    bool pa = jv_present(a), pb = jv_present(b);
    if (!pa || !pb) return pa == pb;
    if (a->type != b->type) return false;
    switch (a->type) {
    case JV_NULL: return true;
    case JV_BOOL: return a->b == b->b;
    case JV_NUM: return jv_num_double(a) == jv_num_double(b);
    case JV_STR:
    case JV_FUNC: return a->n == b->n && memcmp(a->u.s, b->u.s, a->n) == 0;
    case JV_ARR:
        if (a->n != b->n) return false;
        for (uint32_t i = 0; i < a->n; i++)
            if (!jv_equal(&a->u.items[i], &b->u.items[i])) return false;
        return true;
    case JV_OBJ: {
        uint32_t ca = 0, cb = 0;
        for (uint32_t i = 0; i < a->n; i++) {
            const jmember *m = &a->u.members[i];
            if (m->val.type == JV_UNDEF) continue;
            ca++;
            if (!jv_equal(&m->val, jv_get(b, m->key, m->klen))) return false;
        }
        for (uint32_t i = 0; i < b->n; i++)
            if (b->u.members[i].val.type != JV_UNDEF) cb++;
        return ca == cb;
    }
    default: return false;
    }
}

int jv_clone(jarena *a, const jv *src, jv *dst)
{
    switch (src->type) {
    case JV_STR:
    case JV_FUNC:
    case JV_NUM: {
        char *p = jarena_strdup(a, src->u.s, src->n);
        if (!p) return -1;
        *dst = *src;
        dst->u.s = p;
        return 0;
    }
    case JV_ARR: {
        jv v = jv_arr_new(a, src->n);
        if (v.type != JV_ARR) return -1;
        for (uint32_t i = 0; i < src->n; i++)
            if (jv_clone(a, &src->u.items[i], &v.u.items[i])) return -1;
        *dst = v;
        return 0;
    }
    case JV_OBJ: {
        jv v = jv_obj_new(a, src->n);
        if (v.type != JV_OBJ) return -1;
        for (uint32_t i = 0; i < src->n; i++) {
            const jmember *m = &src->u.members[i];
            v.u.members[i].klen = m->klen;
            v.u.members[i].key = m->key ? jarena_strdup(a, m->key, m->klen) : NULL;
            if (m->key && !v.u.members[i].key) return -1;
            if (jv_clone(a, &m->val, &v.u.members[i].val)) return -1;
        }
        *dst = v;
        return 0;
    }
    default:
        *dst = *src;
        return 0;
    }
}


/* ======================================================================== */
/* parser                                                                    */
/* ======================================================================== */
typedef struct {
    jv *v;
    size_t len, cap;
} jv_stack;
typedef struct {
    jmember *m;
    size_t len, cap;
} mem_stack;

/* Scratch stacks for children while a container is open: one pair per thread,
 * reused across parses, freed when the thread ends (a pthread key destructor,
 * so threads that come and go, like a server's, leave nothing behind). */
typedef struct {
    jv_stack items;
    mem_stack members;
} scratch;

static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void scratch_free(void *p)
{
    scratch *sc = p;
    free(sc->items.v);
    free(sc->members.m);
    free(sc);
}

static void scratch_key_init(void) { pthread_key_create(&scratch_key, scratch_free); }

static scratch *get_scratch(void)
{
    pthread_once(&scratch_once, scratch_key_init);
    scratch *sc = pthread_getspecific(scratch_key);
    if (!sc) {
        sc = calloc(1, sizeof *sc);
        if (sc && pthread_setspecific(scratch_key, sc) != 0) {
            free(sc);
            sc = NULL;
        }
    }
    return sc;
}

typedef struct {
    jarena *a;
    const char *buf, *p, *end;
    size_t depth, max_depth;
    jerr *err;
    scratch *sc;
    bool scan;      /* json_validate: check only, build nothing (a and sc unused) */
} parser;

static int perr(parser *ps, const char *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int perr(parser *ps, const char *at, const char *fmt, ...)
{
    if (!ps->err) return -1;
    ps->err->offset = (size_t)(at - ps->buf);
    int n = snprintf(ps->err->msg, sizeof ps->err->msg, "invalid JSON at byte %zu: ", ps->err->offset);
    va_list ap;
    va_start(ap, fmt);
    if (n > 0 && (size_t)n < sizeof ps->err->msg)
        vsnprintf(ps->err->msg + n, sizeof ps->err->msg - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

static void skip_ws(parser *ps)
{
    const char *p = ps->p, *e = ps->end;
    while (p < e && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
    ps->p = p;
}


static int read_hex4(parser *ps, const char *p, unsigned *out)
{
    if (ps->end - p < 4) return perr(ps, p, "truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value((unsigned char)p[i]);
        if (h < 0) return perr(ps, p + i, "bad hex digit in \\u escape");
        v = v << 4 | (unsigned)h;
    }
    *out = v;
    return 0;
}



static int decode_escapes(parser *ps, const char *start, const char *p, char *o0, size_t *outlen);

/* Parses a string starting after the opening quote. */
static int parse_string(parser *ps, const char **out, uint32_t *outlen)
{
    const char *start = ps->p, *p = start, *e = ps->end;
    bool escaped = false;
    for (;;) {
        if (p >= e) return perr(ps, p, "unterminated string");
        unsigned char c = (unsigned char)*p;
        if (c == '"') break;
        if (c == '\\') {
            escaped = true;
            if (p + 1 >= e) return perr(ps, p, "unterminated string");
            p += 2;
            continue;
        }
        if (c < 0x20) return perr(ps, p, "control character in string");
        if (c >= 0x80) {
            size_t k = utf8_seq_len((const unsigned char *)p, (size_t)(e - p));
            if (!k) return perr(ps, p, "invalid UTF-8 in string");
            p += k;
            continue;
        }
        p++;
    }
    size_t rawlen = (size_t)(p - start);
    if (rawlen > UINT32_MAX) return perr(ps, start, "string too long");
    if (!escaped) {
        *out = start;
        *outlen = (uint32_t)rawlen;
        ps->p = p + 1;
        return 0;
    }
    /* Decode escapes; output is never longer than the input. */
    char *o0 = NULL;
    if (!ps->scan) {
        o0 = jarena_alloc(ps->a, rawlen + 1);
        if (!o0) return perr(ps, start, "out of memory (event too large)");
    }
    size_t n;
    if (decode_escapes(ps, start, p, o0, &n)) return -1;
    *out = o0;
    *outlen = (uint32_t)n;
    ps->p = p + 1;
    return 0;
}

/* The bytes start..end of a string (escapes in it) decoded into o (NULL:
 * checked only); the decoded length in *outlen. */
static int decode_escapes(parser *ps, const char *start, const char *p, char *o0, size_t *outlen)
{
    char *o = o0;
    for (const char *q = start; q < p;) {
        if (*q != '\\') {
            if (o0) *o++ = *q;
            q++;
            continue;
        }
        const char *esc = q;
        q++;
        char c;
        switch (*q) {
        case '"': c = '"'; break;
        case '\\': c = '\\'; break;
        case '/': c = '/'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u': {
            unsigned cp;
            if (read_hex4(ps, q + 1, &cp)) return -1;
            q += 5;
            if (cp >= 0xD800 && cp <= 0xDBFF && p - q >= 6 && q[0] == '\\' && q[1] == 'u') {
                unsigned lo;
                if (read_hex4(ps, q + 2, &lo)) return -1;
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    q += 6;
                }
            }
            /* Lone surrogates are kept as 3-byte WTF-8 (utf8_encode does that). */
            if (o0) o += utf8_encode(o, cp);
            continue;
        }
        default:
            return perr(ps, esc, "invalid escape '\\%c'", *q);
        }
        if (o0) *o++ = c;
        q++;
    }
    if (o0) *o = 0;
    *outlen = o0 ? (size_t)(o - o0) : 0;
    return 0;
}

static int parse_number(parser *ps, jv *out)
{
    const char *s = ps->p, *p = s, *e = ps->end;
    if (p < e && *p == '-') p++;
    if (p >= e) return perr(ps, p, "expected a digit");
    if (*p == '0') {
        p++;
    } else if (*p >= '1' && *p <= '9') {
        while (p < e && *p >= '0' && *p <= '9') p++;
    } else {
        return perr(ps, p, "expected a digit");
    }
    if (p < e && *p == '.') {
        p++;
        if (p >= e || *p < '0' || *p > '9') return perr(ps, p, "expected a digit after '.'");
        while (p < e && *p >= '0' && *p <= '9') p++;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < e && (*p == '+' || *p == '-')) p++;
        if (p >= e || *p < '0' || *p > '9') return perr(ps, p, "expected a digit in exponent");
        while (p < e && *p >= '0' && *p <= '9') p++;
    }
    out->type = JV_NUM;
    out->b = 0;
    out->n = (uint32_t)(p - s);
    out->u.s = s;
    ps->p = p;
    return 0;
}

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return true;
    size_t c = *cap ? *cap * 2 : 64;
    while (c < need) c *= 2;
    void *n = realloc(*p, c * elem);
    if (!n) return false;
    *p = n;
    *cap = c;
    return true;
}

static uint64_t key_bit(const char *k, uint32_t n)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < n; i++) h = (h ^ (unsigned char)k[i]) * 16777619u;
    return (uint64_t)1 << (h & 63);
}

static int parse_value(parser *ps, jv *out);

static int parse_array(parser *ps, jv *out)
{
    const char *open = ps->p - 1;
    if (++ps->depth > ps->max_depth) return perr(ps, open, "nesting deeper than %zu levels", ps->max_depth);
    size_t base = ps->scan ? 0 : ps->sc->items.len;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ']') {
        ps->p++;
    } else {
        for (;;) {
            jv v;
            if (parse_value(ps, &v)) goto fail;
            if (ps->scan) {
                /* json_validate: nothing kept */
            } else if (!grow((void **)&ps->sc->items.v, &ps->sc->items.cap, ps->sc->items.len + 1, sizeof(jv))) {
                perr(ps, ps->p, "out of memory");
                goto fail;
            } else {
                ps->sc->items.v[ps->sc->items.len++] = v;
            }
            skip_ws(ps);
            if (ps->p >= ps->end) { perr(ps, ps->p, "unterminated array"); goto fail; }
            char c = *ps->p++;
            if (c == ']') break;
            if (c != ',') { perr(ps, ps->p - 1, "expected ',' or ']' in array"); goto fail; }
        }
    }
    if (ps->scan) {
        ps->depth--;
        return 0;
    }
    size_t n = ps->sc->items.len - base;
    *out = jv_arr_new(ps->a, n);
    if (out->type != JV_ARR) { perr(ps, open, "out of memory (event too large)"); goto fail; }
    if (n) memcpy(out->u.items, ps->sc->items.v + base, n * sizeof(jv));
    ps->sc->items.len = base;
    ps->depth--;
    return 0;
fail:
    if (!ps->scan) ps->sc->items.len = base;
    return -1;
}

/* The member just parsed into the open object's scratch: a duplicate key
 * keeps the first position and the last value (as JSON.parse does). */
static int keep_member(parser *ps, size_t base, uint64_t *seen, const jmember *m)
{
    uint64_t bit = key_bit(m->key, m->klen);
    if (*seen & bit) {
        for (size_t i = base; i < ps->sc->members.len; i++) {
            jmember *o = &ps->sc->members.m[i];
            if (o->klen == m->klen && memcmp(o->key, m->key, m->klen) == 0) {
                o->val = m->val;
                return 0;
            }
        }
    }
    *seen |= bit;
    if (!grow((void **)&ps->sc->members.m, &ps->sc->members.cap, ps->sc->members.len + 1, sizeof(jmember)))
        return perr(ps, ps->p, "out of memory");
    ps->sc->members.m[ps->sc->members.len++] = *m;
    return 0;
}

static int parse_object(parser *ps, jv *out)
{
    const char *open = ps->p - 1;
    if (++ps->depth > ps->max_depth) return perr(ps, open, "nesting deeper than %zu levels", ps->max_depth);
    size_t base = ps->scan ? 0 : ps->sc->members.len;
    uint64_t seen = 0;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '}') {
        ps->p++;
    } else {
        for (;;) {
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != '"') {
                perr(ps, ps->p, ps->p >= ps->end ? "unterminated object" : "expected a string key in object");
                goto fail;
            }
            ps->p++;
            jmember m;
            if (parse_string(ps, &m.key, &m.klen)) goto fail;
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') { perr(ps, ps->p, "expected ':' after object key"); goto fail; }
            ps->p++;
            if (parse_value(ps, &m.val)) goto fail;
            if (!ps->scan && keep_member(ps, base, &seen, &m)) goto fail;
            skip_ws(ps);
            if (ps->p >= ps->end) { perr(ps, ps->p, "unterminated object"); goto fail; }
            char c = *ps->p++;
            if (c == '}') break;
            if (c != ',') { perr(ps, ps->p - 1, "expected ',' or '}' in object"); goto fail; }
        }
    }
    if (ps->scan) {
        ps->depth--;
        return 0;
    }
    size_t n = ps->sc->members.len - base;
    *out = jv_obj_new(ps->a, n);
    if (out->type != JV_OBJ) { perr(ps, open, "out of memory (event too large)"); goto fail; }
    if (n) memcpy(out->u.members, ps->sc->members.m + base, n * sizeof(jmember));
    ps->sc->members.len = base;
    ps->depth--;
    return 0;
fail:
    if (!ps->scan) ps->sc->members.len = base;
    return -1;
}

static int parse_lit(parser *ps, const char *word, size_t n)
{
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return perr(ps, ps->p, "unexpected character '%c'", *ps->p);
    ps->p += n;
    return 0;
}

static int parse_value(parser *ps, jv *out)
{
    skip_ws(ps);
    memset(out, 0, sizeof *out);
    if (ps->p >= ps->end) return perr(ps, ps->p, "unexpected end of input");
    char c = *ps->p;
    switch (c) {
    case '{': ps->p++; return parse_object(ps, out);
    case '[': ps->p++; return parse_array(ps, out);
    case '"':
        ps->p++;
        out->type = JV_STR;
        return parse_string(ps, &out->u.s, &out->n);
    case 't': out->type = JV_BOOL; out->b = 1; return parse_lit(ps, "true", 4);
    case 'f': out->type = JV_BOOL; out->b = 0; return parse_lit(ps, "false", 5);
    case 'n': out->type = JV_NULL; return parse_lit(ps, "null", 4);
    default:
        if (c == '-' || (c >= '0' && c <= '9')) return parse_number(ps, out);
        if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f)
            return perr(ps, ps->p, "unexpected byte 0x%02x", (unsigned char)c);
        return perr(ps, ps->p, "unexpected character '%c'", c);
    }
}

int json_parse(jarena *a, const char *buf, size_t len, const jlimits *limits, jv *out, jerr *err)
{
    size_t max_bytes = limits && limits->max_bytes ? limits->max_bytes : 4u << 20;
    parser ps = {
        .a = a, .buf = buf, .p = buf, .end = buf + len,
        .max_depth = limits && limits->max_depth ? limits->max_depth : 128,
        .err = err,
        .sc = get_scratch(),
    };
    memset(out, 0, sizeof *out);
    if (!ps.sc) {
        if (err) {
            err->offset = 0;
            snprintf(err->msg, sizeof err->msg, "out of memory");
        }
        return -1;
    }
    if (len > max_bytes) {
        if (err) {
            err->offset = max_bytes;
            snprintf(err->msg, sizeof err->msg, "input of %zu bytes is larger than the limit of %zu bytes",
                     len, max_bytes);
        }
        return -1;
    }
    if (parse_value(&ps, out)) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    skip_ws(&ps);
    if (ps.p != ps.end) {
        memset(out, 0, sizeof *out);
        return perr(&ps, ps.p, "unexpected data after the JSON value");
    }
    return 0;
}

int json_validate(const char *buf, size_t len, size_t max_depth, jerr *err)
{
    parser ps = {
        .buf = buf, .p = buf, .end = buf + len, .max_depth = max_depth ? max_depth : 128, .err = err, .scan = true,
    };
    jv v;
    if (parse_value(&ps, &v)) return -1;
    skip_ws(&ps);
    if (ps.p != ps.end) return perr(&ps, ps.p, "unexpected data after the JSON value");
    return 0;
}

/* ======================================================================== */
/* walking validated text                                                    */
/* ======================================================================== */
/* Every step stays inside buf[0..len), whatever the text; on text that
 * json_validate accepted the spans are the values'. */
static size_t ws_from(const char *b, size_t len, size_t i)
{
    while (i < len && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) i++;
    return i;
}

/* The offset after the string whose opening quote is at b[i]. */
static size_t skip_string(const char *b, size_t len, size_t i)
{
    for (i++; i < len; i++) {
        if (b[i] == '\\') i++;
        else if (b[i] == '"') return i + 1;
    }
    return len;
}

/* The offset after the value that starts at b[i]. */
static size_t skip_value(const char *b, size_t len, size_t i)
{
    if (i >= len) return len;
    if (b[i] == '"') return skip_string(b, len, i);
    if (b[i] == '{' || b[i] == '[') {
        size_t depth = 0;
        while (i < len) {
            char c = b[i];
            if (c == '"') {
                i = skip_string(b, len, i);
                continue;
            }
            if (c == '{' || c == '[') depth++;
            else if ((c == '}' || c == ']') && --depth == 0) return i + 1;
            i++;
        }
        return len;
    }
    while (i < len && b[i] != ',' && b[i] != ']' && b[i] != '}' && b[i] != ' ' && b[i] != '\n' && b[i] != '\r' &&
           b[i] != '\t')
        i++;
    return i;
}

jspan json_value_span(const char *buf, size_t len, size_t off)
{
    size_t s = ws_from(buf, len, off);
    return (jspan){s, skip_value(buf, len, s) - s};
}

jcursor jcursor_at(const char *buf, size_t len, size_t open)
{
    jcursor c = {.buf = buf, .len = len, .pos = open < len ? open + 1 : len};
    c.obj = open < len && buf[open] == '{';
    return c;
}

bool jcursor_next(jcursor *c, jspan *key, jspan *val)
{
    const char *b = c->buf;
    size_t i = ws_from(b, c->len, c->pos);
    if (i < c->len && b[i] == ',') i = ws_from(b, c->len, i + 1);
    if (i >= c->len || b[i] == ']' || b[i] == '}') {
        c->pos = i;
        return false;
    }
    if (c->obj) {
        size_t k = i;
        i = skip_string(b, c->len, i);
        if (key) *key = (jspan){k, i - k};
        i = ws_from(b, c->len, i);
        if (i < c->len && b[i] == ':') i++;
        i = ws_from(b, c->len, i);
    } else if (key) {
        *key = (jspan){0, 0};
    }
    size_t e = skip_value(b, c->len, i);
    if (e == i && e < c->len) e++; /* never stuck on a stray byte */
    if (val) *val = (jspan){i, e - i};
    c->pos = e;
    return true;
}

bool json_key_is(const char *buf, jspan key, const char *name)
{
    size_t n = strlen(name);
    if (key.len < 2 || buf[key.off] != '"') return false;
    const char *s = buf + key.off + 1;
    size_t raw = key.len - 2;
    if (!memchr(s, '\\', raw)) return raw == n && memcmp(s, name, n) == 0;
    char out[256];
    /* 256 bytes of escapes decode to at least 43: longer than any name asked */
    if (raw >= sizeof out) return false;
    parser ps = {.buf = buf, .p = s, .end = s + raw, .scan = false};
    size_t got;
    if (decode_escapes(&ps, s, s + raw, out, &got)) return false;
    return got == n && memcmp(out, name, n) == 0;
}

/* ======================================================================== */
/* writer                                                                    */
/* ======================================================================== */
/* Bytes that stop the plain copy: '"', '\\', controls, and 0xED (the lead
 * byte of a possible WTF-8 lone surrogate). */
static const unsigned char SPECIAL[256] = {
    [0 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0xED] = 1,
};

void json_write_string(jbuf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    jbuf_putc(b, '"');
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        while (i < n && !SPECIAL[u[i]]) i++;
        jbuf_put(b, s + start, i - start);
        if (i >= n) break;
        unsigned char c = u[i];
        char e[8] = {'\\', 0};
        size_t el = 2;
        switch (c) {
        case '"': e[1] = '"'; break;
        case '\\': e[1] = '\\'; break;
        case '\b': e[1] = 'b'; break;
        case '\f': e[1] = 'f'; break;
        case '\n': e[1] = 'n'; break;
        case '\r': e[1] = 'r'; break;
        case '\t': e[1] = 't'; break;
        case 0xED:
            if (i + 2 < n && (u[i + 1] & 0xE0) == 0xA0) {
                /* WTF-8 lone surrogate: JSON.stringify writes it as \udxxx. */
                unsigned cp = 0xD000 | ((unsigned)(u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
                e[1] = 'u';
                e[2] = hex[cp >> 12]; e[3] = hex[(cp >> 8) & 15];
                e[4] = hex[(cp >> 4) & 15]; e[5] = hex[cp & 15];
                el = 6;
                i += 2;
            } else {
                e[0] = (char)c; /* an ordinary 3-byte character */
                el = 1;
            }
            break;
        default: /* other controls */
            e[1] = 'u'; e[2] = '0'; e[3] = '0';
            e[4] = hex[c >> 4]; e[5] = hex[c & 15];
            el = 6;
        }
        jbuf_put(b, e, el);
        i++;
    }
    jbuf_putc(b, '"');
}

bool json_index_key(const char *k, uint32_t n, uint32_t *out)
{
    if (!k || n == 0 || n > 10) return false;
    if (k[0] == '0') {
        if (n != 1) return false;
        *out = 0;
        return true;
    }
    uint64_t v = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (k[i] < '0' || k[i] > '9') return false;
        v = v * 10 + (uint64_t)(k[i] - '0');
    }
    if (v > 4294967294u) return false;
    *out = (uint32_t)v;
    return true;
}

typedef struct {
    uint32_t idx, pos;
} keyidx;

static int cmp_keyidx(const void *a, const void *b)
{
    const keyidx *x = a, *y = b;
    if (x->idx != y->idx) return x->idx < y->idx ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

int json_key_order(const jv *obj, uint32_t *perm)
{
    const jmember *m = obj->u.members;
    uint32_t nidx = 0, tmp, last = 0;
    bool sorted = true, seen_other = false;
    for (uint32_t i = 0; i < obj->n; i++) {
        if (json_index_key(m[i].key, m[i].klen, &tmp)) {
            if (seen_other || (nidx && tmp < last)) sorted = false;
            last = tmp;
            nidx++;
        } else {
            seen_other = true;
        }
    }
    if (nidx == 0 || sorted) return 0;
    keyidx stackbuf[32];
    keyidx *ki = nidx <= 32 ? stackbuf : malloc(nidx * sizeof *ki);
    if (!ki) return -1;
    uint32_t k = 0, p = 0;
    for (uint32_t i = 0; i < obj->n; i++)
        if (json_index_key(m[i].key, m[i].klen, &tmp)) ki[k++] = (keyidx){tmp, i};
    qsort(ki, nidx, sizeof *ki, cmp_keyidx);
    for (uint32_t i = 0; i < nidx; i++) perm[p++] = ki[i].pos;
    for (uint32_t i = 0; i < obj->n; i++)
        if (!json_index_key(m[i].key, m[i].klen, &tmp)) perm[p++] = i;
    if (ki != stackbuf) free(ki);
    return 1;
}

static void write_value(jbuf *b, const jv *v, int indent, int level);

static void newline(jbuf *b, int indent, int level)
{
    if (indent <= 0) return;
    jbuf_putc(b, '\n');
    for (int i = 0; i < indent * level; i++) jbuf_putc(b, ' ');
}

static void write_member(jbuf *b, const jmember *m, bool *first, int indent, int level)
{
    if (m->val.type == JV_UNDEF || m->val.type == JV_FUNC) return;
    if (!*first) jbuf_putc(b, ',');
    *first = false;
    newline(b, indent, level + 1);
    json_write_string(b, m->key, m->klen);
    jbuf_putc(b, ':');
    if (indent > 0) jbuf_putc(b, ' ');
    write_value(b, &m->val, indent, level + 1);
}

static void write_object(jbuf *b, const jv *v, int indent, int level)
{
    const jmember *m = v->u.members;
    uint32_t stackperm[64];
    uint32_t *perm = v->n <= 64 ? stackperm : malloc(v->n * sizeof *perm);
    int ordered = perm ? json_key_order(v, perm) : -1;
    if (ordered < 0) {
        b->oom = true;
        if (perm != stackperm) free(perm);
        return;
    }
    jbuf_putc(b, '{');
    bool first = true;
    for (uint32_t i = 0; i < v->n; i++) write_member(b, &m[ordered ? perm[i] : i], &first, indent, level);
    if (perm != stackperm) free(perm);
    if (!first) newline(b, indent, level);
    jbuf_putc(b, '}');
}

static void write_value(jbuf *b, const jv *v, int indent, int level)
{
    switch (v->type) {
    case JV_NULL:
    case JV_UNDEF:
    case JV_FUNC: jbuf_put(b, "null", 4); break;
    case JV_BOOL: v->b ? jbuf_put(b, "true", 4) : jbuf_put(b, "false", 5); break;
    case JV_NUM: {
        char t[32];
        size_t n = json_num_canon(v->u.s, v->n, t);
        /* NaN/Infinity are not JSON: JSON.stringify writes null. */
        if (t[0] == 'N' || t[0] == 'I' || (t[0] == '-' && t[1] == 'I')) jbuf_put(b, "null", 4);
        else jbuf_put(b, t, n);
        break;
    }
    case JV_STR: json_write_string(b, v->u.s, v->n); break;
    case JV_ARR:
        jbuf_putc(b, '[');
        for (uint32_t i = 0; i < v->n; i++) {
            if (i) jbuf_putc(b, ',');
            newline(b, indent, level + 1);
            write_value(b, &v->u.items[i], indent, level + 1);
        }
        if (v->n) newline(b, indent, level);
        jbuf_putc(b, ']');
        break;
    case JV_OBJ: write_object(b, v, indent, level); break;
    }
}

void json_write(jbuf *b, const jv *v) { write_value(b, v, 0, 0); }
void json_write_pretty(jbuf *b, const jv *v, int indent) { write_value(b, v, indent, 0); }
