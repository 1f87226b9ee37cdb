/* srcmap.c — tokens of a Lua config, and the lines of its constructor fields. */
#include "config/srcmap.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tokens ----------------------------------------------------------------- */
typedef enum { T_EOF, T_NAME, T_STRING, T_NUMBER, T_OP } tok_kind;

typedef struct {
    tok_kind kind;
    const char *p;    /* the name, the string's content (escapes as written), the operator */
    size_t n;
    int line;
} token;

typedef struct {
    token *v;
    size_t n, cap;
} tokens;

static bool push_tok(tokens *t, tok_kind k, const char *p, size_t n, int line)
{
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 256;
        token *nv = realloc(t->v, nc * sizeof *nv);
        if (!nv) return false;
        t->v = nv;
        t->cap = nc;
    }
    t->v[t->n++] = (token){k, p, n, line};
    return true;
}

/* At s[0] == '[': the level of a long bracket ("[[" 0, "[==[" 2), or -1. */
static int long_open(const char *s, const char *end)
{
    const char *p = s + 1;
    while (p < end && *p == '=') p++;
    return p < end && *p == '[' ? (int)(p - s - 1) : -1;
}

/* Skips a long bracket's content from p (after its opening) to the end of its
 * closing bracket of the same level; counts lines. Returns the end of the
 * content (before the closing bracket). */
static const char *long_skip(const char **pp, const char *end, int level, int *line)
{
    const char *p = *pp;
    while (p < end) {
        if (*p == '\n') (*line)++;
        if (*p == ']') {
            const char *q = p + 1;
            while (q < end && *q == '=') q++;
            if (q < end && *q == ']' && q - p - 1 == level) {
                *pp = q + 1;
                return p;
            }
        }
        p++;
    }
    *pp = end;
    return end;
}

static int lex(const char *s, size_t len, tokens *t)
{
    const char *p = s, *end = s + len;
    int line = 1;
    if (p + 1 < end && p[0] == '#') /* a first line "#!..." is skipped by Lua */
        while (p < end && *p != '\n') p++;
    while (p < end) {
        char c = *p;
        if (c == '\n') {
            line++;
            p++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            p++;
        } else if (c == '-' && p + 1 < end && p[1] == '-') {
            p += 2;
            int lv = p < end && *p == '[' ? long_open(p, end) : -1;
            if (lv >= 0) {
                p += lv + 2;
                long_skip(&p, end, lv, &line);
            } else {
                while (p < end && *p != '\n') p++;
            }
        } else if (c == '"' || c == '\'') {
            int l0 = line;
            const char *b = ++p;
            while (p < end && *p != c) {
                if (*p == '\\' && p + 1 < end) {
                    p++;
                    if (*p == '\n') line++;
                } else if (*p == '\n') {
                    line++;
                    break; /* an unfinished string: Lua refuses the file anyway */
                }
                p++;
            }
            if (!push_tok(t, T_STRING, b, (size_t)(p - b), l0)) return -1;
            if (p < end) p++;
        } else if (c == '[' && long_open(p, end) >= 0) {
            int lv = long_open(p, end), l0 = line;
            p += lv + 2;
            if (p < end && *p == '\n') { /* a first newline is not part of the string */
                line++;
                p++;
            }
            const char *b = p;
            const char *e = long_skip(&p, end, lv, &line);
            if (!push_tok(t, T_STRING, b, (size_t)(e - b), l0)) return -1;
        } else if (isalpha((unsigned char)c) || c == '_') {
            const char *b = p;
            while (p < end && (isalnum((unsigned char)*p) || *p == '_')) p++;
            if (!push_tok(t, T_NAME, b, (size_t)(p - b), line)) return -1;
        } else if (isdigit((unsigned char)c) || (c == '.' && p + 1 < end && isdigit((unsigned char)p[1]))) {
            const char *b = p;
            while (p < end && (isalnum((unsigned char)*p) || *p == '.' || *p == '_')) {
                if ((*p == 'e' || *p == 'E' || *p == 'p' || *p == 'P') && p + 1 < end && (p[1] == '+' || p[1] == '-'))
                    p++;
                p++;
            }
            if (!push_tok(t, T_NUMBER, b, (size_t)(p - b), line)) return -1;
        } else {
            static const char *const OPS[] = {"...", "..", "==", "~=", "<=", ">=", "//", "::", "<<", ">>"};
            size_t n = 1;
            for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++) {
                size_t ol = strlen(OPS[i]);
                if ((size_t)(end - p) >= ol && memcmp(p, OPS[i], ol) == 0) {
                    n = ol;
                    break;
                }
            }
            if (!push_tok(t, T_OP, p, n, line)) return -1;
            p += n;
        }
    }
    return push_tok(t, T_EOF, end, 0, line) ? 0 : -1;
}

