#!/usr/bin/env bash
# Build-time cost of the source generator on the shipped potentials: rebuilds of Runtime/Latent.Runtime
# alone (--no-dependencies: its references are built once beforehand and not rebuilt), with and without
# potentials/*.toml as the generator's AdditionalFiles. Debug, as `dotnet build` defaults to. Needs
# hyperfine (Debian: apt-get install -y hyperfine). Usage: Benchmarks/build-cost.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
project=Runtime/Latent.Runtime
without="-p:CustomAfterMicrosoftCommonTargets=$PWD/Benchmarks/NoShippedPotentials.targets"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build "$project" -nologo -v:q >/dev/null

hyperfine --warmup 1 --runs "$runs" --export-markdown /tmp/latent-build-cost.md \
  -n "with potentials (generator on NaCl.toml)" "dotnet build $project --no-dependencies --no-incremental -nologo -v:q" \
  -n "without potentials (generator on nothing)" "dotnet build $project --no-dependencies --no-incremental -nologo -v:q $without"
cat /tmp/latent-build-cost.md

# Time of the Csc task alone (MSBuild's performance summary): the compile step, where the generator
# runs, without MSBuild's own start-up and evaluation, so less noisy than the wall clock.
csc() { dotnet build "$project" --no-dependencies --no-incremental -nologo -clp:PerformanceSummary "$@" | awk '$3 == "Csc" { print $1 }'; }
echo
echo "Csc task, ms (with potentials / without):"
for _ in $(seq "$runs"); do echo "$(csc) / $(csc "$without")"; done

# The generator's own time inside the compiler, as Roslyn reports it.
echo
dotnet build "$project" --no-dependencies --no-incremental -nologo -v:d -p:ReportAnalyzer=true 2>&1 \
  | grep -E "Total analyzer execution time|Total generator execution time|Latent\.Generators\.PotentialGenerator|PotentialGenerator" | sed 's/^ *//' | sort -u | head -20

# Leave the normal build (with the kernels) in place.
dotnet build "$project" --no-dependencies --no-incremental -nologo -v:q >/dev/null
