#!/usr/bin/env bash
# Prints the scale table: for each N x E, the median of 5 whole-process runs of the scale command,
# (a) writing a fresh tree into an empty folder, (b) re-rendering over it a second later (every file is read and
# compared, and what was verified is recorded in gitops/.lock) and (c) re-rendering again (unchanged files are not read).
# Usage: tests/Lakehouse.Benchmarks/scale-table.sh [OUT_ROOT]   (builds Release first)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-$(mktemp -d)}
dotnet build -c Release tests/Lakehouse.Benchmarks -nologo -v:q >/dev/null
bench=tests/Lakehouse.Benchmarks/bin/Release/net10.0/Lakehouse.Benchmarks.dll
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '| N x E | files | MB | fresh write: median wall (ms) | first re-render, every file read (ms) | re-render of a verified tree (ms) | peak memory, median (MB) |\n|---|---|---|---|---|---|---|\n'
for n in 100 300 1000; do
  for e in 3 10; do
    fresh=(); first=(); again=(); peak=(); files=; mb=
    for run in 1 2 3 4 5; do
      dir="$out/$n-$e-$run"
      line=$(dotnet "$bench" scale --components "$n" --environments "$e" --out "$dir")
      fresh+=("$(sed -E 's/.*wall ([0-9]+) ms.*/\1/' <<<"$line")")
      files=$(sed -E 's/.* ([0-9]+) files .*/\1/' <<<"$line")
      mb=$(sed -E 's/.*, ([0-9.]+) MB,.*/\1/' <<<"$line")
      sleep 1
      line=$(dotnet "$bench" scale --components "$n" --environments "$e" --out "$dir")
      grep -q "(0 written" <<<"$line" || { echo "re-render wrote files: $line" >&2; exit 1; }
      first+=("$(sed -E 's/.*wall ([0-9]+) ms.*/\1/' <<<"$line")")
      line=$(dotnet "$bench" scale --components "$n" --environments "$e" --out "$dir")
      grep -q "(0 written" <<<"$line" || { echo "re-render wrote files: $line" >&2; exit 1; }
      again+=("$(sed -E 's/.*wall ([0-9]+) ms.*/\1/' <<<"$line")")
      peak+=("$(sed -E 's/.*peak memory ([0-9]+) MB.*/\1/' <<<"$line")")
    done
    printf '| %s x %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$e" "$files" "$mb" \
      "$(printf '%s\n' "${fresh[@]}" | median)" "$(printf '%s\n' "${first[@]}" | median)" "$(printf '%s\n' "${again[@]}" | median)" "$(printf '%s\n' "${peak[@]}" | median)"
  done
done
