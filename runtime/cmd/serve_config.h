/* serve_config.h — `serve`'s settings: the config's `ingest = { ... }` and
 * `queue = { ... }` tables under the flags (--listen, --write-key, --queue),
 * one table of names, kinds, ranges and defaults (serve_config.c). A value
 * out of range or of the wrong kind is refused at start, naming the key. */
#ifndef ENCHARGE_CMD_SERVE_CONFIG_H
#define ENCHARGE_CMD_SERVE_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "cmd/env.h"
#include "ingest/segment.h"
#include "queue/queue.h"

#define SERVE_LISTEN_DEFAULT "127.0.0.1:8080"
#define SERVE_QUEUE_DEFAULT "encharge-queue.db"
#define SERVE_HOST_MAX 256

typedef struct {
    char host[SERVE_HOST_MAX];     /* ingest.listen / --listen */
    int port;
    bool admin;                    /* ingest.admin_listen given: /health and /metrics there only */
    char admin_host[SERVE_HOST_MAX];
    int admin_port;
    const char *keys[ENV_WRITE_KEYS_MAX]; /* ingest.write_keys, --write-key, SEGMENT_WRITE_KEY */
    int nkeys;
    const char *cors_origins;      /* ingest.cors_origins: "*" */
    int threads;                   /* ingest.threads */
    int max_connections;           /* ingest.max_connections */
    segment_limits lim;            /* ingest.limits.{event_bytes, body_bytes, batch_events} */
    queue_opts q;                  /* queue.path / --queue, queue.fsync, queue.dedupe_window_s */
    double max_events, max_bytes;  /* queue.max_events, queue.max_bytes: beyond, ingest answers 503 */
    jarena strings;                /* copies of the config's strings */
} serve_config;

/* Defaults, then the config's tables (root: the whole config), then the
 * flags of o. Returns 0, or -1 with the reason in err ("ingest.threads must
 * be a whole number between 1 and 64"). serve_config_free either way. */
int serve_config_load(serve_config *sc, const run_opts *o, const jv *root, char *err, size_t errlen);
void serve_config_free(serve_config *sc);

/* "HOST:PORT" ("[::1]:8080") into host and port. Returns 0, or -1. */
int serve_parse_listen(const char *text, char host[SERVE_HOST_MAX], int *port);

#endif
