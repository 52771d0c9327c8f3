#!/usr/bin/env bash
# The main job: publish the responders as Cortex reads them, then run one on a sample TheHive case exactly
# as Cortex's process runner does (a job folder with input/input.json, the root as working directory,
# `<command> <jobFolder>`) and show the output.json it leaves.
set -euo pipefail
cd "$(dirname "$0")/.."
root="${CORTEX_ROOT:-$PWD/artifacts/cortex/responders}"

# Every responder of responders/, as Cortex reads them (responder.urls = $root).
dotnet publish responders -c Release -nologo -v quiet -p:CortexRoot="$root"
echo "Published for Cortex in $root:"
(cd "$root" && ls -l -- *)

job=$(mktemp -d "${TMPDIR:-/tmp}/cortex-job-XXXXXX")
trap 'rm -rf "$job"' EXIT
mkdir -p "$job/input" "$job/output"
# The Test flavor's configuration ({"service": "test"}) merged into a TheHive case's job input, as Cortex does.
sed 's/"config": {/"config": {\n    "service": "test",/' tests/fixtures/jobs/thehive-case.json > "$job/input/input.json"

echo
echo "Running: (cd $root && Echo/Echo $job)"
set +e
(cd "$root" && Echo/Echo "$job")
code=$?
set -e
echo "exit code: $code"
echo "output/output.json:"
cat "$job/output/output.json"; echo
exit $code
