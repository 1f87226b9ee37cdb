/* stub.h — a small HTTP/1.1 server in a child process on loopback, for the
 * sender's unit tests (tests/deliver/test_sender.c): one answer for every
 * request, shaped to misbehave (a status and headers as given, a body that
 * trickles, an answer that never comes, a huge body), and a count of the
 * requests it received, shared with the test. A process per connection
 * (keep-alive served); all of them in one process group, stopped together by
 * stub_stop. Included by one test file only (static functions). */
#ifndef TESTS_DELIVER_STUB_H
#define TESTS_DELIVER_STUB_H

#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STUB_REQ_MAX 65536

typedef struct {
    const char *head;    /* status line and headers, each ending in \r\n ("HTTP/1.1 200 OK\r\n") */
    const char *body;    /* the body (NULL: body_bytes of 'x', or none) */
    size_t body_bytes;
    int trickle_ms;      /* a pause before each byte of the body */
    int delay_ms;        /* a pause before the answer */
    bool hang;           /* read the request, never answer */
    size_t token_len;    /* when set: 401 unless X-Encharge-Token has this length */
    int port;            /* listen on this port (0: a free one) */
} stub_spec;

typedef struct {
    pid_t pid;
    int port;
    volatile int *count; /* requests received (shared memory) */
} stub;

static void stub_sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

static bool stub_write(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w <= 0) return false;
        p += w, n -= (size_t)w;
    }
    return true;
}

/* Length of the value of header `name` in the head [p, p+n), or -1. */
static long stub_header_len(const char *p, size_t n, const char *name, const char **val)
{
    size_t nl = strlen(name);
    for (const char *l = p; l < p + n;) {
        const char *e = memchr(l, '\n', (size_t)(p + n - l));
        if (!e) break;
        if ((size_t)(e - l) > nl && strncasecmp(l, name, nl) == 0 && l[nl] == ':') {
            const char *v = l + nl + 1;
            while (*v == ' ') v++;
            const char *ve = e;
            while (ve > v && (ve[-1] == '\r' || ve[-1] == ' ')) ve--;
            if (val) *val = v;
            return (long)(ve - v);
        }
        l = e + 1;
    }
    return -1;
}

static void stub_answer(int fd, const stub_spec *sp, const char *req, size_t head_len)
{
    if (sp->hang) {
        for (;;) pause();
    }
    if (sp->delay_ms) stub_sleep_ms(sp->delay_ms);
    const char *head = sp->head;
    if (sp->token_len && stub_header_len(req, head_len, "X-Encharge-Token", NULL) != (long)sp->token_len)
        head = "HTTP/1.1 401 Unauthorized\r\n";
    size_t blen = sp->body ? strlen(sp->body) : sp->body_bytes;
    char h[1024];
    int hn = snprintf(h, sizeof h, "%sContent-Length: %zu\r\n\r\n", head, blen);
    if (!stub_write(fd, h, (size_t)hn)) _exit(0);
    char chunk[4096];
    memset(chunk, 'x', sizeof chunk);
    for (size_t off = 0; off < blen;) {
        size_t k = sp->trickle_ms ? 1 : blen - off < sizeof chunk ? blen - off : sizeof chunk;
        if (sp->trickle_ms) stub_sleep_ms(sp->trickle_ms);
        if (!stub_write(fd, sp->body ? sp->body + off : chunk, k)) _exit(0);
        off += k;
    }
}

/* One connection: requests until the client closes it. */
static void stub_serve(int fd, const stub_spec *sp, volatile int *count)
{
    static char buf[STUB_REQ_MAX];
    size_t len = 0;
    for (;;) {
        char *end = memmem(buf, len, "\r\n\r\n", 4);
        if (end) {
            size_t head_len = (size_t)(end + 4 - buf);
            const char *v = NULL;
            long cl = stub_header_len(buf, head_len, "Content-Length", &v) > 0 ? strtol(v, NULL, 10) : 0;
            if (len >= head_len + (size_t)cl) {
                __atomic_fetch_add(count, 1, __ATOMIC_SEQ_CST);
                stub_answer(fd, sp, buf, head_len);
                size_t used = head_len + (size_t)cl;
                memmove(buf, buf + used, len - used);
                len -= used;
                continue;
            }
        }
        if (len == sizeof buf) _exit(0);
        ssize_t r = read(fd, buf + len, sizeof buf - len);
        if (r <= 0) _exit(0);
        len += (size_t)r;
    }
}

/* Servers still running, stopped at exit too (a failed assertion jumps over
 * stub_stop). */
#define STUB_LIVE_MAX 16
static pid_t stub_live[STUB_LIVE_MAX];

static void stub_stop_all(void)
{
    for (int i = 0; i < STUB_LIVE_MAX; i++)
        if (stub_live[i] > 0) {
            kill(-stub_live[i], SIGKILL);
            waitpid(stub_live[i], NULL, 0);
            stub_live[i] = 0;
        }
}

static void stub_track(pid_t pid, bool add)
{
    static bool registered;
    if (!registered) registered = atexit(stub_stop_all) == 0;
    for (int i = 0; i < STUB_LIVE_MAX; i++)
        if (add ? stub_live[i] == 0 : stub_live[i] == pid) {
            stub_live[i] = add ? pid : 0;
            return;
        }
}

/* Starts the server; returns 0 (s filled) or -1. */
static int stub_start(stub *s, const stub_spec *sp)
{
    stub_stop_all(); /* one left by a failed test */
    s->count = mmap(NULL, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (s->count == MAP_FAILED) return -1;
    *s->count = 0;
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
                            .sin_port = htons((uint16_t)sp->port)};
    socklen_t alen = sizeof a;
    int one = 1;
    if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) || bind(lfd, (struct sockaddr *)&a, sizeof a) || listen(lfd, 128) ||
        getsockname(lfd, (struct sockaddr *)&a, &alen))
        return -1;
    s->port = ntohs(a.sin_port);
    s->pid = fork();
    if (s->pid < 0) return -1;
    if (s->pid == 0) {
        setpgid(0, 0);
        signal(SIGCHLD, SIG_IGN); /* connection processes reap themselves */
        signal(SIGPIPE, SIG_IGN);
        for (;;) {
            int c = accept(lfd, NULL, NULL);
            if (c < 0) continue;
            if (fork() == 0) {
                close(lfd);
                stub_serve(c, sp, s->count);
            }
            close(c);
        }
    }
    setpgid(s->pid, s->pid); /* also from here: no race with the child's own call */
    stub_track(s->pid, true);
    close(lfd);
    return 0;
}

static void stub_stop(stub *s)
{
    kill(-s->pid, SIGKILL);
    waitpid(s->pid, NULL, 0);
    stub_track(s->pid, false);
    munmap((void *)s->count, sizeof(int));
}

#endif
