/* Unit tests: `serve`'s settings — runtime/cmd/serve_config.c.
 *
 * The config's root is a jv object, built here with json_parse of a JSON
 * text. Covered: the defaults; every number setting of the table read,
 * refused out of range, of another kind and fractional where whole, the
 * message naming the key; the listen forms (good and bad), admin_listen;
 * queue.path and queue.fsync; write keys from the config (a string or a
 * list), from --write-key and SEGMENT_WRITE_KEY, deduplicated, empty ones
 * refused, more than ENV_WRITE_KEYS_MAX refused; the flags beating the
 * config. SEGMENT_WRITE_KEY is unset around every test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/serve_config.h"
#include "lib/json.h"

/* ---- helpers --------------------------------------------------------------- */

static jarena A;
static jv Root;

static int setup(void **s)
{
    (void)s;
    unsetenv("SEGMENT_WRITE_KEY");
    jarena_init(&A, 0);
    return 0;
}

static int teardown(void **s)
{
    (void)s;
    unsetenv("SEGMENT_WRITE_KEY");
    jarena_free(&A);
    return 0;
}

/* The root of a config holding json (an object's text). */
static const jv *root_of(const char *json)
{
    jerr je;
    if (json_parse(&A, json, strlen(json), NULL, &Root, &je) != 0) fail_msg("bad test JSON %s: %s", json, je.msg);
    assert_int_equal(Root.type, JV_OBJ);
    return &Root;
}

/* Loads json with default flags (o may be NULL); the return of serve_config_load. */
static int load_with(serve_config *sc, const run_opts *o, const char *json, char *err, size_t errlen)
{
    run_opts d;
    run_opts_default(&d);
    err[0] = 0;
    return serve_config_load(sc, o ? o : &d, root_of(json), err, errlen);
}

/* json must be refused with exactly want. */
static void refused(const char *json, const char *want)
{
    serve_config sc;
    char err[512];
    int rc = load_with(&sc, NULL, json, err, sizeof err);
    serve_config_free(&sc);
    if (rc != -1) fail_msg("%s: accepted, want '%s'", json, want);
    if (strcmp(err, want) != 0) fail_msg("%s:\n  got  '%s'\n  want '%s'", json, err, want);
}

/* json must be accepted; sc is left loaded (the caller frees it). */
static void accepted(serve_config *sc, const char *json)
{
    char err[512];
    if (load_with(sc, NULL, json, err, sizeof err) != 0) fail_msg("%s: refused: %s", json, err);
}

/* ---- defaults -------------------------------------------------------------- */

static void check_defaults(const serve_config *sc)
{
    assert_string_equal(sc->host, "127.0.0.1");
    assert_int_equal(sc->port, 8080);
    assert_false(sc->admin);
    assert_string_equal(sc->q.path, SERVE_QUEUE_DEFAULT);
    assert_string_equal(sc->q.path, "encharge-queue.db");
    assert_int_equal(sc->q.fsync, QUEUE_FSYNC_FULL);
    assert_int_equal(sc->q.dedupe_window_ms, 24LL * 3600 * 1000);
    assert_int_equal(sc->lim.event_max, 32000);
    assert_int_equal(sc->lim.body_max, 500000);
    assert_int_equal(sc->lim.batch_events_max, 2500);
    assert_true(sc->max_events == 1e6);
    assert_true(sc->max_bytes == 1024.0 * 1024 * 1024);
    assert_int_equal(sc->threads, 4);
    assert_int_equal(sc->max_connections, 1024);
    assert_string_equal(sc->cors_origins, "*");
    assert_int_equal(sc->nkeys, 0);
}

static void test_defaults(void **st)
{
    (void)st;
    serve_config sc;
    accepted(&sc, "{}");
    check_defaults(&sc);
    serve_config_free(&sc);
    /* Empty tables, and other tables of the config, change nothing. */
    accepted(&sc, "{\"ingest\":{},\"queue\":{},\"delivery\":{\"max_in_flight\":3},\"mappings\":[]}");
    check_defaults(&sc);
    serve_config_free(&sc);
    accepted(&sc, "{\"ingest\":{\"limits\":{}}}");
    check_defaults(&sc);
    serve_config_free(&sc);
}

