/* main.c — the command line: encharge-actions <command> [options] -> the
 * command's cmd_* function. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cmd/actions.h"
#include "cmd/check.h"
#include "cmd/delivery.h"
#include "cmd/help.h"
#include "cmd/preview.h"

int main(int argc, char **argv)
{
    /* A closed pipe (stderr into `| head`) or a file-size limit is an error a
     * write returns and the caller handles, not a death without a summary. */
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        cmd_usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "preview") == 0) return cmd_preview(argc - 1, argv + 1);
    if (strcmp(cmd, "actions") == 0) return cmd_actions();
    if (strcmp(cmd, "check") == 0) return cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "run") == 0 || strcmp(cmd, "serve") == 0 || strcmp(cmd, "check-auth") == 0 ||
        strcmp(cmd, "delete-user") == 0 || strcmp(cmd, "dlq") == 0)
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
