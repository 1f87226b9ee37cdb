/* dlq.c — the dead-letter store on SQLite. See dlq.h for the contract.
 *
 * Every statement is prepared once in dlq_open (SQLITE_PREPARE_PERSISTENT) and
 * kept in the handle; a call binds, steps and resets. Bound strings are
 * SQLITE_STATIC: they live until the reset at the end of the same call.
 * Redaction copies the message / response only when a secret occurs in it.
 */
#include "dlq/dlq.h"

#include "lib/sql.h"

#include "lib/clock.h"
#include "lib/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct dlq {
    sqlite3 *db;
    char *path;                       /* as given to dlq_open */
    pthread_mutex_t mu;               /* recursive: callbacks may call back in */
    sqlite3_stmt *ins, *upd, *get, *del;
    sqlite3_stmt *list_all, *list_reason;
    sqlite3_stmt *count_all, *count_reason, *counts;
    sqlite3_stmt *purge_all, *purge_reason;
    sqlite3_stmt *begin, *commit, *rollback;
    int busy_ms;                      /* the busy timeout */
    bool list_busy, get_busy, counts_busy;   /* statement stepping under a callback */
    char errmsg[512];
    char warning[512];                /* dlq_warning: "" when none */
};

#define COLS "id, created_ms, event, mapping, action, reason, message, http_status, " \
             "response, response_full_len, attempts, first_attempt_ms, last_attempt_ms, generation"

static const char SCHEMA_SQL[] =
    "CREATE TABLE IF NOT EXISTS dlq ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " created_ms INTEGER NOT NULL,"
    " event BLOB NOT NULL,"
    " mapping TEXT,"
    " action TEXT,"
    " reason TEXT NOT NULL,"
    " message TEXT,"
    " http_status INTEGER NOT NULL DEFAULT 0,"
    " response BLOB,"
    " response_full_len INTEGER NOT NULL DEFAULT 0,"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " first_attempt_ms INTEGER NOT NULL DEFAULT 0,"
    " last_attempt_ms INTEGER NOT NULL DEFAULT 0,"
    " generation INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX IF NOT EXISTS dlq_reason ON dlq(reason, id);";

/* ---- errors -------------------------------------------------------------- */

static void copy_err(char *err, size_t errlen, const char *msg)
{
    if (err && errlen) snprintf(err, errlen, "%s", msg);
}

/* "dlq <path>: <what>[: <sqlite's reason>]" into the handle and err; -1. */
static int fail_(dlq *d, char *err, size_t errlen, bool with_sqlite, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int fail_(dlq *d, char *err, size_t errlen, bool with_sqlite, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (with_sqlite)
        snprintf(d->errmsg, sizeof d->errmsg, "dlq %s: %s: %s", d->path, what, sqlite3_errmsg(d->db));
    else
        snprintf(d->errmsg, sizeof d->errmsg, "dlq %s: %s", d->path, what);
    copy_err(err, errlen, d->errmsg);
    return -1;
}
#define FAIL_SQL(d, err, errlen, ...) fail_((d), (err), (errlen), true, __VA_ARGS__)
#define FAIL(d, err, errlen, ...) fail_((d), (err), (errlen), false, __VA_ARGS__)

/* ---- helpers ------------------------------------------------------------- */

static bool is_blank(const char *s) { return !s || !*s; }

/* Secrets in src[0..len) replaced by DLQ_REDACTED; overlapping or touching
 * occurrences become one marker. *out is src itself when no secret occurs
 * (nothing allocated), else a malloc'd NUL-terminated copy in *owned.
 * Returns 0, or -1 when out of memory. */
static int redact(const char *src, size_t len, const char *const *secrets,
                  char **owned, const char **out, size_t *outlen)
{
    unsigned char *mark = NULL;
    *owned = NULL;
    *out = src;
    *outlen = len;
    if (!src || !secrets) return 0;
    for (const char *const *s = secrets; *s; s++) {
        size_t sl = strlen(*s);
        if (sl < DLQ_SECRET_MIN || sl > len) continue;   /* see DLQ_SECRET_MIN */
        const char *p = src, *end = src + len;
        while ((size_t)(end - p) >= sl && (p = memmem(p, (size_t)(end - p), *s, sl)) != NULL) {
            if (!mark && !(mark = calloc(len, 1))) return -1;
            memset(mark + (p - src), 1, sl);
            p++;                      /* overlapping occurrences count too */
        }
    }
    if (!mark) return 0;

    const size_t ml = sizeof DLQ_REDACTED - 1;
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += mark[i] ? ((i == 0 || !mark[i - 1]) ? ml : 0) : 1;
    char *buf = malloc(n + 1);
    if (!buf) {
        free(mark);
        return -1;
    }
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (!mark[i]) buf[o++] = src[i];
        else if (i == 0 || !mark[i - 1]) {
            memcpy(buf + o, DLQ_REDACTED, ml);
            o += ml;
        }
    }
    buf[o] = '\0';
    free(mark);
    *owned = buf;
    *out = buf;
    *outlen = o;
    return 0;
}

