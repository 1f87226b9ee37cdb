/* fixtures.c — fixture lines, subset matching, and running a config's
 * fixtures through the pipeline. */
#include "config/fixtures.h"

#include "config/fields.h"
#include "lib/file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const FIXTURE_KEYS[] = {"event", "settings", "mapping", "desc", "expect", NULL};
const char *const FIXTURE_EXPECT_KEYS[] = {"body", "error", "skip", NULL};

/* ---- parsing ----------------------------------------------------------------- */
static int known_keys(const jv *o, const char *const *known, const char *where, char *err, size_t errlen)
{
    int nk = 0;
    while (known[nk]) nk++;
    for (uint32_t i = 0; i < o->n; i++) {
        const jmember *m = &o->u.members[i];
        bool found = false;
        for (int j = 0; j < nk && !found; j++) found = strlen(known[j]) == m->klen && memcmp(known[j], m->key, m->klen) == 0;
        if (found) continue;
        int best = closest_word(m->key, m->klen, known, nk);
        if (best >= 0)
            snprintf(err, errlen, "unknown key '%.*s' in %s (did you mean '%s'?)", (int)m->klen, m->key, where,
                     known[best]);
        else
            snprintf(err, errlen, "unknown key '%.*s' in %s", (int)m->klen, m->key, where);
        return -1;
    }
    return 0;
}

