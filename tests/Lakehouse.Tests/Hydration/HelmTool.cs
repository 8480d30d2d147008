namespace Lakehouse.Tests.Hydration;

/// <summary>
/// Where Helm, the project's test tool, is: LAKEHOUSE_HELM, else where build/install-helm.sh installs it
/// (LAKEHOUSE_TOOLS or ~/.lakehouse/tools, then helm-4.1.4/helm), else a helm v4.1.4 on PATH.
/// </summary>
internal static class HelmTool
{
    public const string Version = "v4.1.4";

    private static readonly Lazy<string?> Located = new(Locate);

    /// <summary>The Helm binary, or null when none of the three places has Helm v4.1.4.</summary>
    public static string? Path => Located.Value;

    /// <summary>Returns Helm's path, or skips the calling test saying how to get it (fails instead under CI).</summary>
    public static string Require()
    {
        var helm = Path;
        var reason = $"Helm {Version} not found (LAKEHOUSE_HELM, {InstallPath}, PATH): run 'bash build/install-helm.sh' (the test project's build runs it)";
        if (helm is null && Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
        {
            Assert.Fail(reason);
        }
        Assert.SkipWhen(helm is null, reason);
        return helm!;
    }

    /// <summary>The path build/install-helm.sh writes.</summary>
    public static string InstallPath =>
        System.IO.Path.Combine(
            Environment.GetEnvironmentVariable("LAKEHOUSE_TOOLS") is { Length: > 0 } tools
                ? tools
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".lakehouse", "tools"),
            "helm-" + Version.TrimStart('v'), "helm");

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("LAKEHOUSE_HELM") is { Length: > 0 } configured)
        {
            return ReportsVersion(configured) ? configured : null;
        }
        if (ReportsVersion(InstallPath))
        {
            return InstallPath;
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "helm"))
            .FirstOrDefault(File.Exists);
        return onPath is not null && ReportsVersion(onPath) ? onPath : null;
    }

    private static bool ReportsVersion(string helm)
    {
        if (!File.Exists(helm))
        {
            return false;
        }
        var result = Tool.Run(helm, ["version", "--template", "{{.Version}}"], Directory.GetCurrentDirectory()).GetAwaiter().GetResult();
        return result.ExitCode == 0 && result.Output.Trim() == Version;
    }
}

/// <summary>Runs an external tool and captures its output.</summary>
internal static class Tool
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> Run(string file, IEnumerable<string> arguments, string workingDirectory)
    {
        var result = await Lakehouse.Rendering.Review.Hydration.ExternalTool.Run(file, arguments, workingDirectory);
        return new Result(result.ExitCode, result.Output, result.Error);
    }

    /// <summary>kubectl (it carries Kustomize), or null.</summary>
    public static string? Kubectl { get; } = Lakehouse.Rendering.Review.Hydration.HelmTemplate.FindKubectl();
}
