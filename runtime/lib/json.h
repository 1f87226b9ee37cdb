/* json.h — exact JSON for the event path.
 *
 * A parsed document is a tree of `jv` values allocated in a `jarena` (a bump
 * allocator that is reset, not freed, between events: no per-event malloc once
 * warm). Numbers keep the text the sender wrote; strings are decoded UTF-8
 * (lone surrogates from \uD800-style escapes are kept as WTF-8 and written back
 * as \u escapes). Object members keep their order; a duplicate key keeps the
 * first position and the last value (as JavaScript's JSON.parse does).
 *
 * JV_UNDEF is JavaScript's `undefined`: a member or item whose value is
 * JV_UNDEF is treated as absent everywhere (lookups skip it, the writer omits
 * it, as JSON.stringify does for object members).
 */
#ifndef ENCHARGE_JSON_H
#define ENCHARGE_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include "lib/arena.h"

typedef enum {
    JV_UNDEF = 0,
    JV_NULL,
    JV_BOOL,
    JV_NUM,
    JV_STR,
    JV_ARR,
    JV_OBJ,
    JV_FUNC   /* a JavaScript built-in method reached by a path ("abc".search,
                 [].map): only mapping-kit's get makes these, as upstream's
                 get does. u.s/n hold its name. Written as JSON.stringify
                 does: a member is omitted, an array item is null. */
} jv_type;

typedef struct jv jv;
typedef struct jmember jmember;

struct jv {
    uint8_t type;   /* jv_type */
    uint8_t b;      /* JV_BOOL: 0/1 */
    uint32_t n;     /* JV_STR: bytes; JV_NUM: text bytes; JV_ARR/JV_OBJ: count */
    union {
        const char *s;     /* JV_STR bytes (not NUL-terminated), JV_NUM text */
        jv *items;         /* JV_ARR */
        jmember *members;  /* JV_OBJ */
    } u;
};

struct jmember {
    const char *key;
    uint32_t klen;
    jv val;
};

/* ---- parsing ------------------------------------------------------------ */
typedef struct {
    size_t max_depth;  /* default 128 */
    size_t max_bytes;  /* default 4 MiB */
} jlimits;

#define JSON_ERR_MAX 160
typedef struct {
    size_t offset;            /* byte offset of the problem */
    char msg[JSON_ERR_MAX];   /* "invalid JSON at byte 17: expected ':' after object key" */
} jerr;

/* Parses buf[0..len) into *out. Strings without escapes point into buf, so
 * buf must outlive the value. Returns 0, or -1 with err filled. limits may be
 * NULL for the defaults. */
int json_parse(jarena *a, const char *buf, size_t len, const jlimits *limits,
               jv *out, jerr *err);

/* ---- scanning: spans, without a tree -------------------------------------- */
/* Checks that buf[0..len) is one JSON value as json_parse would — the same
 * grammar, depth limit (max_depth; 0: 128) and messages — but builds nothing
 * and has no size limit. Returns 0, or -1 with err filled (err may be NULL). */
int json_validate(const char *buf, size_t len, size_t max_depth, jerr *err);

/* Walking text that json_validate accepted, a value at a time: spans are byte
 * ranges of buf. On any other text the spans are unspecified, but every step
 * stays inside buf[0..len) and a cursor always moves on. */
typedef struct {
    size_t off, len;
} jspan;

/* The value at off (whitespace before it skipped). */
jspan json_value_span(const char *buf, size_t len, size_t off);

/* The entries of the array or object whose opening bracket is at buf[open],
 * in order. A cursor is a plain value: copy it to go on later from there. */
typedef struct {
    const char *buf;
    size_t len;
    size_t pos;     /* where the next entry is looked for */
    bool obj;
} jcursor;
jcursor jcursor_at(const char *buf, size_t len, size_t open);
/* The next entry: its value's span, and for an object its key's (quotes
 * included; NULL key is fine). false after the last one. */
bool jcursor_next(jcursor *c, jspan *key, jspan *val);
/* Whether the key at span key (quotes included, escapes as written) is name
 * (at most 42 bytes) once decoded. */
