/* Unit tests: schema (cleaning, coercion, validation messages) and actions
 * (request recipes, onDelete, auth; the headers: test_headers.c). Expected bodies are upstream's
 * wire bodies from docs/upstream-behaviour.md §3, §5 and §7 (key order included). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "map/actions.h"
#include "map/schema.h"

static jarena A;
static const endpoints EP = {DEFAULT_INGEST_BASE, DEFAULT_API_BASE};

static int setup(void **s) { (void)s; jarena_init(&A, 0); return 0; }
static int teardown(void **s) { (void)s; jarena_free(&A); return 0; }

static jv parse(const char *text)
{
    jv v;
    jerr e;
    if (json_parse(&A, text, strlen(text), NULL, &v, &e)) fail_msg("bad test JSON %s: %s", text, e.msg);
    return v;
}

/* fields JSON -> validated -> request; returns 0 and fills body, or -1 and err */
static int build(const char *aname, const char *fields, request *rq, ev_error *err)
{
    const action *a = action_find(aname);
    assert_non_null(a);
    jv f = parse(fields);
    payload p;
    if (schema_validate(a, &f, &A, &p, err)) return -1;
    return action_request(&p, &EP, &A, rq, err);
}

static void expect_body(const char *action, const char *fields, const char *method, const char *url,
                        const char *body)
{
    request rq;
    ev_error err;
    if (build(action, fields, &rq, &err)) fail_msg("%s: unexpected error %s", action, err.message);
    assert_string_equal(rq.method, method);
    assert_string_equal(rq.url, url);
    char got[4096];
    snprintf(got, sizeof got, "%.*s", (int)rq.body_len, rq.body);
    assert_string_equal(got, body);
    jarena_reset(&A);
}

static void expect_error(const char *action, const char *fields, const char *name, const char *message)
{
    request rq;
    ev_error err;
    assert_int_equal(build(action, fields, &rq, &err), -1);
    assert_string_equal(err.name, name);
    assert_string_equal(err.message, message);
    assert_int_equal(err.status, 400);
    jarena_reset(&A);
}

static void test_action_lookup(void **s)
{
    (void)s;
    assert_ptr_equal(action_find("trackEvent"), &ACTIONS[0]);
    assert_ptr_equal(action_find("Track Event"), &ACTIONS[0]);
    assert_ptr_equal(action_find("tag user"), action_find("addTag"));
    assert_ptr_equal(action_find("Untag User"), action_find("removeTag"));
    assert_ptr_equal(action_find("Create or Update Object"), action_find("createUpdateObject"));
    assert_null(action_find("sendFax"));
    assert_int_equal(ACTIONS[0].nfields, 15);
}

static void test_track_recipe(void **s)
{
    (void)s;
    /* docs/upstream-behaviour.md §7 row 1: traits override user.userId, extra campaign key dropped */
    expect_body("trackEvent",
                "{\"event\":\"Signed Up\",\"properties\":{\"plan\":\"pro\",\"email\":\"prop@x.com\"},"
                "\"userFields\":{\"email\":\"ctx@x.com\",\"firstName\":\"A\",\"userId\":\"override\"},"
                "\"type\":\"track\",\"email\":\"ctx@x.com\",\"segmentAnonymousId\":\"anonId1234\",\"userId\":\"user1234\","
                "\"groupId\":\"g1\",\"timestamp\":\"2023-01-01T00:00:00.000Z\",\"messageId\":\"m1\",\"ip\":\"1.2.3.4\","
                "\"campaign\":{\"name\":\"c\",\"source\":\"s\",\"extra\":\"dropme\"},\"page\":{},\"location\":{}}",
                "POST", "https://ingest.encharge.io/v1",
                "{\"event\":\"Signed Up\",\"properties\":{\"plan\":\"pro\",\"email\":\"prop@x.com\"},\"userFields\":{\"email\":"
                "\"ctx@x.com\",\"firstName\":\"A\",\"userId\":\"override\"},\"type\":\"track\",\"email\":\"ctx@x.com\","
                "\"segmentAnonymousId\":\"anonId1234\",\"userId\":\"user1234\",\"timestamp\":\"2023-01-01T00:00:00.000Z\","
                "\"messageId\":\"m1\",\"context\":{\"ip\":\"1.2.3.4\",\"campaign\":{\"name\":\"c\",\"source\":\"s\"},"
                "\"page\":{},\"location\":{},\"groupId\":\"g1\"},\"user\":{\"email\":\"ctx@x.com\",\"userId\":\"override\","
                "\"segmentAnonymousId\":\"anonId1234\",\"firstName\":\"A\"}}");
    /* numbers coerced at top level, trait values untouched; null trait overrides */
    expect_body("trackEvent",
                "{\"event\":[\"one\"],\"type\":\"track\",\"userId\":12345,\"segmentAnonymousId\":true,"
                "\"email\":\"p@x.com\",\"userFields\":{\"email\":null,\"n\":42}}",
                "POST", "https://ingest.encharge.io/v1",
                "{\"event\":\"one\",\"userFields\":{\"email\":null,\"n\":42},\"type\":\"track\",\"email\":\"p@x.com\","
                "\"segmentAnonymousId\":\"true\",\"userId\":\"12345\",\"context\":{},\"user\":{\"email\":null,"
                "\"userId\":\"12345\",\"segmentAnonymousId\":\"true\",\"n\":42}}");
    /* root "" and null removed; nested "" kept, nested null removed */
    expect_body("trackPageView",
                "{\"type\":\"page\",\"userId\":\"\",\"email\":null,\"page\":{\"url\":\"u\",\"referrer\":\"\",\"title\":null}}",
                "POST", "https://ingest.encharge.io/v1",
                "{\"type\":\"page\",\"context\":{\"page\":{\"url\":\"u\",\"referrer\":\"\"}},\"user\":{}}");
    /* integer-like trait keys first (JS order) */
    expect_body("identifyUser",
                "{\"user\":{\"b\":1,\"2\":\"x\",\"a\":1.50,\"1\":\"y\",\"email\":\"A@B.com\"},\"type\":\"identify\","
                "\"userId\":\"user1234\"}",
                "POST", "https://ingest.encharge.io/v1",
                "{\"type\":\"identify\",\"userId\":\"user1234\",\"context\":{},\"user\":{\"1\":\"y\",\"2\":\"x\","
                "\"email\":\"A@B.com\",\"userId\":\"user1234\",\"b\":1,\"a\":1.5}}");
}

