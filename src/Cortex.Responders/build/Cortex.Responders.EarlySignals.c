/*
 * Linked into every Native AOT worker, and run from the first instant of the process, before the .NET runtime starts:
 * - it catches SIGTERM and SIGINT and keeps them for the host (WorkerHost asks cortex_early_signal() once its own
 *   handlers are in place): without it, Cortex's timeout in the process's first milliseconds kills it with no output;
 * - it writes the provisional output (a valid failure output saying the job did not finish) as soon as the job folder
 *   is known, so that a SIGKILL (the Docker runner's timeout, the out-of-memory killer, kill -9) before the runtime has
 *   started still leaves one. The host rewrites it (ProvisionalOutput) and the real output replaces it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "Cortex.Responders.ProvisionalMessage.h"

static volatile sig_atomic_t cortex_pending_signal = 0;

static void cortex_keep_signal(int number)
{
    if (cortex_pending_signal == 0)
    {
        cortex_pending_signal = number;
    }
}

/* The job folder as HostCommandLine and JobFolder.Resolve read it, or 0 when the command line does not run a job. */
static const char *cortex_job_folder(char *arguments, size_t length)
{
    /* arguments: /proc/self/cmdline, each argument ended by a NUL (length counts the last one); the first is the program. */
    size_t at = strnlen(arguments, length) + 1;
    const char *first = at < length ? arguments + at : 0;
    if (first != 0 && strcmp(first, "--") == 0)
    {
        at += 3;
        first = at < length ? arguments + at : 0;
    }
    else if (first != 0 && first[0] == '-' && first[1] != '\0')
    {
        /* --help, --version, or an option the host refuses: no job. */
        return 0;
    }

    if (first != 0)
    {
        /* An empty argument is the working directory, as Path.Combine("", "input") reads it. */
        return first[0] != '\0' ? first : ".";
    }

    const char *variable = getenv("CORTEX_JOB_FOLDER");
    return variable != 0 && variable[0] != '\0' ? variable : "/job";
}

/* Links the written file at output/output.json unless one is there: a report already in place stays. */
static void cortex_publish(int file, const char *temporary, const char *final)
{
    if (temporary == 0)
    {
        char self[64];
        snprintf(self, sizeof self, "/proc/self/fd/%d", file);
        /* Atomic and never over an existing file (EEXIST); an unnamed file leaves nothing behind if killed first. */
        linkat(AT_FDCWD, self, AT_FDCWD, final, AT_SYMLINK_FOLLOW);
        return;
    }

    if (link(temporary, final) != 0 && errno != EEXIST && access(final, F_OK) != 0)
    {
        /* A file system without hard links: the rename is still atomic; nothing else writes here before main. */
        rename(temporary, final);
    }

    unlink(temporary);
}

static void cortex_write_provisional_output(void)
{
    static char arguments[8192];
    int command = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
    if (command < 0)
    {
        return;
    }

    ssize_t length = read(command, arguments, sizeof arguments - 1);
    close(command);
    if (length <= 0)
    {
        return;
    }

    arguments[length] = '\0';
    const char *folder = cortex_job_folder(arguments, (size_t)length);
    char input[4096], output[4096], final[4096], temporary[4096];
    struct stat status;
    if (folder == 0
        || snprintf(input, sizeof input, "%s/input", folder) >= (int)sizeof input
        || snprintf(output, sizeof output, "%s/output", folder) >= (int)sizeof output
        || snprintf(final, sizeof final, "%s/output/output.json", folder) >= (int)sizeof final
        /* No input/ folder: the job comes on standard input and the report goes to standard output (Cortex 2). */
        || stat(input, &status) != 0 || !S_ISDIR(status.st_mode)
        || access(final, F_OK) == 0)
    {
        return;
    }

    /* As the host: the folder is created if missing (the umask applies). */
    if (mkdir(output, 0777) != 0 && errno != EEXIST)
    {
        return;
    }

    static const char document[] = "{\"success\":false,\"errorMessage\":\"" CORTEX_PROVISIONAL_MESSAGE "\"}";
    const char *named = 0;
    int file = open(output, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (file < 0)
    {
        /* A file system without O_TMPFILE: a named temporary file, as the host's. */
        if (snprintf(temporary, sizeof temporary, "%s/.output.%d.early.tmp", output, (int)getpid()) >= (int)sizeof temporary)
        {
            return;
        }

        file = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0666);
        if (file < 0)
        {
            return;
        }

        named = temporary;
    }

    /* No fsync: the link alone makes the output appear whole to Cortex, which reads it once the process has ended. */
    ssize_t written = write(file, document, sizeof document - 1);
    if (written == (ssize_t)(sizeof document - 1))
    {
        cortex_publish(file, named, final);
    }
    else if (named != 0)
    {
        unlink(named);
    }

    close(file);
}

__attribute__((constructor)) static void cortex_start_early(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cortex_keep_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, 0);
    sigaction(SIGINT, &action, 0);
    int saved = errno;
    cortex_write_provisional_output();
    errno = saved;
}

/* The signal that came before the host's handlers were in place, or 0. */
int cortex_early_signal(void)
{
    return cortex_pending_signal;
}
