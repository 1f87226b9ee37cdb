/* dlq.h — the dead-letter store: every event that will not be delivered.
 *
 * One SQLite file (WAL mode, busy timeout) holds one row per undeliverable
 * event: the raw event bytes exactly as received (a BLOB: embedded NULs and
 * invalid UTF-8 survive, it may be a bad input line), the subscription and
 * action, a reason code, the error message, the HTTP status, at most
 * DLQ_RESPONSE_MAX bytes of the response body, the attempts and the first and
 * last attempt times. Secrets (the API key, the write keys) are redacted from the event, the message and
 * the response before anything is stored (see dlq_add for what that
 * guarantees).
 *
 * File modes: the store and its -wal / -shm (and -journal) files are
 * owner-only (0600, or tighter when they were tighter). dlq_open creates the
 * store 0600 and clears the group and other bits of an existing store and of
 * existing side files that this user owns (SQLite gives the side files it
 * creates the store's mode). A file it cannot change (another user's, or
 * the change refused) keeps its mode; dlq_warning then says so.
 *
 * Schema (user_version 2, application_id DLQ_APPLICATION_ID; a version-1
 * store gains the generation column when opened):
 *
 *   CREATE TABLE dlq (
 *     id                INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused
 *     created_ms        INTEGER NOT NULL,   -- unix ms when stored
 *     event             BLOB    NOT NULL,   -- raw bytes, exact (secrets redacted)
 *     mapping           TEXT,               -- subscription name or NULL
 *     action            TEXT,               -- action key or NULL
 *     reason            TEXT    NOT NULL,   -- short code
 *     message           TEXT,               -- redacted
 *     http_status       INTEGER NOT NULL DEFAULT 0,
 *     response          BLOB,               -- redacted, then cut to 1024 bytes
 *     response_full_len INTEGER NOT NULL DEFAULT 0,  -- body length as received
 *     attempts          INTEGER NOT NULL DEFAULT 0,
 *     first_attempt_ms  INTEGER NOT NULL DEFAULT 0,
 *     last_attempt_ms   INTEGER NOT NULL DEFAULT 0,
 *     generation        INTEGER NOT NULL DEFAULT 0);  -- the config version that mapped it (0: unknown)
 *   CREATE INDEX dlq_reason ON dlq(reason, id);
 *
 * Concurrency: any number of handles (processes) on one file. Readers never
 * wait for a writer (WAL); a writer waits for another writer up to the busy
 * timeout (DLQ_BUSY_TIMEOUT_MS by default), then fails with "database is
 * locked". Opening an existing store writes nothing, so `dlq list` opens and
 * reads while `run` holds a batch open. Keep batches short: a batch holds the
 * write lock until dlq_commit.
 *
 * Threads: a handle may be shared between threads (calls are serialised by a
 * mutex in the handle). A batch opened with dlq_begin covers every add on the
 * handle, from any thread, until dlq_commit / dlq_rollback.
 *
 * Callbacks (dlq_list, dlq_get, dlq_counts) run with the handle locked by the
 * calling thread; from inside them the same thread may call dlq_get (outside
 * dlq_get), dlq_delete, dlq_update, dlq_add, dlq_count and dlq_purge — e.g.
 * replay deletes each record that now succeeds from the dlq_list callback — but
 * not dlq_list from a dlq_list callback (that call fails), nor dlq_close.
 *
 * Errors: functions with an err buffer fill it with a message naming the
 * store's path and SQLite's reason, e.g.
 *   "dlq /var/lib/x/dlq.db: cannot add a record: database is locked";
 * the others (dlq_count, dlq_counts) leave it in dlq_errmsg(). Nothing here
 * exits or prints.
 */
#ifndef ENCHARGE_DLQ_H
#define ENCHARGE_DLQ_H

#include <stddef.h>
#include <stdint.h>

#define DLQ_RESPONSE_MAX 1024          /* bytes of response body kept */
#define DLQ_BUSY_TIMEOUT_MS 5000
#define DLQ_APPLICATION_ID 0x454e4451  /* "ENDQ" in the SQLite header */
#define DLQ_SCHEMA_VERSION 2
#define DLQ_REDACTED "[redacted]"
#define DLQ_SECRET_MIN 8               /* bytes: shorter secrets are not searched for (dlq_add) */

typedef struct dlq dlq;

/* Opens (creating it, mode 0600, and the schema when missing) the store at
 * path — a file path, never interpreted as a URI — and makes it and its side
 * files owner-only (see "File modes" above). Returns NULL with a message
 * in err when the file cannot be created or opened, is not an SQLite database,
 * is an SQLite database of something else (it has tables and another
 * application_id), or has a newer schema version. */
dlq *dlq_open(const char *path, char *err, size_t errlen);
void dlq_close(dlq *d);                 /* NULL is fine; rolls back an open batch */

/* Changes the busy timeout of this handle (ms; 0 = fail at once when locked). */
void dlq_set_busy_timeout(dlq *d, int ms);
/* The path given to dlq_open, and the last error message of the handle. */
const char *dlq_path(const dlq *d);
const char *dlq_errmsg(const dlq *d);
/* NULL, or what dlq_open could not make owner-only, e.g.
 *   "dlq /x/dlq.db: the file keeps mode 0644, looser than 0600 (owned by uid 1001, not this user)";
 * for the caller to show (nothing here prints). */
const char *dlq_warning(const dlq *d);

