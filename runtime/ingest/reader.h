/* reader.h — NDJSON input without blocking: what a file descriptor has ready
 * is read into a buffer and handed out line by line, so the loop that drives
 * the sender never waits on input. It knows lines, not what they hold.
 *
 * Lines of any length come out whole: a line up to READER_MEM_LINE bytes is
 * handed out from the buffer (which never grows beyond that); a longer one is
 * written to a spool file as it arrives (an unlinked temporary file in
 * $TMPDIR, else /tmp) and handed out mapped from it. Only when the spool
 * cannot be written (a full disk, no temporary directory) is a line cut: it
 * comes out with what was kept, flagged, and the reader stops there.
 *
 * Non-blocking reads never change what other processes see: a file named by
 * path is opened here; stdin, when it is a pipe, FIFO or terminal, is opened
 * again (its own file description, through /proc/self/fd/0) rather than made
 * O_NONBLOCK; a regular file needs neither. Only when that is impossible (a
 * socket) is O_NONBLOCK set on stdin itself, and reader_close puts its flags
 * back. No domain knowledge. */
#ifndef ENCHARGE_READER_H
#define ENCHARGE_READER_H

#include <stdbool.h>
#include <stddef.h>

#define READER_MEM_LINE ((size_t)1 << 20) /* longer lines go to the spool file */

typedef struct {
    int fd;
    bool owned;          /* fd was opened here (closed by reader_close) */
    int restore_flags;   /* stdin's file status flags to put back at close; -1: none changed */
    char *buf;
    size_t start, len, cap;
    bool eof;
    /* the line too long for the buffer */
    bool spooling;       /* its head is in the spool file, the rest to come */
    int spool_fd;        /* -1 until the first long line */
    size_t spool_len;    /* its bytes in the spool file */
    char *map;           /* the last long line handed out (mapped), until the next call */
    size_t map_len;
    int spool_err;       /* errno of a failed spool write (the line then came out cut) */
} reader;

/* Opens path (NULL: stdin) for reading without blocking. Returns -1 with
 * errno when the file cannot be opened. */
int reader_open(reader *rd, const char *path);
/* Closes what reader_open opened, puts stdin's flags back when they were
 * changed, and frees the buffer and the spool. */
void reader_close(reader *rd);

/* Reads what is available (never blocks). Returns false on a read error (the
 * reader is then at its end; errno says why). */
bool reader_fill(reader *rd);

/* Next complete line (or the last one at EOF), without its '\n'; NULL when
 * none is ready. *cut is set when the spool could not be written (errno in
 * spool_err): the line holds the bytes kept and the reader is at its end.
 * The line stays valid until the next reader_fill, reader_line or
 * reader_close. */
char *reader_line(reader *rd, size_t *len, bool *cut);

/* At EOF and every line handed out. */
bool reader_done(const reader *rd);

/* Drops trailing '\r's from *len; true when what is left is only spaces and
 * tabs (a blank line, not an event). */
bool reader_blank(const char *line, size_t *len);

#endif
