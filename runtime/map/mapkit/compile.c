/* compile.c — the compiled form of a mapping (mapkit_int.h's node): the
 * mapping validated (validate.c), then resolve() read once — one compile
 * function per directive (DIRECTIVES), paths pre-split, literals copied. */
#include "map/mapkit/mapkit_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- compiler ------------------------------------------------------------ */
typedef struct {
    jarena *a;
    char *err;
    size_t errlen;
    bool failed;
} cctx;

static int cfail(cctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int cfail(cctx *c, const char *fmt, ...)
{
    if (!c->failed && c->err && c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err, c->errlen, fmt, ap);
        va_end(ap);
    }
    c->failed = true;
    return -1;
}

static void *calloc_node(cctx *c, uint8_t kind)
{
    node *n = jarena_alloc(c->a, sizeof *n);
    if (!n) { cfail(c, "out of memory compiling the mapping"); return NULL; }
    memset(n, 0, sizeof *n);
    n->kind = kind;
    return n;
}

static const char *cstrdup(cctx *c, const char *s, size_t n)
{
    char *p = jarena_strdup(c->a, s, n);
    if (!p) cfail(c, "out of memory compiling the mapping");
    return p;
}

static node *err_node(cctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static node *err_node(cctx *c, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    node *n = calloc_node(c, NK_ERR);
    if (!n) return NULL;
    n->u.err = cstrdup(c, buf, strlen(buf));
    return n->u.err ? n : NULL;
}

static node *lit_node(cctx *c, const jv *v)
{
    node *n = calloc_node(c, NK_LIT);
    if (!n) return NULL;
    if (!v) return n; /* undefined */
    if (jv_clone(c->a, v, &n->u.lit)) { cfail(c, "out of memory compiling the mapping"); return NULL; }
    return n;
}

static bool rstr_set(cctx *c, rstr *r, const jv *v)
{
    r->s = cstrdup(c, v->u.s, v->n);
    r->n = v->n;
    r->units = (uint32_t)utf16_len(v->u.s, v->n);
    return r->s != NULL;
}

/* Pre-splits a get() path (quotes removed, indexes parsed). */
static int compile_path(cctx *c, const char *p, size_t n, cpath *out)
{
    size_t pos = 0, s, e;
    uint32_t count = 0;
    while (mk_seg_next(p, n, &pos, &s, &e)) count++;
    out->n = count;
    out->s = NULL;
    if (!count) return 0;
    out->s = jarena_alloc(c->a, count * sizeof *out->s);
    if (!out->s) return cfail(c, "out of memory compiling the mapping");
    pos = 0;
    for (uint32_t i = 0; mk_seg_next(p, n, &pos, &s, &e); i++) {
        char *d = jarena_alloc(c->a, e - s + 1);
        if (!d) return cfail(c, "out of memory compiling the mapping");
        size_t k = mk_strip_quotes(d, p + s, e - s);
        d[k] = 0;
        mk_seg_set(&out->s[i], d, (uint32_t)k);
    }
    return 0;
}

/* path.replace('$.', ''): the first occurrence, wherever it is. */
static int compile_dollar_path(cctx *c, const char *p, size_t n, cpath *out)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (p[i] == '$' && p[i + 1] == '.') {
            char *t = jarena_alloc(c->a, n);
            if (!t) return cfail(c, "out of memory compiling the mapping");
            memcpy(t, p, i);
            memcpy(t + i, p + i + 2, n - i - 2);
            return compile_path(c, t, n - 2, out);
        }
    }
    return compile_path(c, p, n, out);
}

bool mk_tpl_next(const char *t, size_t n, size_t from, int braces, size_t *ms, size_t *me, size_t *is, size_t *ie)
{
    for (size_t i = from; i + (size_t)braces * 2 < n; i++) {
        bool open = true;
        for (int b = 0; b < braces; b++)
            if (t[i + (size_t)b] != '{') { open = false; break; }
        if (!open) continue;
        size_t j = i + (size_t)braces;
        while (j < n && t[j] != '}') j++;
        if (j == i + (size_t)braces) continue; /* [^}]+ needs one character */
        if (j + (size_t)braces > n) continue;
        bool close = true;
        for (int b = 0; b < braces; b++)
            if (t[j + (size_t)b] != '}') { close = false; break; }
        if (!close) continue;
        *ms = i;
        *me = j + (size_t)braces;
        *is = i + (size_t)braces;
        *ie = j;
        return true;
    }
    return false;
}

