/* sql.h — what the SQLite files of the runtime (the dead-letter store, the
 * queue) do alike: one integer out of a query, WAL mode, the schema made in
 * one transaction. No domain knowledge; SQLite result codes out, the caller
 * words the message (with its file's name). */
#ifndef ENCHARGE_SQL_H
#define ENCHARGE_SQL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The first column of sql's first row as an integer (0 when no row). */
int sql_exec_int(sqlite3 *db, const char *sql, int64_t *out);

/* What a file holds: its application_id and user_version, how many tables,
 * and whether the caller's main table is one of them. */
typedef struct {
    int64_t application_id, user_version, tables;
    bool has_table;
} sql_schema;

/* Reads it (an SQLite code). */
int sql_read_schema(sqlite3 *db, const char *table, sql_schema *out);

/* Whether the file is ours (application_id, or an empty file) at a version
 * this program reads: 0, or -1 with why in msg ("not an encharge-actions
 * WHAT (an SQLite database of something else: ...)", "schema version 3 is
 * newer than this program's (2)"). */
int sql_schema_ours(const sql_schema *sc, int application_id, int user_version, const char *what, char *msg,
                    size_t msglen);

/* Switches db's file to WAL unless it is already; *wal says whether it is
 * now (false: the file system does not support it). Switching needs the file
 * to itself and SQLite does not wait for that: a busy file is tried again
 * every 5 ms for up to busy_ms. */
int sql_set_wal(sqlite3 *db, int busy_ms, bool *wal);

/* BEGIN IMMEDIATE; schema; application_id and user_version; COMMIT — rolled
 * back on failure. */
int sql_create_schema(sqlite3 *db, const char *schema, int application_id, int user_version);

#endif
