/* segment.c — one Segment tracking-API request -> its events (see segment.h).
 *
 * A single-event body is parsed once (json_parse). A batch body is checked
 * once without a tree (json_validate), its top-level members found by span
 * (the last of a name counts, as with JSON.parse), its context and
 * integrations parsed once, and each item parsed alone from its span (so an
 * invalid item's bytes are kept as written and its size is its own).
 *
 * Each accepted event is written by hand at its top level: messageId first
 * (so its bytes are at a known place), then the item's members in their
 * order — `type`, `receivedAt`, a null `timestamp`, `context` and
 * `integrations` replaced where they stand, `writeKey` and the item's own
 * `messageId` left out — then the members the item lacked. Values are
 * json_write's (numbers keep their text). The merge of the batch's context
 * is done while writing (nothing is allocated per merged key), so a large
 * batch context costs output, not memory.
 *
 * Rules of this server (README "serve"):
 *  - user: `userId` or `anonymousId` must be a non-empty string or a number
 *    (null, "", booleans, objects do not count): else no_user_anon_id.
 *  - messageId: missing, null or "" -> a fresh one from new_id. Otherwise it
 *    must be a string of at most 100 bytes without control characters, `"`,
 *    `\` or lone surrogates (an id is written as it is, unescaped): else the
 *    item is invalid, bad_message_id (a single event: 400 invalid_event).
 *  - track: `event` must be a non-empty string (missing_event).
 *  - batch items: `type` missing or null -> missing_type; not one of the six
 *    names -> bad_type; not an object -> not_an_object; over event_max as
 *    written -> too_large (also when, merged with the batch's context and
 *    integrations, it is written over event_max + SEG_ADDED_MAX bytes).
 *  - timestamps read: YYYY-MM-DD, then optionally [T t or space]HH:MM[:SS[.f]]
 *    with 1 to 9 fraction digits (truncated to ms), then Z, z, +HH:MM, +HHMM
 *    or +HH (none: UTC). A sentAt or originalTimestamp that does not read is
 *    as if absent. `timestamp` null counts as absent.
 *  - auth: the Basic user name (the part before the first ':', or all of it
 *    without one) or the body's top-level string `writeKey`; either one
 *    matching a configured key is enough. */
#include "ingest/segment.h"

#include "lib/clock.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "lib/utf8.h"

/* Room for what this server adds to an event (messageId, receivedAt,
 * timestamp, type) beyond event_max when a merged event is measured. */
#define SEG_ADDED_MAX 256
#define SEG_ID_MAX 100

void segment_limits_default(segment_limits *l)
{
    l->event_max = SEGMENT_EVENT_MAX;
    l->body_max = SEGMENT_BODY_MAX;
    l->batch_events_max = SEGMENT_BATCH_EVENTS_MAX;
}

/* ---- paths ---------------------------------------------------------------- */
static const struct {
    const char *name;
    segment_kind kind;
} PATHS[] = {
    {"track", SEG_TRACK}, {"identify", SEG_IDENTIFY}, {"page", SEG_PAGE}, {"screen", SEG_SCREEN},
    {"group", SEG_GROUP}, {"alias", SEG_ALIAS}, {"batch", SEG_BATCH}, {"import", SEG_BATCH},
    {"t", SEG_TRACK}, {"i", SEG_IDENTIFY}, {"p", SEG_PAGE}, {"s", SEG_SCREEN},
    {"g", SEG_GROUP}, {"a", SEG_ALIAS}, {"b", SEG_BATCH},
};

segment_kind segment_path_kind(const char *path)
{
    if (!path || strncmp(path, "/v1/", 4) != 0) return SEG_NONE;
    const char *s = path + 4;
    size_t n = strcspn(s, "?");
    if (n && s[n - 1] == '/') n--;
    for (size_t i = 0; i < sizeof PATHS / sizeof PATHS[0]; i++)
        if (strlen(PATHS[i].name) == n && memcmp(PATHS[i].name, s, n) == 0) return PATHS[i].kind;
    return SEG_NONE;
}

const char *segment_kind_name(segment_kind k)
{
    switch (k) {
    case SEG_TRACK: return "track";
    case SEG_IDENTIFY: return "identify";
    case SEG_PAGE: return "page";
    case SEG_SCREEN: return "screen";
    case SEG_GROUP: return "group";
    case SEG_ALIAS: return "alias";
    case SEG_BATCH: return "batch";
    default: return "other";
    }
}

static segment_kind type_kind(const char *s, size_t n)
{
    for (size_t i = 0; i < 6; i++)
        if (strlen(PATHS[i].name) == n && memcmp(PATHS[i].name, s, n) == 0) return PATHS[i].kind;
    return SEG_NONE;
}

/* ---- result ----------------------------------------------------------------- */
void segment_result_init(segment_result *r)
{
    memset(r, 0, sizeof *r);
    jbuf_init(&r->events);
    jbuf_init(&r->raw);
    jbuf_init(&r->inflated);
}

void segment_result_reset(segment_result *r)
{
    r->status = 0;
    r->code = NULL;
    r->message[0] = 0;
    r->kind = SEG_NONE;
    jbuf_reset(&r->events);
    jbuf_reset(&r->raw);
    jbuf_reset(&r->inflated);
    r->nev = 0;
    r->ninvalid = 0;
    r->key_given = false;
}

