/* log.c — plain or JSON lines on stderr, secrets redacted. */
#include "obs/log.h"

#include "lib/arena.h"
#include "lib/clock.h"
#include "lib/json.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LINE_MAX_BYTES 8192
#define REDACTED "[redacted]"

static atomic_bool g_json;
static const char *const *_Atomic g_secrets;

static const char *const LEVELS[] = {"debug", "info", "warn", "error"};

void log_json(bool on) { atomic_store(&g_json, on); }
bool log_is_json(void) { return atomic_load(&g_json); }
void log_secrets(const char *const *secrets) { atomic_store(&g_secrets, secrets); }

/* msg with every registered secret replaced, into out (cap bytes, NUL-ended). */
static void redact(const char *msg, char *out, size_t cap)
{
    const char *const *sec = atomic_load(&g_secrets);
    size_t k = 0;
    for (const char *p = msg; *p && k + 1 < cap;) {
        size_t hit = 0;
        for (int i = 0; sec && sec[i]; i++) {
            size_t n = strlen(sec[i]);
            if (n >= LOG_SECRET_MIN && strncmp(p, sec[i], n) == 0) {
                hit = n;
                break;
            }
        }
        if (hit) {
            size_t r = sizeof REDACTED - 1;
            if (k + r >= cap) break;
            memcpy(out + k, REDACTED, r);
            k += r;
            p += hit;
        } else {
            out[k++] = *p++;
        }
    }
    out[k] = 0;
}

static void write_all(const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(STDERR_FILENO, p, n);
        if (w <= 0) return; /* nowhere else to say it */
        p += w;
        n -= (size_t)w;
    }
}

void log_say(log_level lv, const char *cmd, const char *fmt, ...)
{
    char raw[LINE_MAX_BYTES], msg[LINE_MAX_BYTES];
    bool lead = fmt[0] == '\n';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, lead ? fmt + 1 : fmt, ap);
    va_end(ap);
    redact(raw, msg, sizeof msg);
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n') msg[--n] = 0;
    fflush(stderr); /* what stdio holds goes first */
    if (!log_is_json()) {
        char line[LINE_MAX_BYTES + 128];
        int k = snprintf(line, sizeof line, "%s%s: %s\n", lead ? "\n" : "", cmd, msg);
        write_all(line, k < 0 ? 0 : (size_t)k < sizeof line ? (size_t)k : sizeof line - 1);
        return;
    }
    jbuf b;
    jbuf_init(&b);
    int64_t ms = clock_wall_ms();
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    char ts[160];
    snprintf(ts, sizeof ts, "{\"ts\":\"%04d-%02d-%02dT%02d:%02d:%02d.%03dZ\",\"level\":\"%s\",\"cmd\":", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ms % 1000), LEVELS[lv]);
    jbuf_put(&b, ts, strlen(ts));
    json_write_string(&b, cmd, strlen(cmd));
    jbuf_put(&b, ",\"msg\":", 7);
    json_write_string(&b, msg, n);
    jbuf_put(&b, "}\n", 2);
    if (!b.oom) write_all(b.p, b.len);
    jbuf_free(&b);
}
