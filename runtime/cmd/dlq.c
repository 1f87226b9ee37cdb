/* dlq.c — `dlq list | show | replay | purge`. */
#include "cmd/dlq.h"

#include "cmd/events.h"

#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- list, show ---------------------------------------------------------------------------- */
static void fmt_time(int64_t ms, char *buf, size_t cap)
{
    if (!ms) {
        snprintf(buf, cap, "-");
        return;
    }
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int list_row(void *ud, int64_t id, const dlq_record *r)
{
    (void)ud;
    char t[32];
    fmt_time(r->created_ms, t, sizeof t);
    char msg[81];
    snprintf(msg, sizeof msg, "%s", r->message ? r->message : "");
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\t') *p = ' ';
    printf("%-6" PRId64 " %-20s %-17s %-18s %-20.20s %4d %3d  %s\n", id, t, r->reason ? r->reason : "-",
           r->action ? r->action : "-", r->mapping ? r->mapping : "-", r->http_status, r->attempts, msg);
    return 0;
}

static int show_row(void *ud, int64_t id, const dlq_record *r)
{
    (void)ud;
    char t1[32], t2[32], t3[32];
    fmt_time(r->created_ms, t1, sizeof t1);
    fmt_time(r->first_attempt_ms, t2, sizeof t2);
    fmt_time(r->last_attempt_ms, t3, sizeof t3);
    printf("id:            %" PRId64 "\nstored:        %s\nreason:        %s\naction:        %s\nmapping:       %s\n"
           "message:       %s\nhttp status:   %d\nattempts:      %d\nfirst attempt: %s\nlast attempt:  %s\n",
           id, t1, r->reason ? r->reason : "-", r->action ? r->action : "-", r->mapping ? r->mapping : "-",
           r->message ? r->message : "-", r->http_status, r->attempts, t2, t3);
    if (r->response_len) printf("response:      %.*s\n", (int)r->response_len, r->response);
    jarena a;
    jarena_init(&a, 0);
    jv ev;
    jerr je;
    printf("event:\n");
    if (json_parse(&a, r->event, r->event_len, NULL, &ev, &je) == 0) {
        jbuf b;
        jbuf_init(&b);
        json_write_pretty(&b, &ev, 2);
        printf("%s\n", jbuf_cstr(&b));
        jbuf_free(&b);
    } else {
        printf("%.*s\n(not JSON: %s)\n", (int)r->event_len, r->event, je.msg);
    }
    jarena_free(&a);
    return 0;
}

static int dlq_cmd_list(env *e, const char *reason, long limit)
{
    char err[512];
    printf("%-6s %-20s %-17s %-18s %-20s %4s %3s  %s\n", "id", "stored", "reason", "action", "mapping", "http",
           "try", "message");
    if (dlq_list(e->dlq, 0, limit > 0 ? (int)limit : 100, reason, list_row, NULL, err, sizeof err) < 0) {
        fprintf(stderr, "dlq list: %s\n", err);
        return 1;
    }
    int64_t total = dlq_count(e->dlq, reason);
    printf("%" PRId64 " record(s)%s%s\n", total, reason ? " with reason " : "", reason ? reason : "");
    return 0;
}

static int dlq_cmd_show(env *e, int argc, char **argv)
{
    char err[512];
    if (argc < 2) {
        fprintf(stderr, "dlq show ID\n");
        return 2;
    }
    int g = dlq_get(e->dlq, strtoll(argv[1], NULL, 10), show_row, NULL, err, sizeof err);
    if (g == 1) fprintf(stderr, "dlq show: no record %s\n", argv[1]);
    else if (g < 0) fprintf(stderr, "dlq show: %s\n", err);
    return g == 0 ? 0 : 1;
}

static int dlq_cmd_purge(env *e, const char *reason)
{
    char err[512];
    int64_t n = 0;
    if (dlq_purge(e->dlq, reason, &n, err, sizeof err)) {
        fprintf(stderr, "dlq purge: %s\n", err);
        return 1;
    }
    printf("purged %" PRId64 " record(s)\n", n);
    return 0;
}

/* ---- replay ---------------------------------------------------------------------------------- */
typedef struct {
    int64_t id;
    char *event;
    size_t event_len;
    char *mapping;
} replay_item;

typedef struct {
    replay_item *items;
    size_t n, cap;
    int64_t last_id;
} replay_list;

static int collect(void *ud, int64_t id, const dlq_record *r)
{
    replay_list *l = ud;
    l->last_id = id;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        replay_item *it = realloc(l->items, cap * sizeof *it);
        if (!it) return 1;
        l->items = it;
        l->cap = cap;
    }
    replay_item *it = &l->items[l->n++];
    it->id = id;
    it->event = malloc(r->event_len + 1);
    if (it->event) memcpy(it->event, r->event, r->event_len);
    it->event_len = r->event_len;
    it->mapping = r->mapping ? strdup(r->mapping) : NULL;
    return 0;
}

