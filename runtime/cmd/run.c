/* run.c — `run`: input lines (NDJSON events or {"batch":[...]}) are read
 * without blocking the sender, mapped one event at a time into the arena, and
 * each request is handed to the sender; every event ends delivered, filtered
 * (no subscription) or dead-lettered with its reason. SIGHUP swaps in a
 * reloaded config; SIGINT/SIGTERM stop reading and let what is in flight
 * finish (a second one stops at once), dead-lettering what is pending. */
#include "cmd/run.h"

#include "cmd/events.h"
#include "ingest/reader.h"
#include "lib/clock.h"
#include "lib/signals.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The exit status when dead letters could be neither stored nor written to
 * stderr (input after that point was not read). */
#define RUN_EXIT_LOST 3

#define MAX_PENDING 8192      /* requests queued or in flight before input pauses */
#define LINES_PER_TURN 256    /* input lines between two turns of the sender's loop */
#define EVENTS_PER_TURN 1024  /* events (a batch line's items) between two turns */
#define EVENT_MEMORY ((size_t)256 << 20) /* one event's arena: it, its merge, its mapping */
#define LINE_MEMORY ((size_t)64 << 20)   /* one line's: a batch's context and integrations */

static volatile sig_atomic_t g_reload;

static void on_sighup(int sig)
{
    (void)sig;
    g_reload = 1;
}

typedef struct {
    env e;
    runner r;
    mapper m;           /* the active configuration's */
    jarena a;           /* one event and its mapping (reset per event) */
    jarena line;        /* one line's: a batch's context and integrations */
    jbuf tmp;           /* a batch item's bytes */
    runner_input in;    /* the line being handed out, an event at a time */
    bool in_line;       /* ... not at its end yet: no more input is read meanwhile */
    bool progress;
    int64_t next_progress;
    bool input_error;
} run_state;

/* ---- summary and progress ----------------------------------------------------------------- */
/* Jobs queued, in flight or waiting for a retry. */
static uint64_t unfinished(const sender_stats *st)
{
    return st->submitted - st->delivered - st->rejected - st->exhausted - st->aborted;
}

static void print_summary(runner *r, bool interrupted)
{
    sender_stats st;
    sender_get_stats(r->e->snd, &st);
    fprintf(stderr, "%srun: received %" PRIu64 " events: %" PRIu64 " delivered, %" PRIu64 " filtered (no subscription), %" PRIu64
                    " dead-lettered; %" PRIu64 " requests delivered, %" PRIu64 " retried (%" PRIu64 " retries)\n",
            interrupted ? "\n" : "", r->received, r->events_delivered, r->filtered, r->events_dead,
            r->requests_delivered, st.jobs_retried, st.retries);
    if (r->declined) fprintf(stderr, "run: %" PRIu64 " time(s) a script declined an event (returned nil)\n", r->declined);
    if (st.attempts)
        fprintf(stderr, "run: concurrency: %s cap %d, ranged %d-%d, ended at %d; latency %.1f ms (moving average)\n",
                r->o->set.send.adaptive ? "adaptive under" : "fixed", r->o->set.send.max_inflight, st.cap_low, st.cap_high,
                st.cap, st.latency_ms_ewma);
    uint64_t dead = 0;
    for (int i = 0; i < R_COUNT; i++) dead += r->dead_by_reason[i];
    if (dead) {
        fprintf(stderr, "run: dead letters by reason:");
        for (int i = 0; i < R_COUNT; i++)
            if (r->dead_by_reason[i]) fprintf(stderr, " %s %" PRIu64, reason_name(i), r->dead_by_reason[i]);
        fprintf(stderr, " (see: encharge-actions dlq list)\n");
    }
    if (interrupted)
        fprintf(stderr, "run: interrupted: %" PRIu64 " request(s) never sent were dead-lettered as 'interrupted', %" PRIu64
                        " cut off in flight as 'interrupted_in_flight' (they may have arrived: a replay may "
                        "deliver them twice); input after the last line read was not processed\n",
                r->dead_by_reason[R_INTERRUPTED], r->dead_by_reason[R_IN_FLIGHT]);
}

