/* arena.c — the bump allocator and the growable byte buffer (see arena.h). */
#include "lib/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ======================================================================== */
/* arena                                                                     */
/* ======================================================================== */
struct jarena_block {
    jarena_block *next;
    size_t cap, used;
    max_align_t data[];
};

#define ARENA_BLOCK (64 * 1024)

void jarena_init(jarena *a, size_t limit)
{
    memset(a, 0, sizeof *a);
    a->limit = limit;
}

static void free_chain(jarena_block *b)
{
    while (b) {
        jarena_block *n = b->next;
        free(b);
        b = n;
    }
}

void jarena_reset(jarena *a)
{
    /* Keep standard-size blocks for reuse, drop oversized ones. */
    jarena_block *b = a->head;
    while (b) {
        jarena_block *n = b->next;
        if (b->cap == ARENA_BLOCK) {
            b->used = 0;
            b->next = a->spare;
            a->spare = b;
        } else {
            free(b);
        }
        b = n;
    }
    a->head = NULL;
    a->used_total = 0;
}

void jarena_free(jarena *a)
{
    free_chain(a->head);
    free_chain(a->spare);
    a->head = a->spare = NULL;
    a->used_total = 0;
}

void *jarena_alloc(jarena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (n == 0) n = 8;
    if (a->limit && a->used_total + n > a->limit) return NULL;
    jarena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        if (n <= ARENA_BLOCK / 4) {
            if (a->spare) {
                b = a->spare;
                a->spare = b->next;
            } else {
                b = malloc(sizeof *b + ARENA_BLOCK);
                if (!b) return NULL;
                b->cap = ARENA_BLOCK;
            }
            b->used = 0;
            b->next = a->head;
            a->head = b;
        } else {
            /* Big allocation: its own block, inserted behind the current one. */
            jarena_block *big = malloc(sizeof *big + n);
            if (!big) return NULL;
            big->cap = n;
            big->used = n;
            if (a->head) {
                big->next = a->head->next;
                a->head->next = big;
            } else {
                big->next = NULL;
                a->head = big;
            }
            a->used_total += n;
            return big->data;
        }
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    a->used_total += n;
    return p;
}

char *jarena_strdup(jarena *a, const char *s, size_t n)
{
    char *p = jarena_alloc(a, n + 1);
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = 0;
    return p;
}

/* ======================================================================== */
/* jbuf                                                                      */
/* ======================================================================== */
void jbuf_init(jbuf *b) { memset(b, 0, sizeof *b); }
void jbuf_free(jbuf *b) { free(b->p); memset(b, 0, sizeof *b); }
void jbuf_reset(jbuf *b) { b->len = 0; b->oom = false; }

static bool jbuf_reserve(jbuf *b, size_t extra)
{
    if (b->oom) return false;
    if (b->len + extra + 1 <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->oom = true;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

void jbuf_put(jbuf *b, const void *s, size_t n)
{
    if (!n || !jbuf_reserve(b, n)) return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

void jbuf_putc(jbuf *b, char c)
{
    if (!jbuf_reserve(b, 1)) return;
    b->p[b->len++] = c;
}

void jbuf_puts(jbuf *b, const char *s) { jbuf_put(b, s, strlen(s)); }

void jbuf_printf(jbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof tmp) {
        jbuf_put(b, tmp, (size_t)n);
        return;
    }
    if (!jbuf_reserve(b, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *jbuf_cstr(jbuf *b)
{
    if (!jbuf_reserve(b, 0)) return "";
    b->p[b->len] = 0;
    return b->p;
}