static bool is_op(const token *k, const char *op)
{
    return k->kind == T_OP && k->n == strlen(op) && memcmp(k->p, op, k->n) == 0;
}

static bool is_name(const token *k, const char *name)
{
    return k->kind == T_NAME && k->n == strlen(name) && memcmp(k->p, name, k->n) == 0;
}

/* ---- the map ------------------------------------------------------------------ */
#define PATH_MAX_LEN 256
#define DEPTH_MAX 64

typedef struct {
    int ctor;          /* the top-level constructor it is in */
    char *path;
    int line;
} entry;

typedef struct {
    int ctor;          /* the field of constructor ctor at path ... */
    char *path;
    char var[64];      /* ... is the variable var */
} alias;

typedef struct {
    char var[64];      /* "" when not assigned to a name */
} ctor_info;

struct srcmap {
    entry *e;
    size_t ne, cape;
    alias *al;
    size_t nal, capal;
    ctor_info *ct;
    size_t nct, capct;
    int root;          /* the returned constructor, -1 when not known */
};

static bool grow(void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap) return true;
    size_t nc = *cap ? *cap * 2 : 32;
    void *nv = realloc(*v, nc * size);
    if (!nv) return false;
    *v = nv;
    *cap = nc;
    return true;
}

static bool add_entry(srcmap *m, int ctor, const char *path, int line)
{
    if (!grow((void **)&m->e, &m->cape, m->ne, sizeof *m->e)) return false;
    char *p = strdup(path);
    if (!p) return false;
    m->e[m->ne++] = (entry){ctor, p, line};
    return true;
}

static bool add_alias(srcmap *m, int ctor, const char *path, const token *name)
{
    if (name->n >= sizeof m->al[0].var) return true;
    if (!grow((void **)&m->al, &m->capal, m->nal, sizeof *m->al)) return false;
    char *p = strdup(path);
    if (!p) return false;
    alias *a = &m->al[m->nal++];
    a->ctor = ctor;
    a->path = p;
    snprintf(a->var, sizeof a->var, "%.*s", (int)name->n, name->p);
    return true;
}

typedef enum { AT_FIELD, IN_VALUE } frame_state;

typedef struct {
    int ctor;
    bool known;                /* path is this table's path in ctor */
    char path[PATH_MAX_LEN];
    int pos;                   /* positional items so far */
    frame_state state;
    int nest;                  /* open brackets, parentheses and blocks in the value */
    bool value_start;          /* the next token is the value's first */
    bool child_known;
    char child[PATH_MAX_LEN];  /* the path of the value being read */
} frame;

static bool opens_block(const token *k)
{
    return is_name(k, "function") || is_name(k, "if") || is_name(k, "do") || is_name(k, "repeat");
}

static bool closes_block(const token *k)
{
    return is_name(k, "end") || is_name(k, "until");
}

/* A field starts in f at token i with key (NULL: not known; "[n]" for the
 * n-th positional item). */
static bool begin_value(srcmap *m, frame *f, const char *key, size_t klen, int line)
{
    f->state = IN_VALUE;
    f->nest = 0;
    f->value_start = true;
    f->child_known = false;
    if (!f->known || !key) return true;
    int n = snprintf(f->child, sizeof f->child, "%s%s%.*s", f->path, f->path[0] && key[0] != '[' ? "." : "",
                     (int)klen, key);
    if (n < 0 || (size_t)n >= sizeof f->child) return true;
    f->child_known = true;
    return add_entry(m, f->ctor, f->child, line);
}

