/* eval.c — a compiled mapping resolved against an event: one evaluator per
 * node kind (EVALUATORS), the placeholders of @template (placeholders.js),
 * @flatten (flatten.js), @merge (Object.assign) and @excludeWhenNull. The
 * results live in the caller's arena (see mapkit.h, Memory). */
#include "map/mapkit/mapkit_int.h"

#include <stdarg.h>
#include <stdio.h>

/* ---- errors ---------------------------------------------------------------- */
int mk_efail(ectx *c, const char *fmt, ...)
{
    if (c->err && c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err, c->errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int mk_eoom(ectx *c) { return mk_efail(c, "out of memory while resolving the mapping"); }

static int ev(ectx *c, const node *n, const jv *pl, jv *out);

/* ---- @template placeholders -------------------------------------------------- */
/* get() result -> status */
static int get_status(ectx *c, int r)
{
    if (r == 0) return 0;
    return mk_eoom(c);
}

/* Appends String(get(payload, path) ?? '') */
static int tpl_put_path(ectx *c, sb *b, const jv *pl, const cpath *cp, const char *p, size_t n)
{
    jv v;
    int r = cp ? mk_get_static(c->a, pl, cp, &v) : mk_get_dyn(c->a, pl, p, n, &v);
    if (r) return get_status(c, r);
    mk_put_js_string(b, &v);
    return 0;
}

/* One replace pass over t: every {{x}} (braces 2) or {{{x}}} (braces 3)
 * placeholder by its value. Returns 0 with the text in *s and *sn (t itself
 * when nothing matched), -1 on error. */
static int render_pass(ectx *c, const char *t, size_t n, int braces, const jv *pl, const char **s, size_t *sn)
{
    size_t ms, me, is, ie, pos = 0;
    *s = t;
    *sn = n;
    if (!mk_tpl_next(t, n, 0, braces, &ms, &me, &is, &ie)) return 0;
    sb b;
    mk_sb_init(&b, c->a, n + 32);
    while (mk_tpl_next(t, n, pos, braces, &ms, &me, &is, &ie)) {
        sb_put(&b, t + pos, ms - pos);
        size_t a0, a1;
        js_trim(t + is, ie - is, &a0, &a1);
        if (tpl_put_path(c, &b, pl, NULL, t + is + a0, a1 - a0)) return -1;
        pos = me;
    }
    sb_put(&b, t + pos, n - pos);
    if (b.oom) return mk_eoom(c);
    *s = b.p;
    *sn = b.len;
    return 0;
}

/* placeholders.js: template.replace({{{x}}}) then .replace({{x}}) */
static int render(ectx *c, const char *t, size_t n, const jv *pl, jv *out)
{
    const char *s1, *s2;
    size_t n1, n2;
    if (render_pass(c, t, n, 3, pl, &s1, &n1) || render_pass(c, s1, n1, 2, pl, &s2, &n2)) return -1;
    *out = jv_strref(n2 ? s2 : "", n2); /* may be the program's literal: results are read-only */
    return 0;
}

/* ---- @flatten ------------------------------------------------------------- */
static void flat(ob *o, const jv *v, const char *prefix, size_t pn, const jv *sep, bool omit_arrays)
{
    if (o->oom) return;
    bool recurse = v->type == JV_OBJ || (!omit_arrays && v->type == JV_ARR);
    if (!recurse) {
        mk_ob_set(o, prefix ? prefix : "", (uint32_t)pn, *v);
        return;
    }
    const uint32_t *ord = NULL;
    if (v->type == JV_OBJ) {
        ord = mk_js_order(o->a, v, &o->oom);
        if (o->oom) return;
    }
    for (uint32_t i = 0; i < v->n; i++) {
        const char *k;
        size_t kn;
        char ib[16];
        const jv *val;
        if (v->type == JV_OBJ) {
            const jmember *m = &v->u.members[ord ? ord[i] : i];
            k = m->key;
            kn = m->klen;
            val = &m->val;
        } else {
            kn = (size_t)snprintf(ib, sizeof ib, "%u", i);
            k = ib;
            val = &v->u.items[i];
        }
        /* newKey = prefix ? `${prefix}${separator}${key}` : key */
        size_t nn = pn ? pn + sep->n + kn : kn;
        char *nk = jarena_alloc(o->a, nn + 1);
        if (!nk) { o->oom = true; return; }
        if (pn) {
            memcpy(nk, prefix, pn);
            memcpy(nk + pn, sep->u.s, sep->n);
            memcpy(nk + pn + sep->n, k, kn);
        } else if (kn) {
            memcpy(nk, k, kn);
        }
        nk[nn] = 0;
        flat(o, val, nk, nn, sep, omit_arrays);
    }
}

/* ---- @merge (Object.assign) ----------------------------------------------- */
static int assign_from(ectx *c, ob *o, const jv *src)
{
    switch (src->type) {
    case JV_OBJ: {
        const uint32_t *ord = mk_js_order(c->a, src, &o->oom);
        for (uint32_t i = 0; i < src->n && !o->oom; i++) {
            const jmember *m = &src->u.members[ord ? ord[i] : i];
            mk_ob_set(o, m->key, m->klen, m->val);
        }
        break;
    }
    case JV_ARR:
        for (uint32_t i = 0; i < src->n && !o->oom; i++) {
            char ib[16];
            int l = snprintf(ib, sizeof ib, "%u", i);
            char *k = jarena_strdup(c->a, ib, (size_t)l);
            if (!k) return mk_eoom(c);
            mk_ob_set(o, k, (uint32_t)l, src->u.items[i]);
        }
        break;
    case JV_STR: {
        uint64_t units = utf16_len(src->u.s, src->n);
        for (uint64_t i = 0; i < units && !o->oom; i++) {
            char ib[24];
            int l = snprintf(ib, sizeof ib, "%llu", (unsigned long long)i);
            char *k = jarena_strdup(c->a, ib, (size_t)l);
            jv ch;
            if (!k || mk_char_at(c->a, src->u.s, src->n, i, &ch) != 0) return mk_eoom(c);
            mk_ob_set(o, k, (uint32_t)l, ch);
        }
        break;
    }
    default: break; /* null, undefined, numbers, booleans: nothing */
    }
    return o->oom ? mk_eoom(c) : 0;
}

/* ---- @excludeWhenNull (cleanNulls) ---------------------------------------- */
static bool needs_clean(const jv *v)
{
    if (v->type != JV_OBJ) return false;
    for (uint32_t i = 0; i < v->n; i++) {
        const jv *x = &v->u.members[i].val;
        if (x->type == JV_NULL || needs_clean(x)) return true;
    }
    return false;
}

static int clean_nulls(ectx *c, const jv *v, jv *out)
{
    if (!needs_clean(v)) { *out = *v; return 0; }
    jv o = jv_obj_new(c->a, v->n);
    if (o.type != JV_OBJ) return mk_eoom(c);
    for (uint32_t i = 0; i < v->n; i++) {
        const jmember *m = &v->u.members[i];
        o.u.members[i].key = m->key;
        o.u.members[i].klen = m->klen;
        if (m->val.type == JV_NULL) o.u.members[i].val = jv_undef();
        else if (m->val.type == JV_OBJ) {
            if (clean_nulls(c, &m->val, &o.u.members[i].val)) return -1;
        } else o.u.members[i].val = m->val;
    }
    *out = o;
    return 0;
}

/* ---- one evaluator per node kind ------------------------------------------- */
static const jv EMPTY_OBJ = {JV_OBJ, 0, 0, {NULL}};

static int ev_lit(ectx *c, const node *n, const jv *pl, jv *out)
{
    (void)c, (void)pl;
    *out = n->u.lit;
    return 0;
}

static int ev_err(ectx *c, const node *n, const jv *pl, jv *out)
{
    (void)pl, (void)out;
    return mk_efail(c, "%s", n->u.err);
}

static int ev_obj(ectx *c, const node *n, const jv *pl, jv *out)
{
    jv o = jv_obj_new(c->a, n->u.obj.n);
    if (o.type != JV_OBJ) return mk_eoom(c);
    for (uint32_t i = 0; i < n->u.obj.n; i++) {
        o.u.members[i].key = n->u.obj.keys[i].key;
        o.u.members[i].klen = n->u.obj.keys[i].klen;
        if (ev(c, n->u.obj.vals[i], pl, &o.u.members[i].val)) return -1;
    }
    *out = o;
    return 0;
}

static int ev_arr(ectx *c, const node *n, const jv *pl, jv *out)
{
    jv a = jv_arr_new(c->a, n->u.arr.n);
    if (a.type != JV_ARR) return mk_eoom(c);
    for (uint32_t i = 0; i < n->u.arr.n; i++)
        if (ev(c, n->u.arr.items[i], pl, &a.u.items[i])) return -1;
    *out = a;
    return 0;
}

static int ev_path(ectx *c, const node *n, const jv *pl, jv *out)
{
    return get_status(c, mk_get_static(c->a, pl, &n->u.path, out));
}

/* The argument of a @path/@template computed at run time: a string, or an
 * error. */
static int dyn_arg(ectx *c, const node *n, const jv *pl, const char *what, jv *p)
{
    if (ev(c, n->u.arg, pl, p)) return -1;
    if (p->type != JV_STR) return mk_efail(c, "%s: expected string, got %s", what, jv_type_name(p));
    return 0;
}

static int ev_path_dyn(ectx *c, const node *n, const jv *pl, jv *out)
{
    jv p;
    if (dyn_arg(c, n, pl, "@path", &p)) return -1;
    const char *s = p.u.s;
    size_t len = p.n;
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] == '$' && s[i + 1] == '.') {
            if (i == 0) { s += 2; len -= 2; break; }
            char *t = jarena_alloc(c->a, len);
            if (!t) return mk_eoom(c);
            memcpy(t, s, i);
            memcpy(t + i, s + i + 2, len - i - 2);
            s = t;
            len -= 2;
            break;
        }
    }
    return get_status(c, mk_get_dyn(c->a, pl, s, len, out));
}

