/* sql.h — what the SQLite files of the runtime (the dead-letter store, the
 * queue) do alike: one integer out of a query, WAL mode, the schema made in
 * one transaction. No domain knowledge; SQLite result codes out, the caller
 * words the message (with its file's name). */
#ifndef ENCHARGE_SQL_H
#define ENCHARGE_SQL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* The first column of sql's first row as an integer (0 when no row). */
int sql_exec_int(sqlite3 *db, const char *sql, int64_t *out);

/* Switches db's file to WAL unless it is already; *wal says whether it is
 * now (false: the file system does not support it). Switching needs the file
 * to itself and SQLite does not wait for that: a busy file is tried again
 * every 5 ms for up to busy_ms. */
int sql_set_wal(sqlite3 *db, int busy_ms, bool *wal);

/* BEGIN IMMEDIATE; schema; application_id and user_version; COMMIT — rolled
 * back on failure. */
int sql_create_schema(sqlite3 *db, const char *schema, int application_id, int user_version);

#endif
