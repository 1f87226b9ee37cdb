/* js.h — JavaScript's semantics where upstream's behaviour depends on them:
 * String(), truthiness, Number(string), white space and trim.
 * No domain knowledge; values are lib/json.h's jv.
 */
#ifndef ENCHARGE_JS_H
#define ENCHARGE_JS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/json.h"

/* JavaScript's String(d) for a double (NaN, Infinity, -Infinity included).
 * out must hold 32 bytes. Returns the length. */
size_t js_dtoa(double d, char out[32]);

/* String(n) of a JSON number value (v->type == JV_NUM). out must hold 32
 * bytes. Returns the length. */
size_t js_num_string(const jv *v, char out[32]);

/* JavaScript's String(v) written through put (arrays joined with ",", objects
 * "[object Object]", built-in methods "function NAME() { [native code] }",
 * null/undefined as "" — Array.prototype.join's rule). */
typedef void (*js_put_fn)(void *ctx, const char *s, size_t n);
void js_string_to(js_put_fn put, void *ctx, const jv *v);
/* The same appended to a jbuf. */
void js_string(jbuf *b, const jv *v);

/* JavaScript truthiness (NULL counts as undefined). */
bool js_truthy(const jv *v);

/* WhiteSpace or LineTerminator (what String.prototype.trim and Number()
 * strip). */
bool js_is_space(uint32_t cp);
/* Bytes of one such character encoded as UTF-8 at s (n bytes left), or 0. */
size_t js_space_len(const unsigned char *s, size_t n);
/* String.prototype.trim on UTF-8 bytes: [*start, *end) is what is left. */
void js_trim(const char *s, size_t n, size_t *start, size_t *end);

/* JavaScript's Number(string): white space trimmed, "" is 0, Infinity, hex,
 * octal and binary literals, otherwise a StrDecimalLiteral or NaN. */
double js_to_number(const char *s, size_t n);

#endif