static int ev_tpl_dyn(ectx *c, const node *n, const jv *pl, jv *out)
{
    jv p;
    if (dyn_arg(c, n, pl, "@template", &p)) return -1;
    return render(c, p.u.s, p.n, pl, out);
}

static int ev_tpl(ectx *c, const node *n, const jv *pl, jv *out)
{
    sb b;
    mk_sb_init(&b, c->a, 64);
    for (uint32_t i = 0; i < n->u.tpl.n; i++) {
        const tpl_piece *p = &n->u.tpl.p[i];
        if (p->s) sb_put(&b, p->s, p->n);
        else if (tpl_put_path(c, &b, pl, &p->path, NULL, 0)) return -1;
    }
    if (b.oom) return mk_eoom(c);
    *out = sb_jv(&b);
    return 0;
}

static int ev_tpl_raw(ectx *c, const node *n, const jv *pl, jv *out)
{
    return render(c, n->u.raw.s, n->u.raw.n, pl, out);
}

static int ev_if(ectx *c, const node *n, const jv *pl, jv *out)
{
    jv v;
    if (ev(c, n->u.iff.cond, pl, &v)) return -1;
    bool cond = !nullish(&v) && (!n->u.iff.blank || !mk_loose_eq_empty(&v));
    if (cond && n->u.iff.then_) return ev(c, n->u.iff.then_, pl, out);
    if (!cond && n->u.iff.else_) return ev(c, n->u.iff.else_, pl, out);
    return 0;
}

