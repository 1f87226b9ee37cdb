/* run.h — delivery commands: `run` (NDJSON events in, requests out, with
 * retries and the dead-letter store), `check-auth`, `delete-user`, and the
 * `dlq` maintenance commands. */
#ifndef ENCHARGE_RUN_H
#define ENCHARGE_RUN_H

#include "config/config.h"
#include "deliver/sender.h"

typedef struct {
    const char *config_path;   /* NULL: ./encharge.lua when present, else presets */
    const char *ingest_url;    /* overrides endpoints.ingest */
    const char *api_url;       /* overrides endpoints.api */
    const char *dlq_path;      /* default: encharge-dlq.db */
    sender_opts send;          /* defaults from sender_opts_default, then config, then flags */
    bool send_set[6];          /* which send fields came from flags (flags beat config) */
    char **files;              /* inputs; none: stdin */
    int nfiles;
    int progress;              /* -1 auto (stderr is a tty), 0 off, 1 on */
} run_opts;

void run_opts_default(run_opts *o);

int cmd_run(run_opts *o);
int cmd_check_auth(run_opts *o);
int cmd_delete_user(run_opts *o, const char *user_id, const char *anonymous_id);

/* dlq list|show|replay|purge; argv[0] is the subcommand. */
int cmd_dlq(run_opts *o, const char *reason, long limit, int argc, char **argv);

#endif
