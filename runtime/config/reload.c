/* reload.c — reference-counted configuration versions and the swap. */
#include "config/reload.h"

#include <stdio.h>
#include <stdlib.h>

cfg_version *cfg_version_load(const char *path, luahost *lua, char *err, size_t errlen)
{
    cfg_version *v = calloc(1, sizeof *v);
    if (!v) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (config_load(&v->c, path, lua, err, errlen)) {
        config_free(&v->c);
        free(v);
        return NULL;
    }
    return v;
}

void cfg_version_hold(cfg_version *v)
{
    if (v) v->refs++;
}

void cfg_version_release(cfg_version *v)
{
    if (v && --v->refs == 0 && v->retired) {
        config_free(&v->c);
        free(v);
    }
}

void cfg_version_drop(cfg_version *v)
{
    if (!v) return;
    config_free(&v->c);
    free(v);
}

void cfg_version_swap(cfg_version **active, cfg_version *next)
{
    cfg_version *old = *active;
    *active = next;
    if (next) next->refs = 1;
    if (old) {
        old->retired = true;
        cfg_version_release(old);
    }
}
