/* log.h — the commands' messages on stderr: plain lines ("run: reloaded
 * ...") by default, or one JSON object per line for `serve`
 * ({"ts":"2026-12-01T16:40:00.123Z","level":"warn","cmd":"serve","msg":"..."}),
 * for journald and log shippers. Either way the secrets registered (the API
 * key, the write keys) are replaced by "[redacted]" wherever they appear.
 * A format starting with a newline gets one before the line in plain mode
 * (it ends a progress line) and none in JSON mode. Thread-safe: a line is
 * written by one write(2). */
#ifndef ENCHARGE_LOG_H
#define ENCHARGE_LOG_H

#include <stdbool.h>

typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } log_level;

/* JSON lines from now on (or plain ones again). */
void log_json(bool on);
bool log_is_json(void);

/* The secrets to redact: a NULL-ended list that must stay valid (NULL:
 * none). Secrets shorter than LOG_SECRET_MIN bytes are not searched for. */
#define LOG_SECRET_MIN 4
void log_secrets(const char *const *secrets);

/* One message from command cmd. */
void log_say(log_level lv, const char *cmd, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