static void test_alias_object_tags(void **s)
{
    (void)s;
    expect_body("aliasUser", "{\"userId\":99,\"previousUserId\":98,\"messageId\":\"m1\",\"type\":\"ignored\"}", "POST",
                "https://ingest.encharge.io/v1",
                "{\"userId\":\"99\",\"previousUserId\":\"98\",\"messageId\":\"m1\",\"type\":\"alias\"}");
    /* objectData's own id/externalId keep their place, take the mapped values, or vanish */
    expect_body("createUpdateObject",
                "{\"objectType\":\"company\",\"externalId\":\"G\",\"objectData\":{\"id\":\"tid\",\"externalId\":\"tex\","
                "\"name\":\"N\"},\"userId\":\"u\"}",
                "POST", "https://ingest.encharge.io/v1",
                "{\"type\":\"group\",\"objectType\":\"company\",\"properties\":{\"externalId\":\"G\",\"name\":\"N\"},"
                "\"user\":{\"userId\":\"u\"}}");
    expect_body("createUpdateObject", "{\"objectType\":\"company\",\"objectData\":{\"name\":\"test\"},\"externalId\":\"g\",\"id\":\"i\"}",
                "POST", "https://ingest.encharge.io/v1",
                "{\"type\":\"group\",\"objectType\":\"company\",\"properties\":{\"name\":\"test\",\"externalId\":\"g\","
                "\"id\":\"i\"},\"user\":{}}");
    expect_body("addTag", "{\"tag\":7,\"userId\":\"user1234\",\"segmentAnonymousId\":\"anonId1234\"}", "POST",
                "https://api.encharge.io/v1/tags",
                "{\"tag\":\"7\",\"userId\":\"user1234\",\"segmentAnonymousId\":\"anonId1234\"}");
    expect_body("removeTag", "{\"tag\":\"a,b\",\"email\":\"e@x.com\"}", "DELETE", "https://api.encharge.io/v1/tags",
                "{\"tag\":\"a,b\",\"email\":\"e@x.com\"}");
    expect_error("addTag", "{\"tag\":\"t\"}", "PayloadValidationError", "No user ID, email, or anonymous ID provided.");
    expect_error("addTag", "{\"tag\":[null],\"userId\":\"u\"}", "PayloadValidationError", "Missing tag.");
}

static void test_validation_messages(void **s)
{
    (void)s;
    expect_error("trackEvent", "{}",
                 "AggregateAjvError",
                 "The root value is missing the required field 'event'. The root value is missing the required field 'type'.");
    expect_error("trackEvent", "{\"type\":\"track\",\"properties\":\"x\",\"timestamp\":\"nope\"}", "AggregateAjvError",
                 "The root value is missing the required field 'event'. Event Properties must be an object but it was a "
                 "string. Timestamp must be a valid date and time string but it was not.");
}

static void test_validation_messages_exact(void **s)
{
    (void)s;
    expect_error("trackEvent", "{\"event\":{\"a\":1},\"type\":\"t\"}", "AggregateAjvError",
                 "Event Name must be a string but it was an object.");
    expect_error("trackEvent", "{\"event\":\"e\",\"type\":\"t\",\"campaign\":{\"medium\":[],\"term\":[5]}}",
                 "AggregateAjvError", "Medium must be a string but it was an array.");
    expect_error("addTag", "{\"tag\":[{}],\"userId\":\"u\"}", "AggregateAjvError", "Tag must be a string but it was an object.");
    expect_error("addTag", "{\"tag\":[[\"a\"]],\"userId\":\"u\"}", "AggregateAjvError", "Tag must be a string but it was an array.");
    expect_error("addTag", "{\"tag\":[\"a\",\"b\"],\"userId\":\"u\"}", "AggregateAjvError", "Tag must be a string but it was an array.");
    expect_error("addTag", "{\"tag\":\"\",\"userId\":\"u\"}", "AggregateAjvError", "The root value is missing the required field 'tag'.");
    expect_error("identifyUser", "{\"type\":\"identify\",\"user\":\"x\"}", "AggregateAjvError",
                 "User Fields must be an object but it was a string.");
    expect_error("aliasUser", "{\"userId\":\"u\"}", "AggregateAjvError",
                 "The root value is missing the required field 'previousUserId'.");
    expect_error("createUpdateObject", "{\"objectType\":\"\"}", "AggregateAjvError",
                 "The root value is missing the required field 'objectType'.");
    expect_error("trackEvent", "{\"event\":\"e\",\"type\":\"t\",\"location\":{\"region\":[1,2]}}", "AggregateAjvError",
                 "Region must be a string but it was an array.");
}

