/* jsoncheck.c — see jsoncheck.h. */
#include "jsoncheck.h"

typedef struct {
    const unsigned char *p, *e;
    int depth;
} checker;

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && s[1] < 0xA0) return 0; /* overlong */
        if (c == 0xED && s[1] >= 0xA0) return 0; /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80) return 0;
        if (c == 0xF0 && s[1] < 0x90) return 0; /* overlong */
        if (c == 0xF4 && s[1] >= 0x90) return 0; /* beyond U+10FFFF */
        return 4;
    }
    return 0;
}

static void ws(checker *k)
{
    while (k->p < k->e && (*k->p == ' ' || *k->p == '\n' || *k->p == '\r' || *k->p == '\t')) k->p++;
}

static bool is_hex(unsigned c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_digit(const checker *k)
{
    return k->p < k->e && *k->p >= '0' && *k->p <= '9';
}

/* After the opening quote. */
static bool string(checker *k)
{
    while (k->p < k->e) {
        unsigned c = *k->p;
        if (c == '"') {
            k->p++;
            return true;
        }
        if (c == '\\') {
            if (k->e - k->p < 2) return false;
            c = k->p[1];
            if (c == 'u') {
                if (k->e - k->p < 6) return false;
                for (int i = 2; i < 6; i++)
                    if (!is_hex(k->p[i])) return false;
                k->p += 6;
            } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' ||
                       c == 't') {
                k->p += 2;
            } else {
                return false;
            }
            continue;
        }
        if (c < 0x20) return false;
        if (c >= 0x80) {
            size_t n = utf8_seq_len(k->p, (size_t)(k->e - k->p));
            if (!n) return false;
            k->p += n;
            continue;
        }
        k->p++;
    }
    return false;
}

static bool number(checker *k)
{
    if (k->p < k->e && *k->p == '-') k->p++;
    if (!is_digit(k)) return false;
    if (*k->p++ != '0')
        while (is_digit(k)) k->p++;
    if (k->p < k->e && *k->p == '.') {
        k->p++;
        if (!is_digit(k)) return false;
        while (is_digit(k)) k->p++;
    }
    if (k->p < k->e && (*k->p == 'e' || *k->p == 'E')) {
        k->p++;
        if (k->p < k->e && (*k->p == '+' || *k->p == '-')) k->p++;
        if (!is_digit(k)) return false;
        while (is_digit(k)) k->p++;
    }
    return true;
}

static bool literal(checker *k, const char *word, size_t n)
{
    if ((size_t)(k->e - k->p) < n) return false;
    for (size_t i = 0; i < n; i++)
        if (k->p[i] != (unsigned char)word[i]) return false;
    k->p += n;
    return true;
}

static bool value(checker *k);

/* After '[' or '{'. */
static bool container(checker *k, bool object)
{
    unsigned char close = object ? '}' : ']';
    if (++k->depth > JSONCHECK_MAX_DEPTH) return false;
    ws(k);
    if (k->p < k->e && *k->p == close) {
        k->p++;
        k->depth--;
        return true;
    }
    for (;;) {
        if (object) {
            ws(k);
            if (k->p >= k->e || *k->p != '"') return false;
            k->p++;
            if (!string(k)) return false;
            ws(k);
            if (k->p >= k->e || *k->p != ':') return false;
            k->p++;
        }
        if (!value(k)) return false;
        ws(k);
        if (k->p >= k->e) return false;
        unsigned char c = *k->p++;
        if (c == close) break;
        if (c != ',') return false;
    }
    k->depth--;
    return true;
}

static bool value(checker *k)
{
    ws(k);
    if (k->p >= k->e) return false;
    switch (*k->p) {
    case '{': k->p++; return container(k, true);
    case '[': k->p++; return container(k, false);
    case '"': k->p++; return string(k);
    case 't': return literal(k, "true", 4);
    case 'f': return literal(k, "false", 5);
    case 'n': return literal(k, "null", 4);
    default: return number(k);
    }
}

bool json_check(const char *s, size_t n, bool *is_object)
{
    checker k = {(const unsigned char *)s, (const unsigned char *)s + n, 0};
    ws(&k);
    bool obj = k.p < k.e && *k.p == '{';
    if (!value(&k)) return false;
    ws(&k);
    if (k.p != k.e) return false;
    if (is_object) *is_object = obj;
    return true;
}