void segment_result_free(segment_result *r)
{
    jbuf_free(&r->events);
    jbuf_free(&r->raw);
    jbuf_free(&r->inflated);
    free(r->ev);
    free(r->invalid);
    memset(r, 0, sizeof *r);
}

/* ---- small helpers ---------------------------------------------------------- */
/* "612,345" */
static const char *thousands(char out[32], size_t v)
{
    char d[24];
    int n = snprintf(d, sizeof d, "%zu", v), k = 0;
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) out[k++] = ',';
        out[k++] = d[i];
    }
    out[k] = 0;
    return out;
}

/* A message made valid UTF-8 (a byte of json_parse's message may be the
 * sender's, and snprintf may cut a sequence): other bytes become '?'. */
static void utf8_fix(char *s)
{
    for (size_t i = 0, n = strlen(s); i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t k = utf8_seq_len((const unsigned char *)s + i, n - i);
            if (k) {
                i += k;
                continue;
            }
            s[i] = '?';
        } else if (c < 0x20) {
            s[i] = '?';
        }
        i++;
    }
}

static int refuse(segment_result *r, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int refuse(segment_result *r, int status, const char *code, const char *fmt, ...)
{
    /* nothing of a refused request is kept */
    jbuf_reset(&r->events);
    jbuf_reset(&r->raw);
    r->nev = r->ninvalid = 0;
    r->status = status;
    r->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
    utf8_fix(r->message);
    return -1;
}

static bool key_eq(const char *k, size_t n, const char *name)
{
    size_t m = strlen(name);
    return n == m && memcmp(k, name, n) == 0;
}

/* ---- auth --------------------------------------------------------------------- */
static int b64val(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

/* Standard (or URL-safe) base64, padding optional. Returns the decoded
 * length, or -1 when malformed or longer than cap. */
static long b64decode(const char *s, size_t n, char *out, size_t cap)
{
    while (n && s[n - 1] == '=') n--;
    if (n % 4 == 1) return -1;
    size_t o = 0;
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int v = b64val((unsigned char)s[i]);
        if (v < 0) return -1;
        acc = (acc << 6 | (unsigned)v) & 0xFFFFFF;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (o >= cap) return -1;
            out[o++] = (char)(acc >> bits & 0xFF);
        }
    }
    return (long)o;
}

/* The Basic auth user name into key (cap bytes); its length, 0 when there
 * is no Basic header, -1 when it is malformed. */
static long basic_user(const char *h, char *key, size_t cap)
{
    if (!h) return 0;
    while (*h == ' ' || *h == '\t') h++;
    if (strncasecmp(h, "basic", 5) != 0 || (h[5] != ' ' && h[5] != '\t')) return -1;
    h += 6;
    while (*h == ' ' || *h == '\t') h++;
    size_t n = strlen(h);
    while (n && (h[n - 1] == ' ' || h[n - 1] == '\t')) n--;
    long d = b64decode(h, n, key, cap);
    if (d < 0) return -1;
    char *colon = memchr(key, ':', (size_t)d);
    if (colon) d = colon - key;
    return d;
}

/* Whether k[0..n) is one of the configured keys (time independent of where
 * the bytes differ). */
static bool key_ok(const segment_request *rq, const char *k, size_t n)
{
    if (!n) return false;
    bool ok = false;
    for (size_t i = 0; i < rq->nkeys; i++) {
        const char *c = rq->write_keys[i];
        if (!c || strlen(c) != n) continue;
        unsigned char diff = 0;
        for (size_t j = 0; j < n; j++) diff |= (unsigned char)(c[j] ^ k[j]);
        ok |= diff == 0;
    }
    return ok;
}

/* ---- gzip ------------------------------------------------------------------- */
/* Inflates in[0..n) into out, at most max bytes: 0, 1 over max, -1 corrupt
 * (why in msg). Memory: zlib's window and out, never more than max + 1. */
