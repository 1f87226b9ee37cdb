/* Unit tests: the non-blocking NDJSON line reader — complete lines, a partial
 * line held until its end (or EOF), the last line without '\n', an over-long
 * line cut and the rest of it dropped, blank lines, a missing file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
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
    bool too_long;
    char *l = reader_line(rd, &len, &too_long);
    if (cut) *cut = too_long;
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

static void test_too_long(void **s)
{
    (void)s;
    char path[] = "/tmp/test_reader_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t n = READER_MAX_LINE + 100;
    char *big = malloc(n);
    memset(big, 'x', n);
    put(fd, big, n);
    put(fd, "\nafter\n", 7);
    close(fd);
    free(big);
    reader rd;
    assert_int_equal(reader_open(&rd, path), 0);
    unlink(path);
    size_t len = 0;
    bool too_long = false;
    char *l = NULL;
    while (!(l = reader_line(&rd, &len, &too_long))) assert_true(reader_fill(&rd));
    assert_true(too_long);
    assert_true(len >= READER_MAX_LINE);
    assert_int_equal(l[0], 'x');
    bool cut = true;
    const char *after;
    while (strcmp(after = next(&rd, &cut), "-") == 0 && !reader_done(&rd)) assert_true(reader_fill(&rd));
    assert_string_equal(after, "after"); /* the rest of the long line was dropped */
    assert_false(cut);
    while (!rd.eof) assert_true(reader_fill(&rd));
    assert_string_equal(next(&rd, NULL), "-");
    assert_true(reader_done(&rd));
    reader_close(&rd);
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
        cmocka_unit_test(test_too_long),
        cmocka_unit_test(test_blank),
        cmocka_unit_test(test_missing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
