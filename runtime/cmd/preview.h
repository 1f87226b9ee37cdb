/* preview.h — `encharge-actions preview`: what would be sent, without sending.
 *
 * Case mode (stdin -> stdout, one result line per case line; the format of
 * tests/conformance/README.md): the event of each case runs through the
 * presets, or through the one action the case names, with the case's mapping,
 * overrides, trigger, settings and simulated API response.
 *
 * Person mode (`--event FILE`): the requests of every matching subscription,
 * pretty-printed with the API key masked, or the error — like Segment's
 * "Test Mapping".
 */
#ifndef ENCHARGE_PREVIEW_H
#define ENCHARGE_PREVIEW_H

#include <stdio.h>

#include "config/config.h"

/* Reads case lines from in until EOF; returns the number of lines that could
 * not be processed as cases (bad JSON etc.; they still get a result line). */
long preview_cases(config *c, FILE *in, FILE *out);

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


#endif