/* ---- numbers --------------------------------------------------------------- */

typedef struct {
    const char *table, *sub, *key;
    const char *min, *max;     /* as the message writes them */
    const char *good;          /* a value inside, not the default */
    const char *below, *above; /* just outside */
    bool whole;
} number_case;

static const number_case NUMBERS[] = {
    {"ingest", NULL, "threads", "1", "64", "7", "0", "65", true},
    {"ingest", NULL, "max_connections", "16", "100000", "100", "15", "100001", true},
    {"ingest", "limits", "event_bytes", "512", "4194304", "4096", "511", "4194305", true},
    {"ingest", "limits", "body_bytes", "1024", "67108864", "2048", "1023", "67108865", true},
    {"ingest", "limits", "batch_events", "1", "100000", "10", "0", "100001", true},
    {"queue", NULL, "max_events", "1", "1000000000000", "5000", "0", "1000000000001", true},
    {"queue", NULL, "max_bytes", "1048576", "1e+15", "2097152", "1048575", "1.0000000000001e15", true},
    {"queue", NULL, "dedupe_window_s", "0", "31536000", "90", "-1", "31536001", false},
};

/* The config text with value at c's place. */
static const char *with_value(const number_case *c, const char *value)
{
    static char buf[512];
    if (c->sub) snprintf(buf, sizeof buf, "{\"%s\":{\"%s\":{\"%s\":%s}}}", c->table, c->sub, c->key, value);
    else snprintf(buf, sizeof buf, "{\"%s\":{\"%s\":%s}}", c->table, c->key, value);
    return buf;
}

static double stored(const serve_config *sc, const char *key)
{
    if (!strcmp(key, "threads")) return sc->threads;
    if (!strcmp(key, "max_connections")) return sc->max_connections;
    if (!strcmp(key, "event_bytes")) return (double)sc->lim.event_max;
    if (!strcmp(key, "body_bytes")) return (double)sc->lim.body_max;
    if (!strcmp(key, "batch_events")) return (double)sc->lim.batch_events_max;
    if (!strcmp(key, "max_events")) return sc->max_events;
    if (!strcmp(key, "max_bytes")) return sc->max_bytes;
    if (!strcmp(key, "dedupe_window_s")) return (double)sc->q.dedupe_window_ms / 1000;
    fail_msg("no such key %s", key);
    return 0;
}

static void test_numbers(void **st)
{
    (void)st;
    for (size_t i = 0; i < sizeof NUMBERS / sizeof NUMBERS[0]; i++) {
        const number_case *c = &NUMBERS[i];
        char name[96], want[256];
        if (c->sub) snprintf(name, sizeof name, "%s.%s.%s", c->table, c->sub, c->key);
        else snprintf(name, sizeof name, "%s.%s", c->table, c->key);
        snprintf(want, sizeof want, "%s must be %s between %s and %s", name, c->whole ? "a whole number" : "a number",
                 c->min, c->max);
        /* Read: a value inside, and both bounds. */
        const char *vals[] = {c->good, c->min, c->max};
        for (int k = 0; k < 3; k++) {
            serve_config sc;
            accepted(&sc, with_value(c, vals[k]));
            double want_v = strtod(vals[k], NULL);
            if (stored(&sc, c->key) != want_v) fail_msg("%s = %s: stored %.17g", name, vals[k], stored(&sc, c->key));
            serve_config_free(&sc);
        }
        /* Out of range. */
        refused(with_value(c, c->below), want);
        refused(with_value(c, c->above), want);
        refused(with_value(c, "1e400"), want); /* infinite once read */
        refused(with_value(c, "-1e400"), want);
        /* Of another kind. */
        const char *kinds[] = {"\"7\"", "true", "null", "[7]", "{\"n\":7}"};
        for (int k = 0; k < 5; k++) refused(with_value(c, kinds[k]), want);
        /* Fractional. */
        char frac[64];
        snprintf(frac, sizeof frac, "%s.5", c->good);
        if (c->whole) {
            refused(with_value(c, frac), want);
        } else {
            serve_config sc;
            accepted(&sc, with_value(c, frac));
            assert_true(fabs(stored(&sc, c->key) - strtod(frac, NULL)) < 1e-9);
            serve_config_free(&sc);
        }
        /* A whole number written with a fraction or an exponent is whole. */
        char w[64];
        snprintf(w, sizeof w, "%s.0", c->good);
        serve_config sc;
        accepted(&sc, with_value(c, w));
        assert_true(stored(&sc, c->key) == strtod(c->good, NULL));
        serve_config_free(&sc);
    }
}

