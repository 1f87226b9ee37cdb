/* settings.h — the delivery settings: one table of names, kinds and ranges,
 * read from the command line (--max-inflight 64) and from the config's
 * `delivery = { max_inflight = 64 }`, flags beating the config. A value out
 * of range, or not a number of the right kind, is refused at start with a
 * message naming the flag or the config key and the range. */
#ifndef ENCHARGE_CMD_SETTINGS_H
#define ENCHARGE_CMD_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "deliver/sender.h"
#include "lib/json.h"

enum { SET_MAX_INFLIGHT, SET_TIMEOUT_MS, SET_BACKOFF_BASE, SET_BACKOFF_CAP, SET_RETRY_WINDOW, SET_COUNT };

typedef struct {
    sender_opts send;          /* defaults from sender_opts_default, then config, then flags */
    bool from_flag[SET_COUNT]; /* which came from a flag */
    bool adaptive_flag;        /* --no-adaptive given */
} delivery_settings;

void delivery_settings_default(delivery_settings *d);

/* A setting's flag ("--max-inflight"), or -1 when flag is none of them. */
int delivery_setting_of_flag(const char *flag);

/* --FLAG TEXT: parses TEXT as setting `which`. Returns 0, or -1 with a
 * message naming the flag and the range in err. */
int delivery_setting_flag(delivery_settings *d, int which, const char *text, char *err, size_t errlen);

/* The config's `delivery` table (NULL: none) under the flags. Returns 0, or
 * -1 with a message naming the key ("delivery.max_inflight ...") in err. */
int delivery_settings_config(delivery_settings *d, const jv *delivery, char *err, size_t errlen);

/* Parses TEXT as a whole number (all of it, decimal) or, when !whole, a finite
 * number, within [min, max]. Returns 0, or -1. */
int parse_number(const char *text, bool whole, double min, double max, double *out);

#endif
