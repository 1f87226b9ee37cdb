/* actions.c — the seven actions: their table, their request recipes, onDelete,
 * testAuthentication; and ev_error. */
#include "map/actions.h"
#include "lib/js.h"
#include "lib/utf8.h"

#include <stdarg.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- ev_error ------------------------------------------------------------------ */
void ev_error_set(ev_error *e, const char *name, int status, const char *code, const char *fmt, ...)
{
    e->name = name;
    e->status = status;
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
}

/* ---- the field tables (docs/upstream-behaviour.md §2–3) ------------------ */
#define S(k, l) {k, l, FT_STRING, false, false, NULL, 0}
#define O(k, l) {k, l, FT_OBJECT, false, false, NULL, 0}

static const field CAMPAIGN[] = {S("name", "Name"), S("source", "Source"), S("medium", "Medium"),
                                 S("term", "Term"), S("content", "Content")};
static const field PAGE[] = {S("url", "URL"), S("title", "Title"), S("referrer", "Referrer"),
                             S("path", "Path"), S("search", "Search")};
static const field LOCATION[] = {S("city", "City"), S("region", "Region"), S("country", "Country")};

#define F_TYPE {"type", "Type", FT_STRING, true, false, NULL, 0}
#define F_EMAIL S("email", "Email")
#define F_COMMON_AFTER_EMAIL                                                         \
    S("segmentAnonymousId", "Anonymous ID"), S("userId", "User ID"),                 \
    S("groupId", "Group ID"), {"timestamp", "Timestamp", FT_STRING, false, true, NULL, 0}, \
    S("messageId", "MessageId"), S("ip", "IP Address"), S("userAgent", "User Agent"), \
    {"campaign", "Campaign", FT_OBJECT, false, false, CAMPAIGN, 5},                   \
    {"page", "Page", FT_OBJECT, false, false, PAGE, 5},                               \
    {"location", "Location", FT_OBJECT, false, false, LOCATION, 3}

static const field TRACK_EVENT[] = {
    {"event", "Event Name", FT_STRING, true, false, NULL, 0},
    O("properties", "Event Properties"),
    O("userFields", "User Fields"),
    F_TYPE, F_EMAIL, F_COMMON_AFTER_EMAIL,
};
static const field IDENTIFY_USER[] = {
    O("user", "User Fields"),
    F_EMAIL,
    F_TYPE, F_COMMON_AFTER_EMAIL,
};
static const field TRACK_PAGE_VIEW[] = {
    O("properties", "Page View Properties"),
    O("userFields", "User Fields"),
    F_TYPE, F_EMAIL, F_COMMON_AFTER_EMAIL,
};
static const field ALIAS_USER[] = {
    {"userId", "User ID", FT_STRING, true, false, NULL, 0},
    {"previousUserId", "Previous User ID", FT_STRING, true, false, NULL, 0},
    {"timestamp", "Timestamp", FT_STRING, false, true, NULL, 0},
    S("messageId", "MessageId"),
};
static const field CREATE_UPDATE_OBJECT[] = {
    {"objectType", "Object Type", FT_STRING, true, false, NULL, 0},
    S("externalId", "External Object ID"),
    S("id", "Object ID"),
    O("objectData", "Object Fields"),
    S("userId", "User ID"),
    S("email", "Email"),
};
static const field TAG_FIELDS[] = {
    {"tag", "Tag", FT_STRING, true, false, NULL, 0},
    F_EMAIL,
    S("userId", "User ID"),
    S("segmentAnonymousId", "Anonymous ID"),
};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

