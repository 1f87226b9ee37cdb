/* cases.c — the machine protocol of `preview`: case lines in, result lines
 * out (tests/conformance/README.md), with simulated API answers. */
#include "cmd/cases.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool is_delete_action(const char *a)
{
    return strcasecmp(a, "onDelete") == 0 || strcasecmp(a, "delete") == 0 || strcasecmp(a, "deleteUser") == 0 ||
           strcasecmp(a, "delete user") == 0;
}

/* ---- result line ----------------------------------------------------------- */
static void put_kv_str(jbuf *b, const char *k, const char *v)
{
    json_write_string(b, k, strlen(k));
    jbuf_putc(b, ':');
    if (v) json_write_string(b, v, strlen(v));
    else jbuf_puts(b, "null");
}

/* The request's headers as fetch's Headers object lists them (upstream's
 * recorded result lines): names lower-cased, sorted by name. */
static void write_headers(jbuf *b, const char *key, size_t keylen)
{
    const request_header *h[REQUEST_HEADER_COUNT];
    for (int i = 0; i < REQUEST_HEADER_COUNT; i++) {
        int j = i;
        for (; j > 0 && strcasecmp(h[j - 1]->name, REQUEST_HEADERS[i].name) > 0; j--) h[j] = h[j - 1];
        h[j] = &REQUEST_HEADERS[i];
    }
    jbuf_putc(b, '{');
    for (int i = 0; i < REQUEST_HEADER_COUNT; i++) {
        if (i) jbuf_putc(b, ',');
        jbuf_putc(b, '"');   /* a header name is a token: nothing to escape */
        for (const char *c = h[i]->name; *c; c++) jbuf_putc(b, (char)tolower((unsigned char)*c));
        jbuf_puts(b, "\":");
        if (h[i]->value) json_write_string(b, h[i]->value, strlen(h[i]->value));
        else json_write_string(b, key, keylen);
    }
    jbuf_putc(b, '}');
}

static void write_request(jbuf *b, const request *rq, const char *key, size_t keylen)
{
    jbuf_puts(b, "{");
    put_kv_str(b, "method", rq->method);
    jbuf_putc(b, ',');
    put_kv_str(b, "url", rq->url);
    jbuf_puts(b, ",\"headers\":");
    write_headers(b, key, keylen);
    jbuf_puts(b, ",\"body\":");
    if (rq->body) jbuf_put(b, rq->body, rq->body_len);
    else jbuf_puts(b, "null");
    jbuf_putc(b, '}');
}

static void write_error(jbuf *b, const ev_error *e)
{
    jbuf_puts(b, "{");
    put_kv_str(b, "name", e->name);
    jbuf_putc(b, ',');
    put_kv_str(b, "message", e->message);
    if (e->status) jbuf_printf(b, ",\"status\":%d,", e->status);
    else jbuf_puts(b, ",\"status\":null,");
    put_kv_str(b, "code", e->code);
    jbuf_putc(b, '}');
}

/* ---- simulated API answers ------------------------------------------------ */
static int response_status(const jv *response, int i)
{
    if (!response) return 200;
    const jv *r = response;
    if (response->type == JV_ARR) {
        if (response->n == 0) return 200;
        r = &response->u.items[(uint32_t)i < response->n ? (uint32_t)i : response->n - 1];
    }
    const jv *st = jv_getz(r, "status");
    int64_t s;
    if (st && jv_num_int64(st, &s) && s >= 100 && s <= 999) return (int)s;
    return 200;
}

/* ---- one case ---------------------------------------------------------------- */
/* A case's "script", loaded once for all the cases that name it. */
typedef struct {
    char *path;
    int handle;          /* -1: it did not load (why: err) */
    char *err;
} case_script;

#define CASE_SCRIPTS_MAX 256   /* scripts kept loaded; more are loaded per case */

typedef struct {
    config *c;
    trigger *preset_trig[ACTION_COUNT];
    jv default_settings;
    jarena keep;
    case_script scripts[CASE_SCRIPTS_MAX];
    int nscripts;
} case_runner;

