/* actions.h — `actions`: the actions and their fields. */
#ifndef ENCHARGE_CMD_ACTIONS_H
#define ENCHARGE_CMD_ACTIONS_H

int cmd_actions(void);

#endif
