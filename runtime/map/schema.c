/* schema.c — cleaning, coercion and validation of mapped fields and of the
 * settings (ajv semantics). */
#include "map/schema.h"
#include "lib/js.h"
#include "lib/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- date-time (ajv-formats 2.1.1) -------------------------------------- */
static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

static int num2(const char *s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

static bool valid_date(const char *s, size_t n)
{
    static const int DAYS[] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (n != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
        return false;
    int year = num2(s) * 100 + num2(s + 2), month = num2(s + 5), day = num2(s + 8);
    bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    return month >= 1 && month <= 12 && day >= 1 && day <= (month == 2 && leap ? 29 : DAYS[month]);
}

static bool valid_time(const char *s, size_t n)
{
    /* ^(\d\d):(\d\d):(\d\d)(\.\d+)?(z|[+-]\d\d(?::?\d\d)?)?$ (case-insensitive) */
    if (n < 8 || !digits(s, 2) || s[2] != ':' || !digits(s + 3, 2) || s[5] != ':' || !digits(s + 6, 2))
        return false;
    size_t i = 8;
    if (i < n && s[i] == '.') {
        size_t j = i + 1;
        while (j < n && s[j] >= '0' && s[j] <= '9') j++;
        if (j == i + 1) return false;
        i = j;
    }
    if (i < n) {
        if (s[i] == 'z' || s[i] == 'Z') {
            i++;
        } else if (s[i] == '+' || s[i] == '-') {
            if (n - i < 3 || !digits(s + i + 1, 2)) return false;
            i += 3;
            if (i < n) {
                if (s[i] == ':') i++;
                if (n - i != 2 || !digits(s + i, 2)) return false;
                i += 2;
            }
        } else {
            return false;
        }
    }
    if (i != n) return false;
    int h = num2(s), m = num2(s + 3), sec = num2(s + 6);
    return (h <= 23 && m <= 59 && sec <= 59) || (h == 23 && m == 59 && sec == 60);
}

/* Length of a JavaScript \s character (or 't'/'T') at s, else 0. */
static size_t sep_len(const unsigned char *s, size_t left)
{
    unsigned c = s[0];
    if (c == 't' || c == 'T' || c == ' ' || (c >= 0x09 && c <= 0x0d)) return 1;
    if (c == 0xC2 && left >= 2 && s[1] == 0xA0) return 2; /* U+00A0 */
    if (left >= 3) {
        unsigned cp = ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        if ((c & 0xF0) != 0xE0) return 0;
        if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
            cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF)
            return 3;
    }
    return 0;
}

bool is_date_time(const char *s, size_t n)
{
    /* str.split(/t|\s/i) must give exactly two parts: date and time. */
    size_t at = 0, len = 0;
    int seps = 0;
    for (size_t i = 0; i < n;) {
        size_t k = sep_len((const unsigned char *)s + i, n - i);
        if (k) {
            if (++seps > 1) return false;
            at = i;
            len = k;
            i += k;
        } else {
            i++;
        }
    }
    if (seps != 1) return false;
    return valid_date(s, at) && valid_time(s + at + len, n - at - len);
}

/* ---- coercion ------------------------------------------------------------ */
/* ajv coerceTypes:'array' to string. Returns false when the value cannot be a
 * string; *phrase then names what it was. */
static bool coerce_string(jarena *a, const jv *v, jv *out, const char **phrase)
{
    const jv *x = v;
    if (v->type == JV_ARR && v->n == 1) x = &v->u.items[0];
    switch (x->type) {
    case JV_STR: *out = *x; return true;
    case JV_NUM: {
        /* JavaScript's String(n): the value as upstream sends it (a string is
         * not a number, so docs/deviations.md §1 does not apply). */
        char t[32];
        size_t n = js_dtoa(jv_num_double(x), t);
        *out = jv_str(a, t, n);
        return out->type == JV_STR;
    }
    case JV_BOOL: *out = jv_strref(x->b ? "true" : "false", x->b ? 4 : 5); return true;
    case JV_NULL: *out = jv_strref("", 0); return true;
    default: *phrase = jv_type_phrase(x); return false;
    }
}

typedef struct {
    jbuf msg;
    int count;
} errlist;

static void add_err(errlist *el, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_err(errlist *el, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (el->count++) jbuf_putc(&el->msg, ' ');
    jbuf_puts(&el->msg, tmp);
}

static void check_string(jarena *a, const field *f, jv *slot, errlist *el)
{
    const char *phrase = NULL;
    jv out;
    if (!coerce_string(a, slot, &out, &phrase)) {
        add_err(el, "%s must be a string but it was %s.", f->label, phrase);
        return;
    }
    *slot = out;
    if (f->date_time && !is_date_time(out.u.s, out.n))
        add_err(el, "%s must be a valid date and time string but it was not.", f->label);
}

/* Keep the known sub-properties of campaign/page/location, drop null ones
 * (removeEmptyValues) and unknown ones (removeAdditional), coerce the rest. */
static int check_subobject(jarena *a, const field *f, jv *slot, errlist *el)
{
    jv o = jv_obj_new(a, (size_t)f->nprops);
    if (o.type != JV_OBJ) return -1;
    uint32_t k = 0;
    for (int i = 0; i < f->nprops; i++) {
        const field *sf = &f->props[i];
        const jv *sv = jv_get(slot, sf->key, strlen(sf->key));
        if (!sv || sv->type == JV_NULL) continue;
        jmember *m = &o.u.members[k++];
        m->key = sf->key;
        m->klen = (uint32_t)strlen(sf->key);
        m->val = *sv;
        check_string(a, sf, &m->val, el);
    }
    o.n = k;
    *slot = o;
    return 0;
}

int schema_validate(const action *act, const jv *fields, jarena *a, payload *out, ev_error *err)
{
    memset(out, 0, sizeof *out);
    out->act = act;
    /* removeUndefined + removeEmptyValues (root) + removeAdditional */
    if (fields && fields->type == JV_OBJ) {
        for (uint32_t i = 0; i < fields->n; i++) {
            const jmember *m = &fields->u.members[i];
            const jv *v = &m->val;
            if (v->type == JV_UNDEF || v->type == JV_NULL) continue;
            if (v->type == JV_STR && v->n == 0) continue;
            int idx = action_field_index(act, m->key, m->klen);
            if (idx < 0) continue;
            out->values[idx] = *v;
        }
    }
    errlist el = {0};
    jbuf_init(&el.msg);
    for (int i = 0; i < act->nfields; i++)
        if (act->fields[i].required && out->values[i].type == JV_UNDEF)
            add_err(&el, "The root value is missing the required field '%s'.", act->fields[i].key);
    for (int i = 0; i < act->nfields; i++) {
        const field *f = &act->fields[i];
        jv *slot = &out->values[i];
        if (slot->type == JV_UNDEF) continue;
        if (f->type == FT_STRING) {
            check_string(a, f, slot, &el);
        } else if (slot->type != JV_OBJ) {
            add_err(&el, "%s must be an object but it was %s.", f->label, jv_type_phrase(slot));
        } else if (f->props && check_subobject(a, f, slot, &el)) {
            jbuf_free(&el.msg);
            ev_error_set(err, "Error", 500, NULL, "out of memory while validating");
            return -1;
        }
    }
    if (el.count) {
        ev_error_set(err, "AggregateAjvError", 400, NULL, "%s", jbuf_cstr(&el.msg));
        jbuf_free(&el.msg);
        return -1;
    }
    jbuf_free(&el.msg);
    return 0;
}

int settings_validate(const jv *settings, jarena *a, const char **api_key, size_t *api_key_len, ev_error *err)
{
    static const field API_KEY = {"apiKey", "API Key", FT_STRING, true, false, NULL, 0};
    const jv *k = jv_getz(settings, "apiKey");
    if (!k) {
        ev_error_set(err, "AggregateAjvError", 400, NULL, "The root value is missing the required field 'apiKey'.");
        return -1;
    }
    jv v = *k;
    const char *phrase = NULL;
    jv s;
    if (!coerce_string(a, &v, &s, &phrase)) {
        ev_error_set(err, "AggregateAjvError", 400, NULL, "%s must be a string but it was %s.", API_KEY.label, phrase);
        return -1;
    }
    *api_key = s.u.s;
    *api_key_len = s.n;
    return 0;
}
