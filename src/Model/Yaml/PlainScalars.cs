using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Lakehouse.Model.Yaml;

/// <summary>What a plain (unquoted) YAML scalar resolves to.</summary>
public enum ScalarKind
{
    String,
    Null,
    Bool,
    Int,
    Float,
}

/// <summary>
/// The one rule of the project for what a plain (unquoted) YAML scalar means: the YAML 1.2 core schema
/// (YAML 1.2.2, section 10.3.2), as kubectl and YamlDotNet's core-schema readers resolve it:
/// <list type="bullet">
/// <item>null: <c>~</c>, <c>null</c>, <c>Null</c>, <c>NULL</c> and the empty scalar;</item>
/// <item>bool: <c>true</c>, <c>True</c>, <c>TRUE</c>, <c>false</c>, <c>False</c>, <c>FALSE</c>;</item>
/// <item>int: decimal <c>[-+]?[0-9]+</c>, octal <c>0o[0-7]+</c>, hexadecimal <c>0x[0-9a-fA-F]+</c>;</item>
/// <item>float: <c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c>, <c>[-+]?.inf</c> and <c>.nan</c> in
/// their three spellings;</item>
/// <item>anything else is a string. Quoted and block scalars are always strings.</item>
/// </list>
/// The env loader, the compile-time env check, the chart-values type builder and the tests all resolve
/// through here. The YAML writer also asks <see cref="IsYaml11NonString"/>: Helm reads values with Go's
/// YAML 1.1 rules, where yes/no/on/off/y/n, 0777 octal, 1_000, 1:30 (base 60) and dates are not strings
/// either, so a string of that form must be quoted even though the core schema would read it back.
/// Plain C# without newer APIs: linked into the compile-time checks in src/Generators (netstandard2.0).
/// </summary>
public static partial class PlainScalars
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

#if NET
    // The YAML writer asks for every string it writes: source-generated regexes, not the interpreter.
    [GeneratedRegex(@"^[-+]?[0-9]+$", Options)]
    private static partial Regex CoreDecimalRegex();

    [GeneratedRegex(@"^0o[0-7]+$", Options)]
    private static partial Regex CoreOctalRegex();

    [GeneratedRegex(@"^0x[0-9a-fA-F]+$", Options)]
    private static partial Regex CoreHexRegex();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", Options)]
    private static partial Regex CoreFloatRegex();

    [GeneratedRegex(@"^[-+]?\.(inf|Inf|INF)$", Options)]
    private static partial Regex CoreInfinityRegex();

    [GeneratedRegex(@"^\.(nan|NaN|NAN)$", Options)]
    private static partial Regex CoreNanRegex();

    // YAML 1.1 (yaml.org/type, 2005), read by Helm's Go YAML, taken generously (underscores anywhere in
    // digits, an exponent without a dot): quoting a string too many costs nothing, one too few changes a type.
    [GeneratedRegex(@"^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$", Options)]
    private static partial Regex Yaml11BoolOrNullRegex();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?0x[0-9a-fA-F_]+$|^[-+]?0o?[0-7_]+$|^[-+]?0b[01_]+$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$|^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$", Options)]
    private static partial Regex Yaml11NumberRegex();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)", Options)]
    private static partial Regex Yaml11TimestampRegex();

    private static Regex CoreDecimal => CoreDecimalRegex();
    private static Regex CoreOctal => CoreOctalRegex();
    private static Regex CoreHex => CoreHexRegex();
    private static Regex CoreFloat => CoreFloatRegex();
    private static Regex CoreInfinity => CoreInfinityRegex();
    private static Regex CoreNan => CoreNanRegex();
    private static Regex Yaml11BoolOrNull => Yaml11BoolOrNullRegex();
    private static Regex Yaml11Number => Yaml11NumberRegex();
    private static Regex Yaml11Timestamp => Yaml11TimestampRegex();