/* A result line without requests: {"requests":[],"error":e,"actions":[actions]}. */
static void write_failure(jbuf *b, const ev_error *e, const char *actions)
{
    jbuf_puts(b, "{\"requests\":[],\"error\":");
    write_error(b, e);
    jbuf_printf(b, ",\"actions\":[%s]}", actions);
}

static void case_error(jbuf *b, const char *name, const char *fmt, const char *detail, const char *actions)
{
    ev_error e;
    ev_error_set(&e, name, 0, NULL, fmt, detail);
    write_failure(b, &e, actions);
}

static void run_delete(jbuf *b, config *c, const jv *event, const jv *settings, const jv *response, jarena *a)
{
    ev_error err;
    const char *key;
    size_t keylen;
    if (settings_validate(settings, a, &key, &keylen, &err)) {
        write_failure(b, &err, "\"onDelete\"");
        return;
    }
    if (!header_value_legal(key, keylen)) {
        ev_error_set(&err, "TypeError", 0, NULL, ILLEGAL_KEY_MESSAGE);
        write_failure(b, &err, "\"onDelete\"");
        return;
    }
    request rq;
    int rc = delete_request(event, &c->ep, a, &rq);
    jbuf_puts(b, "{\"requests\":[");
    if (rc == 0) write_request(b, &rq, key, keylen);
    jbuf_puts(b, "],\"error\":");
    int st = rc == 0 ? response_status(response, 0) : 200;
    if (st < 200 || st > 299) {
        ev_error_set(&err, "HTTPError", st, NULL, "%s", status_text(st));
        write_error(b, &err);
    } else if (rc < 0) {
        ev_error_set(&err, "Error", 500, NULL, "out of memory");
        write_error(b, &err);
    } else {
        jbuf_puts(b, "null");
    }
    jbuf_puts(b, ",\"actions\":[\"onDelete\"]}");
}

/* The case's mapping-kit mapping (or script) and overrides, compiled; a
 * compile error makes the subscriptions "broken" (the error surfaces at
 * mapping time). */
typedef struct {
    mk_program *prog, *oprog;
    int script;          /* the case's "script" (a luahost handle), -1: none */
    const char *broken;
} case_mapping;

static void compile_case_mapping(const jv *mapping, const jv *over, jarena *a, case_mapping *cm)
{
    char merr[EV_MSG_MAX];
    if (mapping && mapping->type == JV_OBJ) {
        cm->prog = mk_compile(mapping, merr, sizeof merr);
        if (!cm->prog) cm->broken = jarena_strdup(a, merr, strlen(merr));
    }
    if (!cm->broken && over && over->type == JV_OBJ) {
        cm->oprog = mk_compile(over, merr, sizeof merr);
        if (!cm->oprog) cm->broken = jarena_strdup(a, merr, strlen(merr));
    }
}

static subscription case_sub(const case_runner *cr, const action *act, const trigger *trig, const case_mapping *cm)
{
    return (subscription){.name = act->title, .act = act, .trig = trig, .kind = cm->prog ? MAP_KIT : MAP_SCRIPT,
                          .script = cm->script >= 0 ? cm->script : cr->c->presets[act - ACTIONS], .prog = cm->prog,
                          .overrides = cm->oprog, .enabled = true, .broken = cm->broken};
}

/* The handle of the case's script (path, n bytes), loaded on first use (the
 * path as `preview --script` takes it: a file, relative to the current
 * directory, or an embedded preset's name). *owned: loaded for this case
 * only (the cache is full): unload it after. -1 with *err when it does not
 * load. */
