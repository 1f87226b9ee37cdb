/* run.c — `run`: input lines (NDJSON events or {"batch":[...]}) are read
 * without blocking the sender, mapped one event at a time into the arena, and
 * each request is handed to the sender; every event ends delivered, filtered
 * (no subscription) or dead-lettered with its reason. SIGHUP swaps in a
 * reloaded config, and so does a save of the config, of a script it uses or
 * of a fixture file beside them (config/watch.h; --no-watch: off);
 * SIGINT/SIGTERM stop reading and let what is in flight finish (a second one
 * stops at once), dead-lettering what is pending. */
#include "cmd/run.h"

#include "cmd/events.h"
#include "cmd/live.h"
#include "cmd/outbox.h"
#include "ingest/enqueue.h"
#include "ingest/reader.h"
#include "map/pool.h"
#include "lib/clock.h"
#include "lib/signals.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

/* The exit status when dead letters could be neither stored nor written to
 * stderr (input after that point was not read). */
#define RUN_EXIT_LOST 3

#define POOL_POLL_MS 1         /* the longest wait while the workers hold events */
#define LINES_PER_TURN 256    /* input lines between two turns of the sender's loop */
#define EVENTS_PER_TURN 1024  /* events (a batch line's items) between two turns */
#define EVENT_MEMORY ((size_t)256 << 20) /* one event's arena: it, its merge, its mapping */
#define LINE_MEMORY ((size_t)64 << 20)   /* one line's: a batch's context and integrations */

typedef struct {
    env e;
    size_t pending_cap;     /* env_pending_cap */
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
    live lv;                /* reloads */
    int waitfd;             /* an epoll set of the input and the watch's descriptor (-1: none) */
    bool input_waited;      /* ... the input is in it */
    /* --queue: lines go to the queue (enq), events come out of it (ob) */
    queue *q;
    enqueuer enq;
    outbox ob;
    int file_no;
    uint64_t line_no;
} run_state;

/* --queue: lines are read while fewer events than this many times the
 * pending cap wait in the queue. */
#define QUEUE_AHEAD_PER_PENDING 4

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

/* The one descriptor whose readability also ends the sender's wait: the
 * input's (input_fd, -1 when no more is wanted now), the watch's, or both
 * through s->waitfd. */
static int wait_fd(const run_state *s, int input_fd)
{
    if (live_fd(&s->lv) < 0) return input_fd;
    if (input_fd < 0) return live_fd(&s->lv);
    return s->input_waited ? s->waitfd : input_fd; /* not in it: a regular file, always readable */
}

/* ms, or less when a debounce ends sooner. */
static long wait_ms(const run_state *s, long ms)
{
    int t = live_timeout_ms(&s->lv);
    if (s->r.pool && pool_busy(s->r.pool)) t = t < 0 || t > POOL_POLL_MS ? POOL_POLL_MS : t; /* results to collect */
    return t >= 0 && t < ms ? t : ms;
}

/* ---- the loop ---------------------------------------------------------------------------- */
/* --queue: events waiting in the queue, not yet leased (the input waits
 * while there are pending_cap * QUEUE_AHEAD_PER_PENDING of them). Scaled to
 * the pending cap's units so that the input loop compares one number. */
static size_t queue_ahead(run_state *s)
{
    queue_depth d = {0};
    char err[256];
    if (queue_depth_get(s->q, &d, err, sizeof err)) return 0;
    uint64_t waiting = d.events > d.leased ? d.events - d.leased : 0;
    return (size_t)(waiting / QUEUE_AHEAD_PER_PENDING);
}

/* One turn of delivery from the queue (--queue): what was read is
 * committed, then leased, mapped and settled. */
static void queue_turn(run_state *s)
{
    if (enqueue_flush(&s->enq) && !s->input_error) {
        fprintf(stderr, "run: %s; no more input is read\n", s->enq.err);
        s->input_error = true;
    }
    outbox_lease(&s->ob);
    if (s->r.pool) runner_collect(&s->r, 0);
    outbox_settle(&s->ob);
}

/* Hands the events of the lines ready in rd to the runner while fewer than
 * s->pending_cap requests are unfinished, at most LINES_PER_TURN lines and
 * EVENTS_PER_TURN events. A line (a batch) can stop after any event: the rest
 * of it goes on at a later turn, before anything more is read. */