static int inflate_body(const char *in, size_t n, size_t max, jbuf *out, char *msg, size_t msgcap)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 32 + MAX_WBITS) != Z_OK) {
        snprintf(msg, msgcap, "out of memory");
        return -1;
    }
    out->len = 0;
    zs.next_in = (Bytef *)(uintptr_t)in;
    zs.avail_in = n > UINT32_MAX ? UINT32_MAX : (uInt)n;
    int rc = 0;
    for (;;) {
        if (out->len == out->cap) {
            if (out->cap > max) { rc = 1; break; }
            size_t want = out->cap ? out->cap * 2 : (n * 4 > 16384 ? n * 4 : 16384);
            if (want > max + 1) want = max + 1;
            char *p = realloc(out->p, want);
            if (!p) {
                snprintf(msg, msgcap, "out of memory");
                rc = -1;
                break;
            }
            out->p = p;
            out->cap = want;
        }
        zs.next_out = (Bytef *)out->p + out->len;
        zs.avail_out = (uInt)(out->cap - out->len);
        size_t before_out = zs.avail_out, before_in = zs.avail_in;
        int z = inflate(&zs, Z_NO_FLUSH);
        out->len += before_out - zs.avail_out;
        if (out->len > max) { rc = 1; break; }
        if (z == Z_STREAM_END) {
            if (zs.avail_in == 0) break;
            /* another gzip member follows (as gunzip reads them) */
            if (zs.avail_in < 2 || zs.next_in[0] != 0x1f || zs.next_in[1] != 0x8b) {
                snprintf(msg, msgcap, "%u bytes of data after the end of the gzip stream", zs.avail_in);
                rc = -1;
                break;
            }
            inflateReset(&zs);
            continue;
        }
        if (z == Z_OK) continue;
        if (z == Z_BUF_ERROR && zs.avail_out == 0) continue; /* grow */
        if (z == Z_BUF_ERROR || (z == Z_OK && before_in == 0))
            snprintf(msg, msgcap, "the gzip stream is truncated (after %zu bytes)", (size_t)zs.total_in);
        else
            snprintf(msg, msgcap, "%s at byte %zu", zs.msg ? zs.msg : "corrupt gzip data", (size_t)zs.total_in);
        rc = -1;
        break;
    }
    inflateEnd(&zs);
    return rc;
}

/* ---- timestamps ------------------------------------------------------------ */

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static bool digits(const char *s, size_t n, size_t at, size_t k, int *out)
{
    if (at + k > n) return false;
    int v = 0;
    for (size_t i = 0; i < k; i++) {
        if (s[at + i] < '0' || s[at + i] > '9') return false;
        v = v * 10 + (s[at + i] - '0');
    }
    *out = v;
    return true;
}

/* ISO 8601 as senders write it -> unix ms; false when it does not read. */
static bool parse_iso(const char *s, size_t n, int64_t *ms)
{
    int y, mo, d, h = 0, mi = 0, se = 0, frac = 0, off = 0;
    size_t i = 0;
    if (!digits(s, n, 0, 4, &y) || n < 10 || s[4] != '-' || !digits(s, n, 5, 2, &mo) || s[7] != '-' ||
        !digits(s, n, 8, 2, &d))
        return false;
    i = 10;
    if (mo < 1 || mo > 12 || d < 1) return false;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int dim = mdays[mo - 1] + (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    if (d > dim) return false;
    if (i < n && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
        if (!digits(s, n, i + 1, 2, &h) || i + 3 >= n || s[i + 3] != ':' || !digits(s, n, i + 4, 2, &mi)) return false;
        i += 6;
        if (i < n && s[i] == ':') {
            if (!digits(s, n, i + 1, 2, &se)) return false;
            i += 3;
            if (i < n && (s[i] == '.' || s[i] == ',')) {
                size_t k = 0;
                i++;
                while (i + k < n && s[i + k] >= '0' && s[i + k] <= '9') {
                    if (k < 3) frac = frac * 10 + (s[i + k] - '0');
                    k++;
                }
                if (k == 0 || k > 9) return false;
                for (size_t j = k; j < 3; j++) frac *= 10;
                i += k;
            }
        }
        if (h > 23 || mi > 59 || se > 59) return false;
        if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
            i++;
        } else if (i < n && (s[i] == '+' || s[i] == '-')) {
            int oh, om = 0;
            int sign = s[i] == '-' ? -1 : 1;
            if (!digits(s, n, i + 1, 2, &oh)) return false;
            i += 3;
            if (i < n && s[i] == ':') {
                if (!digits(s, n, i + 1, 2, &om)) return false;
                i += 3;
            } else if (i + 2 <= n && digits(s, n, i, 2, &om)) {
                i += 2;
            }
            if (oh > 23 || om > 59) return false;
            off = sign * (oh * 60 + om);
        }
    }
    if (i != n) return false;
    int64_t days = clock_days_from_civil(y, mo, d);
    *ms = ((days * 24 + h) * 60 + mi - off) * 60000 + (int64_t)se * 1000 + frac;
    return true;
}

/* unix ms -> "2026-12-01T16:40:00.123Z" (out: 32 bytes); false outside the
 * years 0000-9999. */
static bool format_iso(int64_t ms, char out[32])
{
    const int64_t lo = clock_days_from_civil(0, 1, 1) * 86400000LL, hi = clock_days_from_civil(10000, 1, 1) * 86400000LL;
    if (ms < lo || ms >= hi) return false;
    int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
    int64_t rem = ms - days * 86400000;
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    unsigned v[7] = {(unsigned)y % 10000, (unsigned)m % 100, (unsigned)d % 100, (unsigned)(rem / 3600000) % 100,
                     (unsigned)(rem / 60000 % 60), (unsigned)(rem / 1000 % 60), (unsigned)(rem % 1000)};
    snprintf(out, 32, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ", v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    return true;
}

static bool jv_time(const jv *v, int64_t *ms)
{
    return v && v->type == JV_STR && parse_iso(v->u.s, v->n, ms);
}

/* ---- one event ------------------------------------------------------------ */
typedef struct {
    const segment_request *rq;
    const segment_limits *lim;
    jarena *a;
    segment_result *r;
    bool batch;
    jv bctx, bint;          /* the batch's, when objects (else JV_UNDEF) */
    bool has_bsent;
    int64_t bsent;          /* the batch's sentAt */
    char now_iso[32];
} seg_ctx;

static bool has_user(const jv *v)
{
    return v && ((v->type == JV_STR && v->n > 0) || v->type == JV_NUM);
}

/* An id written as it is: no byte json_write_string would escape. */
static bool plain_id(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\') return false;
        if (c == 0xED && i + 1 < n && ((unsigned char)s[i + 1] & 0xE0) == 0xA0) return false;
    }
    return true;
}

