/* Unit tests: the non-blocking NDJSON line reader — complete lines, a partial
 * line held until its end (or EOF), the last line without '\n', long lines
 * whole through the spool file (the buffer bounded), a spool that cannot be
 * written (the line cut, flagged, the reader ends), blank lines, a missing
 * file, and stdin's file status flags (O_NONBLOCK) as they were. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/reader.h"

/* A reader over the read end of a pipe (through /dev/fd: reader_open's path). */
static void pipe_reader(reader *rd, int *wfd)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    char path[32];
    snprintf(path, sizeof path, "/dev/fd/%d", p[0]);
    assert_int_equal(reader_open(rd, path), 0);
    close(p[0]);
    *wfd = p[1];
}

static void put(int fd, const char *s, size_t n)
{
    assert_int_equal(write(fd, s, n), (ssize_t)n);
}

/* The next line as a string ("-" for none ready); too_long into *cut. */
static char *next(reader *rd, bool *cut)
{
    static char out[64];
    size_t len;
    bool c;
    char *l = reader_line(rd, &len, &c);
    if (cut) *cut = c;
    if (!l) return strcpy(out, "-");
    snprintf(out, sizeof out, "%.*s", (int)(len < 60 ? len : 60), l);
    return out;
}

static void test_lines(void **s)
{
    (void)s;
    reader rd;
    int w;
    pipe_reader(&rd, &w);
    assert_true(reader_fill(&rd)); /* nothing there yet: no wait, no EOF */
    assert_false(rd.eof);
    assert_string_equal(next(&rd, NULL), "-");
    put(w, "one\ntw", 6);
    assert_true(reader_fill(&rd));
    assert_string_equal(next(&rd, NULL), "one");
    assert_string_equal(next(&rd, NULL), "-"); /* "tw" is not a line yet */
    put(w, "o\r\n\nthree", 9);
    close(w);
    assert_true(reader_fill(&rd));
    assert_string_equal(next(&rd, NULL), "two\r");
    assert_string_equal(next(&rd, NULL), ""); /* the empty line */
    assert_string_equal(next(&rd, NULL), "-"); /* "three" may go on */
    assert_false(reader_done(&rd));
    assert_true(reader_fill(&rd)); /* EOF */
    assert_true(rd.eof);
    assert_string_equal(next(&rd, NULL), "three"); /* the last one, without '\n' */
    assert_string_equal(next(&rd, NULL), "-");
    assert_true(reader_done(&rd));
    reader_close(&rd);
}

/* The byte at offset i of long line number k: a pattern that shows any
 * byte out of place. */
static char pat(int k, size_t i)
{
    return (char)('a' + (int)((i * 7 + (size_t)k) % 26));
}

/* A child writing, through a pipe, in pieces of every size: a short line, a
 * line of 3.5 * READER_MEM_LINE, a short one, a line of exactly
 * READER_MEM_LINE, and a last line of 2 * READER_MEM_LINE + 3 without '\n'. */
static const size_t LONG_LENS[] = {(READER_MEM_LINE * 7) / 2, READER_MEM_LINE, 2 * READER_MEM_LINE + 3};

static pid_t writer_child(int w)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid) return pid;
    char *piece = malloc(READER_MEM_LINE);
    size_t sizes[] = {1, 4095, 65536, 300000, 17};
    int z = 0;
    if (write(w, "short one\n", 10) != 10) _exit(1);
    for (int k = 0; k < 3; k++) {
        size_t len = LONG_LENS[k];
        for (size_t i = 0; i < len;) {
            size_t n = sizes[z++ % 5];
            if (n > len - i) n = len - i;
            for (size_t j = 0; j < n; j++) piece[j] = pat(k, i + j);
            if (write(w, piece, n) != (ssize_t)n) _exit(1);
            i += n;
        }
        if (k == 0 && write(w, "\nshort two\n", 11) != 11) _exit(1);
        if (k == 1 && write(w, "\n", 1) != 1) _exit(1);
    }
    _exit(0);
}

static void test_long_lines(void **s)
{
    (void)s;
    reader rd;
    int w;
    pipe_reader(&rd, &w);
    pid_t pid = writer_child(w);
    close(w);
    int got = 0, longs = 0;
    while (!reader_done(&rd)) {
        assert_true(reader_fill(&rd));
        size_t len;
        bool cut;
        char *l;
        while ((l = reader_line(&rd, &len, &cut))) {
            assert_false(cut);
            if (got == 0) assert_true(len == 9 && memcmp(l, "short one", 9) == 0);
            else if (got == 2) assert_true(len == 9 && memcmp(l, "short two", 9) == 0);
            else {
                assert_int_equal(len, LONG_LENS[longs]);
                for (size_t i = 0; i < len; i++)
                    if (l[i] != pat(longs, i)) fail_msg("long line %d: byte %zu is wrong", longs, i);
                longs++;
            }
            got++;
        }
        assert_true(rd.cap <= READER_MEM_LINE); /* the buffer never grows beyond */
        if (!reader_done(&rd)) usleep(200);
    }
    assert_int_equal(got, 5);
    assert_int_equal(longs, 3);
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    reader_close(&rd);
}

