#!/usr/bin/env bash
# Installs the project's Node-based test tools (tools/node: package.json, package-lock.json and the scripts the
# tests run, e.g. promql.mjs, the PromQL parser of the alert tests) into a cache outside every source tree:
# ${LAKEHOUSE_TOOLS:-~/.lakehouse/tools}/node-tools-HASH, HASH over those files, so an edit installs anew and
# nothing (node_modules) appears in the work tree. Pinned: `npm ci` installs exactly the lockfile's versions and
# checks their integrity hashes; install scripts are not run. Idempotent. Prints the folder's path.
# Another tool joins by adding its package to tools/node/package.json (npm install --package-lock-only) and its
# script beside promql.mjs.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source_dir="$root/tools/node"
tools=${LAKEHOUSE_TOOLS:-${HOME}/.lakehouse/tools}

command -v node >/dev/null || { echo "install-node-tools.sh: node (20 or later) is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "install-node-tools.sh: npm is required" >&2; exit 1; }

files=$(cd "$source_dir" && ls package.json package-lock.json *.mjs | LC_ALL=C sort)
hash=$(cd "$source_dir" && cat $files | sha256sum | cut -c1-16)
target="$tools/node-tools-$hash"

if [ -f "$target/.complete" ]; then
  echo "$target"
  exit 0
fi

mkdir -p "$tools"
work=$(mktemp -d "$tools/.node-tools.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$source_dir" && cp $files "$work/")
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --silent >/dev/null)
touch "$work/.complete"
# Move into place atomically; a concurrent install that won the race leaves its complete copy.
if ! mv -T "$work" "$target" 2>/dev/null; then
  [ -f "$target/.complete" ] || { echo "install-node-tools.sh: could not install into $target" >&2; exit 1; }
fi
trap - EXIT
rm -rf "$work"
echo "$target"