static void feed_lines(run_state *s, reader *rd, size_t pending, const char *name)
{
    if (s->q) pending = queue_ahead(s);
    int lines = 0, events = 0;
    while (pending < s->pending_cap && events < EVENTS_PER_TURN) {
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
            s->line_no++;
            if (reader_blank(line, &len)) continue;
            if (s->q) {
                if (enqueue_line(&s->enq, line, len, s->file_no, s->line_no)) break;
                continue;
            }
            runner_input_start(&s->r, &s->in, &s->m, line, len, &s->line, &s->a, &s->tmp);
            s->in_line = true;
        }
        if (!runner_input_next(&s->r, &s->in)) {
            s->in_line = false;
            continue;
        }
        events++;
        if (s->r.pool) runner_collect(&s->r, 0);
        pending = sender_run(s->e.snd, 0) + (s->r.pool ? (size_t)pool_busy(s->r.pool) : 0);
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
    struct epoll_event ev = {.events = EPOLLIN};
    s->input_waited = s->waitfd >= 0 && epoll_ctl(s->waitfd, EPOLL_CTL_ADD, rd.fd, &ev) == 0;
    while (!env_interrupted() && !s->r.halt) {
        live_poll(&s->lv);
        sender_stats st;
        sender_get_stats(s->e.snd, &st);
        size_t pending = s->q ? queue_ahead(s) : unfinished(&st);
        bool want_input = !s->in_line && !rd.eof && pending < s->pending_cap && !s->enq.failed;
        if (want_input && !reader_fill(&rd)) {
            fprintf(stderr, "run: %s: read error: %s\n", name, strerror(errno));
            s->input_error = true;
        }
        feed_lines(s, &rd, pending, name);
        if (s->q) queue_turn(s);
        if (s->r.pool) runner_collect(&s->r, 0);
        runner_commit(&s->r);
        if (!s->in_line && (reader_done(&rd) || s->enq.failed)) break;
        /* wait for the network, or for more input when more is wanted; not
         * at all when the line begun can go on */
        sender_get_stats(s->e.snd, &st);
        bool room = (s->q ? queue_ahead(s) : unfinished(&st)) < s->pending_cap;
        want_input = !s->in_line && !rd.eof && room;
        sender_watch_fd(s->e.snd, wait_fd(s, want_input ? rd.fd : -1));
        sender_run(s->e.snd, wait_ms(s, s->in_line && room ? 0 : 50));
        sender_watch_fd(s->e.snd, -1);
        if (s->q) queue_turn(s);
        runner_commit(&s->r);
        tick_progress(s);
    }
    if (s->q) enqueue_flush(&s->enq);
    if (s->in_line) {
        runner_input_abandon(&s->r, &s->in);
        s->in_line = false;
        runner_commit(&s->r);
    }
    if (s->input_waited) epoll_ctl(s->waitfd, EPOLL_CTL_DEL, rd.fd, NULL);
    s->input_waited = false;
    reader_close(&rd);
}

static void drain_tick(void *ctx)
{
    run_state *s = ctx;
    if (s->q) outbox_settle(&s->ob);
    runner_commit(&s->r);
    tick_progress(s);
}

/* --queue: nothing left in the queue, nothing in the sender or the pool (or
 * the queue failing with nothing in flight: what is left stays for a later
 * run). */
static bool queue_done(run_state *s)
{
    sender_stats st;
    sender_get_stats(s->e.snd, &st);
    if (unfinished(&st) || (s->r.pool && pool_busy(s->r.pool))) return false;
    queue_depth d = {0};
    char err[256];
    return queue_depth_get(s->q, &d, err, sizeof err) || d.events == 0 || s->ob.failing;
}

/* The requests still pending after the last input: finished (reloads go on
 * meanwhile), or on Ctrl-C wound down (env_wind_down). */
static void drain(run_state *s)
{
    runner_quiesce(&s->r);
    while (!env_interrupted()) {
        live_poll(&s->lv);
        if (s->q) {
            queue_turn(s);
            if (queue_done(s)) break;
        }
        sender_stats st;
        sender_get_stats(s->e.snd, &st);
        if (!s->q && !unfinished(&st)) break;
        sender_watch_fd(s->e.snd, wait_fd(s, -1));
        size_t left = sender_run(s->e.snd, s->q ? outbox_wait_ms(&s->ob, wait_ms(s, 100)) : wait_ms(s, 100));
        sender_watch_fd(s->e.snd, -1);
        if (!left && !s->q) break;
        drain_tick(s);
    }
    if (env_interrupted()) env_wind_down(&s->e, "run", s->r.o->set.send.timeout_ms, drain_tick, s);
    runner_commit(&s->r);
}

