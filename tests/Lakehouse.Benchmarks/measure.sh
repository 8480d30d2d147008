#!/usr/bin/env bash
# The whole performance measurement of docs/performance.md in one go, for a quiet machine:
#   1. the scale table (scale-table.sh: 5 runs per cell, fresh write and re-render, medians),
#   2. 1,000 components x 3 environments re-rendered 5 times over an unchanged tree: each run's wall time (whole
#      process) and CPU time, and their medians (target: wall under 1 s, issue 11 item 7),
#   3. one --profile run of the same (phases, CPU per phase, GC, JIT, metadata built by reflection).
# The load average is printed before each part: wall time on a busy machine measures the wait for a core.
# Usage: tests/Lakehouse.Benchmarks/measure.sh [OUT_ROOT]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-$(mktemp -d)}
bench=tests/Lakehouse.Benchmarks/bin/Release/net10.0/Lakehouse.Benchmarks.dll
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u +%H:%M:%S) UTC)"; }

load
tests/Lakehouse.Benchmarks/scale-table.sh "$out/table"

echo
load
dir="$out/1000x3"
# A fresh write, then a re-render that reads every file once and records what it verified (gitops/.lock, docs/decisions.md):
# the runs below re-render an unchanged, verified tree, as the edit loop does.
dotnet "$bench" scale --components 1000 --environments 3 --out "$dir" >/dev/null
sleep 1
dotnet "$bench" scale --components 1000 --environments 3 --out "$dir" >/dev/null
walls=(); cpus=()
for run in 1 2 3 4 5; do
  line=$(dotnet "$bench" scale --components 1000 --environments 3 --out "$dir")
  grep -q "(0 written" <<<"$line" || { echo "re-render wrote files: $line" >&2; exit 1; }
  walls+=("$(sed -E 's/.*wall ([0-9]+) ms.*/\1/' <<<"$line")")
  cpus+=("$(sed -E 's/.*cpu ([0-9]+) ms.*/\1/' <<<"$line")")
done
echo "1000 x 3 re-render: wall ${walls[*]} ms, median $(printf '%s\n' "${walls[@]}" | median) ms; cpu ${cpus[*]} ms, median $(printf '%s\n' "${cpus[@]}" | median) ms"
load

echo
dotnet "$bench" scale --components 1000 --environments 3 --out "$dir" --profile
