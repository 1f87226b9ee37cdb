/* signals.h — installing signal handlers. No domain knowledge. */
#ifndef ENCHARGE_SIGNALS_H
#define ENCHARGE_SIGNALS_H

/* Runs fn on signo, without SA_RESTART (a blocking call returns EINTR, so a
 * loop sees the flag fn sets). fn NULL restores the default action. */
void signal_catch(int signo, void (*fn)(int));

#endif
