/* help.c — `help` (the usage text, also printed on a bad command line) and
 * `version`. */
#include "cmd/help.h"

void cmd_usage(FILE *f)
{
    fprintf(f,
            "encharge-actions %s — Segment events to Encharge, with Lua mappings\n"
            "\n"
            "usage:\n"
            "  encharge-actions preview [--config FILE]            case lines on stdin -> result lines on stdout\n"
            "  encharge-actions preview --event FILE [--action A] [--script FILE | --mapping FILE]\n"
            "                           [--subscribe TRIGGER] [--config FILE]\n"
            "                                                       show the request(s) an event would produce\n"
            "  encharge-actions check [--config FILE]              load the config as run does, run its fixtures,\n"
            "                                                       report every problem as FILE:LINE: ...\n"
            "  encharge-actions run [OPTIONS] [--queue FILE] [FILE...]   deliver NDJSON events (files, or stdin);\n"
            "                                                       --queue: through a durable queue, resumable\n"
            "  encharge-actions serve [OPTIONS] [--listen HOST:PORT] [--write-key K]... [--queue FILE]\n"
            "                                                       a Segment-compatible HTTP endpoint\n"
            "  encharge-actions check-auth [OPTIONS]               is the API key accepted?\n"
            "  encharge-actions delete-user (--user-id ID | --anonymous-id ID) [OPTIONS]   GDPR delete\n"
            "  encharge-actions dlq list|show ID|replay [ID...]|purge [--reason R] [--limit N] [OPTIONS]\n"
            "  encharge-actions actions                            list the actions and their fields\n"
            "\n"
            "OPTIONS: --config FILE  --ingest-url URL  --api-url URL  --dlq FILE  --max-inflight N\n"
            "         --no-adaptive  --timeout-ms N  --backoff-base S  --backoff-cap S  --retry-window S\n"
            "         --progress | --no-progress  --no-watch (run: no reload on save; SIGHUP still reloads)\n"
            "         --workers N (mapping threads; run: default one per core, serve: 1)\n"
            "  encharge-actions version\n"
            "\n"
            "The config (default ./encharge.lua when present) is a Lua file; see README.md. Fixtures:\n"
            "NAME.fixtures.ndjson beside a script NAME.lua, CONFIG.fixtures.ndjson beside the config.\n",
            ENCHARGE_VERSION);
}

int cmd_version(void)
{
    printf("encharge-actions %s\n", ENCHARGE_VERSION);
    return 0;
}
