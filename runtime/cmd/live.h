/* live.h — the running configuration of `run` and `serve`: SIGHUP, or a save
 * of the config, of a script it uses or of a fixture file beside them
 * (config/watch.h, debounced), loads the config again beside the running
 * one; it is swapped in only when all of it loads, every fixture passes and
 * the endpoints are sound. Events read from then on map through the new
 * version (those handed to the mapping workers first settle on the old
 * one); a refused reload keeps the running version and says why. The API
 * key and the delivery settings need a restart. */
#ifndef ENCHARGE_CMD_LIVE_H
#define ENCHARGE_CMD_LIVE_H

#include "cmd/events.h"
#include "config/watch.h"

typedef struct {
    runner *r;
    mapper *m;              /* the running version's mapper, replaced by a reload */
    const char *cmd;        /* "run" or "serve", for messages */
    watch *w;               /* the running version's files; NULL: not watching */
    const char *watch_path; /* the config file watched */
    char watch_err[1100];   /* the last complaint about the watch, not repeated */
    bool last_refused;      /* the last reload was refused (serve's /health) */
    char last_error[512];   /* ... why */
} live;

/* SIGHUP asks for a reload from now on. */
void live_catch_sighup(void);

/* Starts watching the config's files (not with o->no_watch, nor without a
 * config file, nor when the config says watch = false); a watch that cannot
 * be had is said, and SIGHUP still reloads. */
void live_start(live *l, runner *r, mapper *m, const run_opts *o, const char *cmd);
void live_stop(live *l);

/* The watch's descriptor (readable when a file changed), -1: not watching. */
int live_fd(const live *l);
/* How long until a debounce ends (ms), -1: none pending. */
int live_timeout_ms(const live *l);

/* Reloads when SIGHUP came or a watched file's debounce is over: the pool
 * quiesced first and rehosted after; the watch follows the version then
 * running. */
void live_poll(live *l);

#endif
