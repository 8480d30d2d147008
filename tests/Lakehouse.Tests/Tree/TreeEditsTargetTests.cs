using System.Diagnostics;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Tree;

/// <summary>
/// build/Lakehouse.TreeEdits.targets: a plain build whose render inputs are unchanged still renders again when a
/// file of gitops/ was edited or deleted by hand (the owned list's SHA-256 says so), and the render restores it.
/// The targets run in MSBuild against a copy of the repository, with a stand-in render target of the real one's shape.
/// </summary>
public class TreeEditsTargetTests
{
    private const string Edited = "gitops/prod/apps/trino/values.yaml";

    [Fact]
    public void A_hand_edit_makes_the_next_build_render_and_the_render_restores_it()
    {
        using var repo = new TempRepository();
        var project = Project(repo);

        Assert.DoesNotContain("RENDER RAN", Build(project));

        var committed = repo.Read(Edited);
        repo.Write(Edited, committed.Replace("workers", "Workers", StringComparison.Ordinal));
        var output = Build(project);
        Assert.Contains($"lakehouse: {Edited} differs from its render; rendering again", output);
        Assert.Contains("RENDER RAN", output);

        // The render the build runs restores the file and says so (LH0022); the next build has nothing to do.
        var (code, render) = repo.Run("render");
        Assert.Equal(0, code);
        Assert.Contains($"{Edited}: warning LH0022: restored hand-edited file", render);
        Assert.Equal(committed, repo.Read(Edited));
        Assert.DoesNotContain("RENDER RAN", Build(project));
    }

    [Fact]
    public void A_deleted_owned_file_or_a_pending_list_makes_the_next_build_render()
    {
        using var repo = new TempRepository();
        var project = Project(repo);
        File.Delete(repo.PathOf("gitops/dev/cluster/kustomization.yaml"));
        var output = Build(project);
        Assert.Contains("lakehouse: gitops/dev/cluster/kustomization.yaml is missing; rendering again", output);
        Assert.Contains("RENDER RAN", output);

        Assert.Equal(0, repo.Run("render").Code);
        Assert.DoesNotContain("RENDER RAN", Build(project));
        var list = repo.Read("gitops/.generated");
        var header = list[..(list.IndexOf('\n') + 1)];
        repo.Write("gitops/.generated", header + Lakehouse.Rendering.Tree.OwnedList.PendingMarker + "\n" + list[header.Length..]);
        Assert.Contains("RENDER RAN", Build(project));
    }

    /// <summary>A project importing the targets, with a render target that, like the real one, runs only when its stamp is missing or older than its input.</summary>
    private static string Project(TempRepository repo)
    {
        var input = repo.PathOf("obj/input");
        var stamp = repo.PathOf("obj/lakehouse-gitops.stamp");
        repo.Write("obj/input", "");
        repo.Write("obj/lakehouse-gitops.stamp", "");
        File.SetLastWriteTimeUtc(input, DateTime.UtcNow.AddHours(-1));
        var targets = Path.Combine(Paths.RepositoryRoot, "build", "Lakehouse.TreeEdits.targets");
        repo.Write("obj/render.proj", $"""
            <Project>
              <PropertyGroup>
                <LakehouseRepositoryRoot>{repo.Root}/</LakehouseRepositoryRoot>
                <LakehouseRenderStamp>{stamp}</LakehouseRenderStamp>
              </PropertyGroup>
              <Import Project="{targets}" />
              <Target Name="LakehouseRenderGitOps" Inputs="{input}" Outputs="{stamp}">
                <Message Importance="high" Text="RENDER RAN" />
                <Touch Files="{stamp}" AlwaysCreate="true" />
              </Target>
            </Project>
            """);
        return repo.PathOf("obj/render.proj");
    }

    private static string Build(string project)
    {
        var start = new ProcessStartInfo("dotnet", ["msbuild", project, "-t:LakehouseRenderGitOps", "-nologo", "-v:m", "-nodeReuse:false"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "msbuild did not finish");
        var output = stdout.Result + stderr.Result;
        Assert.True(process.ExitCode == 0, output);
        return output;
    }
}