static void test_number_messages(void **st)
{
    (void)st;
    refused("{\"ingest\":{\"limits\":{\"event_bytes\":100}}}",
            "ingest.limits.event_bytes must be a whole number between 512 and 4194304");
    refused("{\"ingest\":{\"threads\":2.5}}", "ingest.threads must be a whole number between 1 and 64");
    refused("{\"queue\":{\"dedupe_window_s\":\"1d\"}}", "queue.dedupe_window_s must be a number between 0 and 31536000");
    /* The first bad one (in the table's order) is named. */
    refused("{\"queue\":{\"max_events\":0},\"ingest\":{\"threads\":0}}",
            "ingest.threads must be a whole number between 1 and 64");
}

static void test_dedupe_window(void **st)
{
    (void)st;
    serve_config sc;
    accepted(&sc, "{\"queue\":{\"dedupe_window_s\":0}}");
    assert_int_equal(sc.q.dedupe_window_ms, 0); /* no dedupe */
    serve_config_free(&sc);
    accepted(&sc, "{\"queue\":{\"dedupe_window_s\":1.25}}");
    assert_int_equal(sc.q.dedupe_window_ms, 1250);
    serve_config_free(&sc);
    accepted(&sc, "{\"queue\":{\"dedupe_window_s\":3600}}");
    assert_int_equal(sc.q.dedupe_window_ms, 3600000);
    serve_config_free(&sc);
}

/* All of them at once, the others untouched by each. */
static void test_numbers_together(void **st)
{
    (void)st;
    serve_config sc;
    accepted(&sc, "{\"ingest\":{\"threads\":2,\"max_connections\":64,"
                  "\"limits\":{\"event_bytes\":1000,\"body_bytes\":20000,\"batch_events\":50}},"
                  "\"queue\":{\"max_events\":100,\"max_bytes\":2e6,\"dedupe_window_s\":60}}");
    assert_int_equal(sc.threads, 2);
    assert_int_equal(sc.max_connections, 64);
    assert_int_equal(sc.lim.event_max, 1000);
    assert_int_equal(sc.lim.body_max, 20000);
    assert_int_equal(sc.lim.batch_events_max, 50);
    assert_true(sc.max_events == 100);
    assert_true(sc.max_bytes == 2e6);
    assert_int_equal(sc.q.dedupe_window_ms, 60000);
    assert_string_equal(sc.host, "127.0.0.1");
    assert_int_equal(sc.port, 8080);
    serve_config_free(&sc);
}

/* ---- listen ---------------------------------------------------------------- */

