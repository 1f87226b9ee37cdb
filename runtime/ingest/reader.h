/* reader.h — NDJSON input without blocking: what a file descriptor has ready
 * is read into a growing buffer and handed out line by line, so the loop that
 * drives the sender never waits on input. It knows lines, not what they hold.
 * No domain knowledge. */
#ifndef ENCHARGE_READER_H
#define ENCHARGE_READER_H

#include <stdbool.h>
#include <stddef.h>

#define READER_MAX_LINE (4u << 20)   /* a longer line is returned cut, the rest of it dropped */

typedef struct {
    int fd;
    bool owned;         /* fd was opened here (closed by reader_close) */
    char *buf;
    size_t start, len, cap;
    bool eof;
    bool skipping;      /* discarding the rest of an over-long line */
} reader;

/* Opens path (NULL: stdin) for reading without blocking. Returns -1 with
 * errno when the file cannot be opened. */
int reader_open(reader *rd, const char *path);
/* Closes what reader_open opened (never stdin) and frees the buffer. */
void reader_close(reader *rd);

/* Reads what is available (never blocks). Returns false on a read error (the
 * reader is then at its end; errno says why). */
bool reader_fill(reader *rd);

/* Next complete line (or the last one at EOF), without its '\n'; NULL when
 * none is ready. A line longer than READER_MAX_LINE is returned cut, with
 * *too_long set. The line stays valid until the next reader_fill. */
char *reader_line(reader *rd, size_t *len, bool *too_long);

/* At EOF and every line handed out. */
bool reader_done(const reader *rd);

/* Drops trailing '\r's from *len; true when what is left is only spaces and
 * tabs (a blank line, not an event). */
bool reader_blank(const char *line, size_t *len);

#endif
