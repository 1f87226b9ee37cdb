/* Unit tests: file_read_all on a regular file, an empty one, a pipe given as
 * /dev/fd/N (what `preview --event <(cmd)` hands over: it cannot seek), a
 * pipe carrying more than its buffer, and a missing file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/file.h"

static void test_regular_and_empty(void **s)
{
    (void)s;
    char path[] = "/tmp/test_file_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "{\"a\":1}\n", 8), 8);
    close(fd);
    size_t len = 99;
    char err[256];
    char *t = file_read_all(path, &len, err, sizeof err);
    assert_non_null(t);
    assert_int_equal(len, 8);
    assert_string_equal(t, "{\"a\":1}\n");
    free(t);
    assert_int_equal(truncate(path, 0), 0);
    t = file_read_all(path, &len, err, sizeof err);
    assert_non_null(t);
    assert_int_equal(len, 0);
    assert_string_equal(t, "");
    free(t);
    unlink(path);
}

/* n bytes (a pattern, NUL bytes included) through a pipe from a child,
 * read back as /dev/fd/N. */
static void through_pipe(size_t n)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(p[0]);
        for (size_t i = 0; i < n; i++) {
            char c = (char)(i % 251);
            if (write(p[1], &c, 1) != 1) _exit(1);
        }
        _exit(0);
    }
    close(p[1]);
    char path[32], err[256];
    snprintf(path, sizeof path, "/dev/fd/%d", p[0]);
    size_t len = 0;
    char *t = file_read_all(path, &len, err, sizeof err);
    close(p[0]);
    int st;
    waitpid(pid, &st, 0);
    if (!t) fail_msg("%s", err);
    assert_int_equal(len, n);
    for (size_t i = 0; i < n; i++)
        if (t[i] != (char)(i % 251)) fail_msg("byte %zu differs", i);
    assert_int_equal(t[n], 0);
    free(t);
}

static void test_pipe(void **s)
{
    (void)s;
    through_pipe(100);
    through_pipe(200000);   /* beyond the pipe's buffer and the first chunks */
}

static void test_missing(void **s)
{
    (void)s;
    size_t len;
    char err[256];
    errno = 0;
    assert_null(file_read_all("/nonexistent/dir/x.json", &len, err, sizeof err));
    assert_int_equal(errno, ENOENT);
    assert_non_null(strstr(err, "/nonexistent/dir/x.json: cannot open: "));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regular_and_empty),
        cmocka_unit_test(test_pipe),
        cmocka_unit_test(test_missing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
