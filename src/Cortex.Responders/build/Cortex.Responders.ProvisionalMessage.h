/*
 * The one source of the provisional output's message: the early C constructor (Cortex.Responders.EarlySignals.c)
 * writes it before the .NET runtime starts, and the library's build generates ProvisionalOutput.Message from this
 * definition (Cortex.Responders.csproj, target CortexProvisionalMessage). One line, no double quote, no backslash: it
 * goes as it is into a JSON string and a C# string.
 */
#define CORTEX_PROVISIONAL_MESSAGE \
"the job did not finish: the worker was killed before it could report (likely the Docker runner's timeout, which sends no SIGTERM, the out-of-memory killer, or kill -9)"
