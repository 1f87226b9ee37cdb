/* watch.c — the set of paths as (directory watch, name) pairs over one
 * inotify descriptor, and the debounce. */
#include "config/watch.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

/* What is asked of each directory. IN_ONLYDIR: a path whose "directory" is
 * not one fails instead of watching a file. */
#define DIR_MASK                                                                                             \
    (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB | IN_DELETE_SELF |   \
     IN_MOVE_SELF | IN_ONLYDIR)
/* Of those, what concerns a name in the directory, and the directory itself. */
#define NAME_EVENTS (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB)
#define SELF_EVENTS (IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)

typedef struct {
    int wd;
    char *name; /* the last component */
} wfile;

struct watch {
    int fd;
    clock_fn clock;
    void *clock_ctx;
    int *wds; /* the directory watches held */
    int nwds;
    wfile *files;
    int nfiles;
    bool pending;        /* a relevant event since the last trigger */
    int64_t first, last; /* when the burst's first and last ones were read */
};

static int64_t mono_ms(void *ctx)
{
    (void)ctx;
    return clock_mono_ms();
}

watch *watch_new(clock_fn clock, void *clock_ctx, char *err, size_t errlen)
{
    watch *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->fd < 0) {
        snprintf(err, errlen, "inotify: %s", strerror(errno));
        free(w);
        return NULL;
    }
    w->clock = clock ? clock : mono_ms;
    w->clock_ctx = clock ? clock_ctx : NULL;
    return w;
}

static void free_files(wfile *f, int n)
{
    for (int i = 0; i < n; i++) free(f[i].name);
    free(f);
}

void watch_free(watch *w)
{
    if (!w) return;
    close(w->fd); /* drops every watch */
    free(w->wds);
    free_files(w->files, w->nfiles);
    free(w);
}

static bool has_wd(const int *wds, int n, int wd)
{
    for (int i = 0; i < n; i++)
        if (wds[i] == wd) return true;
    return false;
}

/* A new set being built: the directory watches and names so far. */
typedef struct {
    int *wds;
    int nwds;
    wfile *files;
    int nfiles;
    bool oom;
} wset;

/* dir/name into s: the directory watched (the one watch it already has, if
 * any), the name added unless already there. Returns 0, or -1 with err
 * (about path) when the directory cannot be watched. */
static int add_pair(watch *w, wset *s, const char *dir, const char *name, const char *path, char *err,
                    size_t errlen)
{
    int wd = inotify_add_watch(w->fd, dir, DIR_MASK);
    if (wd < 0) {
        const char *why = errno == ENOSPC ? "the user's inotify watches are used up (fs.inotify.max_user_watches)"
                                          : strerror(errno);
        snprintf(err, errlen, "cannot watch %.400s (for %.400s): %s", dir, path, why);
        return -1;
    }
    if (!has_wd(s->wds, s->nwds, wd)) s->wds[s->nwds++] = wd;
    for (int i = 0; i < s->nfiles; i++)
        if (s->files[i].wd == wd && strcmp(s->files[i].name, name) == 0) return 0;
    char *copy = strdup(name);
    if (!copy) {
        s->oom = true;
        return 0;
    }
    s->files[s->nfiles++] = (wfile){.wd = wd, .name = copy};
    return 0;
}

/* path split into its directory ("." when it has none) and its last
 * component, then added. */
static int add_path(watch *w, wset *s, const char *path, char *err, size_t errlen)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/') len--; /* "dir/" names dir */
    const char *slash = memrchr(path, '/', len);
    char dir[PATH_MAX], name[NAME_MAX + 1];
    size_t dlen = slash ? (size_t)(slash - path) : 1;
    size_t nlen = slash ? len - dlen - 1 : len;
    if (slash && dlen == 0) dlen = 1; /* "/x": the root */
    if (!len || !nlen || dlen >= sizeof dir || nlen >= sizeof name) {
        snprintf(err, errlen, "cannot watch '%.400s': not a file path", path);
        return -1;
    }
    memcpy(dir, slash ? path : ".", dlen);
    dir[dlen] = 0;
    memcpy(name, slash ? slash + 1 : path, nlen);
    name[nlen] = 0;
    return add_pair(w, s, dir, name, path, err, errlen);
}

