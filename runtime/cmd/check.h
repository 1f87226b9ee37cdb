/* check.h — `encharge-actions check [--config FILE]`: the config loaded as
 * `run` loads it, every fixture run (config/fixtures.h), and every problem
 * reported on stdout as FILE:LINE: MESSAGE (config/problems.h), then a
 * summary. Exit status 0 when there is no error (warnings do not count), 1
 * when there is one, 2 on a bad command line. */
#ifndef ENCHARGE_CMD_CHECK_H
#define ENCHARGE_CMD_CHECK_H

/* argv[0] is "check". Returns the exit status. */
int cmd_check(int argc, char **argv);

#endif
