/* reload.h — configuration versions, for a reload without a restart: a new
 * version is loaded beside the running one and swapped in only when all of it
 * loaded. A version is reference-counted: held while it is the active one and
 * by every request mapped through it, and freed once it is retired (replaced)
 * and its last request has finished, so events in flight finish on the
 * version they started with. A reloaded version is swapped in only when its
 * fixtures pass (fixtures_run, config/fixtures.h: the caller runs them). */
#ifndef ENCHARGE_RELOAD_H
#define ENCHARGE_RELOAD_H

#include "config/config.h"
#include "config/fixtures.h"

typedef struct {
    config c;
    int refs;
    bool retired;
} cfg_version;

/* Loads path (NULL: the defaults) as a new version, not yet held. Returns
 * NULL with err ("out of memory", or config_load's message). */
cfg_version *cfg_version_load(const char *path, luahost *lua, char *err, size_t errlen);

/* One more holder (a request mapped through v); NULL: nothing to do. */
void cfg_version_hold(cfg_version *v);
/* A holder is done; a retired version goes with its last holder. NULL:
 * nothing to do. */
void cfg_version_release(cfg_version *v);

/* Frees a loaded version that was never made active (e.g. refused after
 * loading). */
void cfg_version_drop(cfg_version *v);

/* next (NULL: none) becomes the active version, held by *active; the one it
 * replaces is retired. */
void cfg_version_swap(cfg_version **active, cfg_version *next);

#endif