/* --queue FILE: the durable queue (the same as serve's), so that running the
 * same command again after a crash or Ctrl-C resumes. */
static void enqueue_invalid(void *ctx, const char *raw, size_t len, const char *why)
{
    run_state *s = ctx;
    runner_invalid(&s->r, raw, len, why);
}

static int run_queue_open(run_state *s, run_opts *o)
{
    queue_opts qo;
    queue_opts_default(&qo);
    qo.path = o->queue_path;
    char err[512];
    if (!(s->q = queue_open(&qo, err, sizeof err))) {
        fprintf(stderr, "run: %s\n", err);
        return -1;
    }
    queue_depth d = {0};
    queue_depth_get(s->q, &d, err, sizeof err);
    if (d.events)
        fprintf(stderr, "run: queue %s: %" PRIu64 " event(s) left by an earlier run go out first\n", o->queue_path,
                d.events);
    enqueue_init(&s->enq, s->q, enqueue_invalid, s);
    outbox_init(&s->ob, &s->r, s->q, &s->m, s->pending_cap, "run");
    return 0;
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
    live_catch_sighup();
    s->progress = o->progress < 0 ? isatty(2) : o->progress;
    s->pending_cap = env_pending_cap(o);
    if (o->queue_path && run_queue_open(s, o)) return -1;
    int workers = o->workers ? o->workers : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (workers > POOL_WORKERS_MAX) workers = POOL_WORKERS_MAX;
    if (workers > 1) {
        char err[256];
        if (!(s->r.pool = pool_new(workers, s->e.lua, err, sizeof err))) {
            fprintf(stderr, "run: mapping workers: %s\n", err);
            return -1;
        }
    }
    live_start(&s->lv, &s->r, &s->m, o, "run");
    s->waitfd = -1;
    struct epoll_event ev = {.events = EPOLLIN};
    if (live_fd(&s->lv) >= 0 && ((s->waitfd = epoll_create1(EPOLL_CLOEXEC)) < 0 ||
                                 epoll_ctl(s->waitfd, EPOLL_CTL_ADD, live_fd(&s->lv), &ev) < 0)) {
        fprintf(stderr, "run: not watching for changes: epoll: %s (SIGHUP reloads)\n", strerror(errno));
        if (s->waitfd >= 0) close(s->waitfd);
        s->waitfd = -1;
        live_stop(&s->lv);
    }
    return 0;
}

static void queue_summary(run_state *s)
{
    queue_depth d = {0};
    char err[256];
    queue_depth_get(s->q, &d, err, sizeof err);
    fprintf(stderr, "run: queue %s: %" PRIu64 " event(s) queued, %" PRIu64
                    " skipped (their messageId was queued before: delivered or queued by an earlier run)",
            s->r.o->queue_path, s->enq.added, s->enq.duplicates);
    if (d.events) fprintf(stderr, "; %" PRIu64 " stay queued: run the same command again to deliver them", d.events);
    fprintf(stderr, "\n");
}

/* The summary; the exit status. */
static int run_finish(run_state *s)
{
    if (s->progress) fprintf(stderr, "\r\033[K");
    print_summary(&s->r, env_interrupted() && !s->q);
    if (s->q) queue_summary(s);
    int rc = env_interrupted() ? 130 : (s->input_error || s->r.dlq_errors) ? 1 : 0;
    if (s->r.unrecorded) rc = RUN_EXIT_LOST;
    live_stop(&s->lv);
    if (s->waitfd >= 0) close(s->waitfd);
    s->waitfd = -1;
    pool_free(s->r.pool);
    s->r.pool = NULL;
    cfg_version_swap(&s->r.active, NULL);
    runner_free(&s->r);
    if (s->q) {
        outbox_free(&s->ob);
        enqueue_free(&s->enq);
        queue_close(s->q);
        s->q = NULL;
    }
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
        for (int f = 0; f < (o->nfiles ? o->nfiles : 1) && !env_interrupted(); f++) {
            s.file_no = f + 1;
            s.line_no = 0;
            run_input(&s, o->nfiles ? o->files[f] : NULL);
        }
        drain(&s);
        rc = run_finish(&s);
    }
    env_free(&s.e);
    return rc;
}
