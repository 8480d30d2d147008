namespace Lakehouse.Model.Checks;

/// <summary>
/// The regular expressions behind the literal rules, as plain strings: shared (linked) with the
/// compile-time analyzers in src/Generators, which run inside the compiler on netstandard2.0.
/// </summary>
public static class LiteralPatterns
{
    /// <summary>A dotted quad not glued to other digits or dots (versions like 1.42.2 or 1.2.3.4.5 do not match).</summary>
    public const string IPv4 = @"(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])";

    /// <summary>Bracketed IPv6 as in URLs, or a bare token of hex groups with at least two colons.</summary>
    public const string IPv6 = @"\[([0-9A-Fa-f:.]+)\]|(?<![\w:])((?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4})(?![\w:])";

    /// <summary>The host of a URL (after any user info): a bracketed IPv6 address or a plain host.</summary>
    public const string UrlHost = @"(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]*://(?:[^/\s?#@\[]*@)?(\[[^\]\s/]*\]|[^/\s?#:@\[\]'"",;]+)";

    /// <summary>Credentials by their shape: private keys, cloud access key IDs, tokens, a password in a URL (user:password@, :password@) or in a connection string (Password=...), unless it is a $(VAR) or ${...} indirection or, in a URL, a {...} placeholder the configuration's language fills in (a Python f-string, str.format).</summary>
    public const string KnownSecret = @"-----BEGIN [A-Z ]*PRIVATE KEY-----|(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])|\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bxox[baprs]-[A-Za-z0-9-]{10,}|\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.|\bsk-[A-Za-z0-9]{32,}\b|://[^/\s:@]*:(?![$][({]|[{])[^/\s@]+@|(?:^|[;?&\s])(?:[Pp]assword|PASSWORD|[Pp]wd|PWD)=(?![$][({]|[\s;&]|$)";
}
