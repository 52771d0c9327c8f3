using Cortex.Responders.Cli.Definitions;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Validation;

/// <summary>One row of <see cref="FlavorValidator"/>'s checks: a name and what it finds in one definition.</summary>
/// <param name="Name">What part of the flavor it checks (<c>items</c>).</param>
/// <param name="Run">The findings in a definition (file, definition, its JSON path, the kind asked for).</param>
internal sealed record FlavorCheck(string Name, Func<FlavorFile, JObject, string, WorkerKind, IEnumerable<Finding>> Run);