typedef struct {
    srcmap *m;
    const tokens *t;
    frame *st;                  /* DEPTH_MAX frames */
    int depth, overflow, block; /* open constructors, those beyond DEPTH_MAX, blocks at the top */
    int ret_ctor;               /* the constructor after a top-level `return` */
    char ret_var[64];           /* NAME of a top-level `return NAME` */
} walker;

/* Token i outside any constructor: a '{' opens one (named by "NAME = {", the
 * root when "return {"); blocks are counted; "return NAME" is remembered. */
static int walk_top(walker *w, size_t i)
{
    const token *v = w->t->v, *k = &v[i];
    srcmap *m = w->m;
    if (is_op(k, "{")) {
        if (!grow((void **)&m->ct, &m->capct, m->nct, sizeof *m->ct)) return -1;
        int id = (int)m->nct++;
        m->ct[id].var[0] = 0;
        if (i >= 2 && is_op(&v[i - 1], "=") && v[i - 2].kind == T_NAME && v[i - 2].n < 64)
            snprintf(m->ct[id].var, sizeof m->ct[id].var, "%.*s", (int)v[i - 2].n, v[i - 2].p);
        if (w->block == 0 && i >= 1 && is_name(&v[i - 1], "return")) w->ret_ctor = id;
        w->st[0] = (frame){.ctor = id, .known = true, .state = AT_FIELD};
        w->depth = 1;
    } else if (opens_block(k)) {
        w->block++;
    } else if (closes_block(k)) {
        if (w->block > 0) w->block--;
    } else if (w->block == 0 && is_name(k, "return") && v[i + 1].kind == T_NAME &&
               (v[i + 2].kind == T_EOF || is_op(&v[i + 2], ";")) && v[i + 1].n < sizeof w->ret_var) {
        snprintf(w->ret_var, sizeof w->ret_var, "%.*s", (int)v[i + 1].n, v[i + 1].p);
    }
    return 0;
}

/* A '{' (token k) inside a constructor: a new frame, its path known when the
 * value it starts is. */
static int walk_open(walker *w, const token *k)
{
    if (w->depth == DEPTH_MAX || w->overflow) {
        w->overflow++;
        return 0;
    }
    frame *f = &w->st[w->depth - 1];
    if (f->state == AT_FIELD) { /* a positional item that is a table */
        char key[32];
        int n = snprintf(key, sizeof key, "[%d]", ++f->pos);
        if (!begin_value(w->m, f, key, (size_t)n, k->line)) return -1;
    }
    bool known = f->state == IN_VALUE && f->value_start && f->child_known;
    f->value_start = false;
    frame *c = &w->st[w->depth++];
    *c = (frame){.ctor = f->ctor, .known = known, .state = AT_FIELD};
    if (known) snprintf(c->path, sizeof c->path, "%s", f->child);
    return 0;
}

/* At the start of a field of f (token *i): `name =`, `["key"] =`, `[expr] =`
 * or a positional item; *i moves past what the key took. */
static int walk_field(walker *w, frame *f, size_t *i)
{
    const token *v = w->t->v, *k = &v[*i];
    if (is_op(k, ",") || is_op(k, ";")) return 0;
    if (k->kind == T_NAME && is_op(&v[*i + 1], "=")) {
        (*i)++; /* the '=' */
        return begin_value(w->m, f, k->p, k->n, k->line) ? 0 : -1;
    }
    if (is_op(k, "[")) {
        int line = k->line;
        if (v[*i + 1].kind == T_STRING && is_op(&v[*i + 2], "]") && is_op(&v[*i + 3], "=")) {
            const token *key = &v[*i + 1];
            *i += 3;
            return begin_value(w->m, f, key->p, key->n, line) ? 0 : -1;
        }
        int b = 0;
        for (; v[*i].kind != T_EOF; (*i)++) {
            if (is_op(&v[*i], "[")) b++;
            else if (is_op(&v[*i], "]") && --b == 0) break;
        }
        if (v[*i].kind != T_EOF && is_op(&v[*i + 1], "=")) (*i)++;
        return begin_value(w->m, f, NULL, 0, line) ? 0 : -1;
    }
    char key[32];
    int n = snprintf(key, sizeof key, "[%d]", ++f->pos);
    (*i)--; /* this token is the value's first */
    return begin_value(w->m, f, key, (size_t)n, k->line) ? 0 : -1;
}

