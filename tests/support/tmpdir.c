/* tmpdir.c — a temporary directory for a test (see tmpdir.h). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "support/tmpdir.h"

int tmpdir_make(char *dir, size_t len, const char *name)
{
    snprintf(dir, len, "/tmp/%s.XXXXXX", name);
    if (mkdtemp(dir)) return 0;
    fprintf(stderr, "mkdtemp %s: %s\n", dir, strerror(errno));
    return -1;
}

int tmpdir_remove(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

const char *tmpdir_write(const char *dir, const char *name, const char *text)
{
    static char path[2][512];
    static int which;
    char *p = path[which++ % 2];
    snprintf(p, sizeof path[0], "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    return p;
}

const char *tmpdir_problem(const char *dir, const problem_list *l, int i)
{
    static char buf[4096];
    char raw[4096];
    assert_true(i < l->n);
    problem_format(&l->v[i], raw, sizeof raw);
    size_t dl = strlen(dir);
    const char *p = raw;
    char *o = buf;
    while (*p) {
        if (strncmp(p, dir, dl) == 0 && p[dl] == '/') p += dl + 1;
        else *o++ = *p++;
    }
    *o = 0;
    return buf;
}
