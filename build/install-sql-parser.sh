#!/usr/bin/env bash
# Installs the tests' SQL parser, dt-sql-parser (ANTLR grammars of Trino and Spark SQL) at the versions of
# build/sql-parser/package-lock.json, into a cache outside every source tree:
# ${LAKEHOUSE_TOOLS:-~/.lakehouse/tools}/sql-parser-4.5.1/ (parse.mjs there is what the tests run with node).
# From the npm registry with `npm ci` (the lockfile pins every package and its integrity hash); no install
# scripts run. Idempotent: when the cache holds the same lockfile and scripts, nothing is fetched. Prints the folder.
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/sql-parser" && pwd)
tools=${LAKEHOUSE_TOOLS:-${HOME}/.lakehouse/tools}
target="$tools/sql-parser-4.5.1"
files=(package.json package-lock.json parse.mjs resolve-hook.mjs)

up_to_date() {
  [ -f "$target/node_modules/dt-sql-parser/package.json" ] || return 1
  for f in "${files[@]}"; do cmp -s "$source_dir/$f" "$target/$f" || return 1; done
}

if up_to_date; then
  echo "$target"
  exit 0
fi

command -v npm >/dev/null || { echo "install-sql-parser.sh: npm is required to install dt-sql-parser" >&2; exit 1; }

mkdir -p "$tools"
work=$(mktemp -d "$tools/sql-parser.XXXXXX")
trap 'rm -rf "$work"' EXIT
for f in "${files[@]}"; do cp "$source_dir/$f" "$work/$f"; done
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --silent >/dev/null)

# Swap into place; a concurrent reader sees the old folder or the new one.
rm -rf "$target.old"
[ -d "$target" ] && mv "$target" "$target.old"
mv "$work" "$target"
rm -rf "$target.old"
trap - EXIT
echo "$target"
