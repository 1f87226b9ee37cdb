/* tmpdir.h — a temporary directory for a test: made with mkdtemp under /tmp,
 * files written into it, removed with all it holds; and the text of a
 * problem (config/problems.h) with that directory left out, so that expected
 * messages read "cfg.lua:3: ..." whatever the directory was called.
 *
 * A file that cannot be written fails the running cmocka test.
 */
#ifndef ENCHARGE_TEST_TMPDIR_H
#define ENCHARGE_TEST_TMPDIR_H

#include <stddef.h>

#include "config/problems.h"

/* Makes /tmp/NAME.XXXXXX into dir (len bytes); 0, or -1 with a message on
 * stderr. */
int tmpdir_make(char *dir, size_t len, const char *name);

/* Removes dir and everything below it; 0 or -1. */
int tmpdir_remove(const char *dir);

/* Writes text to dir/NAME (created or truncated); returns that path, in one
 * of two static buffers (the last two paths stay valid). */
const char *tmpdir_write(const char *dir, const char *name, const char *text);

/* The text of problem i of l (which must exist), every "DIR/" left out; in a
 * static buffer, valid until the next call. */
const char *tmpdir_problem(const char *dir, const problem_list *l, int i);

#endif