/* Token i inside a value of f: a bare name that is the whole value is an
 * alias; brackets and blocks nest; a ',' or ';' outside them ends the value. */
static int walk_value(walker *w, frame *f, size_t i)
{
    const token *v = w->t->v, *k = &v[i];
    int rc = 0;
    if (f->value_start && k->kind == T_NAME && f->child_known &&
        (is_op(&v[i + 1], ",") || is_op(&v[i + 1], ";") || is_op(&v[i + 1], "}")))
        rc = add_alias(w->m, f->ctor, f->child, k) ? 0 : -1;
    f->value_start = false;
    if (is_op(k, "(") || is_op(k, "[") || opens_block(k)) {
        f->nest++;
    } else if (is_op(k, ")") || is_op(k, "]") || closes_block(k)) {
        if (f->nest > 0) f->nest--;
    } else if ((is_op(k, ",") || is_op(k, ";")) && f->nest == 0) {
        f->state = AT_FIELD;
    }
    return rc;
}

static int walk(srcmap *m, const tokens *t)
{
    walker w = {.m = m, .t = t, .st = malloc(DEPTH_MAX * sizeof(frame)), .ret_ctor = -1};
    if (!w.st) return -1;
    int rc = 0;
    for (size_t i = 0; i < t->n && t->v[i].kind != T_EOF && rc == 0; i++) {
        const token *k = &t->v[i];
        if (w.depth == 0 && w.overflow == 0) {
            rc = walk_top(&w, i);
        } else if (is_op(k, "{")) {
            rc = walk_open(&w, k);
        } else if (w.overflow) {
            if (is_op(k, "}")) w.overflow--;
        } else if (is_op(k, "}")) { /* every '{' made a frame: this one ends */
            w.depth--;
            if (w.depth > 0) w.st[w.depth - 1].value_start = false;
        } else if (w.st[w.depth - 1].state == AT_FIELD) {
            rc = walk_field(&w, &w.st[w.depth - 1], &i);
        } else {
            rc = walk_value(&w, &w.st[w.depth - 1], i);
        }
    }
    free(w.st);
    if (rc) return rc;
    m->root = w.ret_ctor;
    if (m->root < 0 && w.ret_var[0])
        for (size_t c = 0; c < m->nct; c++)
            if (strcmp(m->ct[c].var, w.ret_var) == 0) m->root = (int)c;
    if (m->root < 0 && m->nct == 1) m->root = 0;
    return 0;
}

srcmap *srcmap_build(const char *src, size_t len)
{
    srcmap *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->root = -1;
    tokens t = {0};
    int rc = lex(src, len, &t);
    if (rc == 0) rc = walk(m, &t);
    free(t.v);
    if (rc) {
        srcmap_free(m);
        return NULL;
    }
    return m;
}

void srcmap_free(srcmap *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->ne; i++) free(m->e[i].path);
    for (size_t i = 0; i < m->nal; i++) free(m->al[i].path);
    free(m->e);
    free(m->al);
    free(m->ct);
    free(m);
}

static int lookup(const srcmap *m, int ctor, const char *path)
{
    int line = 0;
    for (size_t i = 0; i < m->ne; i++) /* the last of a key given twice: the value Lua keeps */
        if (m->e[i].ctor == ctor && strcmp(m->e[i].path, path) == 0) line = m->e[i].line;
    return line;
}

int srcmap_line(const srcmap *m, const char *path)
{
    if (!m || m->root < 0) return 0;
    int line = lookup(m, m->root, path);
    if (line) return line;
    for (size_t i = 0; i < m->nal; i++) {
        const alias *a = &m->al[i];
        size_t pl = strlen(a->path);
        if (a->ctor != m->root || strncmp(path, a->path, pl) != 0 || (path[pl] != '.' && path[pl] != '[')) continue;
        const char *rest = path + pl + (path[pl] == '.');
        int target = -1;
        for (size_t c = 0; c < m->nct; c++)
            if (strcmp(m->ct[c].var, a->var) == 0) target = (int)c;
        if (target >= 0 && (line = lookup(m, target, rest))) return line;
    }
    return 0;
}
