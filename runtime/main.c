/* main.c — the command line: encharge-actions <command> [options]. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "cmd/preview.h"
#include "cmd/account.h"
#include "cmd/dlq.h"
#include "cmd/run.h"

static void usage(FILE *f)
{
    fprintf(f,
            "encharge-actions %s — Segment events to Encharge, with Lua mappings\n"
            "\n"
            "usage:\n"
            "  encharge-actions preview [--config FILE]            case lines on stdin -> result lines on stdout\n"
            "  encharge-actions preview --event FILE [--action A] [--script FILE | --mapping FILE]\n"
            "                           [--subscribe TRIGGER] [--config FILE]\n"
            "                                                       show the request(s) an event would produce\n"
            "  encharge-actions run [OPTIONS] [FILE...]            deliver NDJSON events (files, or stdin)\n"
            "  encharge-actions check-auth [OPTIONS]               is the API key accepted?\n"
            "  encharge-actions delete-user (--user-id ID | --anonymous-id ID) [OPTIONS]   GDPR delete\n"
            "  encharge-actions dlq list|show ID|replay [ID...]|purge [--reason R] [--limit N] [OPTIONS]\n"
            "  encharge-actions actions                            list the actions and their fields\n"
            "\n"
            "OPTIONS: --config FILE  --ingest-url URL  --api-url URL  --dlq FILE  --max-inflight N\n"
            "         --no-adaptive  --timeout-ms N  --backoff-base S  --backoff-cap S  --retry-window S\n"
            "         --progress | --no-progress\n"
            "  encharge-actions version\n"
            "\n"
            "The config (default ./encharge.lua when present) is a Lua file; see README.md.\n",
            ENCHARGE_VERSION);
}

static const char *default_config(const char *given)
{
    if (given) return given;
    if (access("encharge.lua", R_OK) == 0) return "encharge.lua";
    return NULL;
}

static int cmd_preview(int argc, char **argv)
{
    static const struct option opts[] = {
        {"config", required_argument, 0, 'c'}, {"event", required_argument, 0, 'e'},
        {"action", required_argument, 0, 'a'}, {"script", required_argument, 0, 's'},
        {"mapping", required_argument, 0, 'm'}, {"subscribe", required_argument, 0, 't'},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    const char *cfg = NULL;
    preview_opts po = {0};
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "c:e:a:s:m:t:h", opts, NULL)) != -1) {
        switch (ch) {
        case 'c': cfg = optarg; break;
        case 'e': po.event_file = optarg; break;
        case 'a': po.action = optarg; break;
        case 's': po.script = optarg; break;
        case 'm': po.mapping = optarg; break;
        case 't': po.subscribe = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if ((po.script || po.mapping || po.subscribe) && !po.action) {
        fprintf(stderr, "preview: --script, --mapping and --subscribe need --action\n");
        return 2;
    }
    char err[4096];
    luahost *lua = luahost_new(NULL, err, sizeof err);
    if (!lua) {
        fprintf(stderr, "preview: %s\n", err);
        return 1;
    }
    config c;
    int rc;
    if (config_load(&c, po.event_file ? default_config(cfg) : cfg, lua, err, sizeof err)) {
        fprintf(stderr, "preview: %s\n", err);
        rc = 1;
    } else if (po.event_file) {
        rc = preview_event(&c, &po, stdout);
    } else {
        long bad = preview_cases(&c, stdin, stdout);
        if (bad) fprintf(stderr, "preview: %ld line(s) were not valid cases\n", bad);
        rc = 0;
    }
    config_free(&c);
    luahost_free(lua);
    return rc;
}

/* Options shared by the delivery commands. */
static int cmd_delivery(const char *cmd, int argc, char **argv)
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
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
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

static int cmd_actions(void)
{
    for (int i = 0; i < ACTION_COUNT; i++) {
        const action *a = &ACTIONS[i];
        printf("%s (%s)%s%s\n  %s\n", a->title, a->key, a->preset_trigger ? " — preset: " : " — no preset",
               a->preset_trigger ? a->preset_trigger : "", a->description);
        for (int j = 0; j < a->nfields; j++) {
            const field *f = &a->fields[j];
            printf("    %-20s %-22s %s%s%s\n", f->key, f->label, f->type == FT_STRING ? "string" : "object",
                   f->required ? ", required" : "", f->date_time ? ", date-time" : "");
        }
        printf("\n");
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "preview") == 0) return cmd_preview(argc - 1, argv + 1);
    if (strcmp(cmd, "actions") == 0) return cmd_actions();
    if (strcmp(cmd, "run") == 0 || strcmp(cmd, "check-auth") == 0 || strcmp(cmd, "delete-user") == 0 ||
        strcmp(cmd, "dlq") == 0)
        return cmd_delivery(cmd, argc - 1, argv + 1);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("encharge-actions %s\n", ENCHARGE_VERSION);
        return 0;
    }
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "encharge-actions: unknown command '%s'\n\n", cmd);
    usage(stderr);
    return 2;
}
