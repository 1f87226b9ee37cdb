/* preview.c — the person-facing preview (`preview --event FILE`: the requests
 * of every matching subscription, pretty-printed, the API key masked), and the
 * `preview` command's options (case lines go to cases.c). */
#include "cmd/preview.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cases.h"
#include "cmd/help.h"
#include "lib/file.h"

/* ---- the person view ---------------------------------------------------------- */
#define NO_KEY "(no API key set: settings.apiKey or ENCHARGE_API_KEY)"

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
    bool no_key = keylen == strlen(NO_KEY) && memcmp(key, NO_KEY, keylen) == 0;
    char **lines = request_header_lines(key, keylen, no_key ? REQUEST_KEY_WHOLE : REQUEST_KEY_MASKED);
    for (int i = 0; lines && lines[i]; i++) fprintf(out, "%s\n", lines[i]);
    if (!lines) fputs("(the headers: out of memory)\n", out);
    free(lines);
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

/* The events of the file: one JSON event, or NDJSON (one event per line).
 * Returns 0, or -1 after a message on stderr. */
static int read_events(jarena *a, const char *file, char *text, size_t len, jv *events)
{
    jv event;
    jerr je;
    if (json_parse(a, text, len, NULL, &event, &je) == 0) {
        *events = jv_arr_new(a, 1);
        events->u.items[0] = event;
        return 0;
    }
    size_t count = 0;
    for (size_t i = 0; i < len; i++) count += text[i] == '\n';
    *events = jv_arr_new(a, count + 1);
    events->n = 0;
    size_t lineno = 0;
    for (char *p = text, *end = text + len; p < end; lineno++) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        size_t k = 0;
        while (k < n && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r')) k++;
        if (k < n && json_parse(a, p, n, NULL, &events->u.items[events->n++], &je)) {
            fprintf(stderr, "preview: %s: line %zu: %s\n", file, lineno + 1, je.msg);
            return -1;
        }
        p += n + 1;
    }
    return 0;
}

/* --action's one subscription, with what it owns (freed by one_free). */
typedef struct {
    subscription sub;
    trigger *trig;
    mk_program *prog;
    char *mtext;          /* the mapping's text: its parsed strings point into it */
    int script;           /* luahost handle of --script, -1 when none */
} one_sub;

/* --mapping FILE compiled into o->prog. Returns 0, or -1 after a message. */
static int load_mapping(const char *file, jarena *a, one_sub *o)
{
    size_t mlen;
    jv mj;
    jerr je;
    char ferr[256], err[EV_MSG_MAX];
    o->mtext = file_read_all(file, &mlen, ferr, sizeof ferr);
    if (!o->mtext) {
        fprintf(stderr, "preview: cannot read %s: %m\n", file);
        return -1;
    }
    if (json_parse(a, o->mtext, mlen, NULL, &mj, &je)) {
        fprintf(stderr, "preview: %s: %s\n", file, je.msg);
        return -1;
    }
    o->prog = mk_compile(&mj, err, sizeof err);
    if (!o->prog) {
        fprintf(stderr, "preview: %s: %s\n", file, err);
        return -1;
    }
    o->sub.kind = MAP_KIT;
    o->sub.prog = o->prog;
    return 0;
}

/* The subscription of --action, with --subscribe and --script or --mapping.
 * Returns 0, or -1 after a message on stderr. */
static int one_subscription(config *c, const preview_opts *po, jarena *a, one_sub *o)
{
    char err[EV_MSG_MAX];
    const action *act = action_find(po->action);
    if (!act) {
        fprintf(stderr, "preview: unknown action '%s'\n", po->action);
        return -1;
    }
    o->sub = (subscription){.name = "preview", .act = act, .kind = MAP_SCRIPT,
                            .script = c->presets[act - ACTIONS], .enabled = true};
    if (po->subscribe) {
        o->trig = trigger_parse(po->subscribe, err, sizeof err);
        if (!o->trig) {
            fprintf(stderr, "preview: %s\n", err);
            return -1;
        }
        o->sub.trig = o->trig;
    }
    if (po->script) {
        o->script = script_load(c->lua, NULL, po->script, err, sizeof err);
        if (o->script < 0) {
            fprintf(stderr, "preview: %s\n", err);
            return -1;
        }
        o->sub.script = o->script;
    } else if (po->mapping) {
        return load_mapping(po->mapping, a, o);
    }
    return 0;
}

static void one_free(config *c, one_sub *o)
{
    free(o->mtext);
    if (o->prog) mk_free(o->prog);
    if (o->trig) trigger_free(o->trig);
    if (o->script >= 0) luahost_unload(c->lua, o->script);
}

