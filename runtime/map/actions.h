/* actions.h — from a validated payload to the exact Encharge request
 * (spec §3 request recipes, §4 onDelete and testAuthentication). Pure: builds
 * method, URL and body; the sender adds the headers of request_headers(). */
#ifndef ENCHARGE_ACTIONS_H
#define ENCHARGE_ACTIONS_H

#include "lib/json.h"
#include "map/schema.h"

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
 * the ID percent-encoded (deviations §2). Returns 1 when there is no ID (no
 * request), 0 when *out was built, -1 on out-of-memory. */
int delete_request(const jv *event, const endpoints *ep, jarena *a, request *out);

/* GET <api>/v1/accounts/info */
void auth_request(const endpoints *ep, jarena *a, request *out);

/* The headers every request carries, as "Name: value" lines for libcurl;
 * the token value is written into buf. */
typedef struct {
    char token[512];
    const char *lines[5];
} request_headers;
void request_headers_init(request_headers *h, const char *api_key, size_t key_len);

/* Whether the API key can be sent as a header value at all (upstream's
 * fetch refuses characters beyond U+00FF and control characters with a
 * TypeError "... is not a legal HTTP header value"). */
bool header_value_legal(const char *s, size_t n);

/* HTTP reason phrase, as upstream's HTTPError message ("Bad Request",
 * "Too Many Requests", ...); "" for statuses without one. */
const char *status_text(int status);

#endif
