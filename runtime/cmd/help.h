/* help.h — the command line's usage text and version. */
#ifndef ENCHARGE_CMD_HELP_H
#define ENCHARGE_CMD_HELP_H

#include <stdio.h>

void cmd_usage(FILE *f);
int cmd_version(void);

#endif
