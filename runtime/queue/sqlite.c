/* sqlite.c — the queue backend on one SQLite file in WAL mode (see queue.h
 * for the contract, backend.h for what each callback guarantees).
 *
 * Schema (application_id QUEUE_APPLICATION_ID, user_version
 * QUEUE_SCHEMA_VERSION):
 *   events(id AUTOINCREMENT: never reused, so ids grow in put order; data;
 *          msgid, the cut id, for people reading the file; put_ms; avail_ms,
 *          the time it is ready, indexed with id for the lease order;
 *          attempts, first_attempt_ms; retry_ms, see "retries" below)
 *   seen(msgid PRIMARY KEY, seen_ms): the dedupe memory, apart from events so
 *          that an id outlives its event's ack. Entries older than the window
 *          are pruned at the first put of a handle (the clock is the
 *          caller's: open has no "now") and then every SEEN_PRUNE_EVERY
 *          events, inside the put's transaction; a lookup checks the time
 *          anyway, so pruning late never lets a forgotten id count.
 *
 * Leases live in this handle only (leased: id -> data length): opening the
 * file voids every earlier lease by construction, and a lease costs no write.
 *
 * The lease cursor. Rows are handed out by (avail_ms, id). The handle keeps a
 * cursor (cur_avail, cur_id) with this invariant: every row at or below it is
 * leased by this handle. A lease then reads only rows above it, so leased
 * rows are not read over and over however many are out. It holds because
 *   - a lease moves the cursor only over rows it hands out or finds leased;
 *   - a leased row stays leased for the handle's life (ack and dead delete
 *     it; nothing un-leases);
 *   - a put adds rows at (now, a new id larger than every id so far), above
 *     the cursor unless now < cur_avail (a caller's clock behind another's):
 *     then the cursor is lowered to (now, 0), and the leased rows it passes
 *     again are skipped by the lookup in leased;
 *   - retries. queue_retry_at does NOT move the row's avail_ms while the
 *     handle lives: it writes the next time to retry_ms. The row stays below
 *     the cursor, so events waiting for a retry (many, when a destination is
 *     down) are never read by lease or next_ready. When a handle opens, it
 *     first folds retry_ms into avail_ms (one UPDATE over a partial index of
 *     the rows that have one), so after a restart the event is ready at its
 *     retry time, in order with the rest.
 *
 * One connection, one mutex (db_mu) for it, the leases and the cursor.
 * Every delivery call but next_ready writes (ack, dead, retry_at) and SQLite
 * lets one writer in at a time anyway, so a second connection would only
 * move the wait from this mutex into SQLite's busy handler (which sleeps and
 * polls); and leases are read with the same connection that commits puts, so
 * a committed put is visible at once. A delivery call waits at most for the
 * one group commit in progress: the group commit's pending list has its own
 * mutex in queue.c, so puts that queue up meanwhile never hold db_mu. The
 * depth counters have their own small mutex (stat_mu), held only to copy
 * numbers, so queue_depth_get never waits for I/O.
 *
 * One process per file: an flock on a descriptor of the file of our own
 * (SQLite's locks are fcntl locks, independent of flock on Linux), taken
 * before SQLite opens the file and dropped after it closes it. That
 * descriptor is never closed while SQLite has the file open: closing any
 * descriptor of a file drops all of the process's fcntl locks on it. So a
 * second open in the same process is refused from a table of the files this
 * process has open, before it opens a descriptor of its own.
 *
 * Every statement is prepared once (SQLITE_PREPARE_PERSISTENT) and kept for
 * the handle's life; bound data is SQLITE_STATIC, reset before the call
 * returns.
 */
#include "queue/backend.h"

#include "lib/arena.h"
#include "lib/sql.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define QUEUE_APPLICATION_ID 0x454e5155 /* "ENQU" in the SQLite header */
#define QUEUE_SCHEMA_VERSION 1
#define QUEUE_BUSY_TIMEOUT_MS 5000      /* only another reader (the sqlite3 shell) can hold us up */
#define SEEN_PRUNE_EVERY 10000          /* events put between two prunes of seen */
#define FINISH_MARK (UINT64_C(1) << 63) /* in a leased value: in the ack under way */

