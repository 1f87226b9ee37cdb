/* pool.c — worker threads that map events (pool.h). Three lists under one
 * mutex: free jobs, queued jobs (FIFO), finished jobs; a condition variable
 * each way (work for the workers, results for the caller). */
#include "map/pool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    pool *p;
    int index;
    luahost *lua;
    pthread_t thread;
    bool started;
} worker;

struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work, done_cv;
    pool_job *free_list, *queue_head, *queue_tail, *done_list;
    pool_job *jobs;
    int njobs, busy, queued;
    bool stop;
    worker workers[POOL_WORKERS_MAX];
    int nworkers;
};

static void map_job(worker *w, pool_job *j)
{
    jarena_reset(&j->arena);
    jv ev;
    jerr je;
    j->parsed = json_parse(&j->arena, j->raw, j->raw_len, NULL, &ev, &je) == 0;
    if (!j->parsed) {
        snprintf(j->why, sizeof j->why, "%s", je.msg);
        return;
    }
    mapper m = {.lua = w->lua, .subs = j->subs, .nsubs = j->nsubs, .ep = j->ep, .timed = j->timed};
    map_event(&m, &ev, j->settings, &j->arena, &j->res, &j->key, &j->keylen);
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    pool *p = w->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && !p->queue_head) pthread_cond_wait(&p->work, &p->mu);
        if (p->stop) break;
        pool_job *j = p->queue_head;
        p->queued--;
        p->queue_head = j->next;
        if (!p->queue_head) p->queue_tail = NULL;
        pthread_mutex_unlock(&p->mu);
        map_job(w, j);
        pthread_mutex_lock(&p->mu);
        j->next = p->done_list;
        /* the caller takes every finished job once woken: wake it for the first only */
        if (!p->done_list) pthread_cond_signal(&p->done_cv);
        p->done_list = j;
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void stop_workers(pool *p)
{
    pthread_mutex_lock(&p->mu);
    p->stop = true;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->nworkers; i++)
        if (p->workers[i].started) pthread_join(p->workers[i].thread, NULL);
}

void pool_free(pool *p)
{
    if (!p) return;
    stop_workers(p);
    for (int i = 0; i < p->nworkers; i++) luahost_free(p->workers[i].lua);
    for (int i = 0; i < p->njobs; i++) {
        jarena_free(&p->jobs[i].arena);
        free(p->jobs[i].raw);
    }
    free(p->jobs);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done_cv);
    pthread_mutex_destroy(&p->mu);
    free(p);
}

pool *pool_new(int nworkers, luahost *src, char *err, size_t errlen)
{
    if (nworkers < 1 || nworkers > POOL_WORKERS_MAX) {
        snprintf(err, errlen, "workers must be between 1 and %d (got %d)", POOL_WORKERS_MAX, nworkers);
        return NULL;
    }
    pool *p = calloc(1, sizeof *p);
    if (!p || !(p->jobs = calloc((size_t)nworkers * POOL_JOBS_PER_WORKER, sizeof *p->jobs))) {
        free(p);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done_cv, NULL);
    p->njobs = nworkers * POOL_JOBS_PER_WORKER;
    for (int i = 0; i < p->njobs; i++) {
        jarena_init(&p->jobs[i].arena, POOL_EVENT_MEMORY);
        p->jobs[i].next = p->free_list;
        p->free_list = &p->jobs[i];
    }
    p->nworkers = nworkers;
    for (int i = 0; i < nworkers; i++) {
        worker *w = &p->workers[i];
        *w = (worker){.p = p, .index = i, .lua = luahost_clone(src, err, errlen)};
        if (!w->lua) {
            pool_free(p);
            return NULL;
        }
        if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
            snprintf(err, errlen, "cannot start a mapping thread");
            pool_free(p);
            return NULL;
        }
        w->started = true;
    }
    return p;
}

int pool_workers(const pool *p)
{
    return p->nworkers;
}

pool_job *pool_job_get(pool *p)
{
    pthread_mutex_lock(&p->mu);
    pool_job *j = p->free_list;
    if (j) {
        p->free_list = j->next;
        p->busy++;
    }
    pthread_mutex_unlock(&p->mu);
    return j;
}

int pool_submit(pool *p, pool_job *j, const char *raw, size_t len)
{
    if (len + 1 > j->raw_cap) {
        char *r = realloc(j->raw, len + 1);
        if (!r) return -1;
        j->raw = r;
        j->raw_cap = len + 1;
    }
    memcpy(j->raw, raw, len);
    j->raw[len] = 0;
    j->raw_len = len;
    j->next = NULL;
    pthread_mutex_lock(&p->mu);
    if (p->queue_tail) p->queue_tail->next = j;
    else p->queue_head = j;
    p->queue_tail = j;
    /* a worker that is awake takes the queued jobs one after another: wake one per job only while
       there are fewer queued than workers */
    if (++p->queued <= p->nworkers) pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
    return 0;
}

pool_job *pool_done(pool *p, long wait_ms)
{
    pthread_mutex_lock(&p->mu);
    if (!p->done_list && wait_ms > 0 && p->busy > 0) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += wait_ms / 1000;
        until.tv_nsec += (wait_ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        while (!p->done_list && pthread_cond_timedwait(&p->done_cv, &p->mu, &until) == 0) {
        }
    }
    pool_job *j = p->done_list;
    if (j) p->done_list = j->next;
    pthread_mutex_unlock(&p->mu);
    return j;
}

void pool_job_release(pool *p, pool_job *j)
{
    /* a job that held a large event gives its memory back: what the pool keeps stays small */
    if (j->arena.used_total > POOL_KEEP_BYTES) {
        jarena_free(&j->arena);
        jarena_init(&j->arena, POOL_EVENT_MEMORY);
    }
    if (j->raw_cap > POOL_KEEP_BYTES) {
        free(j->raw);
        j->raw = NULL;
        j->raw_cap = j->raw_len = 0;
    }
    pthread_mutex_lock(&p->mu);
    j->next = p->free_list;
    p->free_list = j;
    p->busy--;
    pthread_mutex_unlock(&p->mu);
}

int pool_busy(pool *p)
{
    pthread_mutex_lock(&p->mu);
    int n = p->busy;
    pthread_mutex_unlock(&p->mu);
    return n;
}

int pool_rehost(pool *p, luahost *src, char *err, size_t errlen)
{
    if (pool_busy(p)) {
        snprintf(err, errlen, "cannot change the workers' scripts while events are being mapped");
        return -1;
    }
    luahost *fresh[POOL_WORKERS_MAX];
    for (int i = 0; i < p->nworkers; i++) {
        fresh[i] = luahost_clone(src, err, errlen);
        if (!fresh[i]) {
            while (i-- > 0) luahost_free(fresh[i]);
            return -1;
        }
    }
    /* no job is queued or running: the workers are waiting and do not touch their hosts */
    pthread_mutex_lock(&p->mu);
    for (int i = 0; i < p->nworkers; i++) {
        luahost_free(p->workers[i].lua);
        p->workers[i].lua = fresh[i];
    }
    pthread_mutex_unlock(&p->mu);
    return 0;
}