static node *c_value(cctx *c, const jv *v, const stk *s);

static bool has_directive(const jv *v)
{
    if (v->type == JV_ARR) {
        for (uint32_t i = 0; i < v->n; i++)
            if (has_directive(&v->u.items[i])) return true;
        return false;
    }
    if (v->type != JV_OBJ) return false;
    if (mk_is_directive(v)) return true;
    for (uint32_t i = 0; i < v->n; i++)
        if (has_directive(&v->u.members[i].val)) return true;
    return false;
}

static node *c_template(cctx *c, const jv *v)
{
    size_t ms, me, is, ie;
    if (mk_tpl_next(v->u.s, v->n, 0, 3, &ms, &me, &is, &ie)) {
        /* a {{{x}}} substitution may create new {{x}}: render at run time */
        node *n = calloc_node(c, NK_TPL_RAW);
        if (!n || !rstr_set(c, &n->u.raw, v)) return NULL;
        return n;
    }
    node *n = calloc_node(c, NK_TPL);
    if (!n) return NULL;
    const char *t = v->u.s;
    size_t len = v->n, pos = 0, count = 0;
    while (mk_tpl_next(t, len, pos, 2, &ms, &me, &is, &ie)) {
        count += 2;
        pos = me;
    }
    count++;
    n->u.tpl.p = jarena_alloc(c->a, count * sizeof(tpl_piece));
    if (!n->u.tpl.p) { cfail(c, "out of memory compiling the mapping"); return NULL; }
    memset(n->u.tpl.p, 0, count * sizeof(tpl_piece));
    uint32_t k = 0;
    pos = 0;
    while (mk_tpl_next(t, len, pos, 2, &ms, &me, &is, &ie)) {
        if (ms > pos) {
            n->u.tpl.p[k].s = cstrdup(c, t + pos, ms - pos);
            n->u.tpl.p[k++].n = (uint32_t)(ms - pos);
        }
        size_t a, b;
        js_trim(t + is, ie - is, &a, &b);
        if (compile_path(c, t + is + a, b - a, &n->u.tpl.p[k++].path)) return NULL;
        pos = me;
    }
    if (pos < len) {
        n->u.tpl.p[k].s = cstrdup(c, t + pos, len - pos);
        n->u.tpl.p[k++].n = (uint32_t)(len - pos);
    }
    n->u.tpl.n = k;
    return c->failed ? NULL : n;
}

static const char *js_typeof(const jv *v)
{
    switch (v ? v->type : JV_UNDEF) {
    case JV_BOOL: return "boolean";
    case JV_NUM: return "number";
    case JV_STR: return "string";
    case JV_UNDEF: return "undefined";
    case JV_FUNC: return "function";
    default: return "object";
    }
}

static node *compile_mapping(cctx *c, const jv *mapping, bool validated, const stk *s);

/* ---- one compile function per directive ------------------------------------ */
/* o is the directive's value, ds the stack down to its key (ds->up: the
 * directive object's). */
typedef node *(*dir_compile)(cctx *c, const jv *o, const stk *ds);

/* The field `name` of a directive's value, compiled (its stack: ds/name). */
static node *c_field(cctx *c, const jv *v, const stk *ds, const char *name)
{
    stk fs = {ds, name, strlen(name)};
    return c_value(c, v, &fs);
}

/* A node of kind whose argument is the value o compiled. */
static node *arg_node(cctx *c, uint8_t kind, const jv *o, const stk *ds)
{
    node *n = calloc_node(c, kind);
    if (!n || !(n->u.arg = c_value(c, o, ds))) return NULL;
    return n;
}

static node *d_path(cctx *c, const jv *o, const stk *ds)
{
    if (o->type != JV_STR) return arg_node(c, NK_PATH_DYN, o, ds);
    node *n = calloc_node(c, NK_PATH);
    if (!n || compile_dollar_path(c, o->u.s, o->n, &n->u.path)) return NULL;
    return n;
}

static node *d_template(cctx *c, const jv *o, const stk *ds)
{
    if (o->type != JV_STR) return arg_node(c, NK_TPL_DYN, o, ds);
    return c_template(c, o);
}

static node *d_literal(cctx *c, const jv *o, const stk *ds) { return c_value(c, o, ds); }

static node *d_exclude_when_null(cctx *c, const jv *o, const stk *ds) { return arg_node(c, NK_EXCL, o, ds); }