static const char SCHEMA_SQL[] =
    "CREATE TABLE IF NOT EXISTS events ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " data BLOB NOT NULL,"
    " msgid TEXT,"
    " put_ms INTEGER NOT NULL,"
    " avail_ms INTEGER NOT NULL,"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " first_attempt_ms INTEGER NOT NULL DEFAULT 0,"
    " retry_ms INTEGER);"
    "CREATE INDEX IF NOT EXISTS events_ready ON events(avail_ms, id);"
    "CREATE INDEX IF NOT EXISTS events_retry ON events(id) WHERE retry_ms IS NOT NULL;"
    "CREATE TABLE IF NOT EXISTS seen (msgid TEXT PRIMARY KEY, seen_ms INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS seen_age ON seen(seen_ms);";

typedef struct {
    char *path;
    sqlite3 *db;
    int lock_fd;                 /* holds the flock; -1: none */
    dev_t dev;
    ino_t ino;
    bool registered;             /* in the table of this process's files */
    int64_t window_ms;

    pthread_mutex_t db_mu;       /* everything below to the counters */
    sqlite3_stmt *begin, *commit, *rollback, *ins, *seen_set, *seen_prune, *lease_eq, *lease_gt, *next_eq,
        *next_gt, *del, *retry, *oldest;
    qmap leased;                 /* id -> data length (| FINISH_MARK during a finish) */
    int64_t cur_avail;           /* the lease cursor, see above */
    uint64_t cur_id;
    jarena out;                  /* the data of the last lease */
    uint64_t put_since_prune;
    bool pruned;                 /* seen pruned by this handle yet */

    pthread_mutex_t stat_mu;     /* the counters */
    uint64_t events, bytes, nleased;
    int64_t oldest_put_ms;
    uint64_t oldest_id;          /* the lowest id queued: its put time is the oldest's; 0: empty */
} sq;

/* ---- errors --------------------------------------------------------------------------- */