static int case_script_handle(case_runner *cr, const char *path, size_t n, bool *owned, const char **err, jarena *a)
{
    *owned = false;
    for (int i = 0; i < cr->nscripts; i++)
        if (strlen(cr->scripts[i].path) == n && memcmp(cr->scripts[i].path, path, n) == 0) {
            *err = cr->scripts[i].err;
            return cr->scripts[i].handle;
        }
    char *p = jarena_strdup(a, path, n);
    char msg[EV_MSG_MAX];
    int h = -1;
    if (!p) snprintf(msg, sizeof msg, "out of memory");
    else if (strlen(p) != n) snprintf(msg, sizeof msg, "a script path must not hold a NUL byte");
    else h = script_load(cr->c->lua, NULL, p, msg, sizeof msg);
    const char *why = h < 0 ? jarena_strdup(a, msg, strlen(msg)) : NULL;
    *err = why;
    if (cr->nscripts == CASE_SCRIPTS_MAX) {
        *owned = h >= 0;
        return h;
    }
    case_script *cs = &cr->scripts[cr->nscripts];
    cs->path = strndup(path, n);
    cs->err = why ? strdup(why) : NULL;
    if (!cs->path || (why && !cs->err)) {
        free(cs->path);
        free(cs->err);
        *owned = h >= 0;
        return h;
    }
    cs->handle = h;
    *err = cs->err;
    cr->nscripts++;
    return h;
}

/* The config's mapping named name (n bytes): its index in c->subs, or -1
 * after the error line (none, or more than one of that name). */
static int config_mapping_index(const case_runner *cr, const char *name, size_t n, jbuf *b)
{
    const config *c = cr->c;
    int found = -1, count = 0;
    for (int k = 0; k < c->nsubs; k++)
        if (c->entries[k].index && strlen(c->subs[k].name) == n && memcmp(c->subs[k].name, name, n) == 0) {
            if (found < 0) found = k;
            count++;
        }
    if (count == 1) return found;
    char nm[300];
    snprintf(nm, sizeof nm, "%.*s", (int)(n > 256 ? 256 : n), name);
    if (count > 1) case_error(b, "CaseError", "More than one config mapping is named %s", nm, "");
    else if (!c->path) case_error(b, "CaseError", "Unknown config mapping: %s (no config: preview --config FILE)", nm, "");
    else case_error(b, "CaseError", "Unknown config mapping: %s", nm, "");
    return -1;
}

/* The case's subscriptions: the presets that have a trigger, or the one
 * action it names (with its `subscribe` trigger, *trig). Returns how many, or
 * -1 after writing the error line. */
static int case_subs(const case_runner *cr, const char *aname, const jv *subscribe, const case_mapping *cm,
                     subscription *subs, trigger **trig, jbuf *b)
{
    int nsubs = 0;
    if (!aname[0]) {
        for (int i = 0; i < ACTION_COUNT; i++)
            if (cr->preset_trig[i]) subs[nsubs++] = case_sub(cr, &ACTIONS[i], cr->preset_trig[i], cm);
        return nsubs;
    }
    const action *act = action_find(aname);
    if (!act) {
        case_error(b, "CaseError", "Unknown action: %s", aname, "");
        return -1;
    }
    if (subscribe && subscribe->type == JV_STR) {
        char src[4096], terr[512];
        snprintf(src, sizeof src, "%.*s", (int)subscribe->n, subscribe->u.s);
        *trig = trigger_parse(src, terr, sizeof terr);
        if (!*trig) {
            case_error(b, "InvalidSubscription", "Invalid subscription : %s", terr, "");
            return -1;
        }
    }
    subs[nsubs++] = case_sub(cr, act, *trig, cm);
    return nsubs;
}

/* The result line of a mapped event: its requests, the first error (the
 * event's, else the first simulated HTTP failure), the matched actions. */
static void write_result(jbuf *b, const ev_result *r, const char *key, size_t keylen, const jv *response)
{
    jbuf_puts(b, "{\"requests\":[");
    int nreq = 0;
    ev_error http = {0};
    bool http_failed = false;
    for (int i = 0; i < r->nmatched; i++) {
        if (!r->r[i].ok) continue;
        if (nreq) jbuf_putc(b, ',');
        write_request(b, &r->r[i].req, key, keylen);
        int st = response_status(response, nreq++);
        if ((st < 200 || st > 299) && !http_failed) {
            http_failed = true;
            ev_error_set(&http, "HTTPError", st, NULL, "%s", status_text(st));
        }
    }
    jbuf_puts(b, "],\"error\":");
    if (r->failed) write_error(b, &r->err);
    else if (http_failed) write_error(b, &http);
    else jbuf_puts(b, "null");
    jbuf_puts(b, ",\"actions\":[");
    for (int i = 0; i < r->nmatched; i++) {
        if (i) jbuf_putc(b, ',');
        json_write_string(b, r->r[i].sub->act->key, strlen(r->r[i].sub->act->key));
    }
    jbuf_puts(b, "]}");
}

