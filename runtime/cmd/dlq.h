/* dlq.h — the `dlq` commands: list, show, replay (through the current
 * mappings; delivered records are removed) and purge the dead-letter store. */
#ifndef ENCHARGE_CMD_DLQ_H
#define ENCHARGE_CMD_DLQ_H

#include "cmd/env.h"

/* dlq list|show|replay|purge; argv[0] is the subcommand. */
int cmd_dlq(run_opts *o, const char *reason, long limit, int argc, char **argv);

#endif
