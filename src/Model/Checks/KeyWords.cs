using System.Collections.Generic;

namespace Lakehouse.Model.Checks;

/// <summary>
/// Splits a key or member name into lower-case words, whatever its spelling: camelCase, PascalCase,
/// snake_case, kebab-case, dotted, UPPER_CASE, acronyms ("APIKey" is api + key). Shared (linked) with the
/// compile-time analyzers, so it targets what netstandard2.0 offers.
/// </summary>
public static class KeyWords
{
    public static IReadOnlyList<string> Split(string name)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }
            if (current.Length > 0)
            {
                var previous = name[i - 1];
                var lowerToUpper = char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous));
                // The last capital of an acronym starts the next word: "APIKey" -> "API", "Key".
                var acronymEnd = char.IsUpper(c) && char.IsUpper(previous) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                var letterDigit = char.IsDigit(c) != char.IsDigit(previous);
                if (lowerToUpper || acronymEnd || letterDigit)
                {
                    Flush();
                }
            }
            current.Append(char.ToLowerInvariant(c));
        }
        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>
    /// The head noun of a name and the word before it: the last word ("adminPassword" -> password, admin),
    /// or, in "X of Y" and "X per Y" names, X ("keyOfSecretAccessKey" -> key, none; "volumesPerServer"
    /// -> volumes): the name is about its head, so a path, file, name or reference to a credential is not
    /// the credential.
    /// </summary>
    public static (string Head, string? Qualifier) Head(IReadOnlyList<string> words)
    {
        var end = words.Count - 1;
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i] is "of" or "per")
            {
                end = i - 1;
                break;
            }
        }
        return end < 0 ? ("", null) : (words[end], end > 0 ? words[end - 1] : null);
    }
}