/* "queue <path>: <what>[: <sqlite's reason>]" into err; -1. */
static int fail_(sq *s, char *err, size_t errlen, bool with_sqlite, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int fail_(sq *s, char *err, size_t errlen, bool with_sqlite, const char *fmt, ...)
{
    if (!err || !errlen) return -1;
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (with_sqlite)
        snprintf(err, errlen, "queue %s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
    else
        snprintf(err, errlen, "queue %s: %s", s->path, what);
    return -1;
}
#define FAIL_SQL(s, err, errlen, ...) fail_((s), (err), (errlen), true, __VA_ARGS__)
#define FAIL(s, err, errlen, ...) fail_((s), (err), (errlen), false, __VA_ARGS__)

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

/* Steps a statement that returns no rows; SQLite's code (SQLITE_DONE is success). */
static int step_reset(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc;
}

/* Ends a failed transaction, if SQLite has not already. Its own failure is
 * not reported: the transaction then stays open, and begin and retry_at end
 * it before they write (else a later write would join it and never commit). */
static void rollback(sq *s)
{
    if (!sqlite3_get_autocommit(s->db)) step_reset(s->rollback);
}

/* BEGIN IMMEDIATE, after ending a transaction a failed rollback left. */
static int begin(sq *s)
{
    rollback(s);
    return step_reset(s->begin);
}

/* ---- one process per file ------------------------------------------------------------- */

typedef struct open_file {
    dev_t dev;
    ino_t ino;
    struct open_file *next;
} open_file;

static pthread_mutex_t open_mu = PTHREAD_MUTEX_INITIALIZER;
static open_file *open_files; /* the files of this process's open handles */

static bool is_open_here(dev_t dev, ino_t ino)
{
    for (open_file *f = open_files; f; f = f->next)
        if (f->dev == dev && f->ino == ino) return true;
    return false;
}

static void unregister(sq *s)
{
    pthread_mutex_lock(&open_mu);
    for (open_file **p = &open_files; *p; p = &(*p)->next) {
        if ((*p)->dev == s->dev && (*p)->ino == s->ino) {
            open_file *f = *p;
            *p = f->next;
            free(f);
            break;
        }
    }
    pthread_mutex_unlock(&open_mu);
    s->registered = false;
}

/* Clears the group and other bits of a side file that exists (SQLite gives
 * the ones it creates the main file's mode; one left by an older run keeps
 * its own). */
static int tighten_side(sq *s, const char *suffix, char *err, size_t errlen)
{
    char *side;
    if (asprintf(&side, "%s%s", s->path, suffix) < 0) return FAIL(s, err, errlen, "out of memory");
    struct stat st;
    int ret = 0;
    if (lstat(side, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077) &&
        fchmodat(AT_FDCWD, side, st.st_mode & 0600, AT_SYMLINK_NOFOLLOW) != 0)
        ret = FAIL(s, err, errlen, "cannot make %s owner-only: %s", suffix + 1, strerror(errno));
    free(side);
    return ret;
}

/* Creates the file 0600 when missing, takes the flock, makes the file and
 * its side files owner-only (it holds raw events). */
static int lock_file(sq *s, char *err, size_t errlen)
{
    pthread_mutex_lock(&open_mu);
    struct stat st;
    int ret = -1;
    if (stat(s->path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            FAIL(s, err, errlen, "cannot create or open the file: %s", strerror(EISDIR));
            goto out;
        }
        if (is_open_here(st.st_dev, st.st_ino)) {
            FAIL(s, err, errlen, "in use by another process (this one has it open already)");
            goto out;
        }
    } else if (errno != ENOENT) {
        FAIL(s, err, errlen, "cannot create or open the file: %s", strerror(errno));
        goto out;
    }
    s->lock_fd = open(s->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (s->lock_fd < 0) {
        FAIL(s, err, errlen, "cannot create or open the file: %s", strerror(errno));
        goto out;
    }
    if (fstat(s->lock_fd, &st) != 0) {
        FAIL(s, err, errlen, "cannot read the file's status: %s", strerror(errno));
        goto out;
    }
    if (flock(s->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EWOULDBLOCK) FAIL(s, err, errlen, "in use by another process");
        else FAIL(s, err, errlen, "cannot lock the file: %s", strerror(errno));
        goto out;
    }
    open_file *f = malloc(sizeof *f);
    if (!f) {
        FAIL(s, err, errlen, "out of memory");
        goto out;
    }
    *f = (open_file){.dev = st.st_dev, .ino = st.st_ino, .next = open_files};
    open_files = f;
    s->dev = st.st_dev;
    s->ino = st.st_ino;
    s->registered = true;
    ret = 0;
out:
    /* On failure no SQLite handle of this process has this file (it would be
     * in the table), so closing the descriptor drops no one's locks. */
    if (ret != 0 && s->lock_fd >= 0) {
        close(s->lock_fd);
        s->lock_fd = -1;
    }
    pthread_mutex_unlock(&open_mu);
    if (ret != 0) return ret;

    if ((st.st_mode & 077) && fchmod(s->lock_fd, st.st_mode & 0600) != 0)
        return FAIL(s, err, errlen, "cannot make the file owner-only: %s", strerror(errno));
    static const char *const SUFFIX[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof SUFFIX / sizeof SUFFIX[0]; i++)
        if (tighten_side(s, SUFFIX[i], err, errlen) != 0) return -1;
    return 0;
}

/* ---- schema and statements ------------------------------------------------------------ */

static int set_wal(sq *s, char *err, size_t errlen)
{
    bool wal = false;
    if (sql_set_wal(s->db, 0, &wal) != SQLITE_OK) return FAIL_SQL(s, err, errlen, "cannot switch to WAL mode");
    return wal ? 0 : FAIL(s, err, errlen, "cannot switch to WAL mode (the file system may not support it)");
}

/* Reads what is there; creates the schema when it is missing. */
static int check_and_create(sq *s, char *err, size_t errlen)
{
    sql_schema sc;
    char why[256];
    if (sql_read_schema(s->db, "events", &sc) != SQLITE_OK) return FAIL_SQL(s, err, errlen, "cannot read the schema");
    if (sql_schema_ours(&sc, QUEUE_APPLICATION_ID, QUEUE_SCHEMA_VERSION, "queue", why, sizeof why))
        return FAIL(s, err, errlen, "%s", why);
    if (set_wal(s, err, errlen) != 0) return -1;
    if (sc.has_table && sc.user_version == QUEUE_SCHEMA_VERSION) return 0;

    if (sql_create_schema(s->db, SCHEMA_SQL, QUEUE_APPLICATION_ID, QUEUE_SCHEMA_VERSION) != SQLITE_OK)
        return FAIL_SQL(s, err, errlen, "cannot create the schema");
    return 0;
}

static void finalize_all(sq *s)
{
    sqlite3_stmt **all[] = {&s->begin,      &s->commit,   &s->rollback, &s->ins,     &s->seen_set,
                            &s->seen_prune, &s->lease_eq, &s->lease_gt, &s->next_eq, &s->next_gt,
                            &s->del,        &s->retry,    &s->oldest};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        sqlite3_finalize(*all[i]);
        *all[i] = NULL;
    }
}

static int prepare_all(sq *s, char *err, size_t errlen)
{
    const struct {
        sqlite3_stmt **slot;
        const char *sql;
    } S[] = {
        {&s->begin, "BEGIN IMMEDIATE"},
        {&s->commit, "COMMIT"},
        {&s->rollback, "ROLLBACK"},
        {&s->ins, "INSERT INTO events(data, msgid, put_ms, avail_ms) VALUES(?1, ?2, ?3, ?3)"},
        /* Added (1 change) when new or forgotten (seen at or before ?3), else
         * a duplicate (no change): one statement, no read-then-write. */
        {&s->seen_set, "INSERT INTO seen(msgid, seen_ms) VALUES(?1, ?2) ON CONFLICT(msgid) DO UPDATE"
                       " SET seen_ms = excluded.seen_ms WHERE seen.seen_ms <= ?3"},
        {&s->seen_prune, "DELETE FROM seen WHERE seen_ms <= ?1"},
        /* The rows above the cursor (?2, ?3) in two steps, each a seek in
         * events_ready: the rest of the cursor's own avail_ms, then the later
         * ones. (A row value "(avail_ms, id) > (?2, ?3)" seeks on avail_ms
         * alone and reads every row of that time again: all of a burst put
         * in one millisecond, on every lease.) */
        {&s->lease_eq, "SELECT id, avail_ms, data, put_ms, attempts, first_attempt_ms FROM events"
                       " WHERE avail_ms = ?2 AND id > ?3 AND ?2 <= ?1 ORDER BY id"},
        {&s->lease_gt, "SELECT id, avail_ms, data, put_ms, attempts, first_attempt_ms FROM events"
                       " WHERE avail_ms > ?2 AND avail_ms <= ?1 ORDER BY avail_ms, id"},
        {&s->next_eq, "SELECT id, avail_ms FROM events WHERE avail_ms = ?1 AND id > ?2 ORDER BY id"},
        {&s->next_gt, "SELECT id, avail_ms FROM events WHERE avail_ms > ?1 ORDER BY avail_ms, id"},
        {&s->del, "DELETE FROM events WHERE id = ?1"},
        {&s->retry, "UPDATE events SET retry_ms = ?2, attempts = ?3, first_attempt_ms = ?4 WHERE id = ?1"},
        {&s->oldest, "SELECT id, put_ms FROM events ORDER BY id LIMIT 1"},
    };
    for (size_t i = 0; i < sizeof S / sizeof S[0]; i++)
        if (sqlite3_prepare_v3(s->db, S[i].sql, -1, SQLITE_PREPARE_PERSISTENT, S[i].slot, NULL) != SQLITE_OK)
            return FAIL_SQL(s, err, errlen, "cannot prepare \"%.40s...\"", S[i].sql);
    return 0;
}

/* The lowest id and its put time into *id, *put_ms (0, 0 when empty); an SQLite code. */
static int read_oldest(sq *s, uint64_t *id, int64_t *put_ms)
{
    int rc = sqlite3_step(s->oldest);
    *id = 0;
    *put_ms = 0;
    if (rc == SQLITE_ROW) {
        *id = (uint64_t)sqlite3_column_int64(s->oldest, 0);
        *put_ms = sqlite3_column_int64(s->oldest, 1);
        rc = SQLITE_DONE;
    }
    sqlite3_reset(s->oldest);
    return rc;
}

/* Earlier leases are void: a retry time recorded by an earlier handle
 * becomes the event's available time (see "retries"); then the counters. */
static int load(sq *s, char *err, size_t errlen)
{
    if (sqlite3_exec(s->db, "UPDATE events SET avail_ms = retry_ms, retry_ms = NULL WHERE retry_ms IS NOT NULL",
                     NULL, NULL, NULL) != SQLITE_OK)
        return FAIL_SQL(s, err, errlen, "cannot bring back the events of the last run");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*), coalesce(sum(length(data)), 0) FROM events", -1, &st, NULL) !=
        SQLITE_OK)
        return FAIL_SQL(s, err, errlen, "cannot count the events");
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        s->events = (uint64_t)sqlite3_column_int64(st, 0);
        s->bytes = (uint64_t)sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) return FAIL_SQL(s, err, errlen, "cannot count the events");
    if (read_oldest(s, &s->oldest_id, &s->oldest_put_ms) != SQLITE_DONE)
        return FAIL_SQL(s, err, errlen, "cannot read the oldest event");
    return 0;
}

