/* pipeline.h — one event through the subscriptions: trigger -> mapping (Lua
 * script or mapping-kit program) -> schema (clean, coerce, validate) ->
 * action request. Pure and synchronous: nothing here does I/O; `preview`
 * and the sender both call map_event(). */
#ifndef ENCHARGE_PIPELINE_H
#define ENCHARGE_PIPELINE_H

#include "map/actions.h"
#include "lib/json.h"
#include "map/lua/luahost.h"
#include "map/mapkit/mapkit.h"
#include "map/schema.h"
#include "map/trigger.h"

#define MAX_MAPPINGS 50

/* Upstream's message quotes the key; ours must not (no secret in a message). */
#define ILLEGAL_KEY_MESSAGE "the API key is not a legal HTTP header value"


typedef enum { MAP_SCRIPT, MAP_KIT } map_kind;

typedef struct {
    const char *name;        /* the subscription's name, for messages */
    const action *act;
    const trigger *trig;     /* NULL: every event */
    map_kind kind;
    int script;              /* MAP_SCRIPT: luahost handle */
    const mk_program *prog;  /* MAP_KIT: the mapping */
    const mk_program *overrides; /* optional: fields merged over the mapping's */
    bool enabled;
    const char *broken;      /* non-NULL: the mapping did not compile; matching
                                events fail with this message (AggregateError) */
} subscription;

/* Per matched subscription: the request it produced, or why not. */
typedef struct {
    const subscription *sub;
    bool ok;                 /* request built */
    request req;
    /* when !ok: why (message in the arena) */
    const char *err_name;
    const char *err_msg;
    int err_status;
    int64_t script_ns;       /* time in the mapping (script or mapping-kit), monotonic ns */
} sub_result;

typedef struct {
    int nmatched;
    sub_result r[MAX_MAPPINGS];
    int ndeclined;           /* matched, but the script returned nil: not in r[] */
    const subscription *declined[MAX_MAPPINGS];
    bool failed;             /* at least one error; err is the first */
    ev_error err;
} ev_result;

typedef struct {
    luahost *lua;
    const subscription *subs;
    int nsubs;
    endpoints ep;
    bool timed;              /* sub_result.script_ns measured (serve's metrics); else left 0 */
} mapper;

/* Maps one event. The API key is checked first (settings validation, as
 * upstream) and its text returned in *api_key for the sender. Requests and
 * their strings live in arena a. Returns the number of requests built. */
int map_event(const mapper *m, const jv *event, const jv *settings, jarena *a, ev_result *r,
              const char **api_key, size_t *api_key_len);

#endif