const action ACTIONS[ACTION_COUNT] = {
    {"trackEvent", "Track Event", "Track an event in Encharge for a known or anonymous person.",
     "type = \"track\"", TRACK_EVENT, N(TRACK_EVENT), BODY_INGEST, "POST", false, "userFields"},
    {"identifyUser", "Identify User",
     "Identify a user in Encharge. This will create a new user if the user does not exist in Encharge.",
     "type = \"identify\"", IDENTIFY_USER, N(IDENTIFY_USER), BODY_INGEST, "POST", false, "user"},
    {"trackPageView", "Track Page View", "Track a website page visit.", "type = \"page\"", TRACK_PAGE_VIEW,
     N(TRACK_PAGE_VIEW), BODY_INGEST, "POST", false, "userFields"},
    {"aliasUser", "Alias User", "Change the User ID of an user.", "type = \"alias\"", ALIAS_USER,
     N(ALIAS_USER), BODY_ALIAS, "POST", false, NULL},
    {"createUpdateObject", "Create or Update Object",
     "Create or Update a Custom Object (including Companies) in Encharge. If an email or a user ID is "
     "provided, an Encharge user will be associated with the object. A new user will be created if the "
     "email or user ID does not exist in Encharge.",
     "type = \"group\"", CREATE_UPDATE_OBJECT, N(CREATE_UPDATE_OBJECT), BODY_OBJECT, "POST", false, NULL},
    {"addTag", "Tag User", "Add a tag to a user in Encharge.", NULL, TAG_FIELDS, N(TAG_FIELDS), BODY_TAGS,
     "POST", true, NULL},
    {"removeTag", "Untag User", "Remove tags from a user in Encharge.", NULL, TAG_FIELDS, N(TAG_FIELDS),
     BODY_TAGS, "DELETE", true, NULL},
};

const action *action_find(const char *name)
{
    if (!name) return NULL;
    for (int i = 0; i < ACTION_COUNT; i++)
        if (strcasecmp(name, ACTIONS[i].key) == 0 || strcasecmp(name, ACTIONS[i].title) == 0)
            return &ACTIONS[i];
    return NULL;
}

int action_field_index(const action *a, const char *key, size_t klen)
{
    /* strncmp stops at the field key's NUL, so no strlen per field */
    for (int i = 0; i < a->nfields; i++) {
        const char *f = a->fields[i].key;
        if (klen && f[0] == key[0] && strncmp(f, key, klen) == 0 && f[klen] == 0) return i;
    }
    return -1;
}

/* ---- request recipes ---------------------------------------------------------- */
static const char *url_join(jarena *a, const char *base, const char *path)
{
    size_t bl = strlen(base), pl = strlen(path);
    while (bl && base[bl - 1] == '/') bl--;
    char *u = jarena_alloc(a, bl + pl + 1);
    if (!u) return NULL;
    memcpy(u, base, bl);
    memcpy(u + bl, path, pl + 1);
    return u;
}

static void set_member(jmember *m, const char *key, const jv *v)
{
    m->key = key;
    m->klen = (uint32_t)strlen(key);
    m->val = *v;
}

static const jv *slot(const payload *p, const char *key)
{
    int i = action_field_index(p->act, key, strlen(key));
    if (i < 0 || p->values[i].type == JV_UNDEF) return NULL;
    return &p->values[i];
}

/* user = {email, userId, segmentAnonymousId, ...traits}: a trait key equal to
 * one of the three replaces its value in place; the others follow in order. */
static jv build_user(jarena *a, const payload *p, const jv *traits)
{
    static const char *ID_KEYS[] = {"email", "userId", "segmentAnonymousId"};
    size_t cap = 3 + (traits ? traits->n : 0);
    jv u = jv_obj_new(a, cap);
    if (u.type != JV_OBJ) return u;
    uint32_t k = 0;
    for (int i = 0; i < 3; i++) {
        const jv *v = slot(p, ID_KEYS[i]);
        jv undef = jv_undef();
        set_member(&u.u.members[k++], ID_KEYS[i], v ? v : &undef);
    }
    if (traits) {
        for (uint32_t i = 0; i < traits->n; i++) {
            const jmember *t = &traits->u.members[i];
            if (t->val.type == JV_UNDEF) continue;
            bool replaced = false;
            for (int j = 0; j < 3; j++) {
                if (t->klen == strlen(ID_KEYS[j]) && memcmp(t->key, ID_KEYS[j], t->klen) == 0) {
                    u.u.members[j].val = t->val;
                    replaced = true;
                }
            }
            if (!replaced) u.u.members[k++] = *t;
        }
    }
    u.n = k;
    return u;
}

