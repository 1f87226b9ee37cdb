/* jsoncheck.h — allocation-free JSON validation for encharge-mock.
 *
 * Accepts exactly what json_parse (runtime/json.c) accepts — RFC 8259 text:
 * one value between optional whitespace, strings of valid UTF-8 (escaped lone
 * surrogates allowed), the usual escapes, no control characters — but keeps no
 * state at all, not even the per-thread scratch stacks json_parse keeps (and
 * never frees) in every thread that calls it: the mock's threads come and go
 * with connections.
 */
#ifndef ENCHARGE_MOCK_JSONCHECK_H
#define ENCHARGE_MOCK_JSONCHECK_H

#include <stdbool.h>
#include <stddef.h>

#define JSONCHECK_MAX_DEPTH 512

/* True when s[0..n) is one JSON text nested at most JSONCHECK_MAX_DEPTH deep;
 * *is_object (may be NULL) tells whether its value is an object. */
bool json_check(const char *s, size_t n, bool *is_object);

/* Length of the valid UTF-8 sequence at s (n > 0 bytes left), or 0 when the
 * bytes there are not UTF-8 (overlong forms and surrogates included). */
size_t utf8_seq_len(const unsigned char *s, size_t n);

#endif
