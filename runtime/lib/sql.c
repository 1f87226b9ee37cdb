/* sql.c — SQLite helpers shared by the dead-letter store and the queue. */
#include "lib/sql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WAL_RETRY_MS 5

int sql_exec_int(sqlite3 *db, const char *sql, int64_t *out)
{
    sqlite3_stmt *st;
    *out = 0;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *out = sqlite3_column_int64(st, 0);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
    sqlite3_finalize(st);
    return rc;
}

int sql_read_schema(sqlite3 *db, const char *table, sql_schema *out)
{
    *out = (sql_schema){0};
    sqlite3_stmt *st;
    int64_t has = 0;
    int rc = sql_exec_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'", &out->tables);
    if (rc == SQLITE_OK) rc = sql_exec_int(db, "PRAGMA application_id", &out->application_id);
    if (rc == SQLITE_OK) rc = sql_exec_int(db, "PRAGMA user_version", &out->user_version);
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1", -1, &st, NULL);
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) has = sqlite3_column_int64(st, 0);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
    sqlite3_finalize(st);
    out->has_table = has > 0;
    return rc;
}

int sql_schema_ours(const sql_schema *sc, int application_id, int user_version, const char *what, char *msg,
                    size_t msglen)
{
    if ((sc->application_id != 0 && sc->application_id != application_id) ||
        (sc->application_id == 0 && sc->tables > 0)) {
        snprintf(msg, msglen, "not an encharge-actions %s (an SQLite database of something else: application_id "
                 "%lld, %lld tables)", what, (long long)sc->application_id, (long long)sc->tables);
        return -1;
    }
    if (sc->user_version > user_version) {
        snprintf(msg, msglen, "schema version %lld is newer than this program's (%d)", (long long)sc->user_version,
                 user_version);
        return -1;
    }
    return 0;
}

/* The journal mode a PRAGMA answers is "wal". */
static int journal_is_wal(sqlite3 *db, const char *sql, bool *wal)
{
    sqlite3_stmt *st;
    *wal = false;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *m = (const char *)sqlite3_column_text(st, 0);
        *wal = m && strcmp(m, "wal") == 0;
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

int sql_set_wal(sqlite3 *db, int busy_ms, bool *wal)
{
    for (int waited = 0;; waited += WAL_RETRY_MS) {
        int rc = journal_is_wal(db, "PRAGMA journal_mode", wal);
        if (rc == SQLITE_OK && !*wal) rc = journal_is_wal(db, "PRAGMA journal_mode = WAL", wal);
        if (rc == SQLITE_OK || (rc & 0xff) != SQLITE_BUSY || waited >= busy_ms) return rc;
        nanosleep(&(struct timespec){.tv_nsec = WAL_RETRY_MS * 1000000L}, NULL);
    }
}

int sql_create_schema(sqlite3 *db, const char *schema, int application_id, int user_version)
{
    size_t n = strlen(schema) + 160;
    char *sql = malloc(n);
    if (!sql) return SQLITE_NOMEM;
    snprintf(sql, n, "BEGIN IMMEDIATE; %s PRAGMA application_id = %d; PRAGMA user_version = %d; COMMIT;", schema,
             application_id, user_version);
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    free(sql);
    if (rc != SQLITE_OK && !sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}
