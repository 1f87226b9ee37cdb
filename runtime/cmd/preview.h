/* preview.h — `encharge-actions preview`: what would be sent, without sending.
 *
 * Person mode (`--event FILE`): the requests of every matching subscription,
 * pretty-printed with the API key masked, or the error — like Segment's
 * "Test Mapping". Without --event the command reads case lines
 * (cmd/cases.h, the machine protocol).
 */
#ifndef ENCHARGE_PREVIEW_H
#define ENCHARGE_PREVIEW_H

#include <stdio.h>

#include "config/config.h"

typedef struct {
    const char *event_file;
    const char *action;      /* NULL: the config's subscriptions */
    const char *script;      /* with action: a script instead of the preset */
    const char *mapping;     /* with action: a mapping-kit JSON file */
    const char *subscribe;   /* with action: a trigger (default: every event) */
} preview_opts;

/* Returns 0 when every matched subscription produced a request, 1 when the
 * event failed somewhere, 2 on bad arguments/files. */
int preview_event(config *c, const preview_opts *o, FILE *out);

/* `encharge-actions preview [OPTIONS]`: argv[0] is "preview". Returns the
 * exit status. */
int cmd_preview(int argc, char **argv);

#endif
