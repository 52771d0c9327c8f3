/*
 * Linked into every Native AOT worker: catches SIGTERM and SIGINT from the first instant of the process, before
 * the .NET runtime starts, and keeps them for the host (ResponderHost asks cortex_early_signal() once its own
 * handlers are in place). Without it, Cortex's timeout in the process's first milliseconds kills it with no output.
 */
#include <signal.h>
#include <string.h>

static volatile sig_atomic_t cortex_pending_signal = 0;

static void cortex_keep_signal(int number)
{
    if (cortex_pending_signal == 0)
    {
        cortex_pending_signal = number;
    }
}

__attribute__((constructor)) static void cortex_catch_signals_early(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cortex_keep_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, 0);
    sigaction(SIGINT, &action, 0);
}

/* The signal that came before the host's handlers were in place, or 0. */
int cortex_early_signal(void)
{
    return cortex_pending_signal;
}