static void print_progress(runner *r)
{
    sender_stats st;
    sender_get_stats(r->e->snd, &st);
    fprintf(stderr, "\r\033[Kreceived %" PRIu64 "  delivered %" PRIu64 "  in flight %d/%d  waiting %" PRIu64
                    "  dead-lettered %" PRIu64,
            r->received, r->requests_delivered, st.inflight, st.cap, unfinished(&st) - (uint64_t)st.inflight,
            r->events_dead);
}

/* The live progress line, at most every 250 ms. */
static void tick_progress(run_state *s)
{
    if (s->progress && clock_mono_ms() >= s->next_progress) {
        print_progress(&s->r);
        s->next_progress = clock_mono_ms() + 250;
    }
}

/* ---- reload ------------------------------------------------------------------------------ */
/* SIGHUP: load the config again beside the current one and swap only when
 * all of it loads; a failed reload keeps the current mappings and says why.
 * Mappings, triggers and endpoints take effect for events read from now on;
 * the API key and the delivery settings need a restart. */
static void reload(runner *r, mapper *m)
{
    g_reload = 0;
    env *e = r->e;
    const char *path = config_default_path(r->o->config_path);
    char err[4096];
    cfg_version *n = cfg_version_load(path, e->lua, err, sizeof err);
    if (!n) {
        fprintf(stderr, "run: reload failed: %s; keeping the current mappings\n", err);
        r->reload_failures++;
        return;
    }
    if (r->o->ingest_url) n->c.ep.ingest_base = r->o->ingest_url;
    if (r->o->api_url) n->c.ep.api_base = r->o->api_url;
    if (env_check_endpoints(&n->c.ep, err, sizeof err)) {
        fprintf(stderr, "run: reload failed: %s; keeping the current mappings\n", err);
        cfg_version_drop(n);
        r->reload_failures++;
        return;
    }
    const char *key;
    size_t keylen;
    ev_error verr;
    if (settings_validate(&n->c.settings, &n->c.arena, &key, &keylen, &verr) || keylen != e->keylen ||
        memcmp(key, e->key, keylen) != 0)
        fprintf(stderr, "run: reload: settings.apiKey differs from the running one; the running key stays "
                        "until a restart\n");
    n->c.settings = e->cfg.settings; /* the key in force */
    *m = env_mapper(e, &n->c);
    cfg_version_swap(&r->active, n);
    r->reloads++;
    r->generation++;
    fprintf(stderr, "run: reloaded %s: generation %" PRIu64 ", %d subscription(s)\n", path ? path : "(presets)",
            r->generation, n->c.nsubs);
}

/* ---- the loop ---------------------------------------------------------------------------- */
/* Hands the events of the lines ready in rd to the runner while fewer than
 * MAX_PENDING requests are unfinished, at most LINES_PER_TURN lines and
 * EVENTS_PER_TURN events. A line (a batch) can stop after any event: the rest
 * of it goes on at a later turn, before anything more is read. */
static void feed_lines(run_state *s, reader *rd, size_t pending, const char *name)
{
    int lines = 0, events = 0;
    while (pending < MAX_PENDING && events < EVENTS_PER_TURN) {
        if (!s->in_line) {
            char *line;
            size_t len;
            bool cut;
            if (lines >= LINES_PER_TURN || !(line = reader_line(rd, &len, &cut))) break;
            lines++;
            if (cut) {
                char why[300];
                snprintf(why, sizeof why,
                         "input line cut after %zu bytes: it could not be spooled (%s), the rest of %s was not read",
                         len, strerror(rd->spool_err), name);
                fprintf(stderr, "run: %s: %s\n", name, why);
                runner_invalid(&s->r, line, len, why);
                s->input_error = true;
                continue;
            }
            if (reader_blank(line, &len)) continue;
            runner_input_start(&s->r, &s->in, &s->m, line, len, &s->line, &s->a, &s->tmp);
            s->in_line = true;
        }
        if (!runner_input_next(&s->r, &s->in)) {
            s->in_line = false;
            continue;
        }
        events++;
        pending = sender_run(s->e.snd, 0);
    }
}

