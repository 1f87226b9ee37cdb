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
    if (r->generation) printf("generation:    %" PRId64 " (the config version that mapped it)\n", r->generation);
    if (r->response_len) printf("response:      %.*s\n", (int)r->response_len, r->response);
    if (r->response_full_len > r->response_len)
        printf("response size: %zu bytes (the first %zu kept)\n", r->response_full_len, r->response_len);
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

/* ---- replay ----------------------------------------------------------------------------------
 * Records are read a page at a time and their events go through the runner
 * as `run`'s do: pipelined under the sender's concurrency, with its retries,
 * input pausing while env_pending_cap() requests are unfinished. A record
 * is settled when the last of its events has ended: delivered (the record is
 * removed), failed again (a new record holds the new failure; the old one is
 * removed), or matched by no subscription now (kept). Only records that
 * existed when the replay started are read, so new failures are not
 * replayed again. */
#define REPLAY_PAGE 256

typedef struct {
    int64_t id;
    subscription only;          /* the record's subscription, trigger bypassed (its jobs point at it) */
    int events;                 /* events read from the record (set once it has been fed) */
    int delivered, dead, filtered;
    bool fed;
} replay_rec;

typedef struct {
    int64_t id;
    char *event;
    size_t event_len;
    char *mapping;
} replay_item;

typedef struct {
    replay_item items[REPLAY_PAGE];
    int n;
    int64_t last_id, max_id;    /* max_id: the newest record when the replay started */
} replay_page;

typedef struct {
    runner *r;
    uint64_t ok, again, kept, unsettled;
} replay_state;

static int collect(void *ud, int64_t id, const dlq_record *r)
{
    replay_page *pg = ud;
    if (id > pg->max_id) return 1;
    pg->last_id = id;
    replay_item *it = &pg->items[pg->n++];
    it->id = id;
    it->event = malloc(r->event_len + 1);
    if (it->event) memcpy(it->event, r->event, r->event_len);
    it->event_len = r->event_len;
    it->mapping = r->mapping ? strdup(r->mapping) : NULL;
    return pg->n == REPLAY_PAGE;
}

static void page_free(replay_page *pg)
{
    for (int i = 0; i < pg->n; i++) {
        free(pg->items[i].event);
        free(pg->items[i].mapping);
    }
    pg->n = 0;
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

/* A record whose events have all ended: its line on stdout, the old record
 * removed unless it is kept (or the store is failing: then nothing is
 * removed). */
static void settle(replay_state *st, replay_rec *rec)
{
    runner *r = st->r;
    bool delivered = rec->events > 0 && rec->delivered == rec->events;
    bool kept = !delivered && rec->dead == 0;
    const char *what = delivered ? "delivered" : kept ? "no subscription matches it now; kept"
                                                      : "failed again (see the new record)";
    if (!kept && r->dlq_errors == 0) {
        char err[512];
        if (dlq_delete(r->e->dlq, rec->id, err, sizeof err) < 0) fprintf(stderr, "dlq replay: %s\n", err);
    }
    printf("%" PRId64 ": %s\n", rec->id, what);
    if (delivered) st->ok++;
    else if (kept) st->kept++;
    else st->again++;
    free(rec);
}

/* Settles rec once it has been fed and all its events have ended. */
static void maybe_settle(replay_state *st, replay_rec *rec)
{
    if (rec->fed && rec->delivered + rec->dead + rec->filtered == rec->events) {
        st->unsettled--;
        settle(st, rec);
    }
}

static void replay_ended(void *ctx, void *tag, ev_end how)
{
    replay_state *st = ctx;
    replay_rec *rec = tag;
    if (how == EV_DELIVERED) rec->delivered++;
    else if (how == EV_DEAD) rec->dead++;
    else rec->filtered++;
    maybe_settle(st, rec);
}

/* One record's events into the runner. */
static void feed(replay_state *st, const replay_item *it, jarena *a, jbuf *tmp)
{
    runner *r = st->r;
    replay_rec *rec = calloc(1, sizeof *rec);
    if (!rec) {
        fprintf(stderr, "dlq replay: %" PRId64 ": out of memory; kept\n", it->id);
        st->kept++;
        return;
    }
    rec->id = it->id;
    mapper m = replay_mapper(r->e, it->mapping, &rec->only);
    uint64_t before = r->received;
    r->tag = rec;
    runner_line(r, &m, it->event, it->event_len, a, tmp);
    r->tag = NULL;
    rec->events = (int)(r->received - before);
    rec->fed = true;
    st->unsettled++;
    maybe_settle(st, rec);
}

/* Unfinished requests (queued, in flight or waiting for a retry). */
static size_t pending(const env *e)
{
    sender_stats st;
    sender_get_stats(e->snd, &st);
    return st.submitted - st.delivered - st.rejected - st.exhausted - st.aborted;
}

static int replay(run_opts *o, env *e, const char *reason, int argc, char **argv)
{
    runner r;
    if (runner_open(&r, e, o, "dlq replay")) return 1;
    replay_state st = {.r = &r};
    r.ended = replay_ended;
    r.ended_ctx = &st;
    env_catch_interrupt(SIGINT);
    env_catch_interrupt(SIGTERM);
    jarena a;
    jarena_init(&a, (size_t)256 << 20);
    jbuf tmp;
    jbuf_init(&tmp);
    static replay_page pg;
    pg.max_id = INT64_MAX;
    pg.last_id = 0;
    char err[512];
    if (argc == 0 && dlq_max_id(e->dlq, &pg.max_id, err, sizeof err)) {
        fprintf(stderr, "dlq replay: %s\n", err);
        pg.max_id = 0;
    }
    int next_arg = 0;
    uint64_t total = 0;
    while (!env_interrupted()) {
        pg.n = 0;
        if (argc > 0) {
            for (; next_arg < argc && pg.n < REPLAY_PAGE; next_arg++) {
                double id;
                int g = parse_number(argv[next_arg], true, 1, (double)INT64_MAX, &id) ? 1
                        : dlq_get(e->dlq, (int64_t)id, collect, &pg, err, sizeof err);
                if (g == 1) fprintf(stderr, "dlq replay: no record %s\n", argv[next_arg]);
                if (g < 0) fprintf(stderr, "dlq replay: %s\n", err);
            }
        } else if (dlq_list(e->dlq, pg.last_id, REPLAY_PAGE, reason, collect, &pg, err, sizeof err) < 0) {
            fprintf(stderr, "dlq replay: %s\n", err);
        }
        if (pg.n == 0) break;
        for (int i = 0; i < pg.n && !env_interrupted(); i++) {
            while (!env_interrupted() && pending(e) >= env_pending_cap(o)) sender_run(e->snd, 100);
            if (!pg.items[i].event) continue;
            feed(&st, &pg.items[i], &a, &tmp);
            total++;
            sender_run(e->snd, 0);
            runner_commit(&r);
        }
        page_free(&pg);
    }
    page_free(&pg);
    while (!env_interrupted() && sender_run(e->snd, 100) > 0) runner_commit(&r);
    if (env_interrupted()) env_wind_down(e, "dlq replay", o->set.send.timeout_ms, NULL, NULL);
    runner_commit(&r);
    printf("replayed %" PRIu64 " record(s): %" PRIu64 " delivered, %" PRIu64 " not\n", total, st.ok,
           st.again + st.kept + st.unsettled);
    runner_free(&r);
    jbuf_free(&tmp);
    jarena_free(&a);
    return st.again || st.kept || st.unsettled || env_interrupted() ? 1 : 0;
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