static void test_parse_listen(void **st)
{
    (void)st;
    char host[SERVE_HOST_MAX];
    int port = -1;
    assert_int_equal(serve_parse_listen("127.0.0.1:0", host, &port), 0);
    assert_string_equal(host, "127.0.0.1");
    assert_int_equal(port, 0);
    assert_int_equal(serve_parse_listen("[::1]:8080", host, &port), 0);
    assert_string_equal(host, "[::1]");
    assert_int_equal(port, 8080);
    assert_int_equal(serve_parse_listen("0.0.0.0:80", host, &port), 0);
    assert_string_equal(host, "0.0.0.0");
    assert_int_equal(port, 80);
    assert_int_equal(serve_parse_listen("localhost:65535", host, &port), 0);
    assert_string_equal(host, "localhost");
    assert_int_equal(port, 65535);

    const char *bad[] = {"nohost", ":80", "h:99999", "h:x", "h:", "h:-1", "h:80x", "h:65536", "", "h: 80", "h:+80", "h:080", "h:123456"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        strcpy(host, "untouched");
        port = 12345;
        if (serve_parse_listen(bad[i], host, &port) != -1) fail_msg("'%s' accepted", bad[i]);
        assert_string_equal(host, "untouched");
        assert_int_equal(port, 12345);
    }
    /* A host that does not fit. */
    char longer[SERVE_HOST_MAX + 16];
    memset(longer, 'h', SERVE_HOST_MAX);
    strcpy(longer + SERVE_HOST_MAX, ":80");
    assert_int_equal(serve_parse_listen(longer, host, &port), -1);
    memset(longer, 'h', SERVE_HOST_MAX - 1);
    strcpy(longer + SERVE_HOST_MAX - 1, ":80");
    assert_int_equal(serve_parse_listen(longer, host, &port), 0);
    assert_int_equal(strlen(host), SERVE_HOST_MAX - 1);
}

static void test_listen_settings(void **st)
{
    (void)st;
    serve_config sc;
    accepted(&sc, "{\"ingest\":{\"listen\":\"127.0.0.1:0\"}}");
    assert_string_equal(sc.host, "127.0.0.1");
    assert_int_equal(sc.port, 0);
    serve_config_free(&sc);
    accepted(&sc, "{\"ingest\":{\"listen\":\"[::1]:8080\"}}");
    assert_string_equal(sc.host, "[::1]");
    assert_int_equal(sc.port, 8080);
    serve_config_free(&sc);
    accepted(&sc, "{\"ingest\":{\"listen\":\"0.0.0.0:80\"}}");
    assert_string_equal(sc.host, "0.0.0.0");
    assert_int_equal(sc.port, 80);
    serve_config_free(&sc);

    refused("{\"ingest\":{\"listen\":\"nohost\"}}",
            "ingest.listen must be HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:0 (got 'nohost')");
    refused("{\"ingest\":{\"listen\":\":80\"}}",
            "ingest.listen must be HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:0 (got ':80')");
    refused("{\"ingest\":{\"listen\":\"h:99999\"}}",
            "ingest.listen must be HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:0 (got 'h:99999')");
    refused("{\"ingest\":{\"listen\":\"h:x\"}}",
            "ingest.listen must be HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:0 (got 'h:x')");
    refused("{\"ingest\":{\"limits\":5}}",
            "ingest.limits must be a table: { event_bytes = ..., body_bytes = ..., batch_events = ... }");
    refused("{\"ingest\":{\"listen\":8080}}", "ingest.listen must be a string");
    refused("{\"ingest\":{\"listen\":\"a\\u0000b:80\"}}", "ingest.listen must be a string");
    refused("{\"ingest\":{\"admin_listen\":true}}", "ingest.admin_listen must be a string");
    refused("{\"ingest\":{\"cors_origins\":[\"*\"]}}", "ingest.cors_origins must be a string");
    refused("{\"queue\":{\"path\":1}}", "queue.path must be a string");
    refused("{\"queue\":{\"fsync\":false}}", "queue.fsync must be a string");
}

static void test_admin_listen(void **st)
{
    (void)st;
    serve_config sc;
    accepted(&sc, "{\"ingest\":{\"admin_listen\":\"127.0.0.1:9100\"}}");
    assert_true(sc.admin);
    assert_string_equal(sc.admin_host, "127.0.0.1");
    assert_int_equal(sc.admin_port, 9100);
    assert_string_equal(sc.host, "127.0.0.1"); /* the main one stays the default */
    assert_int_equal(sc.port, 8080);
    serve_config_free(&sc);
    accepted(&sc, "{\"ingest\":{\"admin_listen\":\"[::1]:0\",\"listen\":\"0.0.0.0:81\"}}");
    assert_true(sc.admin);
    assert_string_equal(sc.admin_host, "[::1]");
    assert_int_equal(sc.admin_port, 0);
    assert_string_equal(sc.host, "0.0.0.0");
    assert_int_equal(sc.port, 81);
    serve_config_free(&sc);
    refused("{\"ingest\":{\"admin_listen\":\"9100\"}}",
            "ingest.admin_listen must be HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:0 (got '9100')");
}

