/* common.h — what the commands share: the command line's usage text and
 * where the config comes from when none is given. */
#ifndef ENCHARGE_CMD_COMMON_H
#define ENCHARGE_CMD_COMMON_H

#include <stdio.h>

/* The usage of every command, to f. */
void usage(FILE *f);

/* The config to load: the one given, else ./encharge.lua when it is
 * readable, else NULL (the presets). */
const char *default_config_path(const char *given);

#endif
