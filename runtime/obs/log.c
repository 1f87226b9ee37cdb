/* log.c — plain or JSON lines on stderr, secrets redacted. */
#include "obs/log.h"

#include "lib/arena.h"
#include "lib/clock.h"
#include "lib/json.h"
#include "lib/utf8.h"

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

/* msg with every registered secret replaced, into out (cap bytes, NUL-ended);
 * where several match, the longest (one secret may be a prefix of another).
 * True when out had no room for all of it. */
static bool redact(const char *msg, const char *const *sec, char *out, size_t cap)
{
    size_t k = 0;
    const char *p = msg;
    while (*p && k + 1 < cap) {
        size_t hit = 0;
        for (int i = 0; sec && sec[i]; i++) {
            size_t n = strlen(sec[i]);
            if (n >= LOG_SECRET_MIN && n > hit && strncmp(p, sec[i], n) == 0) hit = n;
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
    return *p != 0;
}

/* The length of s[0..n) without an incomplete UTF-8 sequence at its end
 * (what a cut at a byte count may leave). */
static size_t utf8_whole(const char *s, size_t n)
{
    const unsigned char *b = (const unsigned char *)s;
    size_t k = n;
    while (k > 0 && n - k < 3 && (b[k - 1] & 0xC0) == 0x80) k--;
    if (k > 0 && b[k - 1] >= 0xC0) {
        size_t need = b[k - 1] >= 0xF0 ? 4 : b[k - 1] >= 0xE0 ? 3 : 2;
        if (k - 1 + need > n) return k - 1;
    }
    return n;
}

/* s (n bytes, cut from a longer text) without a start of a secret at its
 * end: the rest of it was cut off, so redact() cannot see it. */
static size_t drop_partial_secret(const char *s, size_t n, const char *const *sec)
{
    for (int i = 0; sec && sec[i]; i++) {
        size_t m = strlen(sec[i]);
        if (m < LOG_SECRET_MIN) continue;
        for (size_t l = m - 1 < n ? m - 1 : n; l > 0; l--)
            if (memcmp(s + n - l, sec[i], l) == 0) {
                n -= l;
                break;
            }
    }
    return n;
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

/* Bytes that are not UTF-8 (a message quoting bad input) become '?': a JSON
 * line stays valid. */
static void valid_utf8(char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seq_len((const unsigned char *)s + i, n - i);
        if (k) i += k;
        else s[i++] = '?';
    }
}

void log_say(log_level lv, const char *cmd, const char *fmt, ...)
{
    char raw[LINE_MAX_BYTES], msg[LINE_MAX_BYTES];
    bool lead = fmt[0] == '\n';
    va_list ap;
    va_start(ap, fmt);
    int full = vsnprintf(raw, sizeof raw, lead ? fmt + 1 : fmt, ap);
    va_end(ap);
    const char *const *sec = atomic_load(&g_secrets);
    if (full >= (int)sizeof raw) { /* cut: not within a character, nor a secret */
        size_t r = strlen(raw);
        r = drop_partial_secret(raw, r, sec);
        raw[utf8_whole(raw, r)] = 0;
    }
    bool cut = redact(raw, sec, msg, sizeof msg);
    size_t n = strlen(msg);
    if (cut) msg[n = utf8_whole(msg, n)] = 0;
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
    valid_utf8(msg, n);
    json_write_string(&b, msg, n);
    jbuf_put(&b, "}\n", 2);
    if (!b.oom) write_all(b.p, b.len);
    jbuf_free(&b);
}