static void run_case(case_runner *cr, const jv *cs, jarena *a, jbuf *b)
{
    config *c = cr->c;
    static const jv empty_obj = {.type = JV_OBJ};
    const jv *event = jv_getz(cs, "event");
    if (!event) event = &empty_obj;
    const jv *settings = jv_getz(cs, "settings");
    if (!settings) settings = &cr->default_settings;
    else if (settings->type == JV_NULL) settings = &empty_obj;
    const jv *response = jv_getz(cs, "response");
    const jv *actv = jv_getz(cs, "action");
    char aname[128] = "";
    if (actv && actv->type == JV_STR) snprintf(aname, sizeof aname, "%.*s", (int)actv->n, actv->u.s);

    if (aname[0] && is_delete_action(aname)) {
        run_delete(b, c, event, settings, response, a);
        return;
    }

    const jv *cmap = jv_getz(cs, "config_mapping"), *script = jv_getz(cs, "script"), *mapping = jv_getz(cs, "mapping");
    if (cmap && (cmap->type != JV_STR || actv || mapping || script)) {
        case_error(b, "CaseError", "%s", "config_mapping names a mapping of the config (a string), given without "
                   "action, mapping or script", "");
        return;
    }
    if (script && (script->type != JV_STR || mapping)) {
        case_error(b, "CaseError", "%s", "script is the path of a mapping script (a string), given without mapping", "");
        return;
    }
    case_mapping cm = {.script = -1};
    bool owned = false;
    if (script) {
        const char *why = NULL;
        cm.script = case_script_handle(cr, script->u.s, script->n, &owned, &why, a);
        if (cm.script < 0) {
            case_error(b, "ScriptError", "%s", why ? why : "the script did not load", "");
            return;
        }
    }
    compile_case_mapping(mapping, jv_getz(cs, "mappingOverrides"), a, &cm);
    subscription subs[ACTION_COUNT];
    trigger *trig = NULL;
    int nsubs;
    if (cmap) {
        /* the config's mapping as run has it (its trigger unless the case
         * gives one; enabled or not), the case's overrides merged over it */
        int k = config_mapping_index(cr, cmap->u.s, cmap->n, b);
        nsubs = k < 0 ? -1 : case_subs(cr, c->subs[k].act->key, jv_getz(cs, "subscribe"), &cm, subs, &trig, b);
        if (nsubs > 0) {
            subs[0] = c->subs[k];
            subs[0].enabled = true;
            if (trig) subs[0].trig = trig;
            if (cm.oprog) subs[0].overrides = cm.oprog;
            if (cm.broken) subs[0].broken = cm.broken;
        }
    } else {
        nsubs = case_subs(cr, aname, jv_getz(cs, "subscribe"), &cm, subs, &trig, b);
    }
    if (nsubs >= 0) {
        mapper m = {.lua = c->lua, .subs = subs, .nsubs = nsubs, .ep = c->ep};
        ev_result r;
        const char *key = "";
        size_t keylen = 0;
        map_event(&m, event, settings, a, &r, &key, &keylen);
        write_result(b, &r, key, keylen, response);
    }
    if (cm.prog) mk_free(cm.prog);
    if (cm.oprog) mk_free(cm.oprog);
    if (trig) trigger_free(trig);
    if (owned) luahost_unload(c->lua, cm.script);
}

/* One input line, without its newline: at most CASE_LINE_MAX bytes of it are
 * kept; the rest of a longer line is read and dropped. */
typedef struct {
    char *p;
    size_t cap, len;
    bool over;        /* longer than CASE_LINE_MAX (len is then CASE_LINE_MAX) */
    bool oom;         /* the buffer could not grow: the line is dropped as well */
    bool blank;       /* nothing but spaces, tabs and CRs */
} case_line;

