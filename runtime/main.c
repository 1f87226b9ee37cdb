/* main.c — the command line: encharge-actions <command> [options] -> the
 * command's cmd_* function. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "cmd/actions.h"
#include "cmd/delivery.h"
#include "cmd/help.h"
#include "cmd/preview.h"

/* cmd_preview's name for the usage text (it goes when cmd_preview leaves). */
static void usage(FILE *f)
{
    cmd_usage(f);
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

int main(int argc, char **argv)
{
    if (argc < 2) {
        cmd_usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "preview") == 0) return cmd_preview(argc - 1, argv + 1);
    if (strcmp(cmd, "actions") == 0) return cmd_actions();
    if (strcmp(cmd, "run") == 0 || strcmp(cmd, "check-auth") == 0 || strcmp(cmd, "delete-user") == 0 ||
        strcmp(cmd, "dlq") == 0)
        return cmd_delivery(cmd, argc - 1, argv + 1);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) return cmd_version();
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        cmd_usage(stdout);
        return 0;
    }
    fprintf(stderr, "encharge-actions: unknown command '%s'\n\n", cmd);
    cmd_usage(stderr);
    return 2;
}