bool json_key_is(const char *buf, jspan key, const char *name);

/* ---- writing ------------------------------------------------------------ */
/* JSON.stringify semantics: no whitespace, integer-like keys ("0".."4294967294")
 * first in ascending order, then the others in insertion order; JV_UNDEF members
 * omitted (and written as null inside arrays); numbers as json_num_canon. */
void json_write(jbuf *b, const jv *v);
void json_write_string(jbuf *b, const char *s, size_t n);
/* Pretty form for people (2-space indent), same ordering rules. */
void json_write_pretty(jbuf *b, const jv *v, int indent);

/* ---- numbers ------------------------------------------------------------ */
/* Canonical text of a JSON number literal: an integer literal that fits in 64
 * bits (signed or unsigned) is kept as written ("-0" becomes "0"); any other
 * number is written in JavaScript's shortest round-trip form (1.50 -> 1.5,
 * 1e21 -> 1e+21, 1E-7 -> 1e-7). out must hold 32 bytes. Returns the length. */
size_t json_num_canon(const char *text, size_t n, char out[32]);
double jv_num_double(const jv *v);
/* True when v is a number written as an integer that fits int64; sets *out. */
bool jv_num_int64(const jv *v, int64_t *out);

/* ---- access and construction -------------------------------------------- */
/* Member lookup; returns NULL when absent (or JV_UNDEF). */
const jv *jv_get(const jv *obj, const char *key, size_t klen);
static inline const jv *jv_getz(const jv *obj, const char *key) {
    size_t n = 0;
    while (key[n]) n++;
    return jv_get(obj, key, n);
}
static inline bool jv_present(const jv *v) { return v && v->type != JV_UNDEF; }
static inline bool jv_is(const jv *v, jv_type t) { return v && v->type == t; }

static inline jv jv_undef(void) { jv v = {0}; return v; }
static inline jv jv_null(void) { jv v = {0}; v.type = JV_NULL; return v; }
static inline jv jv_bool(bool b) { jv v = {0}; v.type = JV_BOOL; v.b = b ? 1 : 0; return v; }
/* Wrap bytes that already live long enough (no copy). */
static inline jv jv_strref(const char *s, size_t n) {
    jv v = {0}; v.type = JV_STR; v.n = (uint32_t)n; v.u.s = s; return v;
}
jv jv_str(jarena *a, const char *s, size_t n);   /* copies into the arena */
jv jv_num_text(jarena *a, const char *text, size_t n); /* copies the literal */
jv jv_num_double_new(jarena *a, double d);       /* NaN/Inf become null */
jv jv_num_int(jarena *a, int64_t i);
/* Arrays and objects with room for n entries, count set to n, entries JV_UNDEF
 * (members have NULL keys): fill them in place. NULL type on OOM. */
jv jv_arr_new(jarena *a, size_t n);
jv jv_obj_new(jarena *a, size_t n);

/* The JavaScript name of a value's type for messages: "a string", "a number",
 * "a boolean", "an array", "an object", "a function", "null", "undefined". */
const char *jv_type_phrase(const jv *v);
/* realTypeOf as in actions-core: "string","number","boolean","array","object",
 * "function","null","undefined". */
const char *jv_type_name(const jv *v);

/* JSON equality (numbers compared as doubles). Used by tests and triggers. */
bool jv_equal(const jv *a, const jv *b);

/* Deep copy into another arena (strings copied too). */
int jv_clone(jarena *a, const jv *src, jv *dst);

/* JavaScript's property order: an array-index key is "0" or [1-9][0-9]* up
 * to 4294967294 (*out = its value). json_key_order fills perm (obj->n
 * entries) with Object.keys order — index keys ascending, then the others in
 * insertion order — and returns 1, or 0 when that is the stored order (perm
 * untouched), -1 when out of memory. */
bool json_index_key(const char *k, uint32_t n, uint32_t *out);
int json_key_order(const jv *obj, uint32_t *perm);

#endif