/* The config's settings; a person previewing need not have an API key yet. */
static jv preview_settings(const config *c, jarena *a)
{
    jv settings = c->settings;
    if (!jv_getz(&settings, "apiKey")) {
        jv ns = jv_obj_new(a, settings.n + 1);
        if (settings.n) memcpy(ns.u.members, settings.u.members, settings.n * sizeof(jmember));
        ns.u.members[settings.n] = (jmember){"apiKey", 6, jv_strref(NO_KEY, strlen(NO_KEY))};
        settings = ns;
    }
    return settings;
}

/* Every event through every subscription, printed; returns how many
 * matching subscriptions failed. */
static int print_events(config *c, const subscription *subs, int nsubs, const jv *events, const jv *settings,
                        jarena *a, FILE *out)
{
    int failed = 0;
    for (uint32_t e = 0; e < events->n; e++) {
        const jv *ev = &events->u.items[e];
        if (events->n > 1) {
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
            map_event(&m, ev, settings, a, &r, &key, &keylen);
            if (r.ndeclined) {
                fprintf(out, "── %s (%s) — subscription \"%s\": the script declined this event (returned nil): "
                             "nothing is sent\n\n", subs[i].act->title, subs[i].act->key, subs[i].name);
                matched++;
            }
            if (!r.nmatched) continue;
            matched++;
            if (r.failed) failed++;
            print_one(out, &subs[i], &r, key, keylen, a);
        }
        if (!matched) fprintf(out, "No subscription matches this event (%d checked).\n\n", nsubs);
    }
    return failed;
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
    one_sub one = {.script = -1};
    const subscription *subs = c->subs;
    int nsubs = c->nsubs;
    jv events;
    if (read_events(&a, o->event_file, text, len, &events)) goto out;
    if (o->action) {
        if (one_subscription(c, o, &a, &one)) goto out;
        subs = &one.sub;
        nsubs = 1;
    }
    jv settings = preview_settings(c, &a);
    rc = print_events(c, subs, nsubs, &events, &settings, &a, out) ? 1 : 0;
out:
    free(text);
    one_free(c, &one);
    jarena_free(&a);
    return rc;
}

/* ---- the command ------------------------------------------------------------- */
int cmd_preview(int argc, char **argv)
{
    static const struct option opts[] = {
        {"config", required_argument, 0, 'c'}, {"event", required_argument, 0, 'e'},
        {"action", required_argument, 0, 'a'}, {"script", required_argument, 0, 's'},
        {"mapping", required_argument, 0, 'm'}, {"subscribe", required_argument, 0, 't'},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    const char *cfg = NULL;
    preview_opts po = {0};
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "c:e:a:s:m:t:h", opts, NULL)) != -1) {
        switch (ch) {
        case 'c': cfg = optarg; break;
        case 'e': po.event_file = optarg; break;
        case 'a': po.action = optarg; break;
        case 's': po.script = optarg; break;
        case 'm': po.mapping = optarg; break;
        case 't': po.subscribe = optarg; break;
        case 'h': cmd_usage(stdout); return 0;
        default: cmd_usage(stderr); return 2;
        }
    }
    if ((po.script || po.mapping || po.subscribe) && !po.action) {
        fprintf(stderr, "preview: --script, --mapping and --subscribe need --action\n");
        return 2;
    }
    char err[4096];
    luahost *lua = luahost_new(NULL, err, sizeof err);
    if (!lua) {
        fprintf(stderr, "preview: %s\n", err);
        return 1;
    }
    config c;
    int rc;
    if (config_load(&c, po.event_file ? config_default_path(cfg) : cfg, lua, err, sizeof err)) {
        fprintf(stderr, "preview: %s\n", err);
        rc = 1;
    } else if (po.event_file) {
        /* what a script logs never shows the key */
        const jv *k = jv_getz(&c.settings, "apiKey");
        const char *secrets[2] = {k && k->type == JV_STR ? jarena_strdup(&c.arena, k->u.s, k->n) : NULL, NULL};
        luahost_set_secrets(lua, secrets);
        rc = preview_event(&c, &po, stdout);
        luahost_set_secrets(lua, NULL);
    } else {
        long bad = preview_cases(&c, stdin, stdout);
        if (bad) fprintf(stderr, "preview: %ld line(s) were not valid cases\n", bad);
        rc = 0;
    }
    config_free(&c);
    luahost_free(lua);
    return rc;
}