static void test_cors_origins(void **st)
{
    (void)st;
    serve_config sc;
    accepted(&sc, "{\"ingest\":{\"cors_origins\":\"https://a.example, https://b.example\"}}");
    assert_string_equal(sc.cors_origins, "https://a.example, https://b.example");
    serve_config_free(&sc);
}

/* ---- the flags beat the config ------------------------------------------------ */

static void test_flags_beat_config(void **st)
{
    (void)st;
    serve_config sc;
    run_opts o;
    run_opts_default(&o);
    o.listen = "127.0.0.1:0";
    o.queue_path = "/tmp/flag.db";
    char err[512];
    assert_int_equal(load_with(&sc, &o, "{\"ingest\":{\"listen\":\"0.0.0.0:80\"},\"queue\":{\"path\":\"cfg.db\"}}",
                               err, sizeof err),
                     0);
    assert_string_equal(sc.host, "127.0.0.1");
    assert_int_equal(sc.port, 0);
    assert_string_equal(sc.q.path, "/tmp/flag.db");
    serve_config_free(&sc);
    /* The flags alone. */
    assert_int_equal(load_with(&sc, &o, "{}", err, sizeof err), 0);
    assert_string_equal(sc.host, "127.0.0.1");
    assert_int_equal(sc.port, 0);
    assert_string_equal(sc.q.path, "/tmp/flag.db");
    serve_config_free(&sc);
    /* The config alone. */
    run_opts_default(&o);
    assert_int_equal(load_with(&sc, &o, "{\"ingest\":{\"listen\":\"0.0.0.0:80\"},\"queue\":{\"path\":\"cfg.db\"}}",
                               err, sizeof err),
                     0);
    assert_string_equal(sc.host, "0.0.0.0");
    assert_int_equal(sc.port, 80);
    assert_string_equal(sc.q.path, "cfg.db");
    serve_config_free(&sc);
    /* A bad --listen is named as the flag. */
    o.listen = "nope";
    assert_int_equal(load_with(&sc, &o, "{}", err, sizeof err), -1);
    serve_config_free(&sc);
    assert_string_equal(err, "--listen must be HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:0 (got 'nope')");
}

/* ---- queue.fsync ----------------------------------------------------------- */

static void test_fsync(void **st)
{
    (void)st;
    static const struct {
        const char *v;
        queue_fsync f;
    } ok[] = {{"full", QUEUE_FSYNC_FULL}, {"normal", QUEUE_FSYNC_NORMAL}, {"off", QUEUE_FSYNC_OFF}};
    for (size_t i = 0; i < 3; i++) {
        char json[96];
        snprintf(json, sizeof json, "{\"queue\":{\"fsync\":\"%s\"}}", ok[i].v);
        serve_config sc;
        accepted(&sc, json);
        assert_int_equal(sc.q.fsync, ok[i].f);
        serve_config_free(&sc);
    }
    refused("{\"queue\":{\"fsync\":\"always\"}}", "queue.fsync must be \"full\", \"normal\" or \"off\" (got 'always')");
    refused("{\"queue\":{\"fsync\":\"FULL\"}}", "queue.fsync must be \"full\", \"normal\" or \"off\" (got 'FULL')");
    refused("{\"queue\":{\"fsync\":\"\"}}", "queue.fsync must be \"full\", \"normal\" or \"off\" (got '')");
}

