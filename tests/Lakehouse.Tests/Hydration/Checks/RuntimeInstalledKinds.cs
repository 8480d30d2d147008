namespace Lakehouse.Tests.Hydration.Checks;

/// <summary>
/// Kinds whose CRDs are installed at run time by packages, not by any chart or manifest: Crossplane's own
/// (pkg.crossplane.io, from chart crossplane, locked unverified: not obtainable here) and those of the Upbound AWS
/// provider packages (GROUP.aws.upbound.io, aws.upbound.io) the environment renders as pkg.crossplane.io
/// Providers. Their CRDs cannot be obtained on this project's machines, so these objects are neither
/// schema-checked nor ordered by CRD (docs/cloud-resources.md, "What cannot be checked here"); every other
/// custom resource still is.
/// </summary>
internal static class RuntimeInstalledKinds
{
    public static bool Exempt(Manifest o, IEnumerable<Manifest> environment)
    {
        if (o.Group == "pkg.crossplane.io")
        {
            return true;
        }
        if (!o.Group.EndsWith("upbound.io", StringComparison.Ordinal))
        {
            return false;
        }
        var families = environment.Where(p => p.Group == "pkg.crossplane.io" && p.Kind == "Provider")
            .Select(p => (string?)p.Body["spec"]?["package"] ?? "")
            .Select(package => package.Split("/provider-aws-").LastOrDefault()?.Split(':')[0])
            .Where(f => f is { Length: > 0 }).ToHashSet(StringComparer.Ordinal);
        return families.Count > 0 && (o.Group == "aws.upbound.io" || families.Contains(o.Group.Split('.')[0]));
    }
}
