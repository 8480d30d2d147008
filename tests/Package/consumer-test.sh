#!/usr/bin/env bash
# Packs Lakehouse.Model, Lakehouse.Catalogue, Lakehouse.Rendering and Lakehouse.Generators into a local folder, then builds a
# consumer repository (tests/Package/Consumer, copied outside this tree) with one PackageReference:
# its build must render its own gitops/, and an IP literal in its definitions must fail the build (LH1001).
set -euo pipefail
cd "$(dirname "$0")/../.."
# The consumer restores its charts like any repository: from the mirror beside this one when it exists (this
# project's machines have no internet), else from the charts' repositories.
if [ -z "${LAKEHOUSE_CHART_MIRROR:-}" ] && [ -f ../shared/charts/index.yaml ]; then
  export LAKEHOUSE_CHART_MIRROR="$(cd ../shared/charts && pwd)"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.1.0-local.$(date +%s)"
cp -r tests/Package/Consumer/. "$work/"
mkdir -p "$work/packages"

dotnet build src/CodeFixes -c Release -nologo -v:q
for project in src/Model src/Catalogue src/Rendering src/Generators; do
  dotnet pack "$project" -c Release -o "$work/packages" -p:Version="$version" -nologo -v:q
done
echo "package: packed $(ls "$work/packages" | tr '\n' ' ')"

(cd "$work" && dotnet build definitions -p:LakehousePackageVersion="$version" -nologo -v:q -clp:NoSummary)
test -f "$work/gitops/dev/cluster/application-demo-dev-trino.yaml"
test -f "$work/gitops/dev/apps/trino/values.yaml"
test -f "$work/env/environment.schema.json"
# No lock of its own yet: the first build wrote the package's default lock, and the render read its versions.
cmp -s charts.lock.yaml "$work/charts.lock.yaml"
grep -q "targetRevision: $(awk '/^  trino:/{t=1} t&&/^    version:/{print $2; exit}' charts.lock.yaml)" "$work/gitops/dev/cluster/application-demo-dev-trino.yaml"
echo "package: the first build wrote charts.lock.yaml from the package and restored its charts"
grep -q "iceberg.catalog.type=rest" "$work/gitops/dev/apps/trino/values.yaml"
echo "package: the consumer rendered $(find "$work/gitops" -type f | wc -l) files into its own gitops/"

cat >> "$work/definitions/DemoPlatform.cs" <<'CS'
public static class Mistake
{
    public static readonly Lakehouse.Model.Endpoint Storage = Lakehouse.Model.Endpoint.Parse("http://10.0.0.9:9000");
}
CS
if (cd "$work" && dotnet build definitions -p:LakehousePackageVersion="$version" -nologo -v:q -clp:NoSummary) > "$work/build.log" 2>&1; then
  echo "package: the consumer built although its definitions hold an IP literal" >&2
  exit 1
fi
grep -q "error LH1001: '10.0.0.9' is an IP address" "$work/build.log"
echo "package: the packaged analyzers reject an IP literal in the consumer (LH1001)"
