using System;
using System.Collections.Generic;
using System.Linq;

namespace Lakehouse.Model.Checks;

/// <summary>
/// The rule for names (YAML keys, C# members and parameters) whose value is a credential, in every
/// spelling (<see cref="KeyWords"/>). A name is a credential when its head noun is one: password,
/// passwd, passphrase, pwd, secret, token, credential(s); or key when the word before it says what the
/// key unlocks or signs (api, access, secret, private, client, signing, encryption, ...). The head is
/// the last word, so names of a path, file, name, reference, store or type of a credential are not
/// credentials (sslKeyPath, passwordFile, keySecretName, tokenUrl, keystore, keyspace,
/// authenticationType); a bare or non-security "key" (a Secret's entry in secretKeyRef, topologyKey,
/// passwordKey, userKey) selects an entry, it is not one. Documented in docs/diagnostics.md (LH0002).
/// Shared (linked) with the compile-time analyzers.
/// </summary>
public static class CredentialName
{
    private static readonly HashSet<string> Nouns = new(StringComparer.Ordinal)
    {
        "password", "passwd", "passphrase", "pwd", "secret", "token", "credential", "credentials",
    };

    // What a key unlocks or signs: a key qualified by one of these is a credential (apiKey, secretKey,
    // accessKey, privateKey, clientKey, signingKey, encryptionKey, masterKey, sshKey, ...).
    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.Ordinal)
    {
        "api", "access", "secret", "private", "client", "signing", "sign", "encryption", "encrypt",
        "decryption", "master", "auth", "session", "shared", "account", "ssh", "tls", "ssl", "hmac",
        "fernet", "jwt", "license", "webhook", "service", "app", "root", "admin",
    };

    // Every credential name contains one of these (case-insensitively); most keys contain none, and the
    // scan checks every key of every rendered value, so the word split runs only past this filter.
    private static readonly string[] Markers = ["pass", "pwd", "secret", "token", "credential", "key"];

    /// <summary>True when a key or member of this name holds a credential.</summary>
    public static bool IsCredential(string name)
    {
        if (name.Length < 3 || !ContainsAny(name, Markers))
        {
            return false;
        }
        var (head, qualifier) = KeyWords.Head(KeyWords.Split(name));
        return Nouns.Contains(head) || (head == "key" && qualifier is not null && KeyQualifiers.Contains(qualifier));
    }

    internal static bool ContainsAny(string text, string[] markers)
    {
        foreach (var marker in markers)
        {
            if (text.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    private const string UnusedPrefix = "unused:";

    /// <summary>
    /// The value for a credential slot that nothing reads (a chart requires it while the feature using it is
    /// off): <c>unused: reason</c>, which LH0002 accepts because it says why it holds no credential.
    /// </summary>
    public static string Unused(string reason) =>
        string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("an unused credential slot says why", nameof(reason)) : $"{UnusedPrefix} {reason}";

    /// <summary>True when the head of the name is "secret" (existingSecret, passwordAuthSecret, clientSecret).</summary>
    public static bool IsSecretHeaded(string name) => KeyWords.Head(KeyWords.Split(name)).Head == "secret";

    /// <summary>
    /// A value that refers to a credential instead of holding it: empty, an indirection resolved at run
    /// time (<c>${ENV:X}</c>, <c>${X}</c>, <c>$(X)</c>, <c>env:X</c>, <c>file:/path</c>, dbt's
    /// <c>{{ env_var('X') }}</c>), the absolute
    /// path of a file mounted from a Secret, or <c>unused: reason</c>: a slot a chart insists on filling
    /// that the configuration never reads, with the reason in the tree for reviewers (<see cref="Unused"/>).
    /// </summary>
    public static bool IsReference(string value)
    {
        var v = value.Trim();
        return v.Length == 0
            || (v.StartsWith(UnusedPrefix, StringComparison.Ordinal) && v.Length > UnusedPrefix.Length + 1)
            || v.StartsWith("${", StringComparison.Ordinal)
            || v.StartsWith("$(", StringComparison.Ordinal)
            || v.StartsWith("env:", StringComparison.OrdinalIgnoreCase)
            || v.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            || IsDbtEnvVar(v)
            || (v[0] == '/' && v.IndexOf(' ') < 0)
            || IsSecretKeyReference(v);
    }

    /// <summary>
    /// Argo CD's reference to a key of a Secret in its namespace, which it resolves itself (argocd-cm, argocd-rbac-cm):
    /// <c>$NAME:KEY</c>, NAME a DNS-1123 name, KEY a Secret key (letters, digits, '-', '_', '.').
    /// </summary>
    private static bool IsSecretKeyReference(string v)
    {
        var colon = v.IndexOf(':');
        if (v.Length < 4 || v[0] != '$' || colon < 2 || colon == v.Length - 1)
        {
            return false;
        }
        var name = v.Substring(1, colon - 1);
        var key = v.Substring(colon + 1);
        return name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.') && char.IsLetterOrDigit(name[0])
            && key.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.');
    }

    /// <summary>dbt's run-time lookup of an environment variable: <c>{{ env_var('NAME') }}</c>, nothing else.</summary>
    private static bool IsDbtEnvVar(string v)
    {
        if (!v.StartsWith("{{", StringComparison.Ordinal) || !v.EndsWith("}}", StringComparison.Ordinal))
        {
            return false;
        }
        var inner = v.Substring(2, v.Length - 4).Trim();
        const string Open = "env_var('";
        if (!inner.StartsWith(Open, StringComparison.Ordinal) || !inner.EndsWith("')", StringComparison.Ordinal))
        {
            return false;
        }
        var name = inner.Substring(Open.Length, inner.Length - Open.Length - 2);
        return name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => c == '_' || (c < 128 && char.IsLetterOrDigit(c)));
    }
}