static bool in_list(const char *key, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(key, *list) == 0) return true;
    return false;
}

static int body_ingest(const payload *p, jarena *a, jv *out)
{
    static const char *const OMIT[] = {"ip", "userAgent", "campaign", "page", "location", "user", "groupId", NULL};
    static const char *const CONTEXT[] = {"ip", "userAgent", "campaign", "page", "location", "groupId", NULL};
    const action *act = p->act;
    jv body = jv_obj_new(a, (size_t)act->nfields + 2);
    jv ctx = jv_obj_new(a, 6);
    if (body.type != JV_OBJ || ctx.type != JV_OBJ) return -1;
    uint32_t k = 0, c = 0;
    for (int i = 0; i < act->nfields; i++) {
        const char *key = act->fields[i].key;
        if (p->values[i].type == JV_UNDEF || in_list(key, OMIT)) continue;
        set_member(&body.u.members[k++], key, &p->values[i]);
    }
    for (int i = 0; CONTEXT[i]; i++) {
        const jv *v = slot(p, CONTEXT[i]);
        if (v) set_member(&ctx.u.members[c++], CONTEXT[i], v);
    }
    ctx.n = c;
    const jv *traits = slot(p, act->traits_key);
    jv user = build_user(a, p, traits && traits->type == JV_OBJ ? traits : NULL);
    if (user.type != JV_OBJ) return -1;
    set_member(&body.u.members[k++], "context", &ctx);
    set_member(&body.u.members[k++], "user", &user);
    body.n = k;
    *out = body;
    return 0;
}

static int body_alias(const payload *p, jarena *a, jv *out)
{
    const action *act = p->act;
    jv body = jv_obj_new(a, (size_t)act->nfields + 1);
    if (body.type != JV_OBJ) return -1;
    uint32_t k = 0;
    for (int i = 0; i < act->nfields; i++)
        if (p->values[i].type != JV_UNDEF) set_member(&body.u.members[k++], act->fields[i].key, &p->values[i]);
    jv type = jv_strref("alias", 5);
    set_member(&body.u.members[k++], "type", &type);
    body.n = k;
    *out = body;
    return 0;
}

static int body_object(const payload *p, jarena *a, jv *out)
{
    const jv *data = slot(p, "objectData");
    const jv *ext = slot(p, "externalId"), *id = slot(p, "id");
    jv undef = jv_undef();
    uint32_t dn = data && data->type == JV_OBJ ? data->n : 0;
    jv props = jv_obj_new(a, dn + 2);
    jv user = jv_obj_new(a, 2);
    jv body = jv_obj_new(a, 4);
    if (props.type != JV_OBJ || user.type != JV_OBJ || body.type != JV_OBJ) return -1;
    uint32_t k = 0;
    bool have_ext = false, have_id = false;
    for (uint32_t i = 0; i < dn; i++) {
        jmember m = data->u.members[i];
        if (m.klen == 10 && memcmp(m.key, "externalId", 10) == 0) {
            m.val = ext ? *ext : undef;
            have_ext = true;
        } else if (m.klen == 2 && memcmp(m.key, "id", 2) == 0) {
            m.val = id ? *id : undef;
            have_id = true;
        }
        props.u.members[k++] = m;
    }
    if (!have_ext && ext) set_member(&props.u.members[k++], "externalId", ext);
    if (!have_id && id) set_member(&props.u.members[k++], "id", id);
    props.n = k;
    const jv *email = slot(p, "email"), *uid = slot(p, "userId");
    k = 0;
    if (email) set_member(&user.u.members[k++], "email", email);
    if (uid) set_member(&user.u.members[k++], "userId", uid);
    user.n = k;
    jv type = jv_strref("group", 5);
    set_member(&body.u.members[0], "type", &type);
    const jv *otype = slot(p, "objectType");
    set_member(&body.u.members[1], "objectType", otype ? otype : &undef);
    set_member(&body.u.members[2], "properties", &props);
    set_member(&body.u.members[3], "user", &user);
    *out = body;
    return 0;
}