static node *d_if(cctx *c, const jv *o, const stk *ds)
{
    if (o->type != JV_OBJ) return err_node(c, "@if requires an object with an \"exists\" key");
    const jv *ex = mk_member(o, "exists"), *bl = mk_member(o, "blank");
    if (!js_truthy(ex) && !js_truthy(bl)) return err_node(c, "@if requires an \"exists\" key or a \"blank\" key");
    node *n = calloc_node(c, NK_IF);
    if (!n) return NULL;
    n->u.iff.blank = !ex;
    if (!(n->u.iff.cond = c_field(c, ex ? ex : bl, ds, ex ? "exists" : "blank"))) return NULL;
    const jv *th = mk_member(o, "then"), *el = mk_member(o, "else");
    if (th && !(n->u.iff.then_ = c_field(c, th, ds, "then"))) return NULL;
    if (js_truthy(el) && !(n->u.iff.else_ = c_field(c, el, ds, "else"))) return NULL;
    return n;
}

static node *d_case(cctx *c, const jv *o, const stk *ds)
{
    if (o->type != JV_OBJ) return err_node(c, "@case requires an object with a \"operator\" key");
    const jv *op = mk_member(o, "operator"), *val = mk_member(o, "value");
    if (!js_truthy(op)) return err_node(c, "@case requires a \"operator\" key");
    if (!js_truthy(val)) return lit_node(c, NULL);
    node *n = calloc_node(c, NK_CASE);
    if (!n) return NULL;
    n->u.cs.op = str_is(op, "lower") ? CASE_LOWER : str_is(op, "upper") ? CASE_UPPER : CASE_BAD;
    if (!(n->u.cs.value = c_field(c, val, ds, "value"))) return NULL;
    return n;
}

static node *d_replace(cctx *c, const jv *o, const stk *ds)
{
    if (o->type != JV_OBJ) return err_node(c, "@replace requires an object with a \"pattern\" key");
    const jv *pat = mk_member(o, "pattern");
    if (!js_truthy(pat)) return err_node(c, "@replace requires a \"pattern\" key");
    const jv *rep = mk_member(o, "replacement"), *pat2 = mk_member(o, "pattern2"), *rep2 = mk_member(o, "replacement2");
    const jv *ic = mk_member(o, "ignorecase"), *gl = mk_member(o, "global"), *val = mk_member(o, "value");
    static const jv empty = {JV_STR, 0, 0, {""}};
    static const jv jfalse = {JV_BOOL, 0, 0, {NULL}}, jtrue = {JV_BOOL, 1, 0, {NULL}};
    if (nullish(rep)) rep = &empty;
    if (js_truthy(pat2) && nullish(rep2)) rep2 = &empty;
    if (nullish(ic)) ic = &jfalse;
    if (nullish(gl)) gl = &jtrue;
    if (!js_truthy(val)) return lit_node(c, NULL);
    node *n = calloc_node(c, NK_REPLACE);
    if (!n) return NULL;
    if (!(n->u.rp.value = c_field(c, val, ds, "value"))) return NULL;
    n->u.rp.ok = pat->type == JV_STR && rep->type == JV_STR && ic->type == JV_BOOL && gl->type == JV_BOOL;
    if (n->u.rp.ok) {
        n->u.rp.icase = ic->b;
        n->u.rp.global = gl->b;
        if (!rstr_set(c, &n->u.rp.pat, pat) || !rstr_set(c, &n->u.rp.rep, rep)) return NULL;
        if (js_truthy(pat2) && pat2->type == JV_STR && rep2 && rep2->type == JV_STR) {
            n->u.rp.second = true;
            if (!rstr_set(c, &n->u.rp.pat2, pat2) || !rstr_set(c, &n->u.rp.rep2, rep2)) return NULL;
        }
    }
    return n;
}

static node *d_array_path(cctx *c, const jv *o, const stk *ds)
{
    if (o->type != JV_ARR) return err_node(c, "@arrayPath expected array, got %s", jv_type_name(o));
    const jv *p = o->n > 0 ? &o->u.items[0] : NULL, *shape = o->n > 1 ? &o->u.items[1] : NULL;
    if (p && p->type == JV_UNDEF) p = NULL;
    node *n = calloc_node(c, NK_ARRAYPATH);
    if (!n) return NULL;
    if (p && p->type == JV_STR) {
        n->u.ap.fixed = true;
        if (compile_dollar_path(c, p->u.s, p->n, &n->u.ap.path)) return NULL;
    } else if (!(n->u.ap.root = c_field(c, p, ds, "0"))) {
        return NULL;
    }
    if (shape && shape->type == JV_OBJ && shape->n > 0) {
        bool any = false;
        for (uint32_t i = 0; i < shape->n; i++)
            if (shape->u.members[i].val.type != JV_UNDEF) any = true;
        if (any && !(n->u.ap.shape = c_field(c, shape, ds, "1"))) return NULL;
    }
    return n;
}