/* Reads the next line of in into l; false at the end of the input (nothing
 * read). Byte by byte (getc_unlocked): it never waits for input beyond the
 * line's newline, as getline does not either. */
static bool read_case_line(FILE *in, case_line *l)
{
    int ch;
    bool any = false;
    l->len = 0;
    l->over = l->oom = false;
    l->blank = true;
    flockfile(in);
    while ((ch = getc_unlocked(in)) != EOF) {
        any = true;
        if (ch == '\n') break;
        if (ch != ' ' && ch != '\t' && ch != '\r') l->blank = false;
        if (l->over || l->oom) continue;
        if (l->len == CASE_LINE_MAX) {
            l->over = true;
            continue;
        }
        if (l->len + 1 >= l->cap) {
            size_t nc = l->cap ? l->cap * 2 : 4096;
            if (nc > CASE_LINE_MAX + 1) nc = CASE_LINE_MAX + 1;
            char *np = realloc(l->p, nc);
            if (!np) {
                l->oom = true;
                continue;
            }
            l->p = np;
            l->cap = nc;
        }
        l->p[l->len++] = (char)ch;
    }
    funlockfile(in);
    return any;
}

long preview_cases(config *c, FILE *in, FILE *out)
{
    case_runner cr = {.c = c};
    jarena_init(&cr.keep, 0);
    for (int i = 0; i < ACTION_COUNT; i++) {
        char err[256];
        cr.preset_trig[i] = ACTIONS[i].preset_trigger ? trigger_parse(ACTIONS[i].preset_trigger, err, sizeof err) : NULL;
    }
    cr.default_settings = jv_obj_new(&cr.keep, 1);
    cr.default_settings.u.members[0] = (jmember){"apiKey", 6, jv_strref("test-api-key", 12)};

    jarena a;
    jarena_init(&a, (size_t)256 << 20);
    jbuf b;
    jbuf_init(&b);
    case_line l = {0};
    const jlimits lim = {.max_bytes = CASE_LINE_MAX};
    long bad = 0, lineno = 0;
    while (read_case_line(in, &l)) {
        lineno++;
        if (l.blank) continue;
        const char *line = l.p;
        size_t n = l.len;
        while (n > 0 && line[n - 1] == '\r') n--;
        jarena_reset(&a);
        jbuf_reset(&b);
        jv cs;
        jerr je;
        if (l.over || l.oom) {
            char msg[128];
            if (l.over)
                snprintf(msg, sizeof msg, "line %ld: longer than %zu bytes (the most a case line may have)", lineno,
                         (size_t)CASE_LINE_MAX);
            else
                snprintf(msg, sizeof msg, "line %ld: out of memory reading the line", lineno);
            case_error(&b, "CaseError", "%s", msg, "");
            bad++;
        } else if (json_parse(&a, line, n, &lim, &cs, &je)) {
            char msg[300];
            snprintf(msg, sizeof msg, "line %ld: %s", lineno, je.msg);
            case_error(&b, "CaseError", "%s", msg, "");
            bad++;
        } else if (cs.type != JV_OBJ) {
            char msg[64];
            snprintf(msg, sizeof msg, "line %ld", lineno);
            case_error(&b, "CaseError", "%s: a case must be a JSON object", msg, "");
            bad++;
        } else {
            run_case(&cr, &cs, &a, &b);
        }
        jbuf_putc(&b, '\n');
        fwrite(b.p, 1, b.len, out);
    }
    free(l.p);
    jbuf_free(&b);
    jarena_free(&a);
    jarena_free(&cr.keep);
    for (int i = 0; i < ACTION_COUNT; i++)
        if (cr.preset_trig[i]) trigger_free(cr.preset_trig[i]);
    for (int i = 0; i < cr.nscripts; i++) {
        if (cr.scripts[i].handle >= 0) luahost_unload(c->lua, cr.scripts[i].handle);
        free(cr.scripts[i].path);
        free(cr.scripts[i].err);
    }
    fflush(out);
    return bad;
}
