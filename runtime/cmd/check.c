/* check.c — `check`: every problem of a config, its scripts and fixtures. */
#include "cmd/check.h"

#include "cmd/help.h"
#include "cmd/serve_config.h"
#include "cmd/settings.h"
#include "config/fixtures.h"
#include "deliver/policy.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What `run` checks at start beyond the load: the delivery values (each key
 * on its own, so that all of them are reported), the endpoints and the API
 * key (none is a warning: check does not need one, run does). */
static void check_start(const config *c, problem_list *pl)
{
    const jv *dl = jv_getz(&c->root, "delivery");
    for (uint32_t i = 0; dl && dl->type == JV_OBJ && i < dl->n; i++) {
        const jmember *m = &dl->u.members[i];
        if (m->val.type == JV_UNDEF) continue;
        jmember one = *m;
        jv t = {.type = JV_OBJ, .n = 1, .u.members = &one};
        delivery_settings d;
        delivery_settings_default(&d);
        char err[512], key[300];
        if (delivery_settings_config(&d, &t, err, sizeof err) == 0) continue;
        snprintf(key, sizeof key, "delivery.%.*s", (int)m->klen, m->key);
        int line = config_line(c, key);
        problem_add(pl, PROBLEM_ERROR, c->path, line ? line : config_line(c, "delivery"), "%s", err);
    }
    /* serve's tables: checked as serve reads them (the first bad value) */
    if (jv_getz(&c->root, "ingest") || jv_getz(&c->root, "queue")) {
        serve_config sc;
        run_opts o;
        run_opts_default(&o);
        char err[512];
        if (serve_config_load(&sc, &o, &c->root, err, sizeof err)) {
            const char *table = strncmp(err, "queue", 5) == 0 ? "queue" : "ingest";
            problem_add(pl, PROBLEM_ERROR, c->path, config_line(c, table), "%s", err);
        }
        serve_config_free(&sc);
    }
    const char *names[2] = {"ingest", "api"}, *urls[2] = {c->ep.ingest_base, c->ep.api_base};
    for (int i = 0; i < 2; i++) {
        char why[256], key[32];
        if (endpoint_check(urls[i], why, sizeof why) == 0) continue;
        snprintf(key, sizeof key, "endpoints.%s", names[i]);
        int line = config_line(c, key);
        problem_add(pl, PROBLEM_ERROR, c->path, line ? line : config_line(c, "endpoints"), "%s endpoint: %s", names[i],
                    why);
    }
    const char *key;
    size_t keylen;
    ev_error verr;
    jarena a;
    jarena_init(&a, 0);
    int line = config_line(c, "settings.apiKey");
    if (settings_validate(&c->settings, &a, &key, &keylen, &verr))
        problem_add(pl, PROBLEM_WARNING, c->path, line ? line : config_line(c, "settings"),
                    "no API key (settings.apiKey or ENCHARGE_API_KEY): `run` needs one (%s)", verr.message);
    else if (!header_value_legal(key, keylen))
        problem_add(pl, PROBLEM_ERROR, c->path, line ? line : config_line(c, "settings"),
                    "the API key holds characters an HTTP header cannot carry (beyond U+00FF, or control characters)");
    jarena_free(&a);
}

/* The mappings the config lists (0 when it lists none: the presets). */
static unsigned listed(const config *c)
{
    const jv *maps = jv_getz(&c->root, "mappings");
    return maps && maps->type == JV_ARR ? maps->n : 0;
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "check: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nusage: encharge-actions check [--config FILE]\n");
    return 2;
}

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {{"config", required_argument, 0, 'c'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *cfg = NULL;
    int ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":c:h", opts, NULL)) != -1) {
        switch (ch) {
        case 'c': cfg = optarg; break;
        case 'h': cmd_usage(stdout); return 0;
        case ':': return usage_error("%s needs a value", argv[optind - 1]);
        default: return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    opterr = 1;
    if (optind < argc) return usage_error("unexpected argument '%s'", argv[optind]);
    const char *path = config_default_path(cfg);
    char err[4096];
    luahost *lua = luahost_new(NULL, err, sizeof err);
    if (!lua) {
        fprintf(stderr, "check: %s\n", err);
        return 1;
    }
    problem_list pl;
    problems_init(&pl);
    config c;
    bool evaluated = config_load_all(&c, path, lua, &pl) == 0 || c.root.type == JV_OBJ;
    if (evaluated && path) check_start(&c, &pl);
    fixture_stats st = {0};
    if (evaluated) fixtures_run(&c, &pl, &st);
    char line[8192];
    for (int i = 0; i < pl.n; i++) {
        problem_format(&pl.v[i], line, sizeof line);
        printf("%s\n", line);
    }
    if (pl.dropped) printf("check: %d more problem(s) not shown\n", pl.dropped);
    const char *name = path ? path : "(no config: the presets)";
    unsigned n = listed(&c);
    if (!evaluated)
        printf("check: %s: the config did not load\n", name);
    else if (n && (unsigned)c.nsubs < n)
        printf("check: %s: %d of %u mapping(s) loaded; %d fixture(s) in %d file(s): %d passed, %d failed, %d skipped\n",
               name, c.nsubs, n, st.lines, st.files, st.passed, st.failed, st.skipped);
    else
        printf("check: %s: %d mapping(s) loaded; %d fixture(s) in %d file(s): %d passed, %d failed, %d skipped\n", name,
               c.nsubs, st.lines, st.files, st.passed, st.failed, st.skipped);
    if (pl.errors)
        printf("check: FAILED: %d error(s), %d warning(s) (warnings alone do not fail the check)\n", pl.errors,
               pl.warnings);
    else
        printf("check: OK: no errors, %d warning(s) (warnings do not fail the check)\n", pl.warnings);
    int rc = pl.errors ? 1 : 0;
    problems_free(&pl);
    config_free(&c);
    luahost_free(lua);
    fflush(stdout);
    return rc;
}
