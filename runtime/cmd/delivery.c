/* delivery.c — options shared by the delivery commands, and the command they
 * go to. */
#include "cmd/delivery.h"

#include "cmd/account.h"
#include "cmd/dlq.h"
#include "cmd/help.h"
#include "cmd/run.h"
#include "cmd/serve.h"
#include "map/pool.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

/* The most records one `dlq list` prints. */
#define DLQ_LIST_LIMIT_MAX 1000000

#define O_SETTING 1000 /* + the setting's index (cmd/settings.h) */

/* Parses the delivery commands' options into o (and uid, aid, reason, limit).
 * Returns -1 to go on, else the exit status (help given, or a bad option). */
static int parse_options(int argc, char **argv, run_opts *o, const char **uid, const char **aid, const char **reason,
                         long *limit)
{
    enum { O_INGEST = 256, O_API, O_DLQ, O_NOADAPT, O_PROG, O_NOPROG, O_NOWATCH, O_UID, O_AID, O_REASON, O_LIMIT,
           O_WORKERS, O_LISTEN, O_WRITE_KEY, O_QUEUE };
    static const struct option opts[] = {
        {"config", required_argument, 0, 'c'},       {"ingest-url", required_argument, 0, O_INGEST},
        {"api-url", required_argument, 0, O_API},    {"dlq", required_argument, 0, O_DLQ},
        {"max-inflight", required_argument, 0, O_SETTING + SET_MAX_INFLIGHT},
        {"no-adaptive", no_argument, 0, O_NOADAPT},
        {"timeout-ms", required_argument, 0, O_SETTING + SET_TIMEOUT_MS},
        {"backoff-base", required_argument, 0, O_SETTING + SET_BACKOFF_BASE},
        {"backoff-cap", required_argument, 0, O_SETTING + SET_BACKOFF_CAP},
        {"retry-window", required_argument, 0, O_SETTING + SET_RETRY_WINDOW},
        {"progress", no_argument, 0, O_PROG},        {"no-progress", no_argument, 0, O_NOPROG},
        {"no-watch", no_argument, 0, O_NOWATCH},
        {"user-id", required_argument, 0, O_UID},    {"anonymous-id", required_argument, 0, O_AID},
        {"reason", required_argument, 0, O_REASON},  {"limit", required_argument, 0, O_LIMIT},
        {"workers", required_argument, 0, O_WORKERS},
        {"listen", required_argument, 0, O_LISTEN},  {"write-key", required_argument, 0, O_WRITE_KEY},
        {"queue", required_argument, 0, O_QUEUE},
        {"help", no_argument, 0, 'h'},               {0, 0, 0, 0}};
    char err[256];
    double lim;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
        if (ch >= O_SETTING && ch < O_SETTING + SET_COUNT) {
            if (delivery_setting_flag(&o->set, ch - O_SETTING, optarg, err, sizeof err)) {
                fprintf(stderr, "%s\n", err);
                return 2;
            }
            continue;
        }
        switch (ch) {
        case 'c': o->config_path = optarg; break;
        case O_INGEST: o->ingest_url = optarg; break;
        case O_API: o->api_url = optarg; break;
        case O_DLQ: o->dlq_path = optarg; break;
        case O_NOADAPT: o->set.send.adaptive = false; o->set.adaptive_flag = true; break;
        case O_PROG: o->progress = 1; break;
        case O_NOPROG: o->progress = 0; break;
        case O_NOWATCH: o->no_watch = true; break;
        case O_UID: *uid = optarg; break;
        case O_AID: *aid = optarg; break;
        case O_REASON: *reason = optarg; break;
        case O_LIMIT:
            if (parse_number(optarg, true, 1, DLQ_LIST_LIMIT_MAX, &lim)) {
                fprintf(stderr, "--limit must be a whole number between 1 and %d (got '%.40s')\n",
                        DLQ_LIST_LIMIT_MAX, optarg);
                return 2;
            }
            *limit = (long)lim;
            break;
        case O_WORKERS:
            if (parse_number(optarg, true, 1, POOL_WORKERS_MAX, &lim)) {
                fprintf(stderr, "--workers must be a whole number between 1 and %d (got '%.40s')\n", POOL_WORKERS_MAX,
                        optarg);
                return 2;
            }
            o->workers = (int)lim;
            break;
        case O_LISTEN: o->listen = optarg; break;
        case O_QUEUE: o->queue_path = optarg; break;
        case O_WRITE_KEY:
            if (o->nkeys >= ENV_WRITE_KEYS_MAX) {
                fprintf(stderr, "--write-key: at most %d write keys\n", ENV_WRITE_KEYS_MAX);
                return 2;
            }
            o->write_keys[o->nkeys++] = optarg;
            break;
        case 'h': cmd_usage(stdout); return 0;
        default: cmd_usage(stderr); return 2;
        }
    }
    return -1;
}

int cmd_delivery(const char *cmd, int argc, char **argv)
{
    run_opts o;
    run_opts_default(&o);
    const char *uid = NULL, *aid = NULL, *reason = NULL;
    long limit = 100;
    int rc = parse_options(argc, argv, &o, &uid, &aid, &reason, &limit);
    if (rc >= 0) return rc;
    if (strcmp(cmd, "run") == 0) {
        o.files = argv + optind;
        o.nfiles = argc - optind;
        return cmd_run(&o);
    }
    if (strcmp(cmd, "serve") == 0) {
        if (optind < argc) {
            fprintf(stderr, "serve: takes no input files (events come over HTTP); got '%s'\n", argv[optind]);
            return 2;
        }
        return cmd_serve(&o);
    }
    if (strcmp(cmd, "check-auth") == 0) return cmd_check_auth(&o);
    if (strcmp(cmd, "delete-user") == 0) {
        if (!!uid == !!aid) {
            fprintf(stderr, "delete-user: give exactly one of --user-id ID or --anonymous-id ID\n");
            return 2;
        }
        return cmd_delete_user(&o, uid, aid);
    }
    return cmd_dlq(&o, reason, limit, argc - optind, argv + optind);
}
