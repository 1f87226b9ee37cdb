/* pool.h — mapping on worker threads.
 *
 * Each worker has a Lua host of its own (a clone of the caller's: the same
 * scripts at the same handles, each in a fresh state), so scripts never run
 * on two threads at once and the subscriptions, triggers and mapping-kit
 * programs of a config (read-only while mapping) are shared by all. A job
 * carries one event's bytes and the subscriptions to map it through; a worker
 * parses it into the job's arena and runs map_event; the caller collects the
 * finished jobs (in any order) and does what follows — dead letters,
 * requests — on its own thread. One caller thread; not for concurrent callers.
 */
#ifndef ENCHARGE_POOL_H
#define ENCHARGE_POOL_H

#include <stdbool.h>
#include <stddef.h>

#include "map/pipeline.h"

#define POOL_WORKERS_MAX 64
#define POOL_JOBS_PER_WORKER 64
#define POOL_KEEP_BYTES ((size_t)256 << 10) /* a released job keeps at most this much of an event's memory */
#define POOL_EVENT_MEMORY ((size_t)256 << 20) /* a job's arena at most (as run's own) */

typedef struct pool_job {
    /* set by the caller (pool_submit copies raw) */
    const subscription *subs;
    int nsubs;
    endpoints ep;
    bool timed;             /* mapper.timed */
    const jv *settings;
    void *tag;                  /* the caller's */
    char *raw;
    size_t raw_len, raw_cap;
    /* set by the worker */
    jarena arena;
    bool parsed;                /* false: the event's bytes did not parse (why) */
    char why[160];
    ev_result res;
    const char *key;
    size_t keylen;
    struct pool_job *next;
} pool_job;

typedef struct pool pool;

/* nworkers threads, each with a clone of src. NULL with err. */
pool *pool_new(int nworkers, luahost *src, char *err, size_t errlen);
void pool_free(pool *p);
int pool_workers(const pool *p);

/* A free job, or NULL when all are taken (collect finished ones first). */
pool_job *pool_job_get(pool *p);
/* Queues j for mapping with raw (copied). Returns 0, or -1 when out of memory
 * (j is still the caller's: give it back with pool_job_release). */
int pool_submit(pool *p, pool_job *j, const char *raw, size_t len);
/* A finished job, waiting at most wait_ms for one (0: none); NULL when none. */
pool_job *pool_done(pool *p, long wait_ms);
void pool_job_release(pool *p, pool_job *j);
/* Jobs queued, being mapped or finished but not released. */
int pool_busy(pool *p);

/* The workers' hosts cloned again from src (after a reload): only when no job
 * is busy. Returns 0, or -1 with err (the old hosts stay). */
int pool_rehost(pool *p, luahost *src, char *err, size_t errlen);

#endif