static int bind_text_or_null(sqlite3_stmt *st, int i, const char *s, size_t n)
{
    if (!s) return sqlite3_bind_null(st, i);
    return sqlite3_bind_text64(st, i, s, n, SQLITE_STATIC, SQLITE_UTF8);
}

/* Redacted copies of message and response, freed by clear_prepared. */
typedef struct {
    char *msg_owned, *resp_owned, *event_owned;
} prepared;

static void clear_prepared(prepared *p)
{
    free(p->msg_owned);
    free(p->resp_owned);
    free(p->event_owned);
}

/* The response_full_len to store: as given, at least the length of the
 * response given (0, or less than it, means the response given is whole). */
static sqlite3_int64 full_len(const dlq_record *r)
{
    size_t given = r->response ? r->response_len : 0;
    size_t n = r->response_full_len > given ? r->response_full_len : given;
    return n > (size_t)INT64_MAX ? INT64_MAX : (sqlite3_int64)n;
}

/* Binds ?3..?12 and ?14 (everything but created_ms and event) for insert and update.
 * Returns an SQLite code; SQLITE_NOMEM when redaction ran out of memory. */
static int bind_fields(sqlite3_stmt *st, const dlq_record *r, const char *const *secrets, prepared *p)
{
    const char *msg = NULL, *resp = NULL;
    size_t msg_len = 0, resp_len = 0;
    if (r->message && redact(r->message, strlen(r->message), secrets, &p->msg_owned, &msg, &msg_len) != 0)
        return SQLITE_NOMEM;
    if (r->response && redact(r->response, r->response_len, secrets, &p->resp_owned, &resp, &resp_len) != 0)
        return SQLITE_NOMEM;
    const char *reason = is_blank(r->reason) ? "unknown" : r->reason;
    int rc = SQLITE_OK;
    if (rc == SQLITE_OK) rc = bind_text_or_null(st, 3, r->mapping, r->mapping ? strlen(r->mapping) : 0);
    if (rc == SQLITE_OK) rc = bind_text_or_null(st, 4, r->action, r->action ? strlen(r->action) : 0);
    if (rc == SQLITE_OK) rc = bind_text_or_null(st, 5, reason, strlen(reason));
    if (rc == SQLITE_OK) rc = bind_text_or_null(st, 6, msg, msg_len);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int(st, 7, r->http_status);
    if (rc == SQLITE_OK) {
        if (resp)
            rc = sqlite3_bind_blob64(st, 8, resp, utf8_cut(resp, resp_len, DLQ_RESPONSE_MAX), SQLITE_STATIC);
        else
            rc = sqlite3_bind_null(st, 8);
    }
    if (rc == SQLITE_OK) rc = sqlite3_bind_int64(st, 9, full_len(r));
    if (rc == SQLITE_OK) rc = sqlite3_bind_int(st, 10, r->attempts);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int64(st, 11, r->first_attempt_ms);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int64(st, 12, r->last_attempt_ms);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int64(st, 14, r->generation);
    return rc;
}

static const char *col_text(sqlite3_stmt *st, int i, size_t *len)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL) {
        if (len) *len = 0;
        return NULL;
    }
    const char *s = (const char *)sqlite3_column_text(st, i);  /* NUL-terminated, bytes as stored */
    size_t n = (size_t)sqlite3_column_bytes(st, i);
    if (!s) {            /* zero-length blob, or out of memory (checked by the caller) */
        s = "";
        n = 0;
    }
    if (len) *len = n;
    return s;
}