/* The records to replay: the IDs given, else all of them (with reason). */
static void collect_records(dlq *d, const char *reason, int argc, char **argv, replay_list *l)
{
    char err[512];
    if (argc > 0) {
        for (int i = 0; i < argc; i++) {
            int64_t id = strtoll(argv[i], NULL, 10);
            int g = dlq_get(d, id, collect, l, err, sizeof err);
            if (g == 1) fprintf(stderr, "dlq replay: no record %s\n", argv[i]);
            if (g < 0) fprintf(stderr, "dlq replay: %s\n", err);
        }
        return;
    }
    for (;;) {
        size_t before = l->n;
        if (dlq_list(d, l->last_id, 1000, reason, collect, l, err, sizeof err) < 0) {
            fprintf(stderr, "dlq replay: %s\n", err);
            break;
        }
        if (l->n == before) break;
    }
}

static void replay_list_free(replay_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].event);
        free(l->items[i].mapping);
    }
    free(l->items);
}

/* The subscription of the record's name, its trigger bypassed (in *only);
 * else all of them. */
static mapper replay_mapper(const env *e, const char *mapping, subscription *only)
{
    mapper m = env_mapper(e, &e->cfg);
    for (int k = 0; mapping && k < e->cfg.nsubs; k++) {
        if (strcmp(e->cfg.subs[k].name, mapping) == 0) {
            *only = e->cfg.subs[k];
            only->trig = NULL;
            only->enabled = true;
            m.subs = only;
            m.nsubs = 1;
            break;
        }
    }
    return m;
}

/* One record through the current mappings, to its outcome. Returns true when
 * delivered; the old record goes once the outcome is stored. */
static bool replay_one(runner *r, const replay_item *it, jarena *a, jbuf *tmp)
{
    env *e = r->e;
    subscription only;
    mapper m = replay_mapper(e, it->mapping, &only);
    uint64_t dlq_errors = r->dlq_errors;
    r->replay_lost = false;
    uint64_t filtered = r->filtered;
    runner_line(r, &m, it->event, it->event_len, a, tmp);
    while (!env_interrupted() && sender_run(e->snd, 100) > 0) {
    }
    if (env_interrupted()) env_wind_down(e, "dlq replay", r->o->set.send.timeout_ms, NULL, NULL);
    runner_commit(r);
    bool delivered = !r->replay_lost && r->filtered == filtered;
    /* a new failure has its own record */
    char err[512];
    if (r->dlq_errors == dlq_errors && (delivered || r->filtered == filtered))
        dlq_delete(e->dlq, it->id, err, sizeof err);
    printf("%" PRId64 ": %s\n", it->id,
           delivered ? "delivered" : r->filtered != filtered ? "no subscription matches it now; kept" : "failed again (see the new record)");
    return delivered;
}

static int replay(run_opts *o, env *e, const char *reason, int argc, char **argv)
{
    runner r;
    if (runner_open(&r, e, o, "dlq replay")) return 1;
    replay_list l = {0};
    collect_records(e->dlq, reason, argc, argv, &l);
    env_catch_interrupt(SIGINT);
    jarena a;
    jarena_init(&a, (size_t)256 << 20);
    jbuf tmp;
    jbuf_init(&tmp);
    uint64_t ok = 0, again = 0;
    for (size_t i = 0; i < l.n && !env_interrupted(); i++) {
        if (!l.items[i].event) continue;
        if (replay_one(&r, &l.items[i], &a, &tmp)) ok++;
        else again++;
    }
    printf("replayed %zu record(s): %" PRIu64 " delivered, %" PRIu64 " not\n", l.n, ok, again);
    runner_free(&r);
    replay_list_free(&l);
    jbuf_free(&tmp);
    jarena_free(&a);
    return again || env_interrupted() ? 1 : 0;
}

int cmd_dlq(run_opts *o, const char *reason, long limit, int argc, char **argv)
{
    if (argc < 1) {
        fprintf(stderr, "dlq: list | show ID | replay [ID...] | purge\n");
        return 2;
    }
    const char *sub = argv[0];
    bool is_replay = strcmp(sub, "replay") == 0;
    env e;
    int rc = 1;
    if (env_open(&e, o, true, is_replay, "dlq")) {
        env_free(&e);
        return 1;
    }
    if (strcmp(sub, "list") == 0) {
        rc = dlq_cmd_list(&e, reason, limit);
    } else if (strcmp(sub, "show") == 0) {
        rc = dlq_cmd_show(&e, argc, argv);
    } else if (is_replay) {
        rc = replay(o, &e, reason, argc - 1, argv + 1);
    } else if (strcmp(sub, "purge") == 0) {
        rc = dlq_cmd_purge(&e, reason);
    } else {
        fprintf(stderr, "dlq: unknown subcommand '%s' (list | show ID | replay [ID...] | purge)\n", sub);
        rc = 2;
    }
    env_free(&e);
    return rc;
}
