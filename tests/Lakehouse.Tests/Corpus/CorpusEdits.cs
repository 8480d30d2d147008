using System.Text;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Corpus;

/// <summary>The ways a corpus case breaks its copy of the repository.</summary>
internal static class CorpusEdits
{
    /// <summary>Replaces line <paramref name="line"/> (1-based) of <paramref name="file"/>; the text may span lines.</summary>
    public static void SetLine(this TempRepository repo, string file, int line, string text)
    {
        var lines = repo.Read(file).Split('\n').ToList();
        Assert.True(line <= lines.Count - 1, $"{file} has no line {line}");
        lines[line - 1] = text;
        repo.Write(file, string.Join('\n', lines));
    }

    /// <summary>Inserts <paramref name="text"/> (one or more lines) before line <paramref name="line"/>.</summary>
    public static void InsertBefore(this TempRepository repo, string file, int line, string text)
    {
        var lines = repo.Read(file).Split('\n').ToList();
        lines.Insert(line - 1, text);
        repo.Write(file, string.Join('\n', lines));
    }

    /// <summary>Appends lines at the end (the file ends with a newline, so they start on a new line).</summary>
    public static void Append(this TempRepository repo, string file, string text) =>
        repo.Write(file, repo.Read(file) + text + (text.EndsWith('\n') ? "" : "\n"));

    public static void Replace(this TempRepository repo, string file, string find, string replace)
    {
        var text = repo.Read(file);
        Assert.Contains(find, text);
        repo.Write(file, text.Replace(find, replace));
    }

    public static void WriteBytes(this TempRepository repo, string file, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(repo.PathOf(file))!);
        File.WriteAllBytes(repo.PathOf(file), bytes);
    }

    /// <summary>Puts raw bytes in place of line <paramref name="line"/>'s text (UTF-8 around them).</summary>
    public static void SetLineBytes(this TempRepository repo, string file, int line, byte[] bytes)
    {
        var lines = repo.Read(file).Split('\n').ToList();
        var before = Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(line - 1)) + "\n");
        var after = Encoding.UTF8.GetBytes("\n" + string.Join('\n', lines.Skip(line)));
        repo.WriteBytes(file, [.. before, .. bytes, .. after]);
    }

    /// <summary>Adds environment <paramref name="name"/> as a copy of dev with its own cluster and domain.</summary>
    public static void AddEnvironment(this TempRepository repo, string name) =>
        repo.Write($"env/{name}.yaml", repo.Read("env/dev.yaml").Replace(".dev.lakehouse.", $".{name}.lakehouse.").Replace("dev.lakehouse.", $"{name}.lakehouse."));

    public static void Delete(this TempRepository repo, string path)
    {
        var full = repo.PathOf(path);
        if (Directory.Exists(full))
        {
            Directory.Delete(full, recursive: true);
        }
        else
        {
            File.Delete(full);
        }
    }

    public static void Symlink(this TempRepository repo, string path, string target) =>
        File.CreateSymbolicLink(repo.PathOf(path), target);
}
