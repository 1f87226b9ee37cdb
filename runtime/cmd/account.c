/* account.c — `check-auth` and `delete-user`: one request through the sender
 * (its retries included), its outcome on stdout. */
#include "cmd/account.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    bool done;
    sender_result res;
} one_result;

static void on_one(void *ctx, void *ud, const sender_result *res)
{
    (void)ud;
    one_result *o = ctx;
    o->done = true;
    o->res = *res;
}

/* Sends rq and waits for its outcome (or Ctrl-C). */
static int send_one(run_opts *o, env *e, const request *rq, one_result *out, const char *cmd)
{
    memset(out, 0, sizeof *out);
    if (env_sender(e, o, on_one, out, cmd)) return -1;
    env_catch_interrupt(SIGINT);
    sender_submit(e->snd, rq, NULL);
    while (!out->done && !env_interrupted()) sender_run(e->snd, 100);
    if (!out->done) env_wind_down(e, cmd, o->set.send.timeout_ms, NULL, NULL);
    return 0;
}

int cmd_check_auth(run_opts *o)
{
    env e;
    int rc = 1;
    /* one attempt is enough to judge a key: no retry window */
    if (!o->set.from_flag[SET_RETRY_WINDOW]) o->set.send.retry_window_s = 0;
    if (env_open(&e, o, false, true, "check-auth") == 0) {
        jarena a;
        jarena_init(&a, 0);
        request rq;
        auth_request(&e.cfg.ep, &a, &rq);
        one_result res;
        if (send_one(o, &e, &rq, &res, "check-auth") == 0) {
            if (res.res.outcome == OUT_DELIVERED) {
                printf("API key accepted\n");
                rc = 0;
            } else if (res.res.status == 401) {
                printf("API key rejected (401)\n");
            } else if (res.res.status) {
                printf("could not check the API key: %s answered %ld %s\n", rq.url, res.res.status, res.res.error);
            } else {
                printf("could not check the API key: %s: %s\n", rq.url, res.res.error);
            }
        }
        jarena_free(&a);
    }
    env_free(&e);
    return rc;
}

int cmd_delete_user(run_opts *o, const char *user_id, const char *anonymous_id)
{
    env e;
    int rc = 1;
    if (env_open(&e, o, false, true, "delete-user") == 0) {
        jarena a;
        jarena_init(&a, 0);
        jv ev = jv_obj_new(&a, 1);
        ev.u.members[0] = user_id ? (jmember){"userId", 6, jv_str(&a, user_id, strlen(user_id))}
                                  : (jmember){"anonymousId", 11, jv_str(&a, anonymous_id, strlen(anonymous_id))};
        request rq;
        int d = delete_request(&ev, &e.cfg.ep, &a, &rq);
        one_result res;
        if (d == 1) {
            fprintf(stderr, "delete-user: an empty ID names nobody; nothing sent\n");
        } else if (d == 0 && send_one(o, &e, &rq, &res, "delete-user") == 0) {
            if (res.res.outcome == OUT_DELIVERED) {
                printf("deleted: DELETE %s -> %ld\n", rq.url, res.res.status);
                rc = 0;
            } else {
                printf("delete failed: DELETE %s -> %s%s\n", rq.url, res.res.error,
                       res.res.outcome == OUT_EXHAUSTED ? " (retry window ended)" : "");
            }
        }
        jarena_free(&a);
    }
    env_free(&e);
    return rc;
}
