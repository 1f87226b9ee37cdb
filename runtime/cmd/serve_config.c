/* serve_config.c — the table of `serve`'s settings and its reading. */
#include "cmd/serve_config.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GIB (1024.0 * 1024 * 1024)
#define MIB (1024.0 * 1024)

/* How a value is kept: the field's C type (seconds kept as ms). */
typedef enum { F_INT, F_SIZE, F_DOUBLE, F_SECONDS_AS_MS } store_type;

typedef struct {
    const char *table, *sub, *key; /* ingest.limits.event_bytes: "ingest", "limits", "event_bytes" */
    bool whole;                    /* a whole number */
    double min, max;
    store_type type;
    size_t offset;                 /* in serve_config */
} number_setting;

#define AT(f) offsetof(serve_config, f)

static const number_setting NUMBERS[] = {
    {"ingest", NULL, "threads", true, 1, 64, F_INT, AT(threads)},
    {"ingest", NULL, "max_connections", true, 16, 100000, F_INT, AT(max_connections)},
    {"ingest", "limits", "event_bytes", true, 512, 4 * MIB, F_SIZE, AT(lim.event_max)},
    {"ingest", "limits", "body_bytes", true, 1024, 64 * MIB, F_SIZE, AT(lim.body_max)},
    {"ingest", "limits", "batch_events", true, 1, 100000, F_SIZE, AT(lim.batch_events_max)},
    {"queue", NULL, "max_events", true, 1, 1e12, F_DOUBLE, AT(max_events)},
    {"queue", NULL, "max_bytes", true, 1 * MIB, 1e15, F_DOUBLE, AT(max_bytes)},
    {"queue", NULL, "dedupe_window_s", false, 0, 365 * 86400.0, F_SECONDS_AS_MS, AT(q.dedupe_window_ms)},
};

static void store(serve_config *sc, const number_setting *s, double v)
{
    char *p = (char *)sc + s->offset;
    switch (s->type) {
    case F_INT: *(int *)p = (int)v; break;
    case F_SIZE: *(size_t *)p = (size_t)v; break;
    case F_DOUBLE: *(double *)p = v; break;
    case F_SECONDS_AS_MS: *(int64_t *)p = (int64_t)(v * 1000); break;
    }
}

static void setting_name(const number_setting *s, char *out, size_t cap)
{
    if (s->sub) snprintf(out, cap, "%s.%s.%s", s->table, s->sub, s->key);
    else snprintf(out, cap, "%s.%s", s->table, s->key);
}

int serve_parse_listen(const char *text, char host[SERVE_HOST_MAX], int *port)
{
    const char *colon = strrchr(text, ':');
    if (!colon || colon == text || (size_t)(colon - text) >= SERVE_HOST_MAX) return -1;
    const char *digits = colon + 1;
    size_t nd = strspn(digits, "0123456789");
    if (nd == 0 || nd > 5 || digits[nd] || (nd > 1 && digits[0] == '0')) return -1; /* digits only, no sign */
    long p = strtol(digits, NULL, 10);
    if (p > 65535) return -1;
    memcpy(host, text, (size_t)(colon - text));
    host[colon - text] = 0;
    *port = (int)p;
    return 0;
}