static int ev_array_path(ectx *c, const node *n, const jv *pl, jv *out)
{
    jv root;
    if (n->u.ap.fixed) {
        if (get_status(c, mk_get_static(c->a, pl, &n->u.ap.path, &root))) return -1;
    } else if (ev(c, n->u.ap.root, pl, &root)) {
        return -1;
    }
    if ((root.type == JV_OBJ || root.type == JV_ARR) && n->u.ap.shape) {
        const jv *items = root.type == JV_ARR ? root.u.items : &root;
        uint32_t cnt = root.type == JV_ARR ? root.n : 1;
        jv a = jv_arr_new(c->a, cnt);
        if (a.type != JV_ARR) return mk_eoom(c);
        for (uint32_t i = 0; i < cnt; i++)
            if (ev(c, n->u.ap.shape, &items[i], &a.u.items[i])) return -1;
        *out = a;
        return 0;
    }
    *out = root;
    return 0;
}

static int ev_case(ectx *c, const node *n, const jv *pl, jv *out)
{
    jv v;
    if (ev(c, n->u.cs.value, pl, &v)) return -1;
    if (v.type != JV_STR) { *out = v; return 0; }
    if (n->u.cs.op == CASE_BAD) return mk_efail(c, "operator key should have a value of \"lower\" or \"upper\"");
    return mk_change_case(c, &v, n->u.cs.op == CASE_UPPER, out);
}

static int ev_replace(ectx *c, const node *n, const jv *pl, jv *out)
{
    jv v;
    if (ev(c, n->u.rp.value, pl, &v)) return -1;
    static const jv empty = {JV_STR, 0, 0, {""}};
    *out = empty;
    if (v.type == JV_BOOL || v.type == JV_NUM) {
        sb b;
        mk_sb_init(&b, c->a, 32);
        mk_put_js_string(&b, &v);
        if (b.oom) return mk_eoom(c);
        v = sb_jv(&b);
    }
    if (v.type != JV_STR || !n->u.rp.ok) return 0;
    jv r;
    if (mk_replace(c, &v, &n->u.rp.pat, &n->u.rp.rep, n->u.rp.global, n->u.rp.icase, &r)) return -1;
    if (n->u.rp.second && mk_replace(c, &r, &n->u.rp.pat2, &n->u.rp.rep2, n->u.rp.global, n->u.rp.icase, &r))
        return -1;
    *out = r;
    return 0;
}