/* Why ev (an object) is not an event: its code and message (what), or NULL. */
static const char *check_event(const jv *ev, segment_kind kind, char *why, size_t cap)
{
    const jv *t = jv_getz(ev, "type");
    if (kind == SEG_BATCH) {
        if (!t || t->type == JV_NULL) {
            snprintf(why, cap, "no `type`");
            return "missing_type";
        }
        if (t->type != JV_STR || (kind = type_kind(t->u.s, t->n)) == SEG_NONE) {
            if (t->type == JV_STR)
                snprintf(why, cap, "`type` \"%.*s\" is not one of track, identify, page, screen, group, alias",
                         (int)utf8_cut(t->u.s, t->n, 40), t->u.s);
            else
                snprintf(why, cap, "`type` is %s, not one of track, identify, page, screen, group, alias",
                         jv_type_phrase(t));
            return "bad_type";
        }
    }
    const char *name = segment_kind_name(kind);
    const jv *id = jv_getz(ev, "messageId");
    if (id && id->type != JV_NULL && !(id->type == JV_STR && id->n == 0)) {
        if (id->type != JV_STR) {
            snprintf(why, cap, "%s with a `messageId` that is %s, not a string", name, jv_type_phrase(id));
            return "bad_message_id";
        }
        if (id->n > SEG_ID_MAX) {
            snprintf(why, cap, "%s with a `messageId` of %u bytes, over the limit of %d", name, id->n, SEG_ID_MAX);
            return "bad_message_id";
        }
        if (!plain_id(id->u.s, id->n)) {
            snprintf(why, cap, "%s with a `messageId` holding a control character, a quote, a backslash or a lone surrogate",
                     name);
            return "bad_message_id";
        }
    }
    if (!has_user(jv_getz(ev, "userId")) && !has_user(jv_getz(ev, "anonymousId"))) {
        snprintf(why, cap, "%s without `userId` or `anonymousId` (a non-empty string or a number)", name);
        return "no_user_anon_id";
    }
    if (kind == SEG_TRACK) {
        const jv *e = jv_getz(ev, "event");
        if (!e || e->type != JV_STR || e->n == 0) {
            if (!e || e->type == JV_NULL)
                snprintf(why, cap, "track without `event`");
            else
                snprintf(why, cap, "track with an `event` that is %s, not a non-empty string",
                         e->type == JV_STR ? "empty" : jv_type_phrase(e));
            return "missing_event";
        }
    }
    return NULL;
}

/* A small set of an object's keys, for the merge of big contexts. */
typedef struct {
    const jv *obj;
    uint32_t *slot; /* member index + 1, 0 empty */
    uint32_t mask;
} keyset;

static uint32_t khash(const char *k, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)k[i]) * 16777619u;
    return h;
}

static int keyset_init(keyset *s, jarena *a, const jv *obj)
{
    s->obj = obj;
    s->slot = NULL;
    if (obj->n <= 16) return 0;
    size_t cap = 32;
    while (cap < (size_t)obj->n * 2) cap <<= 1;
    s->slot = jarena_alloc(a, cap * sizeof *s->slot);
    if (!s->slot) return -1;
    memset(s->slot, 0, cap * sizeof *s->slot);
    s->mask = (uint32_t)cap - 1;
    for (uint32_t i = 0; i < obj->n; i++) {
        const jmember *m = &obj->u.members[i];
        uint32_t h = khash(m->key, m->klen) & s->mask;
        while (s->slot[h]) h = (h + 1) & s->mask;
        s->slot[h] = i + 1;
    }
    return 0;
}

static bool keyset_has(const keyset *s, const char *k, size_t n)
{
    if (!s->slot) return jv_get(s->obj, k, n) != NULL;
    for (uint32_t h = khash(k, n) & s->mask; s->slot[h]; h = (h + 1) & s->mask) {
        const jmember *m = &s->obj->u.members[s->slot[h] - 1];
        if (m->klen == n && memcmp(m->key, k, n) == 0 && m->val.type != JV_UNDEF) return true;
    }
    return false;
}

static void put_key(jbuf *b, bool *first, const char *k, size_t n)
{
    if (!*first) jbuf_putc(b, ',');
    *first = false;
    json_write_string(b, k, n);
    jbuf_putc(b, ':');
}

/* outer's members that inner lacks, then inner's (inner an object or not:
 * a non-object is replaced, as batch.c does). */