typedef struct {
    const char *event; size_t event_len;   /* the raw event bytes as received (JSON text, or the bad input line) */
    const char *mapping;                   /* subscription name, may be NULL */
    const char *action;                    /* action key, e.g. "trackEvent", "onDelete", may be NULL */
    const char *reason;                    /* short code: "validation", "script", "mapping", "http", "retries_exhausted",
                                              "invalid_json", "interrupted", ...; NULL or "" is stored as "unknown" */
    const char *message;                   /* human-readable error, may be NULL */
    int64_t generation;                    /* the config version that mapped the event (run's reload
                                              generation: 1 for the first); 0 unknown */
    int http_status;                       /* 0 when none */
    const char *response; size_t response_len;  /* response body, may be NULL; stored truncated to DLQ_RESPONSE_MAX
                                                   bytes (never inside a UTF-8 sequence: up to 3 bytes fewer) */
    int attempts;
    int64_t first_attempt_ms, last_attempt_ms;  /* unix ms, 0 when never attempted */
    size_t response_full_len;              /* the whole body's length as received, when response is only its
                                              start (the sender keeps 1 KiB: its body_full_len); 0 = response_len.
                                              Stored as given, but never below response_len; read back as stored */
    int64_t created_ms;                    /* unix ms when stored; 0 = now (dlq_update keeps the stored one) */
} dlq_record;

/* Records handed to callbacks point into SQLite's memory, valid only during the
 * callback. event, reason and (when not NULL) message, mapping, action and
 * response are NUL-terminated; event_len / response_len are the exact stored
 * lengths (event is "" / 0 for an empty event). NULL columns read back as NULL. */

/* Secrets: dlq_add replaces every occurrence of each string in `secrets`
 * (NULL-terminated list, e.g. the API key; NULL for none) of at least
 * DLQ_SECRET_MIN bytes in the event, the message and the response with
 * "[redacted]" before storing (an event holds one when its sender put it
 * there: a write key in a batch item `serve` refused). The event is stored
 * byte for byte otherwise. Where occurrences overlap or touch (of one secret or of several)
 * the whole covered span becomes one "[redacted]". The response is redacted
 * in full before it is cut, so a key across the 1 KiB boundary leaves no
 * prefix behind.
 *
 * What holds: no occurrence of a secret of DLQ_SECRET_MIN bytes or more is
 * left in the stored event, message or response. A shorter one (empty included) is
 * not searched for: its bytes are ordinary text (a 1-byte key would turn that
 * letter everywhere in a message into "[redacted]", and the markers would
 * show which letter the key is), so message and response are stored as given
 * and hold its bytes wherever they happen to. In both cases nothing else of
 * the record is searched: mapping, action and reason are names; and no column
 * takes the secret itself.
 * Returns 0, or -1 with a message. */
int dlq_add(dlq *d, const dlq_record *r, const char *const *secrets, char *err, size_t errlen);
/* The same, giving the new record's id in *id (when id is not NULL). */
int dlq_add_id(dlq *d, const dlq_record *r, const char *const *secrets, int64_t *id, char *err, size_t errlen);

/* Overwrites record id with r's mapping, action, reason, message, http_status,
 * response (redacted and cut as in dlq_add), response_full_len, attempts and
 * attempt times; the event, created_ms and id stay. For replay, when a stored
 * event fails again.
 * Returns 0 updated, 1 not found, -1 error. */
int dlq_update(dlq *d, int64_t id, const dlq_record *r, const char *const *secrets, char *err, size_t errlen);

/* Batching: wrap many adds in one transaction for speed (BEGIN IMMEDIATE: waits
 * up to the busy timeout for the write lock). dlq_begin fails when a batch is
 * already open. Until dlq_commit nothing of the batch is visible to other
 * handles, and nothing survives a crash. */
int dlq_begin(dlq *d, char *err, size_t errlen);
int dlq_commit(dlq *d, char *err, size_t errlen);
int dlq_rollback(dlq *d, char *err, size_t errlen);

typedef int (*dlq_cb)(void *ud, int64_t id, const dlq_record *r);   /* return non-zero to stop */

/* Calls cb for the records with id > after_id, in id order, at most limit of
 * them (limit <= 0: all), only those whose reason equals reason_filter unless
 * it is NULL. Returns the number of records passed to cb, or -1 on error. */
int dlq_list(dlq *d, int64_t after_id, int limit, const char *reason_filter /* NULL = all */, dlq_cb cb, void *ud, char *err, size_t errlen);
int dlq_get(dlq *d, int64_t id, dlq_cb cb, void *ud, char *err, size_t errlen);  /* 0 found, 1 not found, -1 error */
int dlq_delete(dlq *d, int64_t id, char *err, size_t errlen);                    /* 0 deleted, 1 not found, -1 error */
/* Deletes every record (reason_filter NULL) or those of one reason; the number
 * deleted goes to *deleted when not NULL. Returns 0 or -1. */
int dlq_purge(dlq *d, const char *reason_filter, int64_t *deleted, char *err, size_t errlen);
/* Number of records (of one reason unless NULL); -1 on error (see dlq_errmsg). */
int64_t dlq_count(dlq *d, const char *reason_filter);
/* The newest record's id in *id (0 when the store is empty). Returns 0, or -1 with err. */
int dlq_max_id(dlq *d, int64_t *id, char *err, size_t errlen);
/* Counts by reason for summaries: calls cb(reason, count) per reason present,
 * in reason order. Returns 0, or -1 on error (see dlq_errmsg). */
int dlq_counts(dlq *d, void (*cb)(void *ud, const char *reason, int64_t n), void *ud);

#endif
