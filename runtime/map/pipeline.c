/* pipeline.c — trigger -> mapping -> schema -> request, for one event. */
#include "map/pipeline.h"

#include "lib/clock.h"

#include <string.h>

/* {...fields, ...overrides}: an override replaces the value in place or is
 * appended. */
static int merge_fields(jarena *a, const jv *base, const jv *over, jv *out)
{
    uint32_t bn = base->type == JV_OBJ ? base->n : 0;
    jv o = jv_obj_new(a, (size_t)bn + over->n);
    if (o.type != JV_OBJ) return -1;
    uint32_t k = 0;
    for (uint32_t i = 0; i < bn; i++) o.u.members[k++] = base->u.members[i];
    for (uint32_t i = 0; i < over->n; i++) {
        const jmember *m = &over->u.members[i];
        bool found = false;
        for (uint32_t j = 0; j < bn; j++) {
            jmember *t = &o.u.members[j];
            if (t->klen == m->klen && memcmp(t->key, m->key, m->klen) == 0) {
                t->val = m->val;
                found = true;
                break;
            }
        }
        if (!found) o.u.members[k++] = *m;
    }
    o.n = k;
    *out = o;
    return 0;
}

static int run_mapping(const mapper *m, const subscription *s, const jv *event, const jv *settings, jarena *a,
                       jv *fields, ev_error *err)
{
    char msg[EV_MSG_MAX];
    if (s->broken) {
        ev_error_set(err, "AggregateError", 0, NULL, "%s", s->broken);
        return -1;
    }
    if (s->kind == MAP_SCRIPT) {
        int rc = luahost_run(m->lua, s->script, event, settings, a, fields, err);
        if (rc) return rc; /* 1: declined */
    } else if (mk_eval(s->prog, event, a, fields, msg, sizeof msg)) {
        ev_error_set(err, "Error", 0, NULL, "%s", msg);
        return -1;
    }
    if (s->overrides) {
        jv over;
        if (mk_eval(s->overrides, event, a, &over, msg, sizeof msg)) {
            ev_error_set(err, "Error", 0, NULL, "%s", msg);
            return -1;
        }
        if (over.type == JV_OBJ && merge_fields(a, fields, &over, fields)) {
            ev_error_set(err, "Error", 500, NULL, "out of memory while mapping");
            return -1;
        }
    }
    return 0;
}

/* Takes the subscriptions whose script declined the event out of r->r[]
 * (order kept) into r->declined[]. */
static void drop_declined(ev_result *r, const bool *declined)
{
    int k = 0;
    for (int i = 0; i < r->nmatched; i++) {
        if (declined[i]) r->declined[r->ndeclined++] = r->r[i].sub;
        else r->r[k++] = r->r[i];
    }
    r->nmatched = k;
}

/* Upstream's framework throws on a null context once the payload is valid,
 * before perform (it destructures event.context); the same answer here. */
static int null_context(const jv *event, ev_error *err)
{
    const jv *ctx = jv_getz(event, "context");
    if (!ctx || ctx->type != JV_NULL) return 0;
    ev_error_set(err, "TypeError", 0, NULL, "Cannot destructure property 'personas' of '{}' as it is null.");
    return -1;
}

/* Upstream's request client refuses a header value it cannot send (a
 * TypeError quoting the value; ours does not quote it: it is the API key). */
static int illegal_key(const char *key, size_t keylen, ev_error *err)
{
    if (header_value_legal(key, keylen)) return 0;
    ev_error_set(err, "TypeError", 0, NULL, ILLEGAL_KEY_MESSAGE);
    return -1;
}

int map_event(const mapper *m, const jv *event, const jv *settings, jarena *a, ev_result *r, const char **api_key,
              size_t *api_key_len)
{
    r->nmatched = 0;
    r->ndeclined = 0;
    r->failed = false;
    for (int i = 0; i < m->nsubs; i++) {
        const subscription *s = &m->subs[i];
        if (!s->enabled) continue;
        if (s->trig && !trigger_match(s->trig, event)) continue;
        sub_result *sr = &r->r[r->nmatched++];
        sr->sub = s;
        sr->ok = false;
    }
    /* Settings are checked first, matched or not (upstream's onSubscriptions). */
    if (settings_validate(settings, a, api_key, api_key_len, &r->err)) {
        r->failed = true;
        for (int i = 0; i < r->nmatched; i++) {
            r->r[i].err_name = r->err.name;
            r->r[i].err_status = r->err.status;
            r->r[i].err_msg = r->err.message;
        }
        return 0;
    }
    if (r->nmatched == 0) return 0;
    int built = 0;
    ev_error local;
    bool declined[MAX_MAPPINGS] = {false};
    for (int i = 0; i < r->nmatched; i++) {
        sub_result *sr = &r->r[i];
        ev_error *err = r->failed ? &local : &r->err;
        jv fields;
        payload p;
        int64_t t0 = m->timed ? clock_mono_ns() : 0;
        int mapped = run_mapping(m, sr->sub, event, settings, a, &fields, err);
        sr->script_ns = m->timed ? clock_mono_ns() - t0 : 0;
        if (mapped == 1) {
            declined[i] = true;
            continue;
        }
        if (mapped || schema_validate(sr->sub->act, &fields, a, &p, err) || null_context(event, err) ||
            illegal_key(*api_key, *api_key_len, err) || action_request(&p, &m->ep, a, &sr->req, err)) {
            r->failed = true;
            sr->err_name = err->name;
            sr->err_status = err->status;
            sr->err_msg = jarena_strdup(a, err->message, strlen(err->message));
            continue;
        }
        sr->ok = true;
        built++;
    }
    drop_declined(r, declined);
    return built;
}
