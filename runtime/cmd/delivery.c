/* delivery.c — options shared by the delivery commands, and the command they
 * go to. */
#include "cmd/delivery.h"

#include "cmd/account.h"
#include "cmd/dlq.h"
#include "cmd/help.h"
#include "cmd/run.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_delivery(const char *cmd, int argc, char **argv)
{
    enum { O_INGEST = 256, O_API, O_DLQ, O_MAXIN, O_NOADAPT, O_TIMEOUT, O_BBASE, O_BCAP, O_WINDOW, O_PROG, O_NOPROG,
           O_UID, O_AID, O_REASON, O_LIMIT };
    static const struct option opts[] = {
        {"config", required_argument, 0, 'c'},       {"ingest-url", required_argument, 0, O_INGEST},
        {"api-url", required_argument, 0, O_API},    {"dlq", required_argument, 0, O_DLQ},
        {"max-inflight", required_argument, 0, O_MAXIN}, {"no-adaptive", no_argument, 0, O_NOADAPT},
        {"timeout-ms", required_argument, 0, O_TIMEOUT}, {"backoff-base", required_argument, 0, O_BBASE},
        {"backoff-cap", required_argument, 0, O_BCAP}, {"retry-window", required_argument, 0, O_WINDOW},
        {"progress", no_argument, 0, O_PROG},        {"no-progress", no_argument, 0, O_NOPROG},
        {"user-id", required_argument, 0, O_UID},    {"anonymous-id", required_argument, 0, O_AID},
        {"reason", required_argument, 0, O_REASON},  {"limit", required_argument, 0, O_LIMIT},
        {"help", no_argument, 0, 'h'},               {0, 0, 0, 0}};
    run_opts o;
    run_opts_default(&o);
    const char *uid = NULL, *aid = NULL, *reason = NULL;
    long limit = 100;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
        switch (ch) {
        case 'c': o.config_path = optarg; break;
        case O_INGEST: o.ingest_url = optarg; break;
        case O_API: o.api_url = optarg; break;
        case O_DLQ: o.dlq_path = optarg; break;
        case O_MAXIN: o.send.max_inflight = atoi(optarg); o.send_set[0] = true; break;
        case O_NOADAPT: o.send.adaptive = false; o.send_set[1] = true; break;
        case O_TIMEOUT: o.send.timeout_ms = atol(optarg); o.send_set[2] = true; break;
        case O_BBASE: o.send.backoff_base_s = atof(optarg); o.send_set[3] = true; break;
        case O_BCAP: o.send.backoff_cap_s = atof(optarg); o.send_set[4] = true; break;
        case O_WINDOW: o.send.retry_window_s = atof(optarg); o.send_set[5] = true; break;
        case O_PROG: o.progress = 1; break;
        case O_NOPROG: o.progress = 0; break;
        case O_UID: uid = optarg; break;
        case O_AID: aid = optarg; break;
        case O_REASON: reason = optarg; break;
        case O_LIMIT: limit = atol(optarg); break;
        case 'h': cmd_usage(stdout); return 0;
        default: cmd_usage(stderr); return 2;
        }
    }
    if (strcmp(cmd, "run") == 0) {
        o.files = argv + optind;
        o.nfiles = argc - optind;
        return cmd_run(&o);
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