/* ---- in ------------------------------------------------------------------------------- */

static int sq_put_batch(void *be, put_req *reqs, char *cause, size_t causelen)
{
    sq *s = be;
    bool dedupe = s->window_ms > 0;
    size_t total = 0, added = 0;
    uint64_t bytes = 0, first_id = 0;
    int64_t first_put_ms = 0, min_now = INT64_MAX;
    int rc;

    pthread_mutex_lock(&s->db_mu);
    if ((rc = begin(s)) != SQLITE_DONE) goto fail;
    for (put_req *r = reqs; r; r = r->next) total += r->n;
    if (!s->pruned || s->put_since_prune >= SEEN_PRUNE_EVERY) {
        /* Window 0 forgets everything: ids kept by an earlier run with a window. */
        rc = sqlite3_bind_int64(s->seen_prune, 1, queue_forget_before(reqs->now_ms, s->window_ms));
        if (rc != SQLITE_OK || (rc = step_reset(s->seen_prune)) != SQLITE_DONE) goto fail;
    }
    for (put_req *r = reqs; r; r = r->next) {
        int64_t forget = queue_forget_before(r->now_ms, s->window_ms);
        for (size_t i = 0; i < r->n; i++) {
            const queue_msg *m = &r->msgs[i];
            size_t idlen;
            const char *id = queue_msg_id(m, &idlen);
            if (dedupe && id) {
                rc = sqlite3_bind_text64(s->seen_set, 1, id, idlen, SQLITE_STATIC, SQLITE_UTF8);
                if (rc == SQLITE_OK) rc = sqlite3_bind_int64(s->seen_set, 2, r->now_ms);
                if (rc == SQLITE_OK) rc = sqlite3_bind_int64(s->seen_set, 3, forget);
                if (rc != SQLITE_OK || (rc = step_reset(s->seen_set)) != SQLITE_DONE) goto fail;
                if (sqlite3_changes(s->db) == 0) {
                    if (r->status) r->status[i] = QUEUE_DUPLICATE;
                    continue;
                }
            }
            /* "" for no data: a zero-length blob, not NULL. */
            rc = sqlite3_bind_blob64(s->ins, 1, m->len ? m->data : "", m->len, SQLITE_STATIC);
            if (rc == SQLITE_OK)
                rc = id ? sqlite3_bind_text64(s->ins, 2, id, idlen, SQLITE_STATIC, SQLITE_UTF8)
                        : sqlite3_bind_null(s->ins, 2);
            if (rc == SQLITE_OK) rc = sqlite3_bind_int64(s->ins, 3, r->now_ms);
            if (rc != SQLITE_OK || (rc = step_reset(s->ins)) != SQLITE_DONE) goto fail;
            if (!added++) {
                first_id = (uint64_t)sqlite3_last_insert_rowid(s->db);
                first_put_ms = r->now_ms;
            }
            bytes += m->len;
            if (r->now_ms < min_now) min_now = r->now_ms;
            if (r->status) r->status[i] = QUEUE_ADDED;
        }
    }
    if ((rc = step_reset(s->commit)) != SQLITE_DONE) goto fail;
    sqlite3_clear_bindings(s->ins);
    sqlite3_clear_bindings(s->seen_set);

    if (!s->pruned || s->put_since_prune >= SEEN_PRUNE_EVERY) {
        s->pruned = true;
        s->put_since_prune = 0;
    }
    s->put_since_prune += total;
    /* Rows put earlier than the cursor (a clock behind the lease's): see the
     * cursor's invariant at the top. */
    if (added && min_now < s->cur_avail) {
        s->cur_avail = min_now;
        s->cur_id = 0;
    }
    pthread_mutex_lock(&s->stat_mu);
    if (added && !s->events) {
        s->oldest_id = first_id;
        s->oldest_put_ms = first_put_ms;
    }
    s->events += added;
    s->bytes += bytes;
    pthread_mutex_unlock(&s->stat_mu);
    pthread_mutex_unlock(&s->db_mu);
    return 0;

fail:
    snprintf(cause, causelen, "%s", rc == SQLITE_NOMEM ? "out of memory" : sqlite3_errmsg(s->db));
    sqlite3_clear_bindings(s->ins);
    sqlite3_clear_bindings(s->seen_set);
    rollback(s);
    pthread_mutex_unlock(&s->db_mu);
    return -1;
}