static void test_date_time(void **s)
{
    (void)s;
    const char *good[] = {"2023-01-01T00:00:00.000Z", "2023-01-01T00:00:00+02:00", "2023-01-01 00:00:00Z",
                          "2023-01-01T00:00:00", "2024-02-29t23:59:60", "2023-01-01T00:00:00+0200",
                          "2023-01-01T00:00:00-02", "2023-12-31T23:59:59.123456789z"};
    const char *badv[] = {"2023-01-01", "not-a-date", "1672531200000", "2023-02-29T00:00:00Z", "2023-01-01T24:00:00Z",
                          "2023-01-01T00:00:00ZZ", "2023-01-01TT00:00:00", "2023-13-01T00:00:00Z",
                          "2023-01-01T00:00:00.Z", "2023-01-01T23:59:60Z x", ""};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!is_date_time(good[i], strlen(good[i]))) fail_msg("should accept %s", good[i]);
    for (size_t i = 0; i < sizeof badv / sizeof *badv; i++)
        if (is_date_time(badv[i], strlen(badv[i]))) fail_msg("should reject %s", badv[i]);
    /* U+00A0 counts as a separator for JavaScript's \s */
    assert_true(is_date_time("2023-01-01\xc2\xa0" "00:00:00Z", 20));
}

static void test_settings(void **s)
{
    (void)s;
    const char *key;
    size_t n;
    ev_error err;
    jv st = parse("{\"apiKey\":\"k1\"}");
    assert_int_equal(settings_validate(&st, &A, &key, &n, &err), 0);
    assert_int_equal(n, 2);
    st = parse("{\"apiKey\":5}");
    assert_int_equal(settings_validate(&st, &A, &key, &n, &err), 0);
    assert_memory_equal(key, "5", 1);
    st = parse("{\"apiKey\":null}");
    assert_int_equal(settings_validate(&st, &A, &key, &n, &err), 0);
    assert_int_equal(n, 0);
    st = parse("{}");
    assert_int_equal(settings_validate(&st, &A, &key, &n, &err), -1);
    assert_string_equal(err.message, "The root value is missing the required field 'apiKey'.");
    st = parse("{\"apiKey\":{}}");
    assert_int_equal(settings_validate(&st, &A, &key, &n, &err), -1);
    assert_string_equal(err.message, "API Key must be a string but it was an object.");
    jarena_reset(&A);
}

static void test_delete_auth_headers(void **s)
{
    (void)s;
    request rq;
    jv ev = parse("{\"userId\":\"123\"}");
    assert_int_equal(delete_request(&ev, &EP, &A, &rq), 0);
    assert_string_equal(rq.method, "DELETE");
    assert_string_equal(rq.url, "https://api.encharge.io/v1/people?people[0][userId]=123");
    assert_null(rq.body);
    ev = parse("{\"userId\":\"\",\"anonymousId\":\"anon 1&2#x+y~._-\"}");
    assert_int_equal(delete_request(&ev, &EP, &A, &rq), 0);
    assert_string_equal(rq.url, "https://api.encharge.io/v1/people?people[0][segmentAnonymousId]=anon%201%262%23x%2By~._-");
    ev = parse("{\"userId\":0,\"anonymousId\":null}");
    assert_int_equal(delete_request(&ev, &EP, &A, &rq), 1);
    ev = parse("{\"userId\":42}");
    assert_int_equal(delete_request(&ev, &EP, &A, &rq), 0);
    assert_string_equal(rq.url, "https://api.encharge.io/v1/people?people[0][userId]=42");
    endpoints local = {"http://127.0.0.1:9/", "http://127.0.0.1:9/"};
    auth_request(&local, &A, &rq);
    assert_string_equal(rq.method, "GET");
    assert_string_equal(rq.url, "http://127.0.0.1:9/v1/accounts/info");
    jarena_reset(&A);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_action_lookup),       cmocka_unit_test(test_track_recipe),
        cmocka_unit_test(test_alias_object_tags),   cmocka_unit_test(test_validation_messages),
        cmocka_unit_test(test_validation_messages_exact),
        cmocka_unit_test(test_date_time),           cmocka_unit_test(test_settings),
        cmocka_unit_test(test_delete_auth_headers),
    };
    return cmocka_run_group_tests_name("schema+actions", tests, setup, teardown);
}
