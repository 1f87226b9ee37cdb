/* fields.c — unknown output keys and the closest field. */
#include "config/fields.h"

#include <stdio.h>
#include <string.h>

/* The distance of key to a field's key, and to its label without spaces
 * (*by_label when that is the nearer). */
static int field_distance(const field *f, const char *key, size_t klen, bool *by_label, size_t *clen)
{
    char lab[128];
    size_t n = 0;
    for (const char *p = f->label; *p && n + 1 < sizeof lab; p++)
        if (*p != ' ') lab[n++] = *p;
    size_t kl = strlen(f->key);
    int dk = word_distance(key, klen, f->key, kl);
    int dl = word_distance(key, klen, lab, n);
    *by_label = dl < dk;
    *clen = *by_label ? n : kl;
    return *by_label ? dl : dk;
}

bool field_known(const field *fields, int n, const char *owner, const char *key, size_t klen, char *msg, size_t len)
{
    for (int i = 0; i < n; i++)
        if (strlen(fields[i].key) == klen && memcmp(fields[i].key, key, klen) == 0) return true;
    int best = -1, bestd = 0;
    bool best_label = false;
    for (int i = 0; i < n; i++) {
        bool by_label;
        size_t clen;
        int d = field_distance(&fields[i], key, klen, &by_label, &clen);
        if (word_close(d, klen, clen) && (best < 0 || d < bestd)) {
            best = i;
            bestd = d;
            best_label = by_label;
        }
    }
    int w = snprintf(msg, len, "'%.*s' is not a field of %s", (int)klen, key, owner);
    if (w < 0 || (size_t)w >= len) return false;
    if (best >= 0 && best_label)
        snprintf(msg + w, len - (size_t)w, " (did you mean '%s', labelled \"%s\"?)", fields[best].key,
                 fields[best].label);
    else if (best >= 0)
        snprintf(msg + w, len - (size_t)w, " (did you mean '%s'?)", fields[best].key);
    return false;
}

int field_warnings(problem_list *pl, const char *file, int line, const char *prefix, const action *act, const jv *obj,
                   bool sub)
{
    if (!obj || obj->type != JV_OBJ) return 0;
    for (uint32_t i = 0; i < obj->n; i++)
        if (obj->u.members[i].klen && obj->u.members[i].key[0] == '@') return 0;
    int count = 0;
    char msg[512];
    for (uint32_t i = 0; i < obj->n; i++) {
        const jmember *m = &obj->u.members[i];
        if (m->val.type == JV_UNDEF) continue;
        if (!field_known(act->fields, act->nfields, act->title, m->key, m->klen, msg, sizeof msg)) {
            problem_add(pl, PROBLEM_WARNING, file, line, "%s%s", prefix ? prefix : "", msg);
            count++;
            continue;
        }
        if (!sub || m->val.type != JV_OBJ) continue;
        int fi = action_field_index(act, m->key, m->klen);
        const field *f = fi >= 0 ? &act->fields[fi] : NULL;
        if (!f || !f->props) continue;
        for (uint32_t j = 0; j < m->val.n; j++) {
            const jmember *s = &m->val.u.members[j];
            if (s->val.type == JV_UNDEF) continue;
            char dotted[256];
            if (!field_known(f->props, f->nprops, f->label, s->key, s->klen, msg, sizeof msg)) {
                snprintf(dotted, sizeof dotted, "%.*s.", (int)m->klen, m->key);
                problem_add(pl, PROBLEM_WARNING, file, line, "%s'%s%s", prefix ? prefix : "", dotted, msg + 1);
                count++;
            }
        }
    }
    return count;
}