static void test_queue_path(void **st)
{
    (void)st;
    serve_config sc;
    accepted(&sc, "{\"queue\":{\"path\":\"/var/lib/encharge/q.db\"}}");
    assert_string_equal(sc.q.path, "/var/lib/encharge/q.db");
    serve_config_free(&sc);
    accepted(&sc, "{\"queue\":{\"path\":\":memory:\"}}");
    assert_string_equal(sc.q.path, ":memory:");
    serve_config_free(&sc);
}

/* The strings kept are copies: they outlive the parsed config. */
static void test_strings_are_copies(void **st)
{
    (void)st;
    char json[] = "{\"queue\":{\"path\":\"q.db\"},\"ingest\":{\"cors_origins\":\"https://x.example\","
                  "\"write_keys\":[\"key-one\"]}}";
    jarena a;
    jarena_init(&a, 0);
    jv root;
    jerr je;
    assert_int_equal(json_parse(&a, json, strlen(json), NULL, &root, &je), 0);
    run_opts o;
    run_opts_default(&o);
    serve_config sc;
    char err[256];
    assert_int_equal(serve_config_load(&sc, &o, &root, err, sizeof err), 0);
    memset(json, 'X', sizeof json - 1);
    jarena_free(&a);
    assert_string_equal(sc.q.path, "q.db");
    assert_string_equal(sc.cors_origins, "https://x.example");
    assert_int_equal(sc.nkeys, 1);
    assert_string_equal(sc.keys[0], "key-one");
    serve_config_free(&sc);
}

/* ---- write keys ------------------------------------------------------------ */

static void test_write_keys_config(void **st)
{
    (void)st;
    serve_config sc;
    accepted(&sc, "{\"ingest\":{\"write_keys\":\"only-key\"}}");
    assert_int_equal(sc.nkeys, 1);
    assert_string_equal(sc.keys[0], "only-key");
    serve_config_free(&sc);
    accepted(&sc, "{\"ingest\":{\"write_keys\":[\"k1\",\"k2\",\"k1\",\"k3\",\"k2\"]}}");
    assert_int_equal(sc.nkeys, 3);
    assert_string_equal(sc.keys[0], "k1");
    assert_string_equal(sc.keys[1], "k2");
    assert_string_equal(sc.keys[2], "k3");
    serve_config_free(&sc);
    accepted(&sc, "{\"ingest\":{\"write_keys\":[]}}");
    assert_int_equal(sc.nkeys, 0);
    serve_config_free(&sc);

    refused("{\"ingest\":{\"write_keys\":\"\"}}", "ingest.write_keys: a write key must not be empty");
    refused("{\"ingest\":{\"write_keys\":[\"a\",\"\"]}}", "ingest.write_keys: a write key must not be empty");
    refused("{\"ingest\":{\"write_keys\":[\"a\",7]}}", "ingest.write_keys[2] must be a string");
    refused("{\"ingest\":{\"write_keys\":7}}", "ingest.write_keys must be a list of strings");
    refused("{\"ingest\":{\"write_keys\":{\"a\":\"b\"}}}", "ingest.write_keys must be a list of strings");
}