static node *d_json(cctx *c, const jv *o, const stk *ds)
{
    if (o->type != JV_OBJ) return err_node(c, "@json requires an object with a \"value\" key");
    const jv *mode = mk_member(o, "mode"), *val = mk_member(o, "value");
    if (!js_truthy(mode)) return err_node(c, "@json requires a \"mode\" key");
    if (!js_truthy(val)) return err_node(c, "@json requires a \"value\" key");
    node *n = calloc_node(c, NK_JSON);
    if (!n) return NULL;
    n->u.js.mode = str_is(mode, "encode") ? JSON_ENCODE : str_is(mode, "decode") ? JSON_DECODE : JSON_NONE;
    if (!(n->u.js.value = c_field(c, val, ds, "value"))) return NULL;
    return n;
}

static node *d_flatten(cctx *c, const jv *o, const stk *ds)
{
    if (o->type != JV_OBJ) return err_node(c, "@flatten requires an object with a \"separator\" key");
    const jv *sep = mk_member(o, "separator"), *val = mk_member(o, "value");
    if (!js_truthy(sep)) return err_node(c, "@flatten requires a \"separator\" key");
    node *n = calloc_node(c, NK_FLATTEN);
    if (!n) return NULL;
    if (!(n->u.fl.sep = c_field(c, sep, ds, "separator"))) return NULL;
    if (!(n->u.fl.value = c_field(c, val, ds, "value"))) return NULL;
    n->u.fl.omit = js_truthy(mk_member(o, "omitArrays"));
    return n;
}

/* @merge's "objects": an error kept for run time, or the objects compiled. */
static node *merge_objects(cctx *c, node *n, const jv *objs, const stk *ds)
{
    if (!js_truthy(objs)) {
        n->u.mg.objects_err = cstrdup(c, "@merge requires a \"objects\" key", 31);
        return n->u.mg.objects_err ? n : NULL;
    }
    if (objs->type != JV_ARR) {
        char buf[80];
        snprintf(buf, sizeof buf, "@merge: expected opts.array, got %s", js_typeof(objs));
        n->u.mg.objects_err = cstrdup(c, buf, strlen(buf));
        return n->u.mg.objects_err ? n : NULL;
    }
    n->u.mg.n = objs->n;
    n->u.mg.objs = jarena_alloc(c->a, (objs->n ? objs->n : 1) * sizeof(node *));
    if (!n->u.mg.objs) { cfail(c, "out of memory compiling the mapping"); return NULL; }
    for (uint32_t i = 0; i < objs->n; i++) {
        char ib[16];
        int il = snprintf(ib, sizeof ib, "%u", i);
        stk os = {ds, "objects", 7}, is = {&os, ib, (size_t)il};
        const jv *it = &objs->u.items[i];
        if (!(n->u.mg.objs[i] = c_value(c, it->type == JV_UNDEF ? NULL : it, &is))) return NULL;
    }
    return n;
}

static node *d_merge(cctx *c, const jv *o, const stk *ds)
{
    if (o->type != JV_OBJ)
        return err_node(c, "@merge requires an object with an \"objects\" key and a \"direction\" key");
    const jv *dir = mk_member(o, "direction"), *objs = mk_member(o, "objects");
    if (!js_truthy(dir)) return err_node(c, "@merge requires a \"direction\" key");
    node *n = calloc_node(c, NK_MERGE);
    if (!n) return NULL;
    if (!(n->u.mg.dir = c_field(c, dir, ds, "direction"))) return NULL;
    return merge_objects(c, n, objs, ds);
}

