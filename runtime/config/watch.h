/* watch.h — tells when any of a set of files has changed (Linux inotify), a
 * burst of changes coming out as one trigger. No domain knowledge: the
 * caller says which paths, polls watch_fd() with its other descriptors and
 * asks watch_ready().
 *
 * The directories are watched, not the files, and events are filtered by
 * name: editors save by writing a new file and renaming it over the old one
 * (vim, sed -i, many IDEs) — a watch on the file itself would stay on the
 * old inode — or by truncating and writing in place. So a path is seen
 * whether it exists yet or not, and it stays watched when it is deleted,
 * renamed over or created again. What counts for a watched name: a write
 * closed (IN_CLOSE_WRITE), a rename to or from it (IN_MOVED_TO/FROM), its
 * creation, deletion, or a change of its attributes (touch, chmod). What
 * counts for every path in a directory: the directory itself deleted or
 * moved, and a lost event queue (IN_Q_OVERFLOW). A path that is a symbolic
 * link is also watched where it points (resolved when watch_set is called),
 * so an edit of the target is seen too. Not seen: a write still open (the
 * writer has not closed the file yet), and a change in a directory that was
 * itself deleted or replaced after watch_set.
 *
 * Debounce: watch_ready() is true once WATCH_DEBOUNCE_MS have passed since
 * the last relevant event of a burst (e.g. the several events of one save),
 * or WATCH_DEBOUNCE_MAX_MS since its first one when events keep coming —
 * then once, until the next relevant event. Time comes from the clock given
 * (milliseconds, monotonic), so tests can drive it.
 *
 * Not thread-safe: one watch per loop. */
#ifndef ENCHARGE_WATCH_H
#define ENCHARGE_WATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/clock.h"

#define WATCH_DEBOUNCE_MS 100
#define WATCH_DEBOUNCE_MAX_MS 1000

typedef struct watch watch;

/* A watch of no paths yet. clock: milliseconds, monotonic (NULL: the
 * monotonic clock; clock_ctx is passed to it). Returns NULL with err (e.g.
 * "inotify: Too many open files" when the user's inotify instances are
 * used up). */
watch *watch_new(clock_fn clock, void *clock_ctx, char *err, size_t errlen);
void watch_free(watch *w); /* NULL is fine */

/* The set of paths to watch becomes paths[0..n) (the previous set is
 * replaced; n 0: none). Events already queued for a directory that stays
 * watched are kept, and so is a debounce under way. A path whose directory
 * cannot be watched (it does not exist, is not a directory, the user's
 * inotify watches are used up, ...) is left out and the others are watched:
 * returns -1 then with err naming the first one ("cannot watch DIR (for
 * PATH): why"), else 0. */
int watch_set(watch *w, const char *const *paths, int n, char *err, size_t errlen);

/* How many distinct directories and names are watched now (for a log line). */
int watch_ndirs(const watch *w);
int watch_nfiles(const watch *w);

/* A descriptor that is readable when events are queued (some may be of no
 * interest: watch_ready tells). */
int watch_fd(const watch *w);

/* Reads the queued events (never blocks); true once the debounce is over
 * since the last relevant one (see above), and then not again until a new
 * relevant event. */
bool watch_ready(watch *w);

/* Milliseconds until a debounce under way ends (0: watch_ready would be true
 * now); -1 when none is under way. For the caller's poll timeout. */
int watch_timeout_ms(const watch *w);

/* Reads the queued events and forgets them and any debounce under way: for
 * a caller about to re-read the files for another reason (SIGHUP), which
 * then sees every change they announced. */
void watch_clear(watch *w);

#endif
