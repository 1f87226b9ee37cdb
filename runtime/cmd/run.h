/* run.h — `run`: NDJSON events in (files, or stdin), requests out, with
 * retries and the dead-letter store; SIGHUP reloads the config. */
#ifndef ENCHARGE_RUN_H
#define ENCHARGE_RUN_H

#include "cmd/env.h"

int cmd_run(run_opts *o);

#endif