static int body_tags(const payload *p, jarena *a, jv *out, ev_error *err)
{
    const action *act = p->act;
    /* `!email && !userId && !segmentAnonymousId`: "" (e.g. coerced from [null]) is falsy too */
    if (!js_truthy(slot(p, "email")) && !js_truthy(slot(p, "userId")) && !js_truthy(slot(p, "segmentAnonymousId"))) {
        ev_error_set(err, "PayloadValidationError", 400, "PAYLOAD_VALIDATION_FAILED",
                     "No user ID, email, or anonymous ID provided.");
        return 1;
    }
    const jv *tag = slot(p, "tag");
    if (!tag || tag->n == 0) {
        ev_error_set(err, "PayloadValidationError", 400, "PAYLOAD_VALIDATION_FAILED", "Missing tag.");
        return 1;
    }
    jv body = jv_obj_new(a, (size_t)act->nfields);
    if (body.type != JV_OBJ) return -1;
    uint32_t k = 0;
    for (int i = 0; i < act->nfields; i++)
        if (p->values[i].type != JV_UNDEF) set_member(&body.u.members[k++], act->fields[i].key, &p->values[i]);
    body.n = k;
    *out = body;
    return 0;
}

/* The body is written into a buffer of the thread's own (freed when the
 * thread ends: mapping also runs on worker threads), then copied. */
static pthread_key_t body_key;
static pthread_once_t body_once = PTHREAD_ONCE_INIT;

static void body_buf_free(void *p)
{
    jbuf_free(p);
    free(p);
}

static void body_key_make(void)
{
    pthread_key_create(&body_key, body_buf_free);
}

static jbuf *body_buf(void)
{
    pthread_once(&body_once, body_key_make);
    jbuf *b = pthread_getspecific(body_key);
    if (!b && (b = malloc(sizeof *b))) {
        jbuf_init(b);
        if (pthread_setspecific(body_key, b)) {
            free(b);
            b = NULL;
        }
    }
    return b;
}

static const char *body_text(jarena *a, const jv *body, size_t *len)
{
    jbuf *tb = body_buf();
    if (!tb) return NULL;
    jbuf_reset(tb);
    json_write(tb, body);
    if (tb->oom) return NULL;
    *len = tb->len;
    return jarena_strdup(a, tb->p, tb->len);
}

int action_request(const payload *p, const endpoints *ep, jarena *a, request *out, ev_error *err)
{
    jv body;
    int rc;
    switch (p->act->body) {
    case BODY_INGEST: rc = body_ingest(p, a, &body); break;
    case BODY_ALIAS: rc = body_alias(p, a, &body); break;
    case BODY_OBJECT: rc = body_object(p, a, &body); break;
    case BODY_TAGS: rc = body_tags(p, a, &body, err); break;
    default: rc = -1;
    }
    if (rc > 0) return -1;
    if (rc == 0) {
        out->method = p->act->method;
        out->url = p->act->api_host ? url_join(a, ep->api_base, "/v1/tags") : url_join(a, ep->ingest_base, "/v1");
        out->body = body_text(a, &body, &out->body_len);
        if (out->url && out->body) return 0;
    }
    ev_error_set(err, "Error", 500, NULL, "out of memory while building the request");
    return -1;
}

/* The ID as upstream interpolates it: `${id}` when the value is truthy. */
static bool id_text(jarena *a, const jv *v, const char **s, size_t *n)
{
    if (!js_truthy(v)) return false;
    if (v->type == JV_STR) {
        *s = v->u.s;
        *n = v->n;
        return true;
    }
    jbuf b;
    jbuf_init(&b);
    js_string(&b, v);
    *n = b.len;
    *s = jarena_strdup(a, b.p ? b.p : "", b.len);
    jbuf_free(&b);
    return *s != NULL;
}