/* ---- out ------------------------------------------------------------------------------ */

static int sq_lease(void *be, int64_t now_ms, queue_item *out, int max, char *err, size_t errlen)
{
    sq *s = be;
    pthread_mutex_lock(&s->db_mu);
    jarena_reset(&s->out);
    const int64_t saved_avail = s->cur_avail;
    const uint64_t saved_id = s->cur_id;
    int n = 0, rc = SQLITE_OK;
    const char *why = NULL;
    sqlite3_stmt *st = NULL;
    if (qmap_reserve(&s->leased, (size_t)max) != 0) {
        why = "out of memory";
        goto fail;
    }
    sqlite3_stmt *const steps[] = {s->lease_eq, s->lease_gt};
    for (size_t p = 0; p < sizeof steps / sizeof steps[0] && n < max; p++) {
        st = steps[p];
        rc = sqlite3_bind_int64(st, 1, now_ms);
        if (rc == SQLITE_OK) rc = sqlite3_bind_int64(st, 2, saved_avail);
        if (rc == SQLITE_OK && p == 0) rc = sqlite3_bind_int64(st, 3, (sqlite3_int64)saved_id);
        if (rc != SQLITE_OK) goto fail;
        while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            uint64_t id = (uint64_t)sqlite3_column_int64(st, 0);
            s->cur_avail = sqlite3_column_int64(st, 1);
            s->cur_id = id;
            if (qmap_get(&s->leased, id)) continue; /* leased before the cursor was lowered */
            size_t len = (size_t)sqlite3_column_bytes(st, 2);
            const void *data = sqlite3_column_blob(st, 2);
            char *copy = jarena_alloc(&s->out, len ? len : 1);
            if (!copy || (len && !data)) {
                why = "out of memory";
                goto fail;
            }
            if (len) memcpy(copy, data, len);
            qmap_put(&s->leased, id, len); /* room reserved: cannot fail */
            out[n++] = (queue_item){.id = id, .data = copy, .len = len, .attempts = sqlite3_column_int(st, 4),
                                    .put_ms = sqlite3_column_int64(st, 3),
                                    .first_attempt_ms = sqlite3_column_int64(st, 5)};
        }
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) goto fail;
        sqlite3_reset(st);
        st = NULL;
    }
    pthread_mutex_lock(&s->stat_mu);
    s->nleased += (uint64_t)n;
    pthread_mutex_unlock(&s->stat_mu);
    pthread_mutex_unlock(&s->db_mu);
    return n;