static int write_merged(jbuf *b, jarena *a, const jv *outer, const jv *inner)
{
    if (!inner || inner->type != JV_OBJ) {
        json_write(b, outer);
        return 0;
    }
    keyset ks;
    if (keyset_init(&ks, a, inner)) return -1;
    bool first = true;
    jbuf_putc(b, '{');
    for (uint32_t i = 0; i < outer->n; i++) {
        const jmember *m = &outer->u.members[i];
        if (m->val.type == JV_UNDEF || m->val.type == JV_FUNC || keyset_has(&ks, m->key, m->klen)) continue;
        put_key(b, &first, m->key, m->klen);
        json_write(b, &m->val);
    }
    for (uint32_t i = 0; i < inner->n; i++) {
        const jmember *m = &inner->u.members[i];
        if (m->val.type == JV_UNDEF || m->val.type == JV_FUNC) continue;
        put_key(b, &first, m->key, m->klen);
        json_write(b, &m->val);
    }
    jbuf_putc(b, '}');
    return 0;
}

/* A fresh id into out (63 bytes at most); without new_id, one made of the
 * clock, the event's place and a hash of its bytes. */
static void fresh_id(seg_ctx *c, size_t index, const char *raw, size_t len, char out[64])
{
    out[0] = 0;
    if (c->rq->new_id) c->rq->new_id(c->rq->id_ctx, out);
    out[63] = 0;
    if (!out[0]) {
        uLong h = crc32(0L, (const Bytef *)raw, (uInt)(len > UINT32_MAX ? UINT32_MAX : len));
        snprintf(out, 64, "srv-%llx-%zu-%08lx", (unsigned long long)c->rq->now_ms, index, (unsigned long)h);
    }
}