static node *d_transform(cctx *c, const jv *o, const stk *ds)
{
    if (o->type != JV_OBJ)
        return err_node(c, "@transform requires an object with an \"apply\" key and a \"mapping\" key");
    const jv *ap = mk_member(o, "apply"), *mp = mk_member(o, "mapping");
    if (!js_truthy(mp)) return err_node(c, "@transform requires a \"mapping\" key");
    if (!js_truthy(ap)) return err_node(c, "@transform requires a \"apply\" key");
    if (ap->type != JV_OBJ) return err_node(c, "@transform \"apply\" key should be an object");
    node *n = calloc_node(c, NK_TRANSFORM);
    if (!n) return NULL;
    stk as = {ds, "apply", 5};
    /* transform(opts.apply, payload): getMappingToProcess + validate +
     * resolve, run on each use upstream; here once */
    if (!(n->u.tf.apply = compile_mapping(c, ap, false, &as))) return NULL;
    if (!(n->u.tf.mapping = c_field(c, mp, ds, "mapping"))) return NULL;
    return n;
}

/* Refused at compile time: "/a/b uses @liquid, an unsupported directive." */
static node *d_liquid(cctx *c, const jv *o, const stk *ds)
{
    (void)o;
    const stk *chain[256];
    size_t depth = 0;
    for (const stk *p = ds->up; p && depth < COUNT(chain); p = p->up) chain[depth++] = p;
    char path[512];
    size_t pl = 0;
    path[pl++] = '/';
    for (size_t i = depth; i-- > 0;) {
        size_t l = chain[i]->n;
        if (pl + l + 2 >= sizeof path) break;
        memcpy(path + pl, chain[i]->k, l);
        pl += l;
        if (i) path[pl++] = '/';
    }
    path[pl] = 0;
    cfail(c, "%s uses @liquid, an unsupported directive.", path);
    return NULL;
}

static const struct {
    const char *name;
    dir_compile compile;
} DIRECTIVES[] = {
    {"@path", d_path},
    {"@template", d_template},
    {"@literal", d_literal},
    {"@excludeWhenNull", d_exclude_when_null},
    {"@if", d_if},
    {"@case", d_case},
    {"@replace", d_replace},
    {"@arrayPath", d_array_path},
    {"@json", d_json},
    {"@flatten", d_flatten},
    {"@merge", d_merge},
    {"@transform", d_transform},
    {"@liquid", d_liquid},
};

static node *c_directive(cctx *c, const jv *obj, const stk *s)
{
    const jmember *d = mk_first_at(obj);
    const char *k = d->key;
    size_t kn = d->klen;
    stk ds = {s, k, kn};
    for (size_t i = 0; i < COUNT(DIRECTIVES); i++)
        if (key_is(k, kn, DIRECTIVES[i].name)) return DIRECTIVES[i].compile(c, &d->val, &ds);
    char name[128];
    size_t cn = kn < sizeof name - 1 ? kn : sizeof name - 1;
    memcpy(name, k, cn);
    name[cn] = 0;
    return err_node(c, "%s is not a valid directive, got undefined", name);
}

/* resolve(): what a mapping value does, read once. */
static node *c_value(cctx *c, const jv *v, const stk *s)
{
    if (c->failed) return NULL;
    if (!v || v->type == JV_UNDEF) return lit_node(c, NULL);
    if (v->type != JV_OBJ && v->type != JV_ARR) return lit_node(c, v);
    if (mk_is_directive(v)) return c_directive(c, v, s);
    if (!has_directive(v)) return lit_node(c, v);
    if (v->type == JV_ARR) {
        node *n = calloc_node(c, NK_ARR);
        if (!n) return NULL;
        n->u.arr.n = v->n;
        n->u.arr.items = jarena_alloc(c->a, v->n * sizeof(node *));
        if (!n->u.arr.items) { cfail(c, "out of memory compiling the mapping"); return NULL; }
        for (uint32_t i = 0; i < v->n; i++) {
            char ib[16];
            int il = snprintf(ib, sizeof ib, "%u", i);
            stk is = {s, ib, (size_t)il};
            if (!(n->u.arr.items[i] = c_value(c, &v->u.items[i], &is))) return NULL;
        }
        return n;
    }
    bool oom = false;
    const uint32_t *ord = mk_js_order(c->a, v, &oom);
    if (oom) { cfail(c, "out of memory compiling the mapping"); return NULL; }
    node *n = calloc_node(c, NK_OBJ);
    if (!n) return NULL;
    uint32_t count = 0;
    for (uint32_t i = 0; i < v->n; i++)
        if (v->u.members[i].val.type != JV_UNDEF) count++;
    n->u.obj.keys = jarena_alloc(c->a, (count ? count : 1) * sizeof(jmember));
    n->u.obj.vals = jarena_alloc(c->a, (count ? count : 1) * sizeof(node *));
    if (!n->u.obj.keys || !n->u.obj.vals) { cfail(c, "out of memory compiling the mapping"); return NULL; }
    uint32_t k = 0;
    for (uint32_t i = 0; i < v->n; i++) {
        const jmember *m = &v->u.members[ord ? ord[i] : i];
        if (m->val.type == JV_UNDEF) continue;
        stk ks = {s, m->key, m->klen};
        n->u.obj.keys[k].key = cstrdup(c, m->key, m->klen);
        n->u.obj.keys[k].klen = m->klen;
        if (!n->u.obj.keys[k].key || !(n->u.obj.vals[k] = c_value(c, &m->val, &ks))) return NULL;
        k++;
    }
    n->u.obj.n = k;
    return n;
}