/* The current row of a statement selecting COLS, into r; returns the id. */
static int64_t read_row(sqlite3_stmt *st, dlq_record *r)
{
    memset(r, 0, sizeof *r);
    int64_t id = sqlite3_column_int64(st, 0);
    r->created_ms = sqlite3_column_int64(st, 1);
    r->event = col_text(st, 2, &r->event_len);
    if (!r->event) r->event = "";
    r->mapping = col_text(st, 3, NULL);
    r->action = col_text(st, 4, NULL);
    r->reason = col_text(st, 5, NULL);
    if (!r->reason) r->reason = "unknown";
    r->message = col_text(st, 6, NULL);
    r->http_status = sqlite3_column_int(st, 7);
    r->response = col_text(st, 8, &r->response_len);
    r->response_full_len = (size_t)sqlite3_column_int64(st, 9);
    r->attempts = sqlite3_column_int(st, 10);
    r->first_attempt_ms = sqlite3_column_int64(st, 11);
    r->last_attempt_ms = sqlite3_column_int64(st, 12);
    r->generation = sqlite3_column_int64(st, 13);
    return id;
}

/* ---- open / close -------------------------------------------------------- */

static void finalize_all(dlq *d)
{
    sqlite3_stmt **all[] = {&d->ins, &d->upd, &d->get, &d->del, &d->list_all, &d->list_reason,
                            &d->count_all, &d->count_reason, &d->counts, &d->purge_all,
                            &d->purge_reason, &d->begin, &d->commit, &d->rollback};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        sqlite3_finalize(*all[i]);
        *all[i] = NULL;
    }
}