fail:
    if (why) FAIL(s, err, errlen, "cannot lease events: %s", why);
    else FAIL_SQL(s, err, errlen, "cannot lease events");
    if (st) sqlite3_reset(st);
    for (int i = 0; i < n; i++) qmap_del(&s->leased, out[i].id);
    s->cur_avail = saved_avail;
    s->cur_id = saved_id;
    pthread_mutex_unlock(&s->db_mu);
    return -1;
}

static int64_t sq_next_ready_ms(void *be)
{
    sq *s = be;
    pthread_mutex_lock(&s->db_mu);
    int64_t t = 0;
    const int64_t from_avail = s->cur_avail;
    const uint64_t from_id = s->cur_id;
    int rc = SQLITE_DONE;
    sqlite3_stmt *const steps[] = {s->next_eq, s->next_gt};
    bool found = false;
    for (size_t p = 0; p < sizeof steps / sizeof steps[0] && !found; p++) {
        sqlite3_stmt *st = steps[p];
        rc = sqlite3_bind_int64(st, 1, from_avail);
        if (rc == SQLITE_OK && p == 0) rc = sqlite3_bind_int64(st, 2, (sqlite3_int64)from_id);
        while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            uint64_t id = (uint64_t)sqlite3_column_int64(st, 0);
            int64_t avail = sqlite3_column_int64(st, 1);
            if (!qmap_get(&s->leased, id)) {
                t = avail;
                found = true;
                rc = SQLITE_DONE;
                break;
            }
            /* Leased above the cursor (it was lowered): pass it for good. */
            s->cur_avail = avail;
            s->cur_id = id;
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) break;
    }
    /* A read error: "ready long ago", so that the caller's next queue_lease
     * runs and reports it. */
    if (rc != SQLITE_DONE) t = 1;
    pthread_mutex_unlock(&s->db_mu);
    return t;
}

