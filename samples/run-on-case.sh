#!/usr/bin/env bash
# The main job: publish the responders as Cortex reads them, validate their flavors, then run one on a
# sample TheHive case with `cortex-responder run`, exactly as Cortex's process runner does (a job folder with
# input/input.json, the root as working directory, `<command> <jobFolder>`), and judge its output.json.
set -euo pipefail
cd "$(dirname "$0")/.."
root="${CORTEX_ROOT:-$PWD/artifacts/cortex/responders}"

# Every responder of responders/, as Cortex reads them (responder.urls = $root).
dotnet publish responders -c Release -nologo -v quiet -p:CortexRoot="$root"
echo "Published for Cortex in $root:"
(cd "$root" && ls -l -- *)

# cortex-responder (src/Cortex.Responders.Cli): check the flavors as Cortex reads them, then run the Test
# flavor on a sample TheHive case exactly as Cortex's process runner does (job folder, working directory,
# SIGTERM at the timeout), and read the report as Cortex and TheHive would.
dotnet build src/Cortex.Responders.Cli -c Release -nologo -v quiet
cli="dotnet src/Cortex.Responders.Cli/bin/Release/net10.0/cortex-responder.dll"
echo
echo "cortex-responder validate $root"
$cli validate "$root"
echo
echo "cortex-responder run $root/Echo/Test.json --input tests/fixtures/jobs/thehive-case.json"
$cli run "$root/Echo/Test.json" --input tests/fixtures/jobs/thehive-case.json
