/* reader.c — NDJSON lines from a file descriptor, without blocking. */
#include "ingest/reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int reader_open(reader *rd, const char *path)
{
    *rd = (reader){.fd = 0};
    if (path) {
        rd->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (rd->fd < 0) return -1;
        rd->owned = true;
    }
    int fl = fcntl(rd->fd, F_GETFL);
    if (fl >= 0) fcntl(rd->fd, F_SETFL, fl | O_NONBLOCK);
    return 0;
}

void reader_close(reader *rd)
{
    if (rd->owned) close(rd->fd);
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
        } else {
            size_t cap = rd->cap ? rd->cap * 2 : 1 << 16;
            char *b = realloc(rd->buf, cap);
            if (!b) {
                rd->eof = true;
                return false;
            }
            rd->buf = b;
            rd->cap = cap;
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

char *reader_line(reader *rd, size_t *len, bool *too_long)
{
    *too_long = false;
    if (!rd->buf) return NULL; /* nothing read yet */
    char *p = rd->buf + rd->start;
    size_t avail = rd->len - rd->start;
    char *nl = avail ? memchr(p, '\n', avail) : NULL;
    if (rd->skipping) {
        if (!nl) {
            rd->start = rd->len;
            return NULL;
        }
        rd->skipping = false;
        rd->start += (size_t)(nl - p) + 1;
        p = rd->buf + rd->start;
        avail = rd->len - rd->start;
        nl = avail ? memchr(p, '\n', avail) : NULL;
    }
    if (nl) {
        *len = (size_t)(nl - p);
        rd->start += *len + 1;
        return p;
    }
    if (avail >= READER_MAX_LINE) {
        *len = avail;
        *too_long = true;
        rd->start = rd->len;
        rd->skipping = true;
        return p;
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
    return rd->eof && rd->start == rd->len;
}

bool reader_blank(const char *line, size_t *len)
{
    while (*len && line[*len - 1] == '\r') (*len)--;
    size_t k = 0;
    while (k < *len && (line[k] == ' ' || line[k] == '\t')) k++;
    return k == *len;
}