static int ev_json(ectx *c, const node *n, const jv *pl, jv *out)
{
    jv v;
    if (ev(c, n->u.js.value, pl, &v)) return -1;
    if (n->u.js.mode == JSON_ENCODE) {
        if (v.type == JV_UNDEF || v.type == JV_FUNC) return 0; /* JSON.stringify gives undefined */
        jbuf b;
        jbuf_init(&b);
        json_write(&b, &v);
        *out = b.oom ? jv_undef() : jv_str(c->a, b.p ? b.p : "", b.len);
        jbuf_free(&b);
        return out->type == JV_STR ? 0 : mk_eoom(c);
    }
    if (n->u.js.mode == JSON_DECODE) {
        *out = v;
        if (v.type == JV_STR) {
            jv parsed;
            if (json_parse(c->a, v.u.s, v.n, NULL, &parsed, NULL) == 0) *out = parsed;
        }
    }
    return 0;
}

static int ev_flatten(ectx *c, const node *n, const jv *pl, jv *out)
{
    jv sep, v;
    if (ev(c, n->u.fl.sep, pl, &sep)) return -1;
    if (sep.type != JV_STR) return mk_efail(c, "@flatten requires a string separator");
    if (ev(c, n->u.fl.value, pl, &v)) return -1;
    ob o;
    ob_init(&o, c->a);
    flat(&o, &v, NULL, 0, &sep, n->u.fl.omit);
    if (o.oom) return mk_eoom(c);
    *out = mk_ob_jv(&o);
    return 0;
}

static int ev_merge(ectx *c, const node *n, const jv *pl, jv *out)
{
    jv dir;
    if (ev(c, n->u.mg.dir, pl, &dir)) return -1;
    if (n->u.mg.objects_err) return mk_efail(c, "%s", n->u.mg.objects_err);
    jv *vals = jarena_alloc(c->a, (n->u.mg.n ? n->u.mg.n : 1) * sizeof *vals);
    if (!vals) return mk_eoom(c);
    for (uint32_t i = 0; i < n->u.mg.n; i++)
        if (ev(c, n->u.mg.objs[i], pl, &vals[i])) return -1;
    bool left = str_is(&dir, "left");
    ob o;
    ob_init(&o, c->a);
    for (uint32_t i = 0; i < n->u.mg.n; i++)
        if (assign_from(c, &o, &vals[left ? n->u.mg.n - 1 - i : i])) return -1;
    *out = mk_ob_jv(&o);
    return 0;
}

static int ev_transform(ectx *c, const node *n, const jv *pl, jv *out)
{
    const jv *data = pl->type == JV_UNDEF ? &EMPTY_OBJ : pl; /* transform(m, data = {}) */
    if (data->type != JV_OBJ) return mk_efail(c, "data must be an object, got %s", jv_type_name(data));
    jv np;
    if (ev(c, n->u.tf.apply, data, &np)) return -1;
    return ev(c, n->u.tf.mapping, &np, out);
}

static int ev_exclude_when_null(ectx *c, const node *n, const jv *pl, jv *out)
{
    jv v;
    if (ev(c, n->u.arg, pl, &v)) return -1;
    if (v.type == JV_NULL) return 0;
    return clean_nulls(c, &v, out);
}

typedef int (*ev_fn)(ectx *c, const node *n, const jv *pl, jv *out);

static const ev_fn EVALUATORS[NK_COUNT] = {
    [NK_LIT] = ev_lit,
    [NK_OBJ] = ev_obj,
    [NK_ARR] = ev_arr,
    [NK_PATH] = ev_path,
    [NK_PATH_DYN] = ev_path_dyn,
    [NK_IF] = ev_if,
    [NK_TPL] = ev_tpl,
    [NK_TPL_RAW] = ev_tpl_raw,
    [NK_TPL_DYN] = ev_tpl_dyn,
    [NK_ARRAYPATH] = ev_array_path,
    [NK_CASE] = ev_case,
    [NK_REPLACE] = ev_replace,
    [NK_JSON] = ev_json,
    [NK_FLATTEN] = ev_flatten,
    [NK_MERGE] = ev_merge,
    [NK_TRANSFORM] = ev_transform,
    [NK_EXCL] = ev_exclude_when_null,
    [NK_ERR] = ev_err,
};

static int ev(ectx *c, const node *n, const jv *pl, jv *out)
{
    *out = jv_undef();
    if (n->kind >= NK_COUNT || !EVALUATORS[n->kind]) return mk_efail(c, "internal error: bad mapping node");
    return EVALUATORS[n->kind](c, n, pl, out);
}

int mk_eval(const mk_program *p, const jv *event, jarena *a, jv *out, char *err, size_t errlen)
{
    ectx c = {a, err, errlen};
    if (err && errlen) err[0] = 0;
    *out = jv_undef();
    if (!p || !p->root) return mk_efail(&c, "no mapping");
    const jv *ev_ = event && event->type != JV_UNDEF ? event : &EMPTY_OBJ;
    if (p->need_object && ev_->type != JV_OBJ) return mk_efail(&c, "data must be an object, got %s", jv_type_name(ev_));
    jv r;
    if (ev(&c, p->root, ev_, &r)) return -1;
    *out = r;
    return 0;
}