/* A string setting: absent (NULL, 0), a string (0), or another kind (-1). */
static int string_setting(serve_config *sc, const jv *t, const char *table, const char *key, const char **out,
                          char *err, size_t errlen)
{
    const jv *v = jv_getz(t, key);
    if (!v) return 0;
    if (v->type != JV_STR || memchr(v->u.s, 0, v->n)) {
        snprintf(err, errlen, "%s.%s must be a string", table, key);
        return -1;
    }
    if (!(*out = jarena_strdup(&sc->strings, v->u.s, v->n))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

static int add_key(serve_config *sc, const char *k, const char *from, char *err, size_t errlen)
{
    if (!k || !*k) {
        snprintf(err, errlen, "%s: a write key must not be empty", from);
        return -1;
    }
    for (int i = 0; i < sc->nkeys; i++)
        if (strcmp(sc->keys[i], k) == 0) return 0;
    if (sc->nkeys >= ENV_WRITE_KEYS_MAX) {
        snprintf(err, errlen, "%s: at most %d write keys", from, ENV_WRITE_KEYS_MAX);
        return -1;
    }
    sc->keys[sc->nkeys++] = k;
    return 0;
}

static int write_keys(serve_config *sc, const run_opts *o, const jv *ingest, char *err, size_t errlen)
{
    const jv *wk = jv_getz(ingest, "write_keys");
    if (wk && wk->type == JV_STR) {
        if (add_key(sc, jarena_strdup(&sc->strings, wk->u.s, wk->n), "ingest.write_keys", err, errlen)) return -1;
    } else if (wk && wk->type == JV_ARR) {
        for (uint32_t i = 0; i < wk->n; i++) {
            const jv *k = &wk->u.items[i];
            if (k->type != JV_STR) {
                snprintf(err, errlen, "ingest.write_keys[%u] must be a string", i + 1);
                return -1;
            }
            if (add_key(sc, jarena_strdup(&sc->strings, k->u.s, k->n), "ingest.write_keys", err, errlen)) return -1;
        }
    } else if (wk) {
        snprintf(err, errlen, "ingest.write_keys must be a list of strings");
        return -1;
    }
    for (int i = 0; i < o->nkeys; i++)
        if (add_key(sc, o->write_keys[i], "--write-key", err, errlen)) return -1;
    const char *env = getenv("SEGMENT_WRITE_KEY");
    if (env && *env && add_key(sc, env, "SEGMENT_WRITE_KEY", err, errlen)) return -1;
    return 0;
}

static int listen_setting(const char *text, const char *name, char host[SERVE_HOST_MAX], int *port, char *err,
                          size_t errlen)
{
    if (serve_parse_listen(text, host, port) == 0) return 0;
    snprintf(err, errlen, "%s must be HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:0 (got '%.60s')", name, text);
    return -1;
}

static const struct {
    const char *name;
    queue_fsync v;
} FSYNCS[] = {{"full", QUEUE_FSYNC_FULL}, {"normal", QUEUE_FSYNC_NORMAL}, {"off", QUEUE_FSYNC_OFF}};

int serve_config_load(serve_config *sc, const run_opts *o, const jv *root, char *err, size_t errlen)
{
    memset(sc, 0, sizeof *sc);
    jarena_init(&sc->strings, 0);
    segment_limits_default(&sc->lim);
    queue_opts_default(&sc->q);
    sc->q.path = SERVE_QUEUE_DEFAULT;
    sc->cors_origins = "*";
    sc->threads = 4;
    sc->max_connections = 1024;
    sc->max_events = 1e6;
    sc->max_bytes = 1 * GIB;
    const jv *ingest = jv_getz(root, "ingest"), *queue = jv_getz(root, "queue");
    const jv *limits = jv_getz(ingest, "limits");
    if (limits && limits->type != JV_OBJ) {
        snprintf(err, errlen, "ingest.limits must be a table: { event_bytes = ..., body_bytes = ..., batch_events = ... }");
        return -1;
    }
    for (size_t i = 0; i < sizeof NUMBERS / sizeof NUMBERS[0]; i++) {
        const number_setting *s = &NUMBERS[i];
        const jv *t = jv_getz(root, s->table);
        if (s->sub) t = jv_getz(t, s->sub);
        const jv *v = jv_getz(t, s->key);
        if (!v) continue;
        double x = v->type == JV_NUM ? jv_num_double(v) : NAN;
        if (!(isfinite(x) && x >= s->min && x <= s->max && (!s->whole || x == floor(x)))) {
            char name[96];
            setting_name(s, name, sizeof name);
            snprintf(err, errlen, "%s must be %s between %.15g and %.15g", name,
                     s->whole ? "a whole number" : "a number", s->min, s->max);
            return -1;
        }
        store(sc, s, x);
    }
    const char *listen = SERVE_LISTEN_DEFAULT, *admin = NULL, *qpath = NULL, *fsync = NULL;
    if (string_setting(sc, ingest, "ingest", "listen", &listen, err, errlen) ||
        string_setting(sc, ingest, "ingest", "admin_listen", &admin, err, errlen) ||
        string_setting(sc, ingest, "ingest", "cors_origins", &sc->cors_origins, err, errlen) ||
        string_setting(sc, queue, "queue", "path", &qpath, err, errlen) ||
        string_setting(sc, queue, "queue", "fsync", &fsync, err, errlen))
        return -1;
    if (o->listen) listen = o->listen;
    if (listen_setting(listen, o->listen ? "--listen" : "ingest.listen", sc->host, &sc->port, err, errlen)) return -1;
    if (admin) {
        if (listen_setting(admin, "ingest.admin_listen", sc->admin_host, &sc->admin_port, err, errlen)) return -1;
        sc->admin = true;
    }
    if (qpath) sc->q.path = qpath;
    if (o->queue_path) sc->q.path = o->queue_path;
    if (fsync) {
        size_t i = 0, n = sizeof FSYNCS / sizeof FSYNCS[0];
        while (i < n && strcmp(FSYNCS[i].name, fsync) != 0) i++;
        if (i == n) {
            snprintf(err, errlen, "queue.fsync must be \"full\", \"normal\" or \"off\" (got '%.40s')", fsync);
            return -1;
        }
        sc->q.fsync = FSYNCS[i].v;
    }
    return write_keys(sc, o, ingest, err, errlen);
}

void serve_config_free(serve_config *sc)
{
    jarena_free(&sc->strings);
}