bool header_value_legal(const char *s, size_t n)
{
    /* Node's fetch: a header value may hold tab, 0x20-0x7E and 0x80-0xFF. */
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c != '\t' && (c < 0x20 || c == 0x7f)) return false;
            i++;
            continue;
        }
        size_t k = utf8_seq_len((const unsigned char *)s + i, n - i);
        if (k != 2) return false; /* beyond U+07FF, or not UTF-8 */
        unsigned cp = ((c & 0x1Fu) << 6) | ((unsigned char)s[i + 1] & 0x3Fu);
        if (cp > 0xFF) return false;
        i += 2;
    }
    return true;
}

int delete_request(const jv *event, const endpoints *ep, jarena *a, request *out)
{
    const char *id = NULL, *param;
    size_t idlen = 0;
    if (id_text(a, jv_getz(event, "userId"), &id, &idlen)) {
        param = "/v1/people?people[0][userId]=";
    } else if (id_text(a, jv_getz(event, "anonymousId"), &id, &idlen)) {
        param = "/v1/people?people[0][segmentAnonymousId]=";
    } else {
        return 1;
    }
    static const char hex[] = "0123456789ABCDEF";
    size_t bl = strlen(ep->api_base), pl = strlen(param);
    while (bl && ep->api_base[bl - 1] == '/') bl--;
    char *u = jarena_alloc(a, bl + pl + idlen * 3 + 1);
    if (!u) return -1;
    char *o = u;
    memcpy(o, ep->api_base, bl); o += bl;
    memcpy(o, param, pl); o += pl;
    for (size_t i = 0; i < idlen; i++) {
        unsigned char c = (unsigned char)id[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            *o++ = (char)c;
        } else {
            *o++ = '%';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    *o = 0;
    out->method = "DELETE";
    out->url = u;
    out->body = NULL;
    out->body_len = 0;
    return 0;
}

void auth_request(const endpoints *ep, jarena *a, request *out)
{
    out->method = "GET";
    out->url = url_join(a, ep->api_base, "/v1/accounts/info");
    out->body = NULL;
    out->body_len = 0;
}

const request_header REQUEST_HEADERS[REQUEST_HEADER_COUNT] = {
    {"Content-Type", "application/json"},
    {"X-Encharge-Token", NULL},
    {"X-Segment-Actions", "1"},
    {"User-Agent", USER_AGENT},
};

void request_key_mask(const char *api_key, size_t key_len, char *out)
{
    size_t show = key_len >= 12 ? key_len - 4 : key_len;   /* the first byte shown */
    while (show < key_len && ((unsigned char)api_key[show] & 0xC0) == 0x80) show++;
    memset(out, '*', show);
    memcpy(out + show, api_key + show, key_len - show);
}

char **request_header_lines(const char *api_key, size_t key_len, request_key_view view)
{
    size_t bytes = (REQUEST_HEADER_COUNT + 1) * sizeof(char *);
    for (int i = 0; i < REQUEST_HEADER_COUNT; i++) {
        const request_header *r = &REQUEST_HEADERS[i];
        size_t vlen = r->value ? strlen(r->value) : key_len;
        if (vlen > SIZE_MAX / 2 - bytes) return NULL;
        bytes += strlen(r->name) + 2 + vlen + 1;   /* "Name: value\0" */
    }
    char **lines = malloc(bytes);
    if (!lines) return NULL;
    char *p = (char *)(lines + REQUEST_HEADER_COUNT + 1);
    for (int i = 0; i < REQUEST_HEADER_COUNT; i++) {
        const request_header *r = &REQUEST_HEADERS[i];
        lines[i] = p;
        size_t nl = strlen(r->name);
        memcpy(p, r->name, nl);
        p += nl;
        *p++ = ':';
        *p++ = ' ';
        if (r->value) {
            size_t vl = strlen(r->value);
            memcpy(p, r->value, vl);
            p += vl;
        } else if (key_len) {
            if (view == REQUEST_KEY_MASKED) request_key_mask(api_key, key_len, p);
            else memcpy(p, api_key, key_len);
            p += key_len;
        }
        *p++ = '\0';
    }
    lines[REQUEST_HEADER_COUNT] = NULL;
    return lines;
}

const char *status_text(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Entity";
    case 423: return "Locked";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
    }
}

