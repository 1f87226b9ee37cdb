/* actions.h — the seven Encharge actions as data (fields, labels, types,
 * required, sub-fields, formats: docs/upstream-behaviour.md §2–3) with their
 * request recipes: from a validated payload to the exact Encharge request
 * (docs/upstream-behaviour.md §3 request recipes, §4 onDelete and
 * testAuthentication). Pure: builds method, URL and body; the headers every
 * request carries are REQUEST_HEADERS (as lines: request_header_lines). Also ev_error, the failure every stage
 * reports. */
#ifndef ENCHARGE_ACTIONS_H
#define ENCHARGE_ACTIONS_H

#include "lib/json.h"

/* ---- an event's failure --------------------------------------------------- */
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

/* ---- the action table -------------------------------------------------------- */
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

/* ---- requests ------------------------------------------------------------------ */
#define DEFAULT_INGEST_BASE "https://ingest.encharge.io"
#define DEFAULT_API_BASE "https://api.encharge.io"
#define USER_AGENT "encharge-actions/" ENCHARGE_VERSION

typedef struct {
    const char *method;   /* "POST", "DELETE", "GET" */
    const char *url;      /* NUL-terminated, in the arena */
    const char *body;     /* JSON text in the arena, NULL when no body */
    size_t body_len;
} request;

typedef struct {
    const char *ingest_base;  /* e.g. "https://ingest.encharge.io" (no trailing slash) */
    const char *api_base;     /* e.g. "https://api.encharge.io" */
} endpoints;

/* Builds the action's request from its validated payload. Tag actions first
 * apply upstream's identity check. Returns 0, or -1 with err (e.g.
 * PayloadValidationError "No user ID, email, or anonymous ID provided."). */
int action_request(const payload *p, const endpoints *ep, jarena *a, request *out, ev_error *err);

/* GDPR delete of the user named by the event (userId, else anonymousId),
 * the ID percent-encoded (docs/deviations.md §2). Returns 1 when there is no
 * ID (no request), 0 when *out was built, -1 on out-of-memory. */
int delete_request(const jv *event, const endpoints *ep, jarena *a, request *out);

/* GET <api>/v1/accounts/info */
void auth_request(const endpoints *ep, jarena *a, request *out);

/* The headers every request carries, in the order the sender sends them and
 * the person-facing preview prints them; a NULL value stands for the API key.
 * The case result line lists them as fetch's Headers object does: names
 * lower-cased, sorted. */
typedef struct {
    const char *name;     /* "X-Encharge-Token" */
    const char *value;    /* NULL: the API key */
} request_header;
#define REQUEST_HEADER_COUNT 4
extern const request_header REQUEST_HEADERS[REQUEST_HEADER_COUNT];

/* The same headers as "Name: value" lines, for libcurl (the key whole) and
 * for the person-facing preview (the key masked): the lines in REQUEST_HEADERS'
 * order, then NULL. The array and its lines are one malloc'd block: free()
 * the array. Any key length; the key is used as given (the sender refuses CR,
 * LF and NUL in it beforehand). NULL when out of memory. */
typedef enum {
    REQUEST_KEY_WHOLE,    /* the key as it goes over the wire */
    REQUEST_KEY_MASKED    /* as request_key_mask writes it */
} request_key_view;
char **request_header_lines(const char *api_key, size_t key_len, request_key_view view);

/* The key masked, into out (key_len bytes, no NUL): every byte '*', except
 * that a key of at least 12 bytes shows its last 4 (less when they begin
 * inside a UTF-8 sequence: no partial character is shown). */
void request_key_mask(const char *api_key, size_t key_len, char *out);

/* Whether the API key can be sent as a header value at all (upstream's
 * fetch refuses characters beyond U+00FF and control characters with a
 * TypeError "... is not a legal HTTP header value"). */
bool header_value_legal(const char *s, size_t n);

/* HTTP reason phrase, as upstream's HTTPError message ("Bad Request",
 * "Too Many Requests", ...); "" for statuses without one. */
const char *status_text(int status);

#endif
