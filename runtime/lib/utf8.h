/* utf8.h — UTF-8 sequences, and WTF-8 (lone surrogates encoded as 3 bytes,
 * as JavaScript strings can hold them). No domain knowledge. */
#ifndef ENCHARGE_UTF8_H
#define ENCHARGE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_BAD_CP 0xFFFFFFFFu

/* Length of the valid UTF-8 sequence at s (n > 0 bytes left), or 0 when the
 * bytes there are not UTF-8 (overlong forms and surrogates included). */
size_t utf8_seq_len(const unsigned char *s, size_t n);

/* Decodes one code point at s[i] (WTF-8: lone surrogates allowed). *len gets
 * its byte length; invalid bytes decode to UTF8_BAD_CP with length 1. */
uint32_t utf8_decode(const unsigned char *s, size_t n, size_t i, size_t *len);

/* Start of the code point that ends just before byte i (i > 0). */
size_t utf8_prev(const unsigned char *s, size_t i);

/* Writes cp (up to 4 bytes) at o; returns the byte count. */
size_t utf8_encode(char *o, uint32_t cp);

/* Length of s[0..len) cut to at most max bytes without splitting a sequence. */
size_t utf8_cut(const char *s, size_t len, size_t max);

/* UTF-16 length of a UTF-8/WTF-8 string (JavaScript's .length). */
size_t utf16_len(const char *s, size_t n);

#endif
