/* rows.c — NDJSON test tables (see rows.h). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <cmocka.h>

#include "support/rows.h"

/* Frees the rows, then fails the running test with "path:line: message". */
static void bail(rows *r, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), noreturn));
static void bail(rows *r, size_t line, const char *fmt, ...)
{
    char where[600], msg[400];
    if (line)
        snprintf(where, sizeof where, "%s:%zu", r->path, line);
    else
        snprintf(where, sizeof where, "%s", r->path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rows_free(r);
    fail_msg("%s: %s", where, msg);
    abort(); /* not reached: fail_msg leaves the test */
}

void rows_free(rows *r)
{
    jarena_free(&r->arena);
    free(r->row);
    free(r->line);
    r->row = NULL;
    r->line = NULL;
    r->n = r->cap = 0;
}

/* Parses one line (without its newline) and appends it; returns 0, or -1 with
 * why filled. */
static int add_line(rows *r, const char *text, size_t len, size_t line, char *why, size_t whylen)
{
    if (len == 0) {
        snprintf(why, whylen, "empty line");
        return -1;
    }
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        jv *row = realloc(r->row, cap * sizeof *row);
        if (!row) goto oom;
        r->row = row;
        size_t *lines = realloc(r->line, cap * sizeof *lines);
        if (!lines) goto oom;
        r->line = lines;
        r->cap = cap;
    }
    /* Unescaped strings point into the text: it must live as long as the rows. */
    char *copy = jarena_strdup(&r->arena, text, len);
    if (!copy) goto oom;
    jerr e;
    jv v;
    if (json_parse(&r->arena, copy, len, NULL, &v, &e) != 0) {
        snprintf(why, whylen, "%s", e.msg);
        return -1;
    }
    if (v.type != JV_OBJ) {
        snprintf(why, whylen, "expected a JSON object, got %s", jv_type_phrase(&v));
        return -1;
    }
    r->row[r->n] = v;
    r->line[r->n] = line;
    r->n++;
    return 0;
oom:
    snprintf(why, whylen, "out of memory");
    return -1;
}

void rows_load(rows *r, const char *path)
{
    memset(r, 0, sizeof *r);
    jarena_init(&r->arena, 0);
    const char *root = getenv("ENCHARGE_TEST_ROOT");
    int w = root && *root && path[0] != '/' ? snprintf(r->path, sizeof r->path, "%s/%s", root, path)
                                            : snprintf(r->path, sizeof r->path, "%s", path);
    if (w < 0 || (size_t)w >= sizeof r->path) bail(r, 0, "path too long");
    FILE *f = fopen(r->path, "r");
    if (!f) bail(r, 0, "cannot open: %s", strerror(errno));
    char *buf = NULL, why[JSON_ERR_MAX + 64];
    size_t bufcap = 0, line = 0;
    ssize_t len;
    while ((len = getline(&buf, &bufcap, f)) >= 0) {
        line++;
        if (len > 0 && buf[len - 1] == '\n') len--;
        if (add_line(r, buf, (size_t)len, line, why, sizeof why) != 0) {
            free(buf);
            fclose(f);
            bail(r, line, "%s", why);
        }
    }
    int err = errno, failed = !feof(f);
    free(buf);
    if (fclose(f) != 0 && !failed) {
        failed = 1;
        err = errno;
    }
    if (failed) bail(r, line + 1, "read error: %s", strerror(err));
    if (r->n == 0) bail(r, 0, "no rows");
}

const jv *rows_get(rows *r, size_t i, const char *key, jv_type t)
{
    if (i >= r->n) bail(r, 0, "row %zu of %zu asked for", i, r->n);
    const jv *v = jv_getz(&r->row[i], key);
    if (!v) bail(r, r->line[i], "no member \"%s\"", key);
    if (t != JV_UNDEF && v->type != t) {
        jv want = {0};
        want.type = (uint8_t)t;
        bail(r, r->line[i], "member \"%s\" is %s, expected %s", key, jv_type_phrase(v), jv_type_phrase(&want));
    }
    return v;
}

const char *rows_str(rows *r, size_t i, const char *key)
{
    const jv *v = rows_get(r, i, key, JV_STR);
    if (v->n && memchr(v->u.s, 0, v->n)) bail(r, r->line[i], "member \"%s\" holds a NUL byte", key);
    char *s = jarena_strdup(&r->arena, v->u.s, v->n);
    if (!s) bail(r, r->line[i], "out of memory");
    return s;
}
