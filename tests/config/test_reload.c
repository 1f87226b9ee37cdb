/* Unit tests: configuration versions — load (and a refused load), the swap,
 * and a retired version kept while a request mapped through it is pending. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "config/reload.h"

static void test_versions(void **s)
{
    (void)s;
    char err[4096];
    luahost *lua = luahost_new(NULL, err, sizeof err);
    if (!lua) fail_msg("%s", err);

    err[0] = 0;
    assert_null(cfg_version_load("/nonexistent/encharge.lua", lua, err, sizeof err));
    assert_true(err[0] != 0);

    cfg_version *v1 = cfg_version_load(NULL, lua, err, sizeof err); /* the presets */
    if (!v1) fail_msg("%s", err);
    assert_int_equal(v1->refs, 0);
    assert_true(v1->c.nsubs > 0);

    cfg_version *active = NULL;
    cfg_version_swap(&active, v1);
    assert_ptr_equal(active, v1);
    assert_int_equal(v1->refs, 1);
    cfg_version_hold(v1); /* a request mapped by v1 */
    cfg_version_hold(NULL);
    assert_int_equal(v1->refs, 2);

    cfg_version *v2 = cfg_version_load(NULL, lua, err, sizeof err);
    if (!v2) fail_msg("%s", err);
    cfg_version_swap(&active, v2);
    assert_ptr_equal(active, v2);
    assert_true(v1->retired); /* replaced, still held by its request */
    assert_int_equal(v1->refs, 1);
    assert_false(v2->retired);
    cfg_version_release(v1); /* its last request finished: freed (ASan checks) */
    cfg_version_release(NULL);

    cfg_version_swap(&active, NULL); /* the end: the active one goes too */
    assert_null(active);
    luahost_free(lua);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_versions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