static int prepare_all(dlq *d, char *err, size_t errlen)
{
    static const struct {
        size_t off;
        const char *sql;
    } S[] = {
        {offsetof(dlq, ins),
         "INSERT INTO dlq(created_ms, event, mapping, action, reason, message, http_status, response,"
         " response_full_len, attempts, first_attempt_ms, last_attempt_ms, generation)"
         " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?14)"},
        {offsetof(dlq, upd),
         "UPDATE dlq SET mapping = ?3, action = ?4, reason = ?5, message = ?6, http_status = ?7,"
         " response = ?8, response_full_len = ?9, attempts = ?10, first_attempt_ms = ?11,"
         " last_attempt_ms = ?12, generation = ?14 WHERE id = ?13"},
        {offsetof(dlq, get), "SELECT " COLS " FROM dlq WHERE id = ?1"},
        {offsetof(dlq, del), "DELETE FROM dlq WHERE id = ?1"},
        {offsetof(dlq, list_all), "SELECT " COLS " FROM dlq WHERE id > ?1 ORDER BY id LIMIT ?2"},
        {offsetof(dlq, list_reason),
         "SELECT " COLS " FROM dlq WHERE reason = ?3 AND id > ?1 ORDER BY id LIMIT ?2"},
        {offsetof(dlq, count_all), "SELECT count(*) FROM dlq"},
        {offsetof(dlq, count_reason), "SELECT count(*) FROM dlq WHERE reason = ?1"},
        {offsetof(dlq, counts), "SELECT reason, count(*) FROM dlq GROUP BY reason ORDER BY reason"},
        {offsetof(dlq, purge_all), "DELETE FROM dlq"},
        {offsetof(dlq, purge_reason), "DELETE FROM dlq WHERE reason = ?1"},
        {offsetof(dlq, begin), "BEGIN IMMEDIATE"},
        {offsetof(dlq, commit), "COMMIT"},
        {offsetof(dlq, rollback), "ROLLBACK"},
    };
    for (size_t i = 0; i < sizeof S / sizeof S[0]; i++) {
        sqlite3_stmt **slot = (sqlite3_stmt **)((char *)d + S[i].off);
        if (sqlite3_prepare_v3(d->db, S[i].sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK)
            return FAIL_SQL(d, err, errlen, "cannot prepare \"%.40s...\"", S[i].sql);
    }
    return 0;
}

/* WAL unless it is already (lib/sql.h: waits for the busy timeout when
 * several processes open a new store at once). */
static int set_wal(dlq *d, char *err, size_t errlen)
{
    bool wal = false;
    if (sql_set_wal(d->db, d->busy_ms, &wal) != SQLITE_OK) return FAIL_SQL(d, err, errlen, "cannot switch to WAL mode");
    return wal ? 0 : FAIL(d, err, errlen, "cannot switch to WAL mode (the file system may not support it)");
}

/* Reads what is there; creates the schema only when it is missing, so opening
 * an existing store takes no write lock. */
static int check_and_create(dlq *d, char *err, size_t errlen)
{
    sql_schema sc;
    char why[256];
    if (sql_read_schema(d->db, "dlq", &sc) != SQLITE_OK) return FAIL_SQL(d, err, errlen, "cannot read the schema");
    if (sql_schema_ours(&sc, DLQ_APPLICATION_ID, DLQ_SCHEMA_VERSION, "dead-letter store", why, sizeof why))
        return FAIL(d, err, errlen, "%s", why);
    bool has_dlq = sc.has_table;
    int64_t ver = sc.user_version, app = sc.application_id;

    if (strcmp(d->path, ":memory:") != 0 && set_wal(d, err, errlen) != 0) return -1;

    if (has_dlq && ver == DLQ_SCHEMA_VERSION && app == DLQ_APPLICATION_ID) return 0;
    if (has_dlq && ver == 1 && app == DLQ_APPLICATION_ID) {
        /* version 1 had no generation */
        if (sqlite3_exec(d->db, "BEGIN IMMEDIATE; ALTER TABLE dlq ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;"
                                " PRAGMA user_version = 2; COMMIT;", NULL, NULL, NULL) != SQLITE_OK) {
            FAIL_SQL(d, err, errlen, "cannot upgrade the schema to version 2");
            if (!sqlite3_get_autocommit(d->db)) sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
            return -1;
        }
        return 0;
    }

    if (sql_create_schema(d->db, SCHEMA_SQL, DLQ_APPLICATION_ID, DLQ_SCHEMA_VERSION) != SQLITE_OK)
        return FAIL_SQL(d, err, errlen, "cannot create the schema");
    return 0;
}

/* ---- the file and its modes ----------------------------------------------
 *
 * No descriptor of the store or a side file is opened (and closed) here:
 * closing one would drop the POSIX locks SQLite holds on that file for every
 * other handle of this process. The file is created by mknod, modes are
 * changed by path (fchmodat), after a stat. */

/* Clears the group and other bits (and any execute bit) of path, whose stat
 * is st, when this user owns it; otherwise (or when the change fails) leaves
 * it and notes it in d->warning (the first such file only). A mode with no
 * group or other bits is left as it is (0400 stays read-only). flags:
 * AT_SYMLINK_NOFOLLOW for the side files. */
static void tighten(dlq *d, const char *path, const struct stat *st, const char *name, int flags)
{
    if (!S_ISREG(st->st_mode) || (st->st_mode & 077) == 0) return;
    char why[64];
    if (st->st_uid != geteuid())
        snprintf(why, sizeof why, "owned by uid %lu, not this user", (unsigned long)st->st_uid);
    else if (fchmodat(AT_FDCWD, path, st->st_mode & 0600, flags) != 0)
        snprintf(why, sizeof why, "%s", strerror(errno));
    else
        return;
    if (!d->warning[0])
        snprintf(d->warning, sizeof d->warning, "dlq %s: %s keeps mode %04o, looser than 0600 (%s)", d->path, name,
                 (unsigned)st->st_mode & 07777, why);
}

/* The store's file before SQLite opens it: created 0600 when missing (and a
 * clear reason when the path is wrong), made owner-only when it exists, and
 * so are its side files that exist (SQLite gives the ones it creates the
 * store's mode; one left by an older run keeps its own). A write-protected
 * existing file is left to SQLite, which then opens it read-only. */
static int prepare_file(dlq *d, const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno != ENOENT) return FAIL(d, err, errlen, "cannot create or open the file: %s", strerror(errno));
        /* Created without a descriptor (mknod is open's O_CREAT | O_EXCL for
         * a regular file): another thread may open it at once. */
        if (mknod(path, S_IFREG | 0600, 0) == 0) return 0;
        if (errno != EEXIST || stat(path, &st) != 0)   /* EEXIST: someone else just made it */
            return FAIL(d, err, errlen, "cannot create or open the file: %s", strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) return FAIL(d, err, errlen, "cannot create or open the file: %s", strerror(EISDIR));
    tighten(d, path, &st, "the file", 0);
    static const char *const SUFFIX[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof SUFFIX / sizeof SUFFIX[0]; i++) {
        char *side;
        if (asprintf(&side, "%s%s", path, SUFFIX[i]) < 0) continue;
        struct stat ss;
        if (lstat(side, &ss) == 0) tighten(d, side, &ss, SUFFIX[i] + 1, AT_SYMLINK_NOFOLLOW);
        free(side);
    }
    return 0;
}

