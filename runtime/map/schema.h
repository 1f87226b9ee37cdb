/* schema.h — the cleaning, coercion and validation of mapped fields against
 * an action's fields (docs/upstream-behaviour.md §2–3, §6.3–6.4), and of the
 * settings. The actions themselves (the table, ev_error, payload) are in
 * map/actions.h, which this header includes.
 *
 * Flow: mapping output (a JV_OBJ, possibly with JV_UNDEF members) ->
 * schema_validate() -> a payload: one slot per field of the action, in field
 * order, JV_UNDEF where absent. Errors are upstream's AggregateAjvError text.
 */
#ifndef ENCHARGE_SCHEMA_H
#define ENCHARGE_SCHEMA_H

#include "lib/json.h"
#include "map/actions.h"

/* Clean (removeUndefined/removeEmptyValues), coerce and validate `fields`
 * (a JV_OBJ or NULL) into *out. New values are allocated in arena a.
 * Returns 0, or -1 with err set (AggregateAjvError, status 400). */
int schema_validate(const action *act, const jv *fields, jarena *a, payload *out, ev_error *err);

/* Settings: apiKey required string (ajv coercion: numbers/booleans/null to
 * strings). On success *api_key points to the key (arena or settings). */
int settings_validate(const jv *settings, jarena *a, const char **api_key, size_t *api_key_len,
                      ev_error *err);

/* ajv-formats 2.1.1 "date-time" (full mode), including its acceptance of a
 * missing time zone. */
bool is_date_time(const char *s, size_t n);

#endif
