/* policy.c — see policy.h. */
#include "deliver/policy.h"

#include "deliver/sender.h"

#include "lib/clock.h"
#include <curl/curl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PORT_MIN 1
#define PORT_MAX 65535
#define SECONDS_PER_DAY 86400

/* ---- endpoints --------------------------------------------------------------- */
static const char *url_error(CURLUcode rc)
{
#if LIBCURL_VERSION_NUM >= 0x075000 /* 7.80.0 */
    return curl_url_strerror(rc);
#else
    (void)rc;
    return "malformed URL";
#endif
}

/* The parts of an already parsed URL that make it unusable as an endpoint. */
static int endpoint_parts(CURLU *h, const char *url, char *err, size_t errlen)
{
    char *scheme = NULL, *host = NULL, *port = NULL, *query = NULL, *frag = NULL;
    int rc = -1;
    if (curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK || !scheme) {
        snprintf(err, errlen, "endpoint '%s' has no scheme (http or https)", url);
    } else if (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0) {
        snprintf(err, errlen, "endpoint '%s': the scheme must be http or https, not '%s'", url, scheme);
    } else if (curl_url_get(h, CURLUPART_HOST, &host, 0) != CURLUE_OK || !host || !*host) {
        snprintf(err, errlen, "endpoint '%s' has no host", url);
    } else if (curl_url_get(h, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK || !port ||
               strtol(port, NULL, 10) < PORT_MIN || strtol(port, NULL, 10) > PORT_MAX) {
        snprintf(err, errlen, "endpoint '%s': the port must be from %d to %d", url, PORT_MIN, PORT_MAX);
    } else if (curl_url_get(h, CURLUPART_QUERY, &query, 0) == CURLUE_OK && query) {
        snprintf(err, errlen, "endpoint '%s' must not have a query (paths are appended to it)", url);
    } else if (curl_url_get(h, CURLUPART_FRAGMENT, &frag, 0) == CURLUE_OK && frag) {
        snprintf(err, errlen, "endpoint '%s' must not have a fragment (paths are appended to it)", url);
    } else {
        rc = 0;
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(query);
    curl_free(frag);
    return rc;
}

int endpoint_check(const char *url, char *err, size_t errlen)
{
    if (!url || !*url) {
        snprintf(err, errlen, "endpoint is empty");
        return -1;
    }
    CURLU *h = curl_url();
    if (!h) {
        snprintf(err, errlen, "out of memory checking endpoint '%s'", url);
        return -1;
    }
    int rc;
    CURLUcode uc = curl_url_set(h, CURLUPART_URL, url, 0);
    if (uc != CURLUE_OK) {
        snprintf(err, errlen, "endpoint '%s' is not a usable URL: %s", url, url_error(uc));
        rc = -1;
    } else {
        rc = endpoint_parts(h, url, err, errlen);
    }
    curl_url_cleanup(h);
    return rc;
}

/* ---- libcurl errors ------------------------------------------------------------
 * Permanent: the request, as configured here, cannot succeed by being sent
 * again — the URL is wrong, the protocol is refused (only http and https are
 * allowed), the local set-up (libcurl's build, its options, local certificate
 * files) is wrong, or the server's answer cannot be decoded:
 *   CURLE_UNSUPPORTED_PROTOCOL   scheme other than http/https (or misspelt)
 *   CURLE_URL_MALFORMAT          unparsable URL, port out of range, bad IPv6
 *   CURLE_NOT_BUILT_IN           a feature this libcurl lacks
 *   CURLE_FUNCTION_NOT_FOUND     likewise
 *   CURLE_BAD_FUNCTION_ARGUMENT  an option the sender set is wrong (a bug)
 *   CURLE_UNKNOWN_OPTION         likewise
 *   CURLE_SETOPT_OPTION_SYNTAX   likewise
 *   CURLE_RECURSIVE_API_CALL     likewise
 *   CURLE_TOO_MANY_REDIRECTS     redirects are not followed; should one be
 *   CURLE_BAD_CONTENT_ENCODING   an answer in an encoding that cannot be decoded
 *   CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
 *   CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
 *   CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CLIENTCERT
 *                                local TLS set-up (engines, files, ciphers, a
 *                                client certificate the server demands)
 * Temporary (retried within the window), among others: could not resolve or
 * connect, timeouts, send/receive errors, an empty reply, a weird reply (a
 * half-closed reused connection gives one too), HTTP/2 stream errors, TLS
 * handshake failures and certificates the peer presents (a server's
 * certificate can be renewed), out of memory. A code not in the table is
 * temporary: the retry window bounds it.
 * Note: a transfer that had received a status line is judged by its status,
 * not by its error (sender.c). */
bool curl_error_permanent(int code)
{
    switch ((CURLcode)code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_FUNCTION_NOT_FOUND:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_UNKNOWN_OPTION:
    case CURLE_SETOPT_OPTION_SYNTAX:
    case CURLE_RECURSIVE_API_CALL:
    case CURLE_TOO_MANY_REDIRECTS:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CLIENTCERT:
        return true;
    default:
        return false;
    }
}

/* ---- Retry-After -----------------------------------------------------------------
 * RFC 9110 §10.2.3: delta-seconds (1*DIGIT) or an HTTP-date (§5.6.7: the
 * IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must
 * accept). Nothing else: no sign, no fraction, no exponent. */
typedef struct {
    const char *p, *end;
} cursor;

static bool lit(cursor *c, const char *s)
{
    size_t n = strlen(s);
    if ((size_t)(c->end - c->p) < n || memcmp(c->p, s, n) != 0) return false;
    c->p += n;
    return true;
}

static bool digits(cursor *c, int n, int *out)
{
    if (c->end - c->p < n) return false;
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (c->p[i] < '0' || c->p[i] > '9') return false;
        v = v * 10 + (c->p[i] - '0');
    }
    c->p += n;
    *out = v;
    return true;
}

static bool one_of(cursor *c, const char *const *names, int count, int *idx)
{
    for (int i = 0; i < count; i++)
        if (lit(c, names[i])) {
            *idx = i;
            return true;
        }
    return false;
}

static const char *const MONTHS[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const DAYS[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const DAYS_LONG[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};

/* hh:mm:ss */
static bool time_of_day(cursor *c, int *h, int *m, int *s)
{
    return digits(c, 2, h) && lit(c, ":") && digits(c, 2, m) && lit(c, ":") && digits(c, 2, s) && *h <= 23 &&
           *m <= 59 && *s <= 60;
}


/* One of the three HTTP-date forms, the whole of [p, end); seconds since the epoch. */
static bool http_date(const char *p, const char *end, int64_t *out)
{
    int wd, d = 0, mon = 0, y = 0, h, mi, s;
    cursor c = {p, end};
    bool ok = false;
    if (one_of(&c, DAYS_LONG, 7, &wd) && lit(&c, ", ")) { /* Sunday, 06-Nov-94 08:49:37 GMT */
        ok = digits(&c, 2, &d) && lit(&c, "-") && one_of(&c, MONTHS, 12, &mon) && lit(&c, "-") &&
             digits(&c, 2, &y) && lit(&c, " ") && time_of_day(&c, &h, &mi, &s) && lit(&c, " GMT");
        y += y < 70 ? 2000 : 1900;
    } else if (c = (cursor){p, end}, one_of(&c, DAYS, 7, &wd)) {
        if (lit(&c, ", ")) { /* Sun, 06 Nov 1994 08:49:37 GMT */
            ok = digits(&c, 2, &d) && lit(&c, " ") && one_of(&c, MONTHS, 12, &mon) && lit(&c, " ") &&
                 digits(&c, 4, &y) && lit(&c, " ") && time_of_day(&c, &h, &mi, &s) && lit(&c, " GMT");
        } else if (lit(&c, " ") && one_of(&c, MONTHS, 12, &mon) && lit(&c, " ")) { /* Sun Nov  6 08:49:37 1994 */
            ok = (lit(&c, " ") ? digits(&c, 1, &d) : digits(&c, 2, &d)) && lit(&c, " ") &&
                 time_of_day(&c, &h, &mi, &s) && lit(&c, " ") && digits(&c, 4, &y);
        }
    }
    if (!ok || c.p != end || d < 1 || d > 31) return false;
    *out = clock_days_from_civil(y, mon + 1, d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + s;
    return true;
}

static bool ows(char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; }

double parse_retry_after(const char *v, int64_t now_ms)
{
    if (!v) return -1;
    const char *end = v + strlen(v);
    while (v < end && ows(*v)) v++;
    while (end > v && ows(end[-1])) end--;
    if (v == end) return -1;
    if (*v >= '0' && *v <= '9') {
        double secs = 0;
        for (const char *p = v; p < end; p++) {
            if (*p < '0' || *p > '9') return -1;
            if (secs < RETRY_AFTER_MAX_S) secs = secs * 10 + (*p - '0');
        }
        return secs < RETRY_AFTER_MAX_S ? secs : RETRY_AFTER_MAX_S;
    }
    int64_t t;
    if (!http_date(v, end, &t)) return -1;
    double d = (double)t - (double)now_ms / 1000.0;
    return d < 0 ? 0 : d < RETRY_AFTER_MAX_S ? d : RETRY_AFTER_MAX_S;
}

bool status_retryable(long status)
{
    return status == 408 || status == 423 || status == 429 || (status >= 500 && status <= 599 && status != 501);
}
