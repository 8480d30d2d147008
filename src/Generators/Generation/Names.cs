using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Lakehouse.Generators.Generation;

/// <summary>C# names for chart keys: PascalCase, valid identifiers, unique where they must be.</summary>
internal static class Names
{
    /// <summary>"fs.native-s3" -> "FsNativeS3", "2fa" -> "_2fa", "class" stays usable.</summary>
    public static string Pascal(string key)
    {
        var sb = new StringBuilder(key.Length);
        var upper = true;
        foreach (var c in key)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }
        if (sb.Length == 0)
        {
            sb.Append("Value");
        }
        if (char.IsDigit(sb[0]))
        {
            sb.Insert(0, '_');
        }
        var name = sb.ToString();
        return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;
    }

    /// <summary>Member names a generated record or class already has; a chart key never takes them.</summary>
    public static HashSet<string> Reserved(string typeName) =>
    [
        typeName, "EqualityContract", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize",
        "Deconstruct", "PrintMembers", "ToValues", "ApiVersion", "Kind", "Metadata", "KubeApiVersion", "KubeKind",
    ];

    /// <summary>Makes <paramref name="name"/> unique in <paramref name="taken"/> with a numeric suffix, and takes it.</summary>
    public static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = name + i;
        }
        return candidate;
    }

    /// <summary>Text safe inside an XML doc comment.</summary>
    public static string XmlEscape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