/* A long line in a file, and a spool that cannot be created: the line comes
 * out cut (what the buffer held), flagged, the reader at its end. */
static void test_spool_fails(void **s)
{
    (void)s;
    char path[] = "/tmp/test_reader_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t n = 3 * READER_MEM_LINE;
    char *big = malloc(n);
    memset(big, 'x', n);
    put(fd, "first\n", 6);
    put(fd, big, n);
    put(fd, "\nafter\n", 7);
    close(fd);
    free(big);
    const char *old = getenv("TMPDIR");
    char *saved = old ? strdup(old) : NULL;
    setenv("TMPDIR", "/nonexistent/spool/dir", 1);
    reader rd;
    assert_int_equal(reader_open(&rd, path), 0);
    unlink(path);
    bool cut = true;
    const char *l;
    while (strcmp(l = next(&rd, &cut), "-") == 0) assert_true(reader_fill(&rd));
    assert_string_equal(l, "first");
    assert_false(cut);
    size_t len = 0;
    char *line;
    while (!(line = reader_line(&rd, &len, &cut))) assert_true(reader_fill(&rd));
    assert_true(cut);
    assert_int_equal(rd.spool_err, ENOENT);
    assert_true(len >= READER_MEM_LINE - 6 && len < n);
    assert_int_equal(line[0], 'x');
    assert_true(reader_done(&rd)); /* nothing after a cut line */
    assert_string_equal(next(&rd, NULL), "-");
    reader_close(&rd);
    if (saved) setenv("TMPDIR", saved, 1);
    else unsetenv("TMPDIR");
    free(saved);
}

/* fd as stdin while reader_open(NULL) and reader_close run: its flags while
 * open (*during) and after (the return value). */
static int flags_around(int fd, int *during, reader *rd_out)
{
    int keep = dup(0);
    assert_true(keep >= 0);
    assert_true(dup2(fd, 0) == 0);
    reader rd;
    assert_int_equal(reader_open(&rd, NULL), 0);
    *during = fcntl(0, F_GETFL);
    assert_true(reader_fill(&rd)); /* nothing there: no wait */
    assert_false(rd.eof);
    if (rd_out) *rd_out = rd;
    reader_close(&rd);
    int after = fcntl(0, F_GETFL);
    assert_true(dup2(keep, 0) == 0);
    close(keep);
    return after;
}

static void test_stdin_flags(void **s)
{
    (void)s;
    /* a pipe: opened again, its own description; stdin's flags never change */
    int p[2];
    assert_int_equal(pipe(p), 0);
    int during, after = flags_around(p[0], &during, NULL);
    assert_false(during & O_NONBLOCK);
    assert_false(after & O_NONBLOCK);
    /* ... and it reads what the pipe holds */
    put(p[1], "x\ny\n", 4);
    int keep = dup(0);
    assert_true(dup2(p[0], 0) == 0);
    reader rd;
    assert_int_equal(reader_open(&rd, NULL), 0);
    assert_true(rd.fd != 0);
    while (strcmp(next(&rd, NULL), "-") == 0) assert_true(reader_fill(&rd));
    assert_string_equal(next(&rd, NULL), "y");
    reader_close(&rd);
    assert_false(fcntl(0, F_GETFL) & O_NONBLOCK);
    assert_true(dup2(keep, 0) == 0);
    close(keep);
    close(p[0]);
    close(p[1]);

    /* a socket cannot be opened again: O_NONBLOCK while reading, put back at close */
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    after = flags_around(sv[0], &during, NULL);
    assert_true(during & O_NONBLOCK);
    assert_false(after & O_NONBLOCK);
    /* already O_NONBLOCK before: stays so */
    fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
    after = flags_around(sv[0], &during, NULL);
    assert_true(after & O_NONBLOCK);
    close(sv[0]);
    close(sv[1]);
}

static void test_blank(void **s)
{
    (void)s;
    size_t len = 5;
    assert_true(reader_blank(" \t \r\r", &len));
    assert_int_equal(len, 3);
    len = 0;
    assert_true(reader_blank("", &len));
    len = 3;
    assert_false(reader_blank(" a\r", &len));
    assert_int_equal(len, 2); /* leading blanks stay */
    len = 3;
    assert_false(reader_blank("{}\r", &len));
    assert_int_equal(len, 2);
}

static void test_missing(void **s)
{
    (void)s;
    reader rd;
    errno = 0;
    assert_int_equal(reader_open(&rd, "/nonexistent/events.ndjson"), -1);
    assert_int_equal(errno, ENOENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_long_lines),
        cmocka_unit_test(test_spool_fails),
        cmocka_unit_test(test_stdin_flags),
        cmocka_unit_test(test_blank),
        cmocka_unit_test(test_missing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
