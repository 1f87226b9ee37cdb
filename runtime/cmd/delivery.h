/* delivery.h — the command line of the delivery commands (`run`,
 * `check-auth`, `delete-user`, `dlq`): their shared options, then the
 * command. */
#ifndef ENCHARGE_CMD_DELIVERY_H
#define ENCHARGE_CMD_DELIVERY_H

/* cmd: the command's name; argv[0] is that name too. Returns the exit status. */
int cmd_delivery(const char *cmd, int argc, char **argv);

#endif