dlq *dlq_open(const char *path, char *err, size_t errlen)
{
    if (is_blank(path)) {
        copy_err(err, errlen, "dlq: no path given for the dead-letter store");
        return NULL;
    }
    dlq *d = calloc(1, sizeof *d);
    if (!d || !(d->path = strdup(path))) {
        free(d);
        if (err && errlen) snprintf(err, errlen, "dlq %s: out of memory", path);
        return NULL;
    }
    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&d->mu, &ma);
    pthread_mutexattr_destroy(&ma);

    bool memory = strcmp(path, ":memory:") == 0;
    if (!memory) {
        /* Owner-only: it holds raw events. */
        if (prepare_file(d, path, err, errlen) != 0) goto fail;
    }
    /* A path starting with "file:" would be a URI where URIs are on by default. */
    char *fname = NULL;
    if (strncmp(path, "file:", 5) == 0 && asprintf(&fname, "./%s", path) < 0) fname = NULL;
    int rc = sqlite3_open_v2(fname ? fname : path, &d->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    free(fname);
    if (rc != SQLITE_OK) {
        int e = d->db ? sqlite3_system_errno(d->db) : 0;
        if (!d->db)
            FAIL(d, err, errlen, "cannot open: out of memory");
        else if (e)
            FAIL_SQL(d, err, errlen, "cannot open (%s)", strerror(e));
        else
            FAIL_SQL(d, err, errlen, "cannot open");
        goto fail;
    }
    sqlite3_extended_result_codes(d->db, 1);
    d->busy_ms = DLQ_BUSY_TIMEOUT_MS;
    sqlite3_busy_timeout(d->db, d->busy_ms);
    if (check_and_create(d, err, errlen) != 0) goto fail;
    /* FULL: a stored record survives power loss, not only a crash of the
     * process; a batch costs one sync at commit. */
    if (sqlite3_exec(d->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL) != SQLITE_OK) {
        FAIL_SQL(d, err, errlen, "cannot set synchronous mode");
        goto fail;
    }
    if (prepare_all(d, err, errlen) != 0) goto fail;
    return d;
fail:
    finalize_all(d);
    sqlite3_close(d->db);
    pthread_mutex_destroy(&d->mu);
    free(d->path);
    free(d);
    return NULL;
}

void dlq_close(dlq *d)
{
    if (!d) return;
    if (d->db && !sqlite3_get_autocommit(d->db)) sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
    finalize_all(d);
    sqlite3_close(d->db);
    pthread_mutex_destroy(&d->mu);
    free(d->path);
    free(d);
}

void dlq_set_busy_timeout(dlq *d, int ms)
{
    pthread_mutex_lock(&d->mu);
    d->busy_ms = ms < 0 ? 0 : ms;
    sqlite3_busy_timeout(d->db, d->busy_ms);
    pthread_mutex_unlock(&d->mu);
}

const char *dlq_path(const dlq *d) { return d->path; }
const char *dlq_errmsg(const dlq *d) { return d->errmsg; }
const char *dlq_warning(const dlq *d) { return d->warning[0] ? d->warning : NULL; }

/* ---- writing ------------------------------------------------------------- */

/* Inserts r (update_id < 0; its id in *new_id) or updates record update_id
 * with it. Returns 0, 1 when there is no such record to update, or -1 with err. */
static int write_record(dlq *d, int64_t update_id, const dlq_record *r, const char *const *secrets, int64_t *new_id,
                        char *err, size_t errlen)
{
    bool insert = update_id < 0;
    char what[64];
    if (insert) snprintf(what, sizeof what, "cannot add a record");
    else snprintf(what, sizeof what, "cannot update record %lld", (long long)update_id);
    if (!d) {
        copy_err(err, errlen, "dlq: no store");
        return -1;
    }
    pthread_mutex_lock(&d->mu);
    int ret = -1;
    prepared p = {0};
    sqlite3_stmt *st = insert ? d->ins : d->upd;
    int rc = SQLITE_OK;
    if (!r) {
        FAIL(d, err, errlen, "%s: no record given", what);
        goto out;
    }
    if (insert && !r->event && r->event_len) {
        FAIL(d, err, errlen, "%s: event is NULL but event_len is %zu", what, r->event_len);
        goto out;
    }
    if (insert) {
        const char *ev = r->event ? r->event : "";
        size_t ev_len = r->event_len;
        rc = sqlite3_bind_int64(st, 1, r->created_ms ? r->created_ms : clock_wall_ms());
        if (rc == SQLITE_OK && redact(ev, ev_len, secrets, &p.event_owned, &ev, &ev_len) != 0) rc = SQLITE_NOMEM;
        if (rc == SQLITE_OK) rc = sqlite3_bind_blob64(st, 2, ev, ev_len, SQLITE_STATIC);
    }
    if (rc == SQLITE_OK) rc = bind_fields(st, r, secrets, &p);
    if (rc == SQLITE_OK && !insert) rc = sqlite3_bind_int64(st, 13, update_id);
    if (rc == SQLITE_NOMEM && sqlite3_errcode(d->db) != SQLITE_NOMEM) {
        FAIL(d, err, errlen, "%s: out of memory", what);
        goto out;
    }
    if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE) {
        FAIL_SQL(d, err, errlen, "%s", what);
        goto out;
    }
    if (insert && new_id) *new_id = sqlite3_last_insert_rowid(d->db);
    ret = insert || sqlite3_changes(d->db) > 0 ? 0 : 1;