static int sq_finish(void *be, const uint64_t *ids, size_t n, bool dead, char *err, size_t errlen)
{
    sq *s = be;
    const char *verb = dead ? "mark dead" : "ack";
    pthread_mutex_lock(&s->db_mu);
    size_t k = 0;
    uint64_t bytes = 0, oldest_id = 0;
    int64_t oldest_put_ms = 0;
    bool oldest_gone = false;
    pthread_mutex_lock(&s->stat_mu);
    uint64_t cur_oldest = s->oldest_id;
    pthread_mutex_unlock(&s->stat_mu);
    int rc = SQLITE_DONE;
    for (size_t i = 0; i < n; i++) {
        uint64_t *v = qmap_get(&s->leased, ids[i]);
        if (!v || (*v & FINISH_MARK)) continue; /* not leased here, or a repeat: ignored */
        if (!k++ && (rc = begin(s)) != SQLITE_DONE) break;
        *v |= FINISH_MARK;
        bytes += *v & ~FINISH_MARK;
        if (ids[i] == cur_oldest) oldest_gone = true;
        rc = sqlite3_bind_int64(s->del, 1, (sqlite3_int64)ids[i]);
        if (rc != SQLITE_OK || (rc = step_reset(s->del)) != SQLITE_DONE) break;
    }
    if (k == 0) {
        pthread_mutex_unlock(&s->db_mu);
        return 0;
    }
    if (rc == SQLITE_DONE && oldest_gone) rc = read_oldest(s, &oldest_id, &oldest_put_ms);
    if (rc == SQLITE_DONE) rc = step_reset(s->commit);
    bool ok = rc == SQLITE_DONE;
    if (!ok) {
        FAIL_SQL(s, err, errlen, "cannot %s %zu event%s", verb, k, plural(k));
        rollback(s);
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t *v = qmap_get(&s->leased, ids[i]);
        if (!v || !(*v & FINISH_MARK)) continue;
        if (ok) qmap_del(&s->leased, ids[i]);
        else *v &= ~FINISH_MARK;
    }
    if (ok) {
        pthread_mutex_lock(&s->stat_mu);
        s->events -= k;
        s->bytes -= bytes;
        s->nleased -= k;
        if (oldest_gone) {
            s->oldest_id = oldest_id;
            s->oldest_put_ms = oldest_put_ms;
        }
        pthread_mutex_unlock(&s->stat_mu);
    }
    pthread_mutex_unlock(&s->db_mu);
    return ok ? 0 : -1;
}

static int sq_retry_at(void *be, uint64_t id, int64_t next_ms, int attempts, int64_t first_attempt_ms, char *err,
                       size_t errlen)
{
    sq *s = be;
    pthread_mutex_lock(&s->db_mu);
    int ret = 0;
    if (!qmap_get(&s->leased, id)) {
        ret = FAIL(s, err, errlen, "cannot record a retry of event %llu: not leased by this handle",
                   (unsigned long long)id);
    } else {
        rollback(s);
        int rc = sqlite3_bind_int64(s->retry, 1, (sqlite3_int64)id);
        if (rc == SQLITE_OK) rc = sqlite3_bind_int64(s->retry, 2, next_ms);
        if (rc == SQLITE_OK) rc = sqlite3_bind_int(s->retry, 3, attempts);
        if (rc == SQLITE_OK) rc = sqlite3_bind_int64(s->retry, 4, first_attempt_ms);
        if (rc != SQLITE_OK || step_reset(s->retry) != SQLITE_DONE)
            ret = FAIL_SQL(s, err, errlen, "cannot record a retry of event %llu", (unsigned long long)id);
    }
    pthread_mutex_unlock(&s->db_mu);
    return ret;
}

static void sq_depth(void *be, queue_depth *d)
{
    sq *s = be;
    pthread_mutex_lock(&s->stat_mu);
    *d = (queue_depth){.events = s->events, .bytes = s->bytes, .leased = s->nleased,
                       .oldest_put_ms = s->events ? s->oldest_put_ms : 0};
    pthread_mutex_unlock(&s->stat_mu);
}

