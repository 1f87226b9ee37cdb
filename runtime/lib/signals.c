/* signals.c — see signals.h. */
#include "lib/signals.h"

#include <signal.h>
#include <stddef.h>

void signal_catch(int signo, void (*fn)(int))
{
    struct sigaction sa = {0};
    sa.sa_handler = fn ? fn : SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(signo, &sa, NULL);
}