out:
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    clear_prepared(&p);
    pthread_mutex_unlock(&d->mu);
    return ret;
}

int dlq_add_id(dlq *d, const dlq_record *r, const char *const *secrets, int64_t *id, char *err, size_t errlen)
{
    return write_record(d, -1, r, secrets, id, err, errlen);
}

int dlq_add(dlq *d, const dlq_record *r, const char *const *secrets, char *err, size_t errlen)
{
    return write_record(d, -1, r, secrets, NULL, err, errlen);
}

int dlq_update(dlq *d, int64_t id, const dlq_record *r, const char *const *secrets, char *err, size_t errlen)
{
    if (id < 0) {
        copy_err(err, errlen, "dlq: no such record");
        return 1;
    }
    return write_record(d, id, r, secrets, NULL, err, errlen);
}

/* Steps a statement that returns no rows; 0 or -1. */
static int run_simple(dlq *d, sqlite3_stmt *st, const char *what, char *err, size_t errlen)
{
    int rc = sqlite3_step(st);
    int ret = rc == SQLITE_DONE ? 0 : FAIL_SQL(d, err, errlen, "%s", what);
    sqlite3_reset(st);
    return ret;
}

/* A batch step: st runs only when a batch is open (want_open) or not (!want_open). */
static int batch_step(dlq *d, bool want_open, sqlite3_stmt *st, const char *what, char *err, size_t errlen)
{
    pthread_mutex_lock(&d->mu);
    bool open = !sqlite3_get_autocommit(d->db);
    int ret = open != want_open ? FAIL(d, err, errlen, "%s: %s", what, open ? "one is already open" : "no batch is open")
                                : run_simple(d, st, what, err, errlen);
    pthread_mutex_unlock(&d->mu);
    return ret;
}

int dlq_begin(dlq *d, char *err, size_t errlen)
{
    return batch_step(d, false, d->begin, "cannot begin a batch", err, errlen);
}

int dlq_commit(dlq *d, char *err, size_t errlen)
{
    return batch_step(d, true, d->commit, "cannot commit the batch", err, errlen);
}

int dlq_rollback(dlq *d, char *err, size_t errlen)
{
    return batch_step(d, true, d->rollback, "cannot roll back the batch", err, errlen);
}

int dlq_delete(dlq *d, int64_t id, char *err, size_t errlen)
{
    pthread_mutex_lock(&d->mu);
    sqlite3_bind_int64(d->del, 1, id);
    char what[64];
    snprintf(what, sizeof what, "cannot delete record %lld", (long long)id);
    int ret = run_simple(d, d->del, what, err, errlen);
    if (ret == 0 && sqlite3_changes(d->db) == 0) ret = 1;
    pthread_mutex_unlock(&d->mu);
    return ret;
}

int dlq_purge(dlq *d, const char *reason_filter, int64_t *deleted, char *err, size_t errlen)
{
    pthread_mutex_lock(&d->mu);
    sqlite3_stmt *st = reason_filter ? d->purge_reason : d->purge_all;
    if (reason_filter) sqlite3_bind_text(st, 1, reason_filter, -1, SQLITE_STATIC);
    int ret = run_simple(d, st, "cannot purge", err, errlen);
    if (deleted) *deleted = ret == 0 ? sqlite3_changes64(d->db) : 0;
    sqlite3_clear_bindings(st);
    pthread_mutex_unlock(&d->mu);
    return ret;
}