static void test_write_keys_all_sources(void **st)
{
    (void)st;
    run_opts o;
    run_opts_default(&o);
    o.write_keys[0] = "flag-1";
    o.write_keys[1] = "cfg-1"; /* also in the config: kept once */
    o.write_keys[2] = "flag-1";
    o.nkeys = 3;
    setenv("SEGMENT_WRITE_KEY", "env-1", 1);
    serve_config sc;
    char err[512];
    assert_int_equal(load_with(&sc, &o, "{\"ingest\":{\"write_keys\":[\"cfg-1\",\"cfg-2\"]}}", err, sizeof err), 0);
    assert_int_equal(sc.nkeys, 4);
    assert_string_equal(sc.keys[0], "cfg-1");
    assert_string_equal(sc.keys[1], "cfg-2");
    assert_string_equal(sc.keys[2], "flag-1");
    assert_string_equal(sc.keys[3], "env-1");
    serve_config_free(&sc);

    /* The environment's key alone, and again when also given as a flag. */
    run_opts_default(&o);
    assert_int_equal(load_with(&sc, &o, "{}", err, sizeof err), 0);
    assert_int_equal(sc.nkeys, 1);
    assert_string_equal(sc.keys[0], "env-1");
    serve_config_free(&sc);
    o.write_keys[0] = "env-1";
    o.nkeys = 1;
    assert_int_equal(load_with(&sc, &o, "{}", err, sizeof err), 0);
    assert_int_equal(sc.nkeys, 1);
    serve_config_free(&sc);

    /* An empty SEGMENT_WRITE_KEY is no key. */
    setenv("SEGMENT_WRITE_KEY", "", 1);
    run_opts_default(&o);
    assert_int_equal(load_with(&sc, &o, "{}", err, sizeof err), 0);
    assert_int_equal(sc.nkeys, 0);
    serve_config_free(&sc);
    unsetenv("SEGMENT_WRITE_KEY");

    /* An empty --write-key is refused. */
    o.write_keys[0] = "";
    o.nkeys = 1;
    assert_int_equal(load_with(&sc, &o, "{}", err, sizeof err), -1);
    serve_config_free(&sc);
    assert_string_equal(err, "--write-key: a write key must not be empty");
}

static void test_write_keys_max(void **st)
{
    (void)st;
    /* ENV_WRITE_KEYS_MAX distinct in the config (with repeats): fine. */
    jbuf b;
    jbuf_init(&b);
    jbuf_puts(&b, "{\"ingest\":{\"write_keys\":[");
    for (int i = 0; i < ENV_WRITE_KEYS_MAX; i++) jbuf_printf(&b, "%s\"key-%d\",\"key-%d\"", i ? "," : "", i, i);
    jbuf_puts(&b, "]}}");
    serve_config sc;
    accepted(&sc, jbuf_cstr(&b));
    assert_int_equal(sc.nkeys, ENV_WRITE_KEYS_MAX);
    serve_config_free(&sc);

    /* One more from the flags: refused, naming where it came from. */
    run_opts o;
    run_opts_default(&o);
    o.write_keys[0] = "key-0"; /* a repeat is no more */
    o.write_keys[1] = "one-more";
    o.nkeys = 2;
    char err[512], want[128];
    assert_int_equal(load_with(&sc, &o, jbuf_cstr(&b), err, sizeof err), -1);
    serve_config_free(&sc);
    snprintf(want, sizeof want, "--write-key: at most %d write keys", ENV_WRITE_KEYS_MAX);
    assert_string_equal(err, want);

    /* ... from the environment. */
    setenv("SEGMENT_WRITE_KEY", "env-more", 1);
    run_opts_default(&o);
    assert_int_equal(load_with(&sc, &o, jbuf_cstr(&b), err, sizeof err), -1);
    serve_config_free(&sc);
    snprintf(want, sizeof want, "SEGMENT_WRITE_KEY: at most %d write keys", ENV_WRITE_KEYS_MAX);
    assert_string_equal(err, want);
    unsetenv("SEGMENT_WRITE_KEY");

    /* ... in the config itself. */
    jbuf_reset(&b);
    jbuf_puts(&b, "{\"ingest\":{\"write_keys\":[");
    for (int i = 0; i <= ENV_WRITE_KEYS_MAX; i++) jbuf_printf(&b, "%s\"key-%d\"", i ? "," : "", i);
    jbuf_puts(&b, "]}}");
    snprintf(want, sizeof want, "ingest.write_keys: at most %d write keys", ENV_WRITE_KEYS_MAX);
    refused(jbuf_cstr(&b), want);
    jbuf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_number_messages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dedupe_window, setup, teardown),
        cmocka_unit_test_setup_teardown(test_numbers_together, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse_listen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_listen_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_admin_listen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cors_origins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flags_beat_config, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fsync, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queue_path, setup, teardown),
        cmocka_unit_test_setup_teardown(test_strings_are_copies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_keys_config, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_keys_all_sources, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_keys_max, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