/* One input (path; NULL: stdin) to its end, or until interrupted (the rest
 * of a line begun is dead-lettered as interrupted). */
static void run_input(run_state *s, const char *path)
{
    const char *name = path ? path : "stdin";
    reader rd;
    if (reader_open(&rd, path)) {
        fprintf(stderr, "run: %s: %s\n", name, strerror(errno));
        s->input_error = true;
        return;
    }
    while (!env_interrupted() && !s->r.halt) {
        if (g_reload) reload(&s->r, &s->m);
        sender_stats st;
        sender_get_stats(s->e.snd, &st);
        size_t pending = unfinished(&st);
        bool want_input = !s->in_line && !rd.eof && pending < MAX_PENDING;
        if (want_input && !reader_fill(&rd)) {
            fprintf(stderr, "run: %s: read error: %s\n", name, strerror(errno));
            s->input_error = true;
        }
        feed_lines(s, &rd, pending, name);
        runner_commit(&s->r);
        if (!s->in_line && reader_done(&rd)) break;
        /* wait for the network, or for more input when more is wanted; not
         * at all when the line begun can go on */
        sender_get_stats(s->e.snd, &st);
        bool room = unfinished(&st) < MAX_PENDING;
        want_input = !s->in_line && !rd.eof && room;
        sender_watch_fd(s->e.snd, want_input ? rd.fd : -1);
        sender_run(s->e.snd, s->in_line && room ? 0 : 50);
        sender_watch_fd(s->e.snd, -1);
        runner_commit(&s->r);
        tick_progress(s);
    }
    if (s->in_line) {
        runner_input_abandon(&s->r, &s->in);
        s->in_line = false;
        runner_commit(&s->r);
    }
    reader_close(&rd);
}

static void drain_tick(void *ctx)
{
    run_state *s = ctx;
    runner_commit(&s->r);
    tick_progress(s);
}

/* The requests still pending after the last input: finished, or on Ctrl-C
 * wound down (env_wind_down). */
static void drain(run_state *s)
{
    while (!env_interrupted() && sender_run(s->e.snd, 100) > 0) drain_tick(s);
    if (env_interrupted()) env_wind_down(&s->e, "run", s->r.o->set.send.timeout_ms, drain_tick, s);
    runner_commit(&s->r);
}

static int run_start(run_state *s, run_opts *o)
{
    if (env_open(&s->e, o, true, true, "run")) return -1;
    if (runner_open(&s->r, &s->e, o, "run")) return -1;
    s->m = env_mapper(&s->e, &s->e.cfg);
    jarena_init(&s->a, EVENT_MEMORY);
    jarena_init(&s->line, LINE_MEMORY);
    jbuf_init(&s->tmp);
    env_catch_interrupt(SIGINT);
    env_catch_interrupt(SIGTERM);
    signal_catch(SIGHUP, on_sighup);
    s->progress = o->progress < 0 ? isatty(2) : o->progress;
    return 0;
}

/* The summary; the exit status. */
static int run_finish(run_state *s)
{
    if (s->progress) fprintf(stderr, "\r\033[K");
    print_summary(&s->r, env_interrupted());
    int rc = env_interrupted() ? 130 : (s->input_error || s->r.dlq_errors) ? 1 : 0;
    if (s->r.unrecorded) rc = RUN_EXIT_LOST;
    cfg_version_swap(&s->r.active, NULL);
    runner_free(&s->r);
    jbuf_free(&s->tmp);
    jarena_free(&s->a);
    jarena_free(&s->line);
    return rc;
}

int cmd_run(run_opts *o)
{
    run_state s = {0};
    int rc = 1;
    if (run_start(&s, o) == 0) {
        for (int f = 0; f < (o->nfiles ? o->nfiles : 1) && !env_interrupted(); f++)
            run_input(&s, o->nfiles ? o->files[f] : NULL);
        drain(&s);
        rc = run_finish(&s);
    }
    env_free(&s.e);
    return rc;
}