/* Drops JV_UNDEF members (absent) from a mapping given by the caller. */
static const jv *strip_undef_members(jarena *a, const jv *m, jv *tmp)
{
    if (m->type != JV_OBJ) return m;
    uint32_t live = 0;
    for (uint32_t i = 0; i < m->n; i++)
        if (m->u.members[i].val.type != JV_UNDEF) live++;
    if (live == m->n) return m;
    *tmp = jv_obj_new(a, live);
    if (tmp->type != JV_OBJ) return NULL;
    uint32_t k = 0;
    for (uint32_t i = 0; i < m->n; i++)
        if (m->u.members[i].val.type != JV_UNDEF) tmp->u.members[k++] = m->u.members[i];
    return tmp;
}

#define ROOT_KEY "__segment_internal_directive"

static bool is_root_key(const jmember *m) { return key_is(m->key, m->klen, ROOT_KEY); }

/* {rootDirectiveKey: rootDirective} with rootDirective.mapping = the
 * mapping's other (customer) fields, into *synth. -1 out of memory. */
static int root_directive(cctx *c, const jv *mapping, const jmember *rd, jv *synth)
{
    uint32_t ncust = 0;
    for (uint32_t i = 0; i < mapping->n; i++)
        if (!is_root_key(&mapping->u.members[i])) ncust++;
    jv cust = jv_obj_new(c->a, ncust);
    if (cust.type != JV_OBJ) return cfail(c, "out of memory compiling the mapping");
    uint32_t k = 0;
    for (uint32_t i = 0; i < mapping->n; i++)
        if (!is_root_key(&mapping->u.members[i])) cust.u.members[k++] = mapping->u.members[i];
    jv dirv = rd->val;
    if (dirv.type == JV_OBJ) {
        /* rootDirective.mapping = customerMappings */
        uint32_t pos = dirv.n;
        for (uint32_t i = 0; i < dirv.n; i++)
            if (key_is(dirv.u.members[i].key, dirv.u.members[i].klen, "mapping")) pos = i;
        jv nd = jv_obj_new(c->a, dirv.n + (pos == dirv.n));
        if (nd.type != JV_OBJ) return cfail(c, "out of memory compiling the mapping");
        memcpy(nd.u.members, dirv.u.members, dirv.n * sizeof(jmember));
        nd.u.members[pos].key = "mapping";
        nd.u.members[pos].klen = 7;
        nd.u.members[pos].val = cust;
        dirv = nd;
    }
    *synth = jv_obj_new(c->a, 1);
    if (synth->type != JV_OBJ) return cfail(c, "out of memory compiling the mapping");
    synth->u.members[0].key = rd->key;
    synth->u.members[0].klen = rd->klen;
    synth->u.members[0].val = dirv;
    return 0;
}

/* getMappingToProcess: *m = the mapping, or (with the ROOT_KEY key) its
 * root directive (in *synth). *gerr = upstream's error, if any. -1 out of
 * memory. */
