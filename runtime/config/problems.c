/* problems.c — the list of problems, their text, and "did you mean". */
#include "config/problems.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void problems_init(problem_list *l)
{
    memset(l, 0, sizeof *l);
}

void problems_free(problem_list *l)
{
    for (int i = 0; i < l->n; i++) {
        free(l->v[i].file);
        free(l->v[i].msg);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

static void add_text(problem_list *l, problem_level level, const char *file, int line, const char *msg, size_t n)
{
    if (level == PROBLEM_ERROR) l->errors++;
    else l->warnings++;
    if (l->n >= PROBLEMS_MAX) {
        l->dropped++;
        return;
    }
    if (l->n == l->cap) {
        int nc = l->cap ? l->cap * 2 : 16;
        problem *nv = realloc(l->v, (size_t)nc * sizeof *nv);
        if (!nv) {
            l->dropped++;
            return;
        }
        l->v = nv;
        l->cap = nc;
    }
    problem *p = &l->v[l->n];
    p->level = level;
    p->line = line > 0 ? line : 0;
    p->file = file ? strdup(file) : NULL;
    p->msg = malloc(n + 1);
    if ((file && !p->file) || !p->msg) {
        free(p->file);
        free(p->msg);
        l->dropped++;
        return;
    }
    memcpy(p->msg, msg, n);
    p->msg[n] = 0;
    l->n++;
}

void problem_add(problem_list *l, problem_level level, const char *file, int line, const char *fmt, ...)
{
    char msg[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof msg) n = (int)sizeof msg - 1;
    add_text(l, level, file, line, msg, (size_t)n);
}

/* Where ":LINE:" first follows the chunk name in a Lua message: the offset of
 * its first ':', *line set; -1 when there is none. */
static long lua_location(const char *m, int *line)
{
    for (const char *p = strchr(m, ':'); p; p = strchr(p + 1, ':')) {
        const char *d = p + 1;
        long v = 0;
        while (isdigit((unsigned char)*d) && v < 100000000) v = v * 10 + (*d++ - '0');
        if (d > p + 1 && *d == ':') {
            *line = (int)v;
            return (long)(p - m);
        }
    }
    return -1;
}

void problem_add_lua(problem_list *l, problem_level level, const char *file, const char *prefix, const char *luamsg)
{
    const char *m = luamsg ? luamsg : "(no message)";
    size_t mlen = strlen(m);
    const char *tb = strstr(m, "\nstack traceback:");
    if (tb) mlen = (size_t)(tb - m);
    char chunk[1024] = "";
    int line = 0;
    long at = lua_location(m, &line);
    const char *what = m;
    if (at >= 0 && (size_t)at < mlen && !memchr(m, '\n', (size_t)at)) {
        snprintf(chunk, sizeof chunk, "%.*s", (int)at, m);
        what = m + at + 1;
        while (isdigit((unsigned char)*what)) what++;
        what++; /* the ':' after the line */
        while (*what == ' ') what++;
    } else {
        line = 0;
        size_t fl = file ? strlen(file) : 0;
        if (fl && strncmp(m, file, fl) == 0 && m[fl] == ':' && m[fl + 1] == ' ') what = m + fl + 2;
    }
    const char *where = file;
    if (chunk[0] && (!file || strcmp(chunk, file) != 0)) {
        size_t cl = strlen(chunk), fl = file ? strlen(file) : 0;
        bool shortened = cl > 3 && strncmp(chunk, "...", 3) == 0 && fl >= cl - 3 &&
                         strcmp(file + fl - (cl - 3), chunk + 3) == 0;
        bool string_chunk = chunk[0] == '[';
        if (!shortened && !string_chunk) where = chunk;
    }
    size_t wlen = mlen - (size_t)(what - m);
    if (what > m + mlen) wlen = 0;
    char msg[4096];
    int n = snprintf(msg, sizeof msg, "%s%.*s", prefix ? prefix : "", (int)wlen, wlen ? what : "");
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof msg) n = (int)sizeof msg - 1;
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) n--;
    add_text(l, level, where, line, msg, (size_t)n);
}

size_t problem_format(const problem *p, char *buf, size_t len)
{
    const char *w = p->level == PROBLEM_WARNING ? "warning: " : "";
    int n;
    if (p->file && p->line) n = snprintf(buf, len, "%s:%d: %s%s", p->file, p->line, w, p->msg);
    else if (p->file) n = snprintf(buf, len, "%s: %s%s", p->file, w, p->msg);
    else n = snprintf(buf, len, "%s%s", w, p->msg);
    return n < 0 ? 0 : (size_t)n;
}

const problem *problems_first_error(const problem_list *l)
{
    for (int i = 0; i < l->n; i++)
        if (l->v[i].level == PROBLEM_ERROR) return &l->v[i];
    return NULL;
}

void problems_summary(const problem_list *l, const char *prefix_config, char *buf, size_t len)
{
    if (!len) return;
    buf[0] = 0;
    const problem *p = problems_first_error(l);
    if (!p) {
        if (l->errors) snprintf(buf, len, "%d error(s) (out of memory describing them)", l->errors);
        return;
    }
    size_t at = 0;
    if (prefix_config && p->file && strcmp(p->file, prefix_config) == 0) at = (size_t)snprintf(buf, len, "config ");
    if (at < len) problem_format(p, buf + at, len - at);
    size_t used = strlen(buf);
    if (l->errors > 1 && used < len)
        snprintf(buf + used, len - used, " (and %d more error%s; `encharge-actions check` lists them all)",
                 l->errors - 1, l->errors > 2 ? "s" : "");
}

/* ---- did you mean ----------------------------------------------------------- */
int word_distance(const char *a, size_t an, const char *b, size_t bn)
{
    if (an > 64 || bn > 64) return 1000; /* no suggestion for long words */
    int d[65][65];
    for (size_t i = 0; i <= an; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= bn; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= an; i++) {
        for (size_t j = 1; j <= bn; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            int cost = ca != cb;
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    }
    return d[an][bn];
}

bool word_close(int d, size_t wlen, size_t clen)
{
    int most = wlen <= 4 ? 1 : wlen <= 8 ? 2 : 3;
    return d <= most && (size_t)d < clen;
}

int closest_word(const char *word, size_t wlen, const char *const *cands, int n)
{
    int best = -1, bestd = 0;
    for (int i = 0; i < n; i++) {
        size_t cl = strlen(cands[i]);
        int d = word_distance(word, wlen, cands[i], cl);
        if (word_close(d, wlen, cl) && (best < 0 || d < bestd)) {
            best = i;
            bestd = d;
        }
    }
    return best;
}