/* ---- open and close ------------------------------------------------------------------- */

static void sq_close(void *be)
{
    sq *s = be;
    if (!s) return;
    if (s->db) {
        if (!sqlite3_get_autocommit(s->db)) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        finalize_all(s);
        /* Every statement is finalized, so close cannot be busy; _v2 in any
         * case closes once the last one goes. */
        if (sqlite3_close(s->db) != SQLITE_OK) sqlite3_close_v2(s->db);
    }
    /* After SQLite let go of the file: see "One process per file". */
    if (s->lock_fd >= 0) close(s->lock_fd);
    if (s->registered) unregister(s);
    qmap_free(&s->leased);
    jarena_free(&s->out);
    pthread_mutex_destroy(&s->stat_mu);
    pthread_mutex_destroy(&s->db_mu);
    free(s->path);
    free(s);
}

static const queue_ops SQLITE_OPS = {
    .name = "sqlite",
    .put_batch = sq_put_batch,
    .lease = sq_lease,
    .next_ready_ms = sq_next_ready_ms,
    .finish = sq_finish,
    .retry_at = sq_retry_at,
    .depth = sq_depth,
    .close = sq_close,
};

static const char *synchronous_sql(queue_fsync f)
{
    switch (f) {
    case QUEUE_FSYNC_NORMAL: return "PRAGMA synchronous = NORMAL";
    case QUEUE_FSYNC_OFF: return "PRAGMA synchronous = OFF";
    case QUEUE_FSYNC_FULL: break;
    }
    return "PRAGMA synchronous = FULL";
}

int queue_sqlite_open(const queue_opts *o, const queue_ops **ops, void **be, char *err, size_t errlen)
{
    sq *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(o->path))) {
        free(s);
        if (err && errlen) snprintf(err, errlen, "queue %s: out of memory", o->path);
        return -1;
    }
    s->lock_fd = -1;
    s->window_ms = o->dedupe_window_ms;
    s->cur_avail = INT64_MIN;
    jarena_init(&s->out, 0);
    if (pthread_mutex_init(&s->db_mu, NULL) != 0) {
        free(s->path);
        free(s);
        if (err && errlen) snprintf(err, errlen, "queue %s: cannot create a lock", o->path);
        return -1;
    }
    if (pthread_mutex_init(&s->stat_mu, NULL) != 0) {
        pthread_mutex_destroy(&s->db_mu);
        free(s->path);
        free(s);
        if (err && errlen) snprintf(err, errlen, "queue %s: cannot create a lock", o->path);
        return -1;
    }
    if (lock_file(s, err, errlen) != 0) goto fail;

    /* A path starting with "file:" would be a URI where URIs are on by default. */
    char *fname = NULL;
    if (strncmp(s->path, "file:", 5) == 0 && asprintf(&fname, "./%s", s->path) < 0) {
        FAIL(s, err, errlen, "out of memory");
        goto fail;
    }
    int rc = sqlite3_open_v2(fname ? fname : s->path, &s->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    free(fname);
    if (rc != SQLITE_OK) {
        int e = s->db ? sqlite3_system_errno(s->db) : 0;
        if (!s->db) FAIL(s, err, errlen, "cannot open: out of memory");
        else if (e) FAIL_SQL(s, err, errlen, "cannot open (%s)", strerror(e));
        else FAIL_SQL(s, err, errlen, "cannot open");
        goto fail;
    }
    if (sqlite3_extended_result_codes(s->db, 1) != SQLITE_OK ||
        sqlite3_busy_timeout(s->db, QUEUE_BUSY_TIMEOUT_MS) != SQLITE_OK) {
        FAIL_SQL(s, err, errlen, "cannot set up the connection");
        goto fail;
    }
    if (check_and_create(s, err, errlen) != 0) goto fail;
    if (sqlite3_exec(s->db, synchronous_sql(o->fsync), NULL, NULL, NULL) != SQLITE_OK) {
        FAIL_SQL(s, err, errlen, "cannot set synchronous mode");
        goto fail;
    }
    if (prepare_all(s, err, errlen) != 0 || load(s, err, errlen) != 0) goto fail;
    *ops = &SQLITE_OPS;
    *be = s;
    return 0;
fail:
    sq_close(s);
    return -1;
}
