using System;
using System.Collections.Generic;

namespace Lakehouse.Model.Configuration;

/// <summary>
/// Which env-file section belongs to which backend choice (storage.backend: minio -> storage.minio), and
/// the two rules that follow: the chosen backend's section is present when the backend needs one, and no
/// section of a backend that is not chosen is left behind (a leftover is an error, LH0040 / LH1206: it
/// reads as configuration but configures nothing). The one table of the rule: the env loader checks it on
/// the parsed file, the compile-time env check (src/Generators, where this file is linked; plain C# for
/// netstandard2.0) on the YAML, so both say the same at the same line.
/// </summary>
public static class BackendSections
{
    /// <summary>One backend choice: its value in the file, its section key and whether it needs it.</summary>
    public sealed class Choice(string value, string section, bool required)
    {
        public string Value { get; } = value;
        public string Section { get; } = section;
        public bool Required { get; } = required;
    }

    /// <summary>A section with a <c>backend</c> key choosing among sibling sections.</summary>
    public sealed class Selector(string parent, string? defaultValue, params Choice[] choices)
    {
        public string Parent { get; } = parent;
        public string Key => Parent + ".backend";

        /// <summary>The backend when the file does not say (null: the schema requires the key).</summary>
        public string? DefaultValue { get; } = defaultValue;
        public IReadOnlyList<Choice> Choices { get; } = choices;
    }

    /// <summary>Every backend selector of the environment configuration; a test keeps it equal to the enums.</summary>
    public static IReadOnlyList<Selector> All { get; } =
    [
        new("storage", null, new("minio", "minio", true), new("seaweedfs", "seaweedfs", true), new("external", "external", true)),
        new("catalog", null, new("rest", "rest", true), new("external-rest", "externalRest", true), new("jdbc", "jdbc", false), new("hive", "hive", true), new("glue", "glue", true)),
        new("orchestrator", "airflow", new("airflow", "airflow", false), new("dagster", "dagster", false)),
        new("secrets", "kubernetes", new("kubernetes", "kubernetes", false), new("vault", "vault", true), new("aws-secrets-manager", "awsSecretsManager", true)),
        new("identity", null, new Choice("external", "external", true)),
    ];

    /// <summary>A broken rule: at <see cref="KeyPath"/> (the backend's value, or the leftover section's key).</summary>
    public sealed class Finding(string keyPath, bool leftover, string message)
    {
        public string KeyPath { get; } = keyPath;

        /// <summary>True for a leftover section (reported at its key), false for a missing one (at the backend's value).</summary>
        public bool Leftover { get; } = leftover;
        public string Message { get; } = message;
    }

    /// <summary>
    /// Checks a file that already satisfies the schema. <paramref name="backendOf"/> gives the text at a
    /// dotted key path (null when absent); <paramref name="isSet"/> whether a key path holds a value other
    /// than null (an empty <c>rest:</c> is no section).
    /// </summary>
    public static IEnumerable<Finding> Check(Func<string, string?> backendOf, Func<string, bool> isSet)
    {
        foreach (var selector in All)
        {
            if (!isSet(selector.Parent))
            {
                continue;
            }
            var chosen = backendOf(selector.Key) ?? selector.DefaultValue;
            foreach (var choice in selector.Choices)
            {
                var section = selector.Parent + "." + choice.Section;
                if (choice.Value == chosen)
                {
                    if (choice.Required && !isSet(section))
                    {
                        yield return new Finding(selector.Key, false, $"{selector.Key} is '{chosen}' but the {section} section is missing");
                    }
                }
                else if (isSet(section))
                {
                    yield return new Finding(section, true, $"{section} configures the '{choice.Value}' backend, but {selector.Key} is '{chosen}': remove the leftover section (or choose '{choice.Value}')");
                }
            }
        }
    }
}
