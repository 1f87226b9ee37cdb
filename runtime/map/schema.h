/* schema.h — the seven Encharge actions as data, and the cleaning, coercion
 * and validation of mapped fields against them (spec §2–3, §6.3–6.4).
 *
 * Flow: mapping output (a JV_OBJ, possibly with JV_UNDEF members) ->
 * schema_validate() -> a payload: one slot per field of the action, in field
 * order, JV_UNDEF where absent. Errors are upstream's AggregateAjvError text.
 */
#ifndef ENCHARGE_SCHEMA_H
#define ENCHARGE_SCHEMA_H

#include "lib/json.h"

#define EV_MSG_MAX 2048

/* An event's failure, as the result line and the dead-letter store show it. */
typedef struct {
    const char *name;     /* "AggregateAjvError", "PayloadValidationError", "HTTPError", ... */
    const char *code;     /* NULL or e.g. "PAYLOAD_VALIDATION_FAILED" */
    int status;           /* HTTP-like status, 0 when none */
    char message[EV_MSG_MAX];
} ev_error;

void ev_error_set(ev_error *e, const char *name, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

typedef enum { FT_STRING, FT_OBJECT } field_type;

typedef struct field {
    const char *key;
    const char *label;
    field_type type;
    bool required;
    bool date_time;              /* format: date-time */
    const struct field *props;   /* sub-properties (campaign, page, location) */
    int nprops;
} field;

typedef enum {
    BODY_INGEST,       /* trackEvent, identifyUser, trackPageView: recipe R */
    BODY_ALIAS,        /* {...payload, type: 'alias'} */
    BODY_OBJECT,       /* createUpdateObject */
    BODY_TAGS          /* addTag / removeTag: the payload as is */
} body_kind;

typedef struct action {
    const char *key;            /* "trackEvent" */
    const char *title;          /* "Track Event" */
    const char *description;
    const char *preset_trigger; /* default subscription, NULL when none */
    const field *fields;
    int nfields;
    body_kind body;
    const char *method;         /* "POST" / "DELETE" */
    bool api_host;              /* api endpoint (tags) rather than ingest */
    const char *traits_key;     /* recipe R: "userFields" or "user" */
} action;

#define ACTION_COUNT 7
extern const action ACTIONS[ACTION_COUNT];

/* By key ("trackEvent") or display name ("Track Event"), case-insensitive. */
const action *action_find(const char *name);
int action_field_index(const action *a, const char *key, size_t klen);

/* A validated payload: values[i] belongs to a->fields[i]. */
typedef struct {
    const action *act;
    jv values[16];
} payload;

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