#else
    // Inside the compiler (netstandard2.0) the interpreter: the analyzers see few scalars.
    private static readonly Regex CoreDecimal = new(@"^[-+]?[0-9]+$", Options);
    private static readonly Regex CoreOctal = new(@"^0o[0-7]+$", Options);
    private static readonly Regex CoreHex = new(@"^0x[0-9a-fA-F]+$", Options);
    private static readonly Regex CoreFloat = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", Options);
    private static readonly Regex CoreInfinity = new(@"^[-+]?\.(inf|Inf|INF)$", Options);
    private static readonly Regex CoreNan = new(@"^\.(nan|NaN|NAN)$", Options);
    // YAML 1.1 (yaml.org/type, 2005), read by Helm's Go YAML, taken generously (underscores anywhere in
    // digits, an exponent without a dot): quoting a string too many costs nothing, one too few changes a type.
    private static readonly Regex Yaml11BoolOrNull = new(@"^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$", Options);
    private static readonly Regex Yaml11Number = new(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?0x[0-9a-fA-F_]+$|^[-+]?0o?[0-7_]+$|^[-+]?0b[01_]+$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$|^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$", Options);
    private static readonly Regex Yaml11Timestamp = new(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)", Options);
#endif

    /// <summary>The YAML 1.2 core-schema type of the plain scalar <paramref name="text"/>.</summary>
    public static ScalarKind Resolve(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return ScalarKind.Null;
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE":
                return ScalarKind.Bool;
        }
        if (CoreDecimal.IsMatch(text) || CoreOctal.IsMatch(text) || CoreHex.IsMatch(text))
        {
            return ScalarKind.Int;
        }
        return CoreFloat.IsMatch(text) || CoreInfinity.IsMatch(text) || CoreNan.IsMatch(text) ? ScalarKind.Float : ScalarKind.String;
    }

    /// <summary>The value of a plain scalar that <see cref="Resolve"/> calls <see cref="ScalarKind.Bool"/>.</summary>
    public static bool BoolValue(string text) => text is "true" or "True" or "TRUE";

    /// <summary>
    /// The value of a plain scalar that <see cref="Resolve"/> calls <see cref="ScalarKind.Int"/>, when it
    /// fits 64 bits; false for larger integers (which are still integers, only out of every range).
    /// </summary>
    public static bool TryIntValue(string text, out long value)
    {
        if (CoreOctal.IsMatch(text))
        {
            return TryParseBase(text.Substring(2), 8, out value);
        }
        if (CoreHex.IsMatch(text))
        {
            return TryParseBase(text.Substring(2), 16, out value);
        }
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// True for a plain number no setting can hold and JSON cannot carry exactly: .inf, .nan and
    /// integers beyond 64 bits. The loader and the compile-time check report these themselves.
    /// </summary>
    public static bool IsOutOfEveryRange(string text) => Resolve(text) switch
    {
        ScalarKind.Int => !TryIntValue(text, out _),
        ScalarKind.Float => CoreInfinity.IsMatch(text) || CoreNan.IsMatch(text) || !TryFiniteDouble(text, out _),
        _ => false,
    };

    /// <summary>The numeric value of an int or float plain scalar (approximate beyond 2^53), or null.</summary>
    public static double? NumberValue(string text)
    {
        switch (Resolve(text))
        {
            case ScalarKind.Int:
                if (TryIntValue(text, out var whole))
                {
                    return whole;
                }
                // Decimal digits beyond 64 bits; octal and hexadecimal ones that long are not worth a value.
                return CoreDecimal.IsMatch(text) ? double.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : text.StartsWith("-", StringComparison.Ordinal) ? double.NegativeInfinity : double.PositiveInfinity;
            case ScalarKind.Float:
                if (CoreNan.IsMatch(text))
                {
                    return double.NaN;
                }
                if (CoreInfinity.IsMatch(text))
                {
                    return text.StartsWith("-", StringComparison.Ordinal) ? double.NegativeInfinity : double.PositiveInfinity;
                }
                return TryFiniteDouble(text, out var real) ? real : text.StartsWith("-", StringComparison.Ordinal) ? double.NegativeInfinity : double.PositiveInfinity;
            default:
                return null;
        }
    }

    /// <summary>
    /// True when a YAML 1.1 reader (Helm's Go YAML) resolves the plain form of <paramref name="text"/> to
    /// something other than a string although the core schema may not: the superset the writer quotes.
    /// </summary>
    public static bool IsYaml11NonString(string text) =>
        text.Length == 0 || Yaml11BoolOrNull.IsMatch(text) || Yaml11Number.IsMatch(text) || Yaml11Timestamp.IsMatch(text);

    /// <summary>
    /// True when the plain (unquoted) form of the string <paramref name="value"/> would not read back as
    /// this string by the core schema or by YAML 1.1: the YAML writer quotes exactly these.
    /// </summary>
    public static bool NeedsQuotes(string value) =>
        !StartsAsWord(value) && (Resolve(value) != ScalarKind.String || IsYaml11NonString(value));

    // The YAML writer asks for every key and string of every file, and the rule's nine regular
    // expressions are interpreted: a cheap exact shortcut first. Every non-string form above starts with
    // a digit, a sign, a dot or '~', or is one of these words (a regex's '$' also matches before one
    // final newline), so a text that starts with a letter and is none of them is a string, in both schemas.
    private static readonly System.Collections.Generic.HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
    };

    private static bool StartsAsWord(string value)
    {
        if (value.Length == 0 || !((value[0] >= 'a' && value[0] <= 'z') || (value[0] >= 'A' && value[0] <= 'Z')))
        {
            return false;
        }
        var word = value.Length <= 6 && value[value.Length - 1] == '\n' ? value.Substring(0, value.Length - 1) : value;
        return word.Length > 5 || !Words.Contains(word);
    }

    // Overflow (1e999) is false here on every runtime (.NET Framework's compiler host fails to parse it).
    private static bool TryFiniteDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsInfinity(value);

    private static bool TryParseBase(string digits, int radix, out long value)
    {
        value = 0;
        foreach (var c in digits)
        {
            var digit = c <= '9' ? c - '0' : (char.ToLowerInvariant(c) - 'a') + 10;
            if (value > (long.MaxValue - digit) / radix)
            {
                return false;
            }
            value = (value * radix) + digit;
        }
        return true;
    }
}