static void push_invalid(seg_ctx *c, size_t index, const char *raw, size_t len, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static void push_invalid(seg_ctx *c, size_t index, const char *raw, size_t len, const char *code, const char *fmt, ...)
{
    segment_result *r = c->r;
    if (r->ninvalid == r->invalid_cap) {
        size_t cap = r->invalid_cap ? r->invalid_cap * 2 : 16;
        segment_invalid *p = realloc(r->invalid, cap * sizeof *p);
        if (!p) {
            r->events.oom = true; /* reported as out of memory */
            return;
        }
        r->invalid = p;
        r->invalid_cap = cap;
    }
    segment_invalid *iv = &r->invalid[r->ninvalid++];
    iv->index = index;
    iv->off = r->raw.len;
    iv->len = len;
    iv->code = code;
    int n = snprintf(iv->message, sizeof iv->message, "batch item %zu: ", index);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(iv->message + n, sizeof iv->message - (size_t)n, fmt, ap);
    va_end(ap);
    utf8_fix(iv->message);
    jbuf_put(&r->raw, raw, len);
}

/* Writes the accepted event ev (an object) to r->events. kind: the path's
 * (a single event: its type is set) or SEG_BATCH. Returns 0, -1 out of
 * memory, 1 when the merged event is too large (nothing written). */
/* An event without a timestamp (absent or null) gets one: receivedAt -
 * (sentAt - originalTimestamp), the item's sentAt first, then the batch's;
 * originalTimestamp when there is no sentAt; receivedAt when there is neither.
 * Returns whether it needs one, written into ts. */
static bool missing_timestamp(const seg_ctx *c, const jv *ev, char ts[32])
{
    const jv *tsv = jv_getz(ev, "timestamp");
    if (tsv && tsv->type != JV_NULL) return false;
    int64_t ot, sent, t = c->rq->now_ms;
    bool has_ot = jv_time(jv_getz(ev, "originalTimestamp"), &ot);
    bool has_sent = jv_time(jv_getz(ev, "sentAt"), &sent);
    if (!has_sent && c->has_bsent) sent = c->bsent, has_sent = true;
    if (has_ot && has_sent) {
        if (__builtin_sub_overflow(c->rq->now_ms, sent - ot, &t)) t = c->rq->now_ms; /* (both read: no overflow inside) */
    } else if (has_ot) {
        t = ot;
    }
    if (!format_iso(t, ts)) memcpy(ts, c->now_iso, 32);
    return true;
}

static int write_event(seg_ctx *c, const jv *ev, segment_kind kind, size_t index, const char *raw, size_t rawlen)
{
    segment_result *r = c->r;
    jbuf *b = &r->events;
    if (r->nev == r->ev_cap) {
        size_t cap = r->ev_cap ? r->ev_cap * 2 : 16;
        segment_event *p = realloc(r->ev, cap * sizeof *p);
        if (!p) return -1;
        r->ev = p;
        r->ev_cap = cap;
    }
    size_t start = b->len;
    /* messageId first */
    char idbuf[64];
    const jv *id = jv_getz(ev, "messageId");
    const char *ids;
    size_t idn;
    if (id && id->type == JV_STR && id->n > 0) {
        ids = id->u.s;
        idn = id->n;
    } else {
        fresh_id(c, index, raw, rawlen, idbuf);
        ids = idbuf;
        idn = strlen(idbuf);
    }
    jbuf_puts(b, "{\"messageId\":");
    json_write_string(b, ids, idn);
    size_t id_end = b->len - 1;

    char ts[32] = "";
    bool need_ts = missing_timestamp(c, ev, ts);
    const char *tname = kind == SEG_BATCH ? NULL : segment_kind_name(kind);
    bool merge_ctx = c->bctx.type == JV_OBJ, merge_int = c->bint.type == JV_OBJ;
    bool seen_type = false, seen_ctx = false, seen_int = false, seen_recv = false, seen_ts = false;
    bool first = false;
    for (uint32_t i = 0; i < ev->n; i++) {
        const jmember *m = &ev->u.members[i];
        const char *k = m->key;
        size_t kn = m->klen;
        if (m->val.type == JV_UNDEF || m->val.type == JV_FUNC) continue;
        if (key_eq(k, kn, "messageId") || key_eq(k, kn, "writeKey")) continue;
        put_key(b, &first, k, kn);
        if (tname && key_eq(k, kn, "type")) {
            seen_type = true;
            json_write_string(b, tname, strlen(tname));
        } else if (key_eq(k, kn, "receivedAt")) {
            seen_recv = true;
            jbuf_puts(b, "\"");
            jbuf_puts(b, c->now_iso);
            jbuf_puts(b, "\"");
        } else if (need_ts && key_eq(k, kn, "timestamp")) {
            seen_ts = true;
            jbuf_printf(b, "\"%s\"", ts);
        } else if (merge_ctx && key_eq(k, kn, "context")) {
            seen_ctx = true;
            if (write_merged(b, c->a, &c->bctx, &m->val)) return -1;
        } else if (merge_int && key_eq(k, kn, "integrations")) {
            seen_int = true;
            if (write_merged(b, c->a, &c->bint, &m->val)) return -1;
        } else {
            json_write(b, &m->val);
        }
    }
    if (tname && !seen_type) {
        put_key(b, &first, "type", 4);
        json_write_string(b, tname, strlen(tname));
    }
    if (merge_ctx && !seen_ctx) {
        put_key(b, &first, "context", 7);
        json_write(b, &c->bctx);
    }
    if (merge_int && !seen_int) {
        put_key(b, &first, "integrations", 12);
        json_write(b, &c->bint);
    }
    if (!seen_recv) {
        put_key(b, &first, "receivedAt", 10);
        jbuf_printf(b, "\"%s\"", c->now_iso);
    }
    if (need_ts && !seen_ts) {
        put_key(b, &first, "timestamp", 9);
        jbuf_printf(b, "\"%s\"", ts);
    }
    jbuf_putc(b, '}');
    if (b->oom) return -1;
    size_t len = b->len - start;
    if ((merge_ctx || merge_int) && len > c->lim->event_max + SEG_ADDED_MAX) {
        b->len = start;
        return 1;
    }
    r->ev[r->nev++] = (segment_event){.off = start, .len = len, .id_off = start + 14, .id_len = id_end - (start + 14)};
    return 0;
}

/* ---- the request ------------------------------------------------------------ */
static int oom(segment_result *r)
{
    return refuse(r, 500, "internal", "out of memory writing the events");
}

static int arena_full(segment_result *r, const jarena *a, const char *what, size_t bytes)
{
    char n1[32], n2[32];
    return refuse(r, 413, "too_large", "%s (%s bytes) does not fit in the %s bytes of memory one request may use", what,
                  thousands(n1, bytes), thousands(n2, a->limit));
}

static int unauthorized(segment_result *r, bool malformed)
{
    if (r->key_given)
        return refuse(r, 401, "unauthorized", "the write key given is not one of this server's write keys");
    if (malformed)
        return refuse(r, 401, "unauthorized",
                      "the Authorization header is not Basic auth with the write key as the user name (base64)");
    return refuse(r, 401, "unauthorized",
                  "no write key: give it as the Basic auth user name or as `writeKey` in the body");
}

/* The body's writeKey (a non-empty string) checked. */
static bool body_key(const segment_request *rq, segment_result *r, const jv *wk)
{
    if (!wk || wk->type != JV_STR || wk->n == 0) return false;
    r->key_given = true;
    return key_ok(rq, wk->u.s, wk->n);
}

static int parse_single(seg_ctx *c, const char *body, size_t len, bool authed, bool malformed)
{
    segment_result *r = c->r;
    char n1[32], n2[32];
    if (len > c->lim->event_max)
        return refuse(r, 413, "too_large", "the event is %s bytes, over the %s-byte limit of one event",
                      thousands(n1, len), thousands(n2, c->lim->event_max));
    jv doc;
    jerr je;
    jlimits jl = {.max_bytes = len + 1};
    if (json_parse(c->a, body, len, &jl, &doc, &je)) {
        jerr je2;
        if (json_validate(body, len, 0, &je2) == 0) return arena_full(r, c->a, "the event", len);
        if (!authed) return unauthorized(r, malformed);
        return refuse(r, 400, "invalid_json", "body is not JSON: %s", je.msg);
    }
    if (doc.type != JV_OBJ) {
        if (!authed) return unauthorized(r, malformed);
        return refuse(r, 400, "invalid_json", "body is not a JSON object but %s", jv_type_phrase(&doc));
    }
    if (body_key(c->rq, r, jv_getz(&doc, "writeKey"))) authed = true;
    if (!authed) return unauthorized(r, malformed);
    char why[160];
    const char *code = check_event(&doc, r->kind, why, sizeof why);
    if (code) return refuse(r, 400, "invalid_event", "%s (%s)", why, code);
    int w = write_event(c, &doc, r->kind, 0, body, len);
    if (w < 0) return oom(r);
    return 0;
}

/* A batch's member (context or integrations) when it is an object. */
static int batch_member(seg_ctx *c, const char *body, size_t len, jspan v, bool present, const char *name, jv *out)
{
    *out = jv_undef();
    if (!present || body[v.off] != '{') return 0;
    char what[48], n1[32], n2[32];
    if (v.len > c->lim->event_max)
        return refuse(c->r, 413, "too_large", "the batch's `%s` is %s bytes, over the %s-byte limit of one event",
                      name, thousands(n1, v.len), thousands(n2, c->lim->event_max));
    jlimits jl = {.max_bytes = v.len + 1};
    if (json_parse(c->a, body + v.off, v.len, &jl, out, NULL)) {
        snprintf(what, sizeof what, "the batch's `%s`", name);
        return arena_full(c->r, c->a, what, v.len);
    }
    (void)len;
    return 0;
}

static const char *phrase_of(char ch)
{
    switch (ch) {
    case '[': return "an array";
    case '{': return "an object";
    case '"': return "a string";
    case 't':
    case 'f': return "a boolean";
    case 'n': return "null";
    default: return "a number";
    }
}

static int parse_batch(seg_ctx *c, const char *body, size_t len, bool authed, bool malformed)
{
    segment_result *r = c->r;
    const segment_limits *lim = c->lim;
    char n1[32], n2[32];
    jerr je;
    if (json_validate(body, len, 0, &je)) {
        if (!authed) return unauthorized(r, malformed);
        return refuse(r, 400, "invalid_json", "body is not JSON: %s", je.msg);
    }
    jspan doc = json_value_span(body, len, 0);
    if (body[doc.off] != '{') {
        if (!authed) return unauthorized(r, malformed);
        return refuse(r, 400, "invalid_json", "body is not a JSON object but %s", phrase_of(body[doc.off]));
    }
    jspan k, v, batch = {0}, bctx = {0}, bint = {0}, wk = {0}, sent = {0};
    bool has_batch = false, has_ctx = false, has_int = false, has_wk = false, has_sent = false;
    jcursor cur = jcursor_at(body, len, doc.off);
    while (jcursor_next(&cur, &k, &v)) {
        if (json_key_is(body, k, "batch")) batch = v, has_batch = true;
        else if (json_key_is(body, k, "context")) bctx = v, has_ctx = true;
        else if (json_key_is(body, k, "integrations")) bint = v, has_int = true;
        else if (json_key_is(body, k, "writeKey")) wk = v, has_wk = true;
        else if (json_key_is(body, k, "sentAt")) sent = v, has_sent = true;
    }
    jv s;
    jlimits small = {.max_bytes = 4096};
    if (has_wk && body[wk.off] == '"' && wk.len <= 4096 && json_parse(c->a, body + wk.off, wk.len, &small, &s, NULL) == 0 &&
        body_key(c->rq, r, &s))
        authed = true;
    else if (has_wk && body[wk.off] == '"' && wk.len > 2)
        r->key_given = true;
    if (!authed) return unauthorized(r, malformed);
    if (!has_batch) return refuse(r, 400, "invalid_batch", "body has no `batch` (an array of events)");
    if (body[batch.off] != '[')
        return refuse(r, 400, "invalid_batch", "`batch` is %s, not an array of events", phrase_of(body[batch.off]));
    if (has_sent && body[sent.off] == '"' && sent.len <= 256 &&
        json_parse(c->a, body + sent.off, sent.len, &small, &s, NULL) == 0)
        c->has_bsent = jv_time(&s, &c->bsent);
    if (batch_member(c, body, len, bctx, has_ctx, "context", &c->bctx) ||
        batch_member(c, body, len, bint, has_int, "integrations", &c->bint))
        return -1;

    jcursor items = jcursor_at(body, len, batch.off);
    size_t index = 0;
    char why[160];
    while (jcursor_next(&items, NULL, &v)) {
        size_t i = index++;
        if (i >= lim->batch_events_max) {
            size_t n = i + 1;
            while (jcursor_next(&items, NULL, &v)) n++;
            return refuse(r, 413, "too_large", "the batch has %s events, over the limit of %s", thousands(n1, n),
                          thousands(n2, lim->batch_events_max));
        }
        const char *raw = body + v.off;
        if (raw[0] != '{') {
            push_invalid(c, i, raw, v.len, "not_an_object", "%s, not an object", phrase_of(raw[0]));
            continue;
        }
        if (v.len > lim->event_max) {
            push_invalid(c, i, raw, v.len, "too_large", "%s bytes, over the %s-byte limit of one event",
                         thousands(n1, v.len), thousands(n2, lim->event_max));
            continue;
        }
        jv item;
        jlimits jl = {.max_bytes = v.len + 1};
        if (json_parse(c->a, raw, v.len, &jl, &item, NULL)) {
            char n3[32];
            push_invalid(c, i, raw, v.len, "too_large", "%s bytes do not fit in the %s bytes of memory one request may use",
                         thousands(n1, v.len), thousands(n3, c->a->limit));
            continue;
        }
        const char *code = check_event(&item, SEG_BATCH, why, sizeof why);
        if (code) {
            push_invalid(c, i, raw, v.len, code, "%s", why);
            continue;
        }
        int w = write_event(c, &item, SEG_BATCH, i, raw, v.len);
        if (w < 0) return oom(r);
        if (w > 0) {
            char n3[32];
            push_invalid(c, i, raw, v.len, "too_large",
                         "with the batch's context and integrations merged in, over the %s-byte limit of one event "
                         "(%s bytes as written)",
                         thousands(n2, lim->event_max), thousands(n3, v.len));
        }
    }
    if (r->events.oom || r->raw.oom) return oom(r);
    return 0;
}

int segment_parse(const segment_request *rq, const segment_limits *lim, jarena *a, segment_result *r)
{
    segment_result_reset(r);
    jarena_reset(a);
    segment_limits dl;
    if (!lim) {
        segment_limits_default(&dl);
        lim = &dl;
    }
    r->kind = segment_path_kind(rq->path);
    if (r->kind == SEG_NONE) {
        char shown[64];
        size_t n = 0;
        for (const char *p = rq->path ? rq->path : ""; *p && n < 60; p++)
            shown[n++] = (*p > 0x20 && *p < 0x7f) ? *p : '?';
        shown[n] = 0;
        return refuse(r, 404, "not_found", "%s is not an ingest path (POST /v1/track, /v1/batch, ...)", shown);
    }
    /* encoding */
    bool gz = false;
    if (rq->content_encoding) {
        const char *e = rq->content_encoding;
        while (*e == ' ' || *e == '\t') e++;
        size_t n = strlen(e);
        while (n && (e[n - 1] == ' ' || e[n - 1] == '\t')) n--;
        if ((n == 4 && strncasecmp(e, "gzip", 4) == 0) || (n == 6 && strncasecmp(e, "x-gzip", 6) == 0)) gz = true;
        else if (!(n == 0 || (n == 8 && strncasecmp(e, "identity", 8) == 0)))
            return refuse(r, 415, "unsupported_encoding",
                          "Content-Encoding \"%.*s\" is not supported: send gzip or identity", (int)(n > 40 ? 40 : n), e);
    }
    /* credentials from the header */
    char key[512];
    long kn = basic_user(rq->authorization, key, sizeof key);
    bool malformed = kn < 0;
    if (kn > 0) r->key_given = true;
    bool authed = rq->nkeys == 0 || (kn > 0 && key_ok(rq, key, (size_t)kn));
    memset(key, 0, sizeof key);
    /* the body */
    const char *body = rq->body ? rq->body : "";
    size_t len = rq->body ? rq->len : 0;
    char n1[32], n2[32];
    if (gz) {
        char why[160];
        int z = inflate_body(body, len, lim->body_max, &r->inflated, why, sizeof why);
        if (z > 0)
            return refuse(r, 413, "too_large", "request body inflates to over %s bytes, the limit (%s bytes gzip)",
                          thousands(n1, lim->body_max), thousands(n2, len));
        if (z < 0) return refuse(r, 400, "invalid_gzip", "body is not valid gzip: %s", why);
        body = r->inflated.p ? r->inflated.p : "";
        len = r->inflated.len;
    } else if (len > lim->body_max) {
        return refuse(r, 413, "too_large", "request body is %s bytes, over the %s-byte limit", thousands(n1, len),
                      thousands(n2, lim->body_max));
    }
    seg_ctx c = {.rq = rq, .lim = lim, .a = a, .r = r, .batch = r->kind == SEG_BATCH};
    if (!format_iso(rq->now_ms, c.now_iso)) format_iso(0, c.now_iso);
    int rc = c.batch ? parse_batch(&c, body, len, authed, malformed) : parse_single(&c, body, len, authed, malformed);
    if (rc) return -1;
    r->status = 200;
    r->code = NULL;
    return 0;
}

/* ---- the answer ------------------------------------------------------------ */
void segment_answer(const segment_result *r, jbuf *out)
{
    if (r->status != 200) {
        jbuf_puts(out, "{\"success\":false,\"code\":");
        const char *code = r->code ? r->code : "error";
        json_write_string(out, code, strlen(code));
        jbuf_puts(out, ",\"message\":");
        json_write_string(out, r->message, strlen(r->message));
        jbuf_putc(out, '}');
        return;
    }
    jbuf_puts(out, "{\"success\":true");
    if (r->ninvalid) {
        jbuf_puts(out, ",\"invalid\":[");
        for (size_t i = 0; i < r->ninvalid; i++) {
            const segment_invalid *iv = &r->invalid[i];
            jbuf_printf(out, "%s{\"index\":%zu,\"code\":", i ? "," : "", iv->index);
            json_write_string(out, iv->code, strlen(iv->code));
            jbuf_puts(out, ",\"message\":");
            json_write_string(out, iv->message, strlen(iv->message));
            jbuf_putc(out, '}');
        }
        jbuf_putc(out, ']');
    }
    jbuf_putc(out, '}');
}