/* ---- reading ------------------------------------------------------------- */

/* Steps st (selecting COLS), passing each row to cb; returns the number of
 * rows passed, or -1. Resets st. */
static int deliver(dlq *d, sqlite3_stmt *st, dlq_cb cb, void *ud, const char *what, char *err, size_t errlen)
{
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        dlq_record r;
        int64_t id = read_row(st, &r);
        if (sqlite3_errcode(d->db) == SQLITE_NOMEM) {
            rc = SQLITE_NOMEM;
            break;
        }
        n++;
        if (cb && cb(ud, id, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc != SQLITE_DONE) n = FAIL_SQL(d, err, errlen, "%s", what);
    sqlite3_reset(st);
    return n;
}

int dlq_list(dlq *d, int64_t after_id, int limit, const char *reason_filter, dlq_cb cb, void *ud,
             char *err, size_t errlen)
{
    pthread_mutex_lock(&d->mu);
    int ret;
    if (d->list_busy) {
        ret = FAIL(d, err, errlen, "cannot list: called from inside a dlq_list callback");
    } else {
        sqlite3_stmt *st = reason_filter ? d->list_reason : d->list_all;
        sqlite3_bind_int64(st, 1, after_id);
        sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
        if (reason_filter) sqlite3_bind_text(st, 3, reason_filter, -1, SQLITE_STATIC);
        d->list_busy = true;
        ret = deliver(d, st, cb, ud, "cannot list", err, errlen);
        d->list_busy = false;
        sqlite3_clear_bindings(st);
    }
    pthread_mutex_unlock(&d->mu);
    return ret;
}

int dlq_get(dlq *d, int64_t id, dlq_cb cb, void *ud, char *err, size_t errlen)
{
    pthread_mutex_lock(&d->mu);
    int ret;
    if (d->get_busy) {
        ret = FAIL(d, err, errlen, "cannot read record %lld: called from inside a dlq_get callback", (long long)id);
    } else {
        char what[64];
        snprintf(what, sizeof what, "cannot read record %lld", (long long)id);
        sqlite3_bind_int64(d->get, 1, id);
        d->get_busy = true;
        int n = deliver(d, d->get, cb, ud, what, err, errlen);
        d->get_busy = false;
        ret = n < 0 ? -1 : n == 0 ? 1 : 0;
    }
    pthread_mutex_unlock(&d->mu);
    return ret;
}

int64_t dlq_count(dlq *d, const char *reason_filter)
{
    pthread_mutex_lock(&d->mu);
    sqlite3_stmt *st = reason_filter ? d->count_reason : d->count_all;
    if (reason_filter) sqlite3_bind_text(st, 1, reason_filter, -1, SQLITE_STATIC);
    int64_t n = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    else
        FAIL_SQL(d, NULL, 0, "cannot count");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    pthread_mutex_unlock(&d->mu);
    return n;
}

int dlq_counts(dlq *d, void (*cb)(void *ud, const char *reason, int64_t n), void *ud)
{
    pthread_mutex_lock(&d->mu);
    int ret = 0, rc;
    if (d->counts_busy) {
        ret = FAIL(d, NULL, 0, "cannot count: called from inside a dlq_counts callback");
    } else {
        d->counts_busy = true;
        while ((rc = sqlite3_step(d->counts)) == SQLITE_ROW) {
            const char *reason = (const char *)sqlite3_column_text(d->counts, 0);
            if (cb) cb(ud, reason ? reason : "unknown", sqlite3_column_int64(d->counts, 1));
        }
        if (rc != SQLITE_DONE) ret = FAIL_SQL(d, NULL, 0, "cannot count");
        sqlite3_reset(d->counts);
        d->counts_busy = false;
    }
    pthread_mutex_unlock(&d->mu);
    return ret;
}

int dlq_max_id(dlq *d, int64_t *id, char *err, size_t errlen)
{
    pthread_mutex_lock(&d->mu);
    sqlite3_stmt *st = NULL;
    int ret = -1;
    if (sqlite3_prepare_v2(d->db, "SELECT coalesce(max(id), 0) FROM dlq", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        FAIL_SQL(d, err, errlen, "cannot read the newest record");
    } else {
        *id = sqlite3_column_int64(st, 0);
        ret = 0;
    }
    sqlite3_finalize(st);
    pthread_mutex_unlock(&d->mu);
    return ret;
}
