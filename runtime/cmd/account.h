/* account.h — `check-auth` (is the API key accepted?) and `delete-user`
 * (GDPR delete by user ID or anonymous ID): one request each. */
#ifndef ENCHARGE_CMD_ACCOUNT_H
#define ENCHARGE_CMD_ACCOUNT_H

#include "cmd/env.h"

int cmd_check_auth(run_opts *o);
int cmd_delete_user(run_opts *o, const char *user_id, const char *anonymous_id);

#endif
