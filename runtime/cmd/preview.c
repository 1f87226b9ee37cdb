/* preview.c — case lines in, result lines out; and the person-facing preview. */
#include "cmd/preview.h"

#include "lib/file.h"

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
typedef struct {
    config *c;
    trigger *preset_trig[ACTION_COUNT];
    jv default_settings;
    jarena keep;
} case_runner;

static void case_error(jbuf *b, const char *name, const char *fmt, const char *detail, const char *actions)
{
    ev_error e;
    ev_error_set(&e, name, 0, NULL, fmt, detail);
    jbuf_puts(b, "{\"requests\":[],\"error\":");
    write_error(b, &e);
    jbuf_printf(b, ",\"actions\":[%s]}", actions);
}

static void run_delete(jbuf *b, config *c, const jv *event, const jv *settings, const jv *response, jarena *a)
{
    ev_error err;
    const char *key;
    size_t keylen;
    if (settings_validate(settings, a, &key, &keylen, &err)) {
        jbuf_puts(b, "{\"requests\":[],\"error\":");
        write_error(b, &err);
        jbuf_puts(b, ",\"actions\":[\"onDelete\"]}");
        return;
    }
    if (!header_value_legal(key, keylen)) {
        jbuf_puts(b, "{\"requests\":[],\"error\":");
        ev_error_set(&err, "TypeError", 0, NULL, ILLEGAL_KEY_MESSAGE);
        write_error(b, &err);
        jbuf_puts(b, ",\"actions\":[\"onDelete\"]}");
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
    const jv *mapping = jv_getz(cs, "mapping");
    const jv *over = jv_getz(cs, "mappingOverrides");
    const jv *subscribe = jv_getz(cs, "subscribe");
    char aname[128] = "";
    if (actv && actv->type == JV_STR) snprintf(aname, sizeof aname, "%.*s", (int)actv->n, actv->u.s);

    if (aname[0] && is_delete_action(aname)) {
        run_delete(b, c, event, settings, response, a);
        return;
    }

    subscription subs[ACTION_COUNT];
    int nsubs = 0;
    char merr[EV_MSG_MAX];
    mk_program *prog = NULL, *oprog = NULL;
    trigger *trig = NULL;
    const char *broken = NULL;
    if (mapping && mapping->type == JV_OBJ) {
        prog = mk_compile(mapping, merr, sizeof merr);
        if (!prog) broken = jarena_strdup(a, merr, strlen(merr));
    }
    if (!broken && over && over->type == JV_OBJ) {
        oprog = mk_compile(over, merr, sizeof merr);
        if (!oprog) broken = jarena_strdup(a, merr, strlen(merr));
    }
    if (!aname[0]) {
        for (int i = 0; i < ACTION_COUNT; i++) {
            if (!cr->preset_trig[i]) continue;
            subs[nsubs++] = (subscription){
                .name = ACTIONS[i].title, .act = &ACTIONS[i], .trig = cr->preset_trig[i],
                .kind = prog ? MAP_KIT : MAP_SCRIPT, .script = c->presets[i], .prog = prog,
                .overrides = oprog, .enabled = true, .broken = broken};
        }
    } else {
        const action *act = action_find(aname);
        if (!act) {
            case_error(b, "CaseError", "Unknown action: %s", aname, "");
            goto done;
        }
        if (subscribe && subscribe->type == JV_STR) {
            char src[4096], terr[512];
            snprintf(src, sizeof src, "%.*s", (int)subscribe->n, subscribe->u.s);
            trig = trigger_parse(src, terr, sizeof terr);
            if (!trig) {
                case_error(b, "InvalidSubscription", "Invalid subscription : %s", terr, "");
                goto done;
            }
        }
        subs[nsubs++] = (subscription){
            .name = act->title, .act = act, .trig = trig, .kind = prog ? MAP_KIT : MAP_SCRIPT,
            .script = c->presets[act - ACTIONS], .prog = prog, .overrides = oprog, .enabled = true,
            .broken = broken};
    }
    {
        mapper m = {.lua = c->lua, .subs = subs, .nsubs = nsubs, .ep = c->ep};
        ev_result r;
        const char *key = "";
        size_t keylen = 0;
        map_event(&m, event, settings, a, &r, &key, &keylen);
        jbuf_puts(b, "{\"requests\":[");
        int nreq = 0;
        ev_error http = {0};
        bool http_failed = false;
        for (int i = 0; i < r.nmatched; i++) {
            if (!r.r[i].ok) continue;
            if (nreq) jbuf_putc(b, ',');
            write_request(b, &r.r[i].req, key, keylen);
            int st = response_status(response, nreq++);
            if ((st < 200 || st > 299) && !http_failed) {
                http_failed = true;
                ev_error_set(&http, "HTTPError", st, NULL, "%s", status_text(st));
            }
        }
        jbuf_puts(b, "],\"error\":");
        if (r.failed) write_error(b, &r.err);
        else if (http_failed) write_error(b, &http);
        else jbuf_puts(b, "null");
        jbuf_puts(b, ",\"actions\":[");
        for (int i = 0; i < r.nmatched; i++) {
            if (i) jbuf_putc(b, ',');
            json_write_string(b, r.r[i].sub->act->key, strlen(r.r[i].sub->act->key));
        }
        jbuf_puts(b, "]}");
    }
done:
    if (prog) mk_free(prog);
    if (oprog) mk_free(oprog);
    if (trig) trigger_free(trig);
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
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long bad = 0, lineno = 0;
    while ((n = getline(&line, &cap, in)) != -1) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
        size_t i = 0;
        while (i < (size_t)n && (line[i] == ' ' || line[i] == '\t')) i++;
        if (i == (size_t)n) continue;
        jarena_reset(&a);
        jbuf_reset(&b);
        jv cs;
        jerr je;
        if (json_parse(&a, line, (size_t)n, NULL, &cs, &je)) {
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
    free(line);
    jbuf_free(&b);
    jarena_free(&a);
    jarena_free(&cr.keep);
    for (int i = 0; i < ACTION_COUNT; i++)
        if (cr.preset_trig[i]) trigger_free(cr.preset_trig[i]);
    fflush(out);
    return bad;
}

/* ---- person mode ----------------------------------------------------------- */
#define NO_KEY "(no API key set: settings.apiKey or ENCHARGE_API_KEY)"

static void masked(FILE *out, const char *key, size_t n)
{
    if (n == strlen(NO_KEY) && memcmp(key, NO_KEY, n) == 0) {
        fputs(NO_KEY, out);
        return;
    }
    for (size_t i = 0; i < n; i++) fputc(n >= 12 && i >= n - 4 ? key[i] : '*', out);
}

static void print_one(FILE *out, const subscription *s, const ev_result *r, const char *key, size_t keylen, jarena *a)
{
    const char *how = s->kind == MAP_KIT ? "mapping-kit mapping" : "script";
    fprintf(out, "── %s (%s) — subscription \"%s\", %s\n", s->act->title, s->act->key, s->name, how);
    if (r->failed) {
        fprintf(out, "   ✗ %s", r->err.name);
        if (r->err.status) fprintf(out, " (%d)", r->err.status);
        fprintf(out, ": %s\n\n", r->err.message);
        return;
    }
    const request *rq = &r->r[0].req;
    fprintf(out, "%s %s\n", rq->method, rq->url);
    for (int i = 0; i < REQUEST_HEADER_COUNT; i++) {
        fprintf(out, "%s: ", REQUEST_HEADERS[i].name);
        if (REQUEST_HEADERS[i].value) fputs(REQUEST_HEADERS[i].value, out);
        else masked(out, key, keylen);
        fputc('\n', out);
    }
    if (rq->body) {
        jv body;
        jerr je;
        jbuf pb;
        jbuf_init(&pb);
        if (json_parse(a, rq->body, rq->body_len, NULL, &body, &je) == 0) json_write_pretty(&pb, &body, 2);
        fprintf(out, "\n%s\n", jbuf_cstr(&pb));
        jbuf_free(&pb);
    }
    fputc('\n', out);
}

int preview_event(config *c, const preview_opts *o, FILE *out)
{
    size_t len;
    char ferr[256];
    char *text = file_read_all(o->event_file, &len, ferr, sizeof ferr);
    if (!text) {
        fprintf(stderr, "preview: cannot read %s: %m\n", o->event_file);
        return 2;
    }
    jarena a;
    jarena_init(&a, 0);
    int rc = 2;
    char err[EV_MSG_MAX];
    jv event;
    jerr je;
    subscription one;
    trigger *trig = NULL;
    mk_program *prog = NULL;
    char *mtext = NULL;
    int script = -1;
    const subscription *subs = c->subs;
    int nsubs = c->nsubs;
    /* One JSON event, or NDJSON: one event per line. */
    jv events;
    if (json_parse(&a, text, len, NULL, &event, &je) == 0) {
        events = jv_arr_new(&a, 1);
        events.u.items[0] = event;
    } else {
        size_t count = 0;
        for (size_t i = 0; i < len; i++) count += text[i] == '\n';
        events = jv_arr_new(&a, count + 1);
        events.n = 0;
        size_t lineno = 0;
        for (char *p = text, *end = text + len; p < end; lineno++) {
            char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
            size_t k = 0;
            while (k < n && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r')) k++;
            if (k < n && json_parse(&a, p, n, NULL, &events.u.items[events.n++], &je)) {
                fprintf(stderr, "preview: %s: line %zu: %s\n", o->event_file, lineno + 1, je.msg);
                goto out;
            }
            p += n + 1;
        }
    }
    if (o->action) {
        const action *act = action_find(o->action);
        if (!act) {
            fprintf(stderr, "preview: unknown action '%s'\n", o->action);
            goto out;
        }
        one = (subscription){.name = "preview", .act = act, .kind = MAP_SCRIPT,
                             .script = c->presets[act - ACTIONS], .enabled = true};
        if (o->subscribe) {
            trig = trigger_parse(o->subscribe, err, sizeof err);
            if (!trig) {
                fprintf(stderr, "preview: %s\n", err);
                goto out;
            }
            one.trig = trig;
        }
        if (o->script) {
            script = script_load(c->lua, NULL, o->script, err, sizeof err);
            if (script < 0) {
                fprintf(stderr, "preview: %s\n", err);
                goto out;
            }
            one.script = script;
        } else if (o->mapping) {
            size_t mlen;
            jv mj;
            mtext = file_read_all(o->mapping, &mlen, ferr, sizeof ferr);
            if (!mtext) {
                fprintf(stderr, "preview: cannot read %s: %m\n", o->mapping);
                goto out;
            }
            if (json_parse(&a, mtext, mlen, NULL, &mj, &je)) {
                fprintf(stderr, "preview: %s: %s\n", o->mapping, je.msg);
                goto out;
            }
            prog = mk_compile(&mj, err, sizeof err);
            if (!prog) {
                fprintf(stderr, "preview: %s: %s\n", o->mapping, err);
                goto out;
            }
            one.kind = MAP_KIT;
            one.prog = prog;
        }
        subs = &one;
        nsubs = 1;
    }
    /* A person previewing need not have an API key yet. */
    jv settings = c->settings;
    if (!jv_getz(&settings, "apiKey")) {
        jv ns = jv_obj_new(&a, settings.n + 1);
        if (settings.n) memcpy(ns.u.members, settings.u.members, settings.n * sizeof(jmember));
        ns.u.members[settings.n] = (jmember){"apiKey", 6, jv_strref(NO_KEY, strlen(NO_KEY))};
        settings = ns;
    }
    int failed = 0;
    for (uint32_t e = 0; e < events.n; e++) {
        const jv *ev = &events.u.items[e];
        if (events.n > 1) {
            const jv *t = jv_getz(ev, "type");
            fprintf(out, "━━ event %u%s%.*s\n", e + 1, t && t->type == JV_STR ? ": " : "",
                    t && t->type == JV_STR ? (int)t->n : 0, t && t->type == JV_STR ? t->u.s : "");
        }
        int matched = 0;
        for (int i = 0; i < nsubs; i++) {
            mapper m = {.lua = c->lua, .subs = &subs[i], .nsubs = 1, .ep = c->ep};
            ev_result r;
            const char *key = "";
            size_t keylen = 0;
            map_event(&m, ev, &settings, &a, &r, &key, &keylen);
            if (!r.nmatched) continue;
            matched++;
            if (r.failed) failed++;
            print_one(out, &subs[i], &r, key, keylen, &a);
        }
        if (!matched) fprintf(out, "No subscription matches this event (%d checked).\n\n", nsubs);
    }
    rc = failed ? 1 : 0;
out:
    free(text);
    free(mtext);
    if (prog) mk_free(prog);
    if (trig) trigger_free(trig);
    if (script >= 0) luahost_unload(c->lua, script);
    jarena_free(&a);
    return rc;
}
