/* segment.h — one request to the Segment tracking API -> the events it
 * carries, each ready for the queue, or the refusal to answer. Pure: no I/O;
 * the clock and the message-id source are the caller's.
 *
 * What real senders put on the wire (README "serve"): the body is read as
 * JSON whatever the Content-Type says; `Content-Encoding: gzip` is inflated
 * (at most limits.body_max bytes inflated: more is 413), `identity` or none
 * is plain, any other encoding is 415. Paths (segment_path_type):
 *   /v1/track /v1/identify /v1/page /v1/screen /v1/group /v1/alias   one event
 *   /v1/t /v1/i /v1/p /v1/s /v1/g /v1/a                              the same (analytics.js)
 *   /v1/batch /v1/import /v1/b                                       {"batch":[...], context, integrations}
 * (a trailing slash is allowed). Credentials: Basic auth (the write key as the
 * user name, any password) or `writeKey` in the body; when write keys are
 * configured, one of them must be given (else 401); with none configured,
 * every sender is accepted.
 *
 * Refusals (status, code): 400 invalid_json (not JSON, not an object, bad
 * UTF-8, nesting deeper than JSON's limit), 400 invalid_batch (`batch` missing
 * or not an array), 400 invalid_event (single-event path: no_user_anon_id,
 * missing_event, bad type, ...), 401 unauthorized, 404 not_found (not an
 * ingest path), 413 too_large (event over event_max on a single-event path,
 * body over body_max, more than batch_events_max items), 415
 * unsupported_encoding, 400 invalid_gzip (a gzip body that does not
 * inflate). Inside a batch an item that is not a valid event does
 * not refuse the request: it is listed in `invalid` (its bytes as written,
 * with its index and why) for the caller to dead-letter, and the answer lists
 * it.
 *
 * Each accepted event is the item (or the single-event body) written out
 * again with: the batch's `context` and `integrations` merged in (the item's
 * own keys win), `type` set from a single-event path, `writeKey` removed,
 * `messageId` filled when missing (ids()), `receivedAt` set to now, and,
 * when absent, `timestamp` = receivedAt - (sentAt - originalTimestamp) (the
 * item's `sentAt`, else the batch's), or originalTimestamp when there is no
 * sentAt, or receivedAt when there is neither. Numbers keep the text the
 * sender wrote. Timestamps written are ISO 8601 UTC with milliseconds
 * ("2026-12-01T16:40:00.123Z"). */
#ifndef ENCHARGE_SEGMENT_H
#define ENCHARGE_SEGMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/json.h"

/* Segment's own limits (its HTTP API documentation; analytics-go's
 * maxMessageBytes / maxBatchBytes). */
#define SEGMENT_EVENT_MAX 32000
#define SEGMENT_BODY_MAX 500000
#define SEGMENT_BATCH_EVENTS_MAX 2500

typedef struct {
    size_t event_max;        /* bytes of one event as written (SEGMENT_EVENT_MAX) */
    size_t body_max;         /* bytes of a request body, inflated (SEGMENT_BODY_MAX) */
    size_t batch_events_max; /* items of one batch (SEGMENT_BATCH_EVENTS_MAX) */
} segment_limits;

void segment_limits_default(segment_limits *l);

typedef enum {
    SEG_NONE = 0, /* not an ingest path */
    SEG_TRACK, SEG_IDENTIFY, SEG_PAGE, SEG_SCREEN, SEG_GROUP, SEG_ALIAS,
    SEG_BATCH
} segment_kind;

/* The kind of a request path ("/v1/track", "/v1/t", "/v1/batch/", ...). */
segment_kind segment_path_kind(const char *path);
/* A name for metrics labels: "track", ..., "batch"; "other" for SEG_NONE. */
const char *segment_kind_name(segment_kind k);

typedef struct {
    const char *path;
    const char *content_encoding;  /* the header's value, NULL when absent */
    const char *authorization;     /* the header's value, NULL when absent */
    const char *body;              /* as received (maybe gzip) */
    size_t len;
    int64_t now_ms;                /* receivedAt (unix ms) */
    const char *const *write_keys; /* accepted keys; nkeys 0: every sender */
    size_t nkeys;
    /* Writes a fresh message id (NUL-terminated, at most 63 bytes) into out. */
    void (*new_id)(void *ctx, char out[64]);
    void *id_ctx;
} segment_request;

typedef struct {
    size_t off, len;       /* the event's bytes in segment_result.events */
    size_t id_off, id_len; /* its messageId (the string's bytes, unescaped), in events */
} segment_event;

typedef struct {
    size_t index;          /* the item's index in the batch */
    size_t off, len;       /* its bytes as written, in segment_result.raw */
    const char *code;      /* no_user_anon_id, missing_event, missing_type, bad_type, bad_message_id, too_large, not_an_object */
    char message[200];     /* what and why, naming the item: "batch item 3: track without `event`" */
} segment_invalid;

typedef struct {
    int status;                /* 200, or the refusal's */
    const char *code;          /* refusal: its code (see above); NULL on 200 */
    char message[300];         /* refusal: what, where, why */
    segment_kind kind;
    jbuf events;               /* the accepted events back to back */
    segment_event *ev;
    size_t nev, ev_cap;
    jbuf raw;                  /* the invalid items' bytes */
    segment_invalid *invalid;
    size_t ninvalid, invalid_cap;
    bool key_given;            /* a write key came with the request (header or body) */
    jbuf inflated;             /* a gzip body inflated (parsing's input; reused) */
} segment_result;

void segment_result_init(segment_result *r);
/* Empties r for the next request, keeping its memory. */
void segment_result_reset(segment_result *r);
void segment_result_free(segment_result *r);

/* Reads rq into r (reset first). a: scratch for parsing (reset first; its
 * limit bounds the memory one request can take). Always fills r->status;
 * returns 0 when it is 200. */
int segment_parse(const segment_request *rq, const segment_limits *lim, jarena *a, segment_result *r);

/* The JSON answer for r: {"success":true} (with "invalid":[{"index":3,
 * "code":"...","message":"..."}] when items were refused), or
 * {"success":false,"code":"...","message":"..."}. */
void segment_answer(const segment_result *r, jbuf *out);

#endif