int fixture_parse(const char *text, size_t len, jarena *a, fixture *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    jv line;
    jerr je;
    if (json_parse(a, text, len, NULL, &line, &je)) {
        snprintf(err, errlen, "%s", je.msg);
        return -1;
    }
    if (line.type != JV_OBJ) {
        snprintf(err, errlen, "a fixture must be a JSON object, not %s", jv_type_phrase(&line));
        return -1;
    }
    if (known_keys(&line, FIXTURE_KEYS, "the fixture", err, errlen)) return -1;
    const jv *ev = jv_getz(&line, "event");
    if (!ev) {
        snprintf(err, errlen, "missing \"event\"");
        return -1;
    }
    if (ev->type != JV_OBJ) {
        snprintf(err, errlen, "\"event\" must be an object, not %s", jv_type_phrase(ev));
        return -1;
    }
    out->event = *ev;
    const jv *st = jv_getz(&line, "settings");
    if (st && st->type != JV_OBJ) {
        snprintf(err, errlen, "\"settings\" must be an object, not %s", jv_type_phrase(st));
        return -1;
    }
    if (st) out->settings = *st;
    const jv *mp = jv_getz(&line, "mapping");
    if (mp && mp->type != JV_STR) {
        snprintf(err, errlen, "\"mapping\" must be the name of a mapping (a string)");
        return -1;
    }
    if (mp) out->mapping = jarena_strdup(a, mp->u.s, mp->n);
    const jv *ex = jv_getz(&line, "expect");
    if (!ex) {
        snprintf(err, errlen, "missing \"expect\" ({\"body\": {...}}, {\"error\": \"...\"} or {\"skip\": true})");
        return -1;
    }
    if (ex->type != JV_OBJ) {
        snprintf(err, errlen, "\"expect\" must be an object: {\"body\": {...}}, {\"error\": \"...\"} or {\"skip\": true}");
        return -1;
    }
    if (known_keys(ex, FIXTURE_EXPECT_KEYS, "\"expect\"", err, errlen)) return -1;
    const jv *body = jv_getz(ex, "body"), *e = jv_getz(ex, "error"), *skip = jv_getz(ex, "skip");
    if ((body != NULL) + (e != NULL) + (skip != NULL) != 1) {
        snprintf(err, errlen, "\"expect\" must have one of \"body\", \"error\" and \"skip\"");
        return -1;
    }
    if (body) {
        out->kind = FIXTURE_BODY;
        out->body = *body;
    } else if (e) {
        if (e->type != JV_STR) {
            snprintf(err, errlen, "\"expect\".\"error\" must be a string (a part of the error's message)");
            return -1;
        }
        out->kind = FIXTURE_ERROR;
        out->error = jarena_strdup(a, e->u.s, e->n);
    } else {
        if (skip->type != JV_BOOL || !skip->b) {
            snprintf(err, errlen, "\"expect\".\"skip\" must be true");
            return -1;
        }
        out->kind = FIXTURE_SKIP;
    }
    if (mp && !out->mapping) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

/* ---- subset matching ------------------------------------------------------------ */
/* v as JSON, at most 120 bytes of it ("..." after). */
static void show(const jv *v, char *out, size_t cap)
{
    if (!v) {
        snprintf(out, cap, "nothing (no such key)");
        return;
    }
    jbuf b;
    jbuf_init(&b);
    json_write(&b, v);
    const char *s = jbuf_cstr(&b);
    if (b.oom) snprintf(out, cap, "(out of memory)");
    else if (b.len > 120) snprintf(out, cap, "%.117s...", s);
    else snprintf(out, cap, "%s", s);
    jbuf_free(&b);
}

typedef struct {
    char *diff;
    size_t cap, len;
    int count;
} diffs;

static void add_diff(diffs *d, const char *path, const jv *want, const jv *got)
{
    char w[160], g[160];
    show(want, w, sizeof w);
    show(got, g, sizeof g);
    d->count++;
    if (d->len + 1 >= d->cap) return;
    int n = snprintf(d->diff + d->len, d->cap - d->len, "%s%s: expected %s, got %s", d->len ? "; " : "", path, w, g);
    if (n > 0) d->len += (size_t)n < d->cap - d->len ? (size_t)n : d->cap - d->len - 1;
}

static void subset(const jv *want, const jv *got, const char *path, diffs *d)
{
    if (want->type != JV_OBJ) {
        if (!got || !jv_equal(want, got)) add_diff(d, path, want, got);
        return;
    }
    if (!got || got->type != JV_OBJ) {
        add_diff(d, path, want, got);
        return;
    }
    for (uint32_t i = 0; i < want->n; i++) {
        const jmember *m = &want->u.members[i];
        if (m->val.type == JV_UNDEF) continue;
        char p[512];
        snprintf(p, sizeof p, "%s.%.*s", path, (int)m->klen, m->key);
        subset(&m->val, jv_get(got, m->key, m->klen), p, d);
    }
}

int json_subset(const jv *want, const jv *got, const char *path, char *diff, size_t difflen)
{
    diffs d = {.diff = diff, .cap = difflen};
    if (difflen) diff[0] = 0;
    subset(want, got, path, &d);
    return d.count;
}

void fixture_file_of(const char *file, char *out, size_t cap)
{
    size_t n = strlen(file);
    if (n > 4 && strcmp(file + n - 4, ".lua") == 0) n -= 4;
    snprintf(out, cap, "%.*s.fixtures.ndjson", (int)n, file);
}

/* ---- running ---------------------------------------------------------------------- */
typedef struct {
    const config *c;
    problem_list *pl;
    fixture_stats *st;
    jarena a;               /* one line's */
    jv settings;            /* the config's, with a stand-in key when it has none */
    jarena keep;
    problem_list seen;      /* warnings given already: "k\x1fmessage" */
} fx_run;

#define FIXTURE_STAND_IN_KEY "fixture-api-key"

/* Warns (once per mapping and message) of output keys that are not fields. */
static void output_warnings(fx_run *r, int k, const jv *event, const jv *settings, const char *file, int line)
{
    const subscription *s = &r->c->subs[k];
    jv fields;
    ev_error err;
    char msg[EV_MSG_MAX];
    if (s->kind == MAP_SCRIPT && luahost_run(r->c->lua, s->script, event, settings, &r->a, &fields, &err)) return;
    if (s->kind == MAP_KIT && mk_eval(s->prog, event, &r->a, &fields, msg, sizeof msg)) return;
    char label[300], pre[320];
    config_entry_label(r->c, k, label, sizeof label);
    snprintf(pre, sizeof pre, "%s: ", label);
    problem_list tmp;
    problems_init(&tmp);
    field_warnings(&tmp, file, line, pre, s->act, &fields, true);
    for (int i = 0; i < tmp.n; i++) {
        char key[4200];
        snprintf(key, sizeof key, "%d\x1f%s", k, tmp.v[i].msg);
        bool dup = false;
        for (int j = 0; j < r->seen.n && !dup; j++) dup = strcmp(r->seen.v[j].msg, key) == 0;
        if (dup) continue;
        problem_add(&r->seen, PROBLEM_WARNING, NULL, 0, "%s", key);
        problem_add(r->pl, PROBLEM_WARNING, tmp.v[i].file, tmp.v[i].line, "%s", tmp.v[i].msg);
    }
    problems_free(&tmp);
}

/* The first line of s (an error message with a stack traceback). */
static int first_line_len(const char *s)
{
    const char *nl = strchr(s, '\n');
    return nl ? (int)(nl - s) : (int)strlen(s);
}

/* Fixture fx (of file:line) through subscription k. Returns true when it passed. */
static bool run_one(fx_run *r, const fixture *fx, int k, const char *file, int line)
{
    const config *c = r->c;
    subscription one = c->subs[k];
    one.trig = NULL;      /* the fixture's own mapping: its trigger is not asked */
    one.enabled = true;
    mapper m = {.lua = c->lua, .subs = &one, .nsubs = 1, .ep = c->ep};
    const jv *settings = fx->settings.type == JV_OBJ ? &fx->settings : &r->settings;
    ev_result res;
    const char *key = "";
    size_t keylen = 0;
    map_event(&m, &fx->event, settings, &r->a, &res, &key, &keylen);
    char label[300];
    config_entry_label(c, k, label, sizeof label);
    bool ok = false;
    char diff[2048];
    if (fx->kind == FIXTURE_BODY) {
        if (res.failed) {
            problem_add(r->pl, PROBLEM_ERROR, file, line, "fixture failed: expected a request, got %s: %.*s (in %s)",
                        res.err.name, first_line_len(res.err.message), res.err.message, label);
        } else {
            const request *rq = &res.r[0].req;
            jv got = jv_null();
            jerr je;
            if (rq->body && json_parse(&r->a, rq->body, rq->body_len, NULL, &got, &je)) got = jv_null();
            if (json_subset(&fx->body, &got, "body", diff, sizeof diff))
                problem_add(r->pl, PROBLEM_ERROR, file, line, "fixture failed: %s (in %s)", diff, label);
            else
                ok = true;
        }
    } else if (!res.failed) {
        const request *rq = &res.r[0].req;
        problem_add(r->pl, PROBLEM_ERROR, file, line,
                    "fixture failed: expected an error containing \"%s\", got a request: %s %s %.200s%s (in %s)",
                    fx->error, rq->method, rq->url, rq->body ? rq->body : "", rq->body && rq->body_len > 200 ? "..." : "",
                    label);
    } else {
        char whole[EV_MSG_MAX + 64];
        snprintf(whole, sizeof whole, "%s: %s", res.err.name, res.err.message);
        if (strstr(whole, fx->error)) ok = true;
        else
            problem_add(r->pl, PROBLEM_ERROR, file, line,
                        "fixture failed: expected an error containing \"%s\", got %s: %.*s (in %s)", fx->error,
                        res.err.name, first_line_len(res.err.message), res.err.message, label);
    }
    output_warnings(r, k, &fx->event, settings, file, line);
    return ok;
}

/* The subscription named name among those in ks (nk of them; NULL: all),
 * or -1 after an error at file:line. */
static int find_mapping(fx_run *r, const char *name, const int *ks, int nk, const char *file, int line)
{
    const config *c = r->c;
    int found = -1, count = 0;
    const char *names[MAX_MAPPINGS];
    int n = ks ? nk : c->nsubs;
    for (int i = 0; i < n; i++) {
        int k = ks ? ks[i] : i;
        names[i] = c->subs[k].name;
        if (strcmp(c->subs[k].name, name) == 0) {
            if (found < 0) found = k;
            count++;
        }
    }
    if (count == 1) return found;
    if (count > 1) {
        problem_add(r->pl, PROBLEM_ERROR, file, line, "%d mappings are named \"%s\": give them different names", count,
                    name);
        return -1;
    }
    int best = closest_word(name, strlen(name), names, n);
    const jv *maps = jv_getz(&c->root, "mappings");
    for (uint32_t i = 0; !ks && maps && maps->type == JV_ARR && i < maps->n; i++) {
        const jv *nm = jv_getz(&maps->u.items[i], "name");
        if (nm && nm->type == JV_STR && nm->n == strlen(name) && memcmp(nm->u.s, name, nm->n) == 0) {
            problem_add(r->pl, PROBLEM_ERROR, file, line, "mappings[%u] (\"%s\") did not load: its fixtures cannot run",
                        i + 1, name);
            return -1;
        }
    }
    if (ks)
        problem_add(r->pl, PROBLEM_ERROR, file, line, "\"%s\" is not a mapping that uses this script%s%s%s", name,
                    best >= 0 ? " (did you mean \"" : "", best >= 0 ? names[best] : "", best >= 0 ? "\"?)" : "");
    else
        problem_add(r->pl, PROBLEM_ERROR, file, line, "no mapping named \"%s\" in the config%s%s%s", name,
                    best >= 0 ? " (did you mean \"" : "", best >= 0 ? names[best] : "", best >= 0 ? "\"?)" : "");
    return -1;
}

/* Every line of file: through ks (nk subscriptions using a script), or, with
 * ks NULL, through the mapping each line names. */
static void run_file(fx_run *r, const char *file, const int *ks, int nk)
{
    size_t len;
    char err[512];
    char *text = file_read_all(file, &len, err, sizeof err);
    if (!text) {
        problem_add(r->pl, PROBLEM_ERROR, file, 0, "cannot read the fixtures: %s", err);
        return;
    }
    r->st->files++;
    int lineno = 0;
    for (char *p = text, *end = text + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char *line = p;
        p += n + 1;
        lineno++;
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t')) n--;
        size_t lead = 0;
        while (lead < n && (line[lead] == ' ' || line[lead] == '\t')) lead++;
        if (lead == n) continue;
        r->st->lines++;
        jarena_reset(&r->a);
        fixture fx;
        if (fixture_parse(line, n, &r->a, &fx, err, sizeof err)) {
            problem_add(r->pl, PROBLEM_ERROR, file, lineno, "bad fixture: %s", err);
            r->st->failed++;
            continue;
        }
        if (!ks && !fx.mapping) {
            problem_add(r->pl, PROBLEM_ERROR, file, lineno,
                        "bad fixture: a fixture of the config must name its mapping (\"mapping\": \"<name>\")");
            r->st->failed++;
            continue;
        }
        if (fx.kind == FIXTURE_SKIP) {
            r->st->skipped++;
            continue;
        }
        bool ok = true;
        if (fx.mapping) {
            int k = find_mapping(r, fx.mapping, ks, nk, file, lineno);
            ok = k >= 0 && run_one(r, &fx, k, file, lineno);
        } else {
            for (int i = 0; i < nk; i++) ok = run_one(r, &fx, ks[i], file, lineno) && ok;
        }
        if (ok) r->st->passed++;
        else r->st->failed++;
    }
    free(text);
}

int fixtures_run(const config *c, problem_list *out, fixture_stats *st)
{
    fixture_stats local;
    if (!st) st = &local;
    memset(st, 0, sizeof *st);
    int errors0 = out->errors;
    fx_run r = {.c = c, .pl = out, .st = st};
    jarena_init(&r.a, (size_t)256 << 20);
    jarena_init(&r.keep, 0);
    problems_init(&r.seen);
    r.settings = c->settings;
    if (!jv_getz(&r.settings, "apiKey")) {
        jv ns = jv_obj_new(&r.keep, c->settings.n + 1);
        if (c->settings.n) memcpy(ns.u.members, c->settings.u.members, c->settings.n * sizeof(jmember));
        ns.u.members[c->settings.n] = (jmember){"apiKey", 6, jv_strref(FIXTURE_STAND_IN_KEY, strlen(FIXTURE_STAND_IN_KEY))};
        r.settings = ns;
    }
    char file[1100];
    if (c->path) {
        fixture_file_of(c->path, file, sizeof file);
        if (access(file, F_OK) == 0) run_file(&r, file, NULL, 0);
    }
    for (int k = 0; k < c->nsubs; k++) {
        const char *sf = c->entries[k].script_file;
        if (!sf) continue;
        bool before = false;
        for (int j = 0; j < k && !before; j++) before = c->entries[j].script_file && strcmp(c->entries[j].script_file, sf) == 0;
        if (before) continue;
        int ks[MAX_MAPPINGS], nk = 0;
        for (int j = k; j < c->nsubs; j++)
            if (c->entries[j].script_file && strcmp(c->entries[j].script_file, sf) == 0) ks[nk++] = j;
        fixture_file_of(sf, file, sizeof file);
        if (access(file, F_OK) == 0) run_file(&r, file, ks, nk);
    }
    problems_free(&r.seen);
    jarena_free(&r.keep);
    jarena_free(&r.a);
    return out->errors - errors0;
}
