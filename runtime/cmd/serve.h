/* serve.h — `serve`: the Segment-compatible HTTP endpoint on the durable
 * queue, and delivery from it (serve.c). */
#ifndef ENCHARGE_CMD_SERVE_H
#define ENCHARGE_CMD_SERVE_H

#include "cmd/env.h"

/* Runs until SIGTERM / SIGINT; returns the exit status. */
int cmd_serve(run_opts *o);

#endif
