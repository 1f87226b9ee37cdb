/* arena.h — memory for the event path, no domain knowledge.
 *
 * jarena: a bump allocator that is reset, not freed, between events (no
 * per-event malloc once warm), with an optional byte limit.
 * jbuf: a growable byte buffer that records a failed grow (oom) and drops
 * further writes, so callers check once at the end.
 */
#ifndef ENCHARGE_ARENA_H
#define ENCHARGE_ARENA_H

#include <stdbool.h>
#include <stddef.h>

/* ---- arena ------------------------------------------------------------ */
typedef struct jarena_block jarena_block;
typedef struct {
    jarena_block *head;   /* current block */
    jarena_block *spare;  /* blocks kept after reset */
    size_t used_total;    /* bytes handed out since the last reset */
    size_t limit;         /* 0 = no limit; else alloc fails beyond it */
} jarena;

void jarena_init(jarena *a, size_t limit);
void jarena_reset(jarena *a);          /* keeps memory for reuse */
void jarena_free(jarena *a);
void *jarena_alloc(jarena *a, size_t n); /* 8-byte aligned; NULL when over limit */
char *jarena_strdup(jarena *a, const char *s, size_t n);

/* ---- growable byte buffer ---------------------------------------------- */
typedef struct {
    char *p;
    size_t len, cap;
    bool oom;   /* set when a grow failed; further writes are dropped */
} jbuf;

void jbuf_init(jbuf *b);
void jbuf_free(jbuf *b);
void jbuf_reset(jbuf *b);
void jbuf_put(jbuf *b, const void *s, size_t n);
void jbuf_putc(jbuf *b, char c);
void jbuf_puts(jbuf *b, const char *s);
void jbuf_printf(jbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *jbuf_cstr(jbuf *b); /* NUL-terminates (not counted in len) */
#endif
