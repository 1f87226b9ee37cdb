/* events.h — events through the subscriptions to the sender, and how each one
 * ends: delivered, filtered (no subscription matched) or dead-lettered with
 * its reason (in batches of the store's transactions; never silently: when
 * the store cannot be written, the event goes to stderr whole). Shared by
 * `run` and `dlq replay`. */
#ifndef ENCHARGE_CMD_EVENTS_H
#define ENCHARGE_CMD_EVENTS_H

#include "cmd/env.h"
#include "config/reload.h"
#include "ingest/batch.h"

/* Why an event was dead-lettered (the store's `reason`). */
enum { R_VALIDATION, R_SCRIPT, R_SCRIPT_LIMIT, R_MAPPING, R_HTTP, R_EXHAUSTED, R_INVALID_JSON, R_INTERRUPTED, R_IN_FLIGHT, R_OTHER,
       R_COUNT };
const char *reason_name(int reason);

/* EV_KEPT (only with runner.keep_unsent): a request was never finished —
 * aborted at a stop — and nothing was dead-lettered for it: the event stays
 * in the queue for the next start. */
typedef enum { EV_DELIVERED, EV_DEAD, EV_FILTERED, EV_KEPT } ev_end;

typedef struct {
    env *e;
    run_opts *o;
    uint64_t received, filtered, events_delivered, events_dead, requests_delivered;
    uint64_t events_kept; /* EV_KEPT */
    uint64_t delivered_by_action[ACTION_COUNT]; /* requests delivered, by action (ACTIONS' order) */
    uint64_t declined;  /* (event, mapping) pairs a script declined (returned nil) */
    uint64_t dead_by_reason[R_COUNT];
    uint64_t dlq_errors;
    uint64_t unrecorded; /* dead letters neither stored nor written to stderr */
    bool halt;           /* set with unrecorded: take no more input */
    bool tx_open;
    jbuf tx_events;     /* the events dead-lettered in the open batch, one per line,
                           printed if the batch cannot be committed */
    /* Told once per event how it ended (NULL: nobody), with the tag that was
     * set when the event was read (dlq replay: its record). */
    void (*ended)(void *ctx, void *tag, ev_end how);
    void *ended_ctx;
    void *tag;
    /* Where an earlier process left this tag's retries (NULL: fresh), and told
     * each time one of its requests is scheduled for a retry (NULL: nobody). */
    const sender_resume *(*resume)(void *ctx, void *tag);
    void (*retried)(void *ctx, void *tag, int attempts, int64_t first_ms, int64_t next_ms);
    /* Requests aborted at a stop (sender_abort) are not dead-lettered: their
     * events end EV_KEPT (serve, run on the queue: they stay queued). */
    bool keep_unsent;
    /* Told every mapping's result (timings for metrics); NULL: nobody. */
    void (*mapped)(void *ctx, const ev_result *res);
    void *mapped_ctx;
    struct pool *pool;   /* NULL: events are mapped here; else on the pool's workers */
    cfg_version *active; /* the configuration new events map through; NULL: env.cfg */
    uint64_t reloads, reload_failures;
    uint64_t generation; /* active's: 1 for the first configuration, +1 per accepted reload; each
                            request keeps the one it was mapped by */
} runner;

/* A runner over e (opened), with e's sender reporting to it. Returns 0, or
 * -1 with the reason on stderr after "cmd: ". */
int runner_open(runner *r, env *e, run_opts *o, const char *cmd);
void runner_free(runner *r);

/* An input line (an event or a batch object) handed to the runner an event
 * at a time, so that it can stop after any event and go on later. */
typedef struct {
    const mapper *m;    /* read before each event: a reload in between applies to the rest */
    batch_iter it;
    jarena *a;          /* the event's memory, reset before each one */
    jbuf *tmp;          /* a batch item's bytes */
} runner_input;

/* Starts line through *m: a batch's context goes to line_arena (reset
 * first), each event to a. The line must stay valid and unchanged until
 * runner_input_next has returned false (or runner_input_abandon). */
void runner_input_start(runner *r, runner_input *in, const mapper *m, const char *line, size_t len,
                        jarena *line_arena, jarena *a, jbuf *tmp);
/* The line's next event mapped and its requests handed to the sender (or
 * dead-lettered, when it does not map or is not an event). false when the
 * line has no more (nothing done). */
bool runner_input_next(runner *r, runner_input *in);
/* The line's events not handed out yet, dead-lettered as interrupted (each
 * whole; what is not an event as invalid_json), e.g. on Ctrl-C. */
void runner_input_abandon(runner *r, runner_input *in);

/* One input line (an event or a batch object) through m, to its end: each
 * event is mapped into a (reset first) and its requests handed to the sender;
 * what does not map is dead-lettered. */
void runner_line(runner *r, const mapper *m, const char *line, size_t len, jarena *a, jbuf *tmp);

/* Input that is not an event: received, and dead-lettered as invalid_json. */
void runner_invalid(runner *r, const char *raw, size_t len, const char *why);

/* With a pool: settles the events the workers have mapped (waiting at most
 * wait_ms for the first); returns how many. */
size_t runner_collect(runner *r, long wait_ms);
/* With a pool: until every event handed to it is settled (before a reload
 * swaps the configuration, and at the end of the input). */
void runner_quiesce(runner *r);

/* Commits the open batch of dead letters. */
void runner_commit(runner *r);

#endif