static int mapping_to_process(cctx *c, const jv *mapping, jv *synth, const jv **m, const char **gerr)
{
    *m = mapping;
    *gerr = NULL;
    if (mapping->type != JV_OBJ) return 0;
    bool has_root = false;
    for (uint32_t i = 0; i < mapping->n; i++)
        if (is_root_key(&mapping->u.members[i]) && mapping->u.members[i].val.type != JV_UNDEF) has_root = true;
    if (!has_root) return 0;
    /* mappingToProcess = mapping[ROOT]; its single directive gets
     * .mapping = the other (customer) fields */
    const jv *root = mk_member(mapping, ROOT_KEY);
    if (!root || root->type == JV_NULL) {
        *gerr = "Cannot convert undefined or null to object";
    } else if ((root->type == JV_OBJ && root->n > 1) || (root->type == JV_ARR && root->n > 1) ||
               (root->type == JV_STR && utf16_len(root->u.s, root->n) > 1)) {
        *gerr = "The root mapping must only have a single directive object";
    } else if (root->type != JV_OBJ || root->n == 0 ||
               (root->u.members[0].val.type != JV_OBJ && root->u.members[0].val.type != JV_ARR)) {
        *gerr = "The root directive must be an object";
    } else {
        if (root_directive(c, mapping, &root->u.members[0], synth)) return -1;
        *m = synth;
    }
    return 0;
}

/* transform(mapping, …) minus the run: getMappingToProcess, validate, and
 * compile the resolve. When not `validated` (a @transform's apply found at
 * run time), the errors become an error node raised when it runs. */
static node *compile_mapping(cctx *c, const jv *mapping, bool validated, const stk *s)
{
    const jv *m;
    jv synth;
    const char *gerr;
    if (mapping_to_process(c, mapping, &synth, &m, &gerr)) return NULL;
    if (gerr) {
        if (validated) { cfail(c, "%s", gerr); return NULL; }
        return err_node(c, "%s", gerr);
    }
    char vbuf[2048];
    verr ve = {0};
    ve.tmp = c->a;
    if (validated && c->err && c->errlen) {
        ve.buf = c->err;
        ve.cap = c->errlen;
    } else {
        ve.buf = vbuf;
        ve.cap = sizeof vbuf;
    }
    ve.buf[0] = 0;
    mk_validate(&ve, m, NULL);
    if (ve.oom) { cfail(c, "out of memory compiling the mapping"); return NULL; }
    if (ve.count) {
        if (validated) { c->failed = true; return NULL; }
        /* upstream would throw these when the @transform runs; @liquid is
         * refused outright */
        if (ve.liquid) { cfail(c, "%s", vbuf); return NULL; }
        return err_node(c, "%s", vbuf);
    }
    return c_value(c, m, s);
}

static mk_program *compile_common(const jv *mapping, char *err, size_t errlen, bool whole)
{
    if (err && errlen) err[0] = 0;
    if (!mapping) {
        if (err && errlen) snprintf(err, errlen, "no mapping");
        return NULL;
    }
    if (whole && mapping->type != JV_OBJ) {
        if (err && errlen) snprintf(err, errlen, "a mapping must be an object, got %s", jv_type_name(mapping));
        return NULL;
    }
    mk_program *p = calloc(1, sizeof *p);
    if (!p) {
        if (err && errlen) snprintf(err, errlen, "out of memory compiling the mapping");
        return NULL;
    }
    jarena_init(&p->mem, 0);
    p->need_object = whole;
    cctx c = {&p->mem, err, errlen, false};
    jv tmp;
    const jv *m = strip_undef_members(&p->mem, mapping, &tmp);
    if (!m) cfail(&c, "out of memory compiling the mapping");
    else if (whole) p->root = compile_mapping(&c, m, true, NULL);
    else {
        char vbuf[2048];
        verr ve = {0};
        ve.buf = err && errlen ? err : vbuf;
        ve.cap = err && errlen ? errlen : sizeof vbuf;
        ve.tmp = &p->mem;
        ve.buf[0] = 0;
        mk_validate(&ve, m, NULL);
        if (ve.oom) cfail(&c, "out of memory compiling the mapping");
        else if (ve.count) c.failed = true;
        else p->root = c_value(&c, m, NULL);
    }
    if (c.failed || !p->root) {
        if (err && errlen && !err[0]) snprintf(err, errlen, "invalid mapping");
        mk_free(p);
        return NULL;
    }
    return p;
}

mk_program *mk_compile(const jv *mapping, char *err, size_t errlen)
{
    return compile_common(mapping, err, errlen, true);
}

mk_program *mk_compile_value(const jv *value, char *err, size_t errlen)
{
    return compile_common(value, err, errlen, false);
}

void mk_free(mk_program *p)
{
    if (!p) return;
    jarena_free(&p->mem);
    free(p);
}

size_t mk_program_bytes(const mk_program *p)
{
    return p ? sizeof *p + p->mem.used_total : 0;
}