int watch_set(watch *w, const char *const *paths, int n, char *err, size_t errlen)
{
    /* each path, and where it points when it is a symbolic link */
    wset s = {.wds = malloc(sizeof(int) * (size_t)(2 * n + 1)),
              .files = malloc(sizeof(wfile) * (size_t)(2 * n + 1))};
    if (!s.wds || !s.files) {
        free(s.wds);
        free(s.files);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = 0;
    char first[1024] = "", why[1024];
    for (int i = 0; i < n; i++) {
        if (add_path(w, &s, paths[i], why, sizeof why)) {
            if (!rc) snprintf(first, sizeof first, "%s", why);
            rc = -1;
            continue;
        }
        char *real = realpath(paths[i], NULL);
        if (real && add_path(w, &s, real, why, sizeof why) && !rc) {
            snprintf(first, sizeof first, "%s", why);
            rc = -1;
        }
        free(real);
    }
    /* the directories no longer needed; the others keep their watch and
     * what is queued for it */
    for (int i = 0; i < w->nwds; i++)
        if (!has_wd(s.wds, s.nwds, w->wds[i])) inotify_rm_watch(w->fd, w->wds[i]);
    free(w->wds);
    free_files(w->files, w->nfiles);
    w->wds = s.wds;
    w->nwds = s.nwds;
    w->files = s.files;
    w->nfiles = s.nfiles;
    if (s.oom) {
        snprintf(err, errlen, "out of memory: some paths are not watched");
        return -1;
    }
    if (rc) snprintf(err, errlen, "%s", first);
    return rc;
}

int watch_ndirs(const watch *w)
{
    return w->nwds;
}

int watch_nfiles(const watch *w)
{
    return w->nfiles;
}

int watch_fd(const watch *w)
{
    return w->fd;
}

static bool relevant(watch *w, const struct inotify_event *ev)
{
    if (ev->mask & IN_Q_OVERFLOW) return true; /* events were lost: any of them may have been ours */
    if (ev->wd < 0 || !has_wd(w->wds, w->nwds, ev->wd)) return false; /* a directory given up since */
    if (ev->mask & IN_IGNORED) { /* the watch is gone (its directory deleted, its file system unmounted) */
        for (int i = 0; i < w->nwds; i++)
            if (w->wds[i] == ev->wd) w->wds[i] = w->wds[--w->nwds];
        return false;
    }
    if (ev->mask & SELF_EVENTS) return true;
    if (!(ev->mask & NAME_EVENTS) || !ev->len) return false;
    for (int i = 0; i < w->nfiles; i++)
        if (w->files[i].wd == ev->wd && strcmp(w->files[i].name, ev->name) == 0) return true;
    return false;
}

/* Reads every queued event; a relevant one starts or extends the burst. */
static void read_events(watch *w)
{
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t got = read(w->fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return; /* EAGAIN: nothing more */
        bool any = false;
        for (char *p = buf; p < buf + got;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            if (relevant(w, ev)) any = true;
            p += sizeof *ev + ev->len;
        }
        if (any) {
            int64_t now = w->clock(w->clock_ctx);
            if (!w->pending) w->first = now;
            w->pending = true;
            w->last = now;
        }
    }
}

/* When the burst under way triggers. */
static int64_t due(const watch *w)
{
    int64_t quiet = w->last + WATCH_DEBOUNCE_MS, cap = w->first + WATCH_DEBOUNCE_MAX_MS;
    return quiet < cap ? quiet : cap;
}

bool watch_ready(watch *w)
{
    read_events(w);
    if (!w->pending || w->clock(w->clock_ctx) < due(w)) return false;
    w->pending = false;
    return true;
}

int watch_timeout_ms(const watch *w)
{
    if (!w->pending) return -1;
    int64_t left = due(w) - w->clock(w->clock_ctx);
    return left <= 0 ? 0 : left > INT_MAX ? INT_MAX : (int)left;
}

void watch_clear(watch *w)
{
    read_events(w);
    w->pending = false;
}
