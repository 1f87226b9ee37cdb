/* reader.c — NDJSON lines from a file descriptor, without blocking; long
 * lines through a spool file. */
#include "ingest/reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define READER_CHUNK ((size_t)64 << 10) /* the buffer's first size; it doubles up to READER_MEM_LINE */

/* stdin for reading without blocking, changing nothing others see: a regular
 * file as it is (its reads never block), a pipe, FIFO or terminal opened
 * again, anything else (a socket) made O_NONBLOCK, its flags kept to put
 * back. */
static void open_stdin(reader *rd)
{
    struct stat st;
    if (fstat(0, &st) == 0 && S_ISREG(st.st_mode)) return;
    int fd = open("/proc/self/fd/0", O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd >= 0) {
        rd->fd = fd;
        rd->owned = true;
        return;
    }
    int fl = fcntl(0, F_GETFL);
    if (fl >= 0 && !(fl & O_NONBLOCK) && fcntl(0, F_SETFL, fl | O_NONBLOCK) == 0) rd->restore_flags = fl;
}

int reader_open(reader *rd, const char *path)
{
    *rd = (reader){.fd = 0, .restore_flags = -1, .spool_fd = -1};
    if (!path) {
        open_stdin(rd);
        return 0;
    }
    rd->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (rd->fd < 0) return -1;
    rd->owned = true;
    int fl = fcntl(rd->fd, F_GETFL);
    if (fl >= 0) fcntl(rd->fd, F_SETFL, fl | O_NONBLOCK);
    return 0;
}

static void release_map(reader *rd)
{
    if (!rd->map) return;
    munmap(rd->map, rd->map_len);
    rd->map = NULL;
    rd->map_len = 0;
    if (ftruncate(rd->spool_fd, 0)) {
        /* the space comes back at close */
    }
}

void reader_close(reader *rd)
{
    release_map(rd);
    if (rd->spool_fd >= 0) close(rd->spool_fd);
    rd->spool_fd = -1;
    if (rd->restore_flags >= 0) fcntl(rd->fd, F_SETFL, rd->restore_flags);
    rd->restore_flags = -1;
    if (rd->owned) close(rd->fd);
    rd->owned = false;
    free(rd->buf);
    rd->buf = NULL;
}

bool reader_fill(reader *rd)
{
    if (rd->eof) return true;
    if (rd->start > 0 && rd->start == rd->len) rd->start = rd->len = 0;
    if (rd->len == rd->cap) {
        if (rd->start > 0) {
            memmove(rd->buf, rd->buf + rd->start, rd->len - rd->start);
            rd->len -= rd->start;
            rd->start = 0;
        } else if (rd->cap < READER_MEM_LINE) {
            size_t cap = rd->cap ? rd->cap * 2 : READER_CHUNK;
            char *b = realloc(rd->buf, cap);
            if (!b) {
                rd->eof = true;
                return false;
            }
            rd->buf = b;
            rd->cap = cap;
        } else {
            return true; /* full of lines: reader_line takes them (or spools the one that fills it) first */
        }
    }
    ssize_t n = read(rd->fd, rd->buf + rd->len, rd->cap - rd->len);
    if (n > 0) {
        rd->len += (size_t)n;
    } else if (n == 0) {
        rd->eof = true;
    } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        rd->eof = true;
        return false;
    }
    return true;
}

/* An unlinked temporary file in $TMPDIR (else /tmp); -1 with errno. */
static int spool_create(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)) return fd;
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/encharge-line-XXXXXX", dir) >= sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0) unlink(path);
    return fd;
}

/* Appends n bytes to the spool file; false (errno in spool_err) when they
 * could not all be written. */
static bool spool_put(reader *rd, const char *p, size_t n)
{
    if (rd->spool_fd < 0 && (rd->spool_fd = spool_create()) < 0) {
        rd->spool_err = errno;
        return false;
    }
    while (n) {
        ssize_t w = pwrite(rd->spool_fd, p, n, (off_t)rd->spool_len);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            rd->spool_err = w < 0 ? errno : ENOSPC;
            return false;
        }
        rd->spool_len += (size_t)w;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* The spooled line, mapped (cut when the spool failed: the reader ends). */
static char *spool_line(reader *rd, size_t *len, bool *cut)
{
    rd->spooling = false;
    size_t n = rd->spool_len;
    rd->spool_len = 0;
    if (rd->spool_err) {
        *cut = true;
        rd->eof = true;
        rd->start = rd->len;
    }
    void *m = n ? mmap(NULL, n, PROT_READ, MAP_PRIVATE, rd->spool_fd, 0) : MAP_FAILED;
    if (m == MAP_FAILED) {
        if (!rd->spool_err) rd->spool_err = n ? errno : EIO;
        *cut = true;
        rd->eof = true;
        rd->start = rd->len;
        *len = 0;
        return rd->buf ? rd->buf + rd->start : (char *)"";
    }
    madvise(m, n, MADV_SEQUENTIAL);
    rd->map = m;
    rd->map_len = n;
    *len = n;
    return m;
}

/* The bytes at the buffer's start as a line cut short (the spool failed
 * before it held any of them): the reader ends. */
static char *cut_in_buffer(reader *rd, size_t *len, bool *cut)
{
    *len = rd->len - rd->start;
    char *p = rd->buf + rd->start;
    rd->start = rd->len;
    rd->spooling = false;
    rd->eof = true;
    *cut = true;
    return p;
}

char *reader_line(reader *rd, size_t *len, bool *cut)
{
    *cut = false;
    release_map(rd);
    if (!rd->buf) return NULL; /* nothing read yet */
    char *p = rd->buf + rd->start;
    size_t avail = rd->len - rd->start;
    char *nl = avail ? memchr(p, '\n', avail) : NULL;
    if (rd->spooling) {
        size_t n = nl ? (size_t)(nl - p) : avail;
        if (!spool_put(rd, p, n)) return spool_line(rd, len, cut);
        rd->start += n + (nl ? 1 : 0);
        if (nl || rd->eof) return spool_line(rd, len, cut);
        return NULL;
    }
    if (nl) {
        *len = (size_t)(nl - p);
        rd->start += *len + 1;
        return p;
    }
    if (avail >= READER_MEM_LINE) {
        /* too long for the buffer: to the spool file, the rest as it comes */
        if (!spool_put(rd, p, avail)) {
            if (rd->spool_len == 0) return cut_in_buffer(rd, len, cut);
            return spool_line(rd, len, cut);
        }
        rd->spooling = true;
        rd->start = rd->len;
        if (rd->eof) return spool_line(rd, len, cut);
        return NULL;
    }
    if (rd->eof && avail) {
        *len = avail;
        rd->start = rd->len;
        return p;
    }
    return NULL;
}

bool reader_done(const reader *rd)
{
    return rd->eof && rd->start == rd->len && !rd->spooling;
}

bool reader_blank(const char *line, size_t *len)
{
    while (*len && line[*len - 1] == '\r') (*len)--;
    size_t k = 0;
    while (k < *len && (line[k] == ' ' || line[k] == '\t')) k++;
    return k == *len;
}
