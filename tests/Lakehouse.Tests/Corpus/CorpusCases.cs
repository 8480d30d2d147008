using System.Text;
using Lakehouse.Tests.Support;

namespace Lakehouse.Tests.Corpus;

/// <summary>
/// The must-show corpus: bad inputs (env files, file-system surprises, definitions that throw) and valid
/// ones, each with the one error line it must produce or "ok". Line numbers refer to the committed
/// env/dev.yaml (line 27 is "  workers: 1" under trino:, line 50 the last line).
/// </summary>
internal static class CorpusCases
{
    private const string Dev = "env/dev.yaml";

    public static IReadOnlyList<CorpusCase> All { get; } = Build();

    private static CorpusCase Env(string name, string description, Action<TempRepository> arrange, string expected) =>
        new(name, description, arrange, expected);

    private static CorpusCase Line(string name, int line, string text, string expected) =>
        new(name, $"dev.yaml line {line} is `{Shown(text)}`", r => r.SetLine(Dev, line, text), expected);

    private static CorpusCase Appended(string name, string text, string expected) =>
        new(name, $"dev.yaml ends with `{Shown(text)}`", r => r.Append(Dev, text), expected);

    private static CorpusCase Definition(string name, string description, Func<Lakehouse.Model.IPlatformDefinition> definition, string expected) =>
        new(name, description, _ => { }, expected, definition);

    private static string Shown(string text) =>
        (text.Length > 60 ? text[..57] + "..." : text).Replace("\n", "⏎").Replace("\t", "⇥").Replace("|", "\\|").Replace("`", "'");

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    private static List<CorpusCase> Build() =>
    [
        // --- valid inputs: exit 0, only gitops/ may change, check passes afterwards ---
        Env("valid-unchanged", "the committed repository", _ => { }, "ok"),
        Line("valid-workers-changed", 27, "  workers: 2", "ok"),
        Env("valid-crlf-line-endings", "dev.yaml with CRLF line endings", r => r.Write(Dev, r.Read(Dev).Replace("\n", "\r\n")), "ok"),
        Env("valid-utf8-bom", "dev.yaml starts with a UTF-8 byte-order mark", r => r.WriteBytes(Dev, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(r.PathOf(Dev))]), "ok"),
        Line("valid-unicode-comment", 2, "# Développement: één kleine node, 開発", "ok"),
        Env("valid-explicit-document-start", "'---' on line 2", r => r.InsertBefore(Dev, 2, "---"), "ok"),
        Appended("valid-document-end-marker", "...", "ok"),
        Line("valid-quoted-domain", 8, "domain: \"dev.lakehouse.example.com\"", "ok"),
        Env("valid-flow-mapping-section", "trino.coordinator as a flow mapping", r => r.Replace(Dev, "  coordinator:\n    cpu: 500m\n    memory: 2Gi\n", "  coordinator: {cpu: 500m, memory: 2Gi}\n"), "ok"),
        Env("valid-anchor-and-alias", "trino.worker reuses the coordinator's resources through an alias",
            r => r.Replace(Dev, "  coordinator:\n    cpu: 500m\n    memory: 2Gi\n  worker:\n    cpu: 500m\n    memory: 2Gi\n", "  coordinator: &size\n    cpu: 500m\n    memory: 2Gi\n  worker: *size\n"), "ok"),
        Env("valid-trailing-blank-lines", "blank lines and comments at the end", r => r.Append(Dev, "\n\n# end\n\n"), "ok"),
        Env("valid-readme-in-env", "env/README.md beside the env files", r => r.Write("env/README.md", "# notes\n"), "ok"),
        Env("valid-backup-file-ignored", "env/dev.yaml.bak (not an env file)", r => r.Write("env/dev.yaml.bak", "not: [yaml"), "ok"),
        Env("valid-subfolder-ignored", "env/archive/old.yaml in a subfolder", r => r.Write("env/archive/old.yaml", "old: true\n"), "ok"),
        Env("valid-new-environment", "env/qa.yaml, a copy of dev with its own cluster", r => r.AddEnvironment("qa"), "ok"),
        Env("valid-environment-removed", "env/aws.yaml deleted", r => r.Delete("env/aws.yaml"), "ok"),
        Definition("valid-small-definition", "a different platform definition (two stub components)", () => FaultyDefinitions.Valid, "ok"),

        // --- YAML syntax: the error is on the line that is wrong ---
        Line("unclosed-bracket-line-27", 27, "  workers: [1", "env/dev.yaml(27,12): LH0009"),
        Line("unclosed-bracket-two-items", 27, "  workers: [1, 2", "env/dev.yaml(27,12): LH0009"),
        Line("unclosed-brace-line-27", 27, "  workers: {a: 1", "env/dev.yaml(27,12): LH0009"),
        Line("unclosed-nested-bracket", 27, "  workers: [[1], [2", "env/dev.yaml(27,12): LH0009"),
        Line("unclosed-bracket-line-4", 4, "  server: [https://api.dev.lakehouse.example.com:6443", "env/dev.yaml(4,11): LH0009"),
        Line("tab-indentation-line-27", 27, "\tworkers: 1", "env/dev.yaml(27,1): LH0009"),
        Line("tab-after-spaces-line-31", 31, "  \t  memory: 2Gi", "env/dev.yaml(31,3): LH0009"),
        Line("tab-indentation-line-13", 13, "\t\tservers: 1", "env/dev.yaml(13,1): LH0009"),
        Line("unclosed-double-quote", 6, "  repository: \"https://git.example.com/data-platform/lakehouse.git", "env/dev.yaml(6,15): LH0009"),
        Line("unclosed-single-quote", 8, "domain: 'dev.lakehouse.example.com", "env/dev.yaml(8,9): LH0009"),
        Line("value-after-value", 27, "  workers: 1: 2", "env/dev.yaml(27,13): LH0009"),
        Line("over-indented-key", 28, "   queryMaxMemory: 1GB", "env/dev.yaml(28,18): LH0009"),
        Line("sequence-item-in-map", 28, "  - queryMaxMemory: 1GB", "env/dev.yaml(28,3): LH0009"),
        Line("undefined-alias", 27, "  workers: *nope", "env/dev.yaml(27,12): LH0009"),
        Line("stray-closing-bracket", 27, "  workers: ]", "env/dev.yaml(27,12): LH0009"),
        Line("stray-closing-brace", 27, "  workers: }", "env/dev.yaml(27,12): LH0009"),
        Line("anchor-without-node-then-key", 27, "  workers: &a", "env/dev.yaml(27,12): LH0005"),
        Line("directive-in-the-middle", 27, "%YAML 1.2", "env/dev.yaml(27,1): LH0009"),
        Line("bad-escape-in-double-quote", 8, "domain: \"dev\\qlakehouse.example.com\"", "env/dev.yaml(8,9): LH0009"),
        Line("block-scalar-bad-indent", 28, "  queryMaxMemory: |\n 1GB", "env/dev.yaml(29,2): LH0009"),

        // --- limits: aliases, depth, size ---
        Appended("alias-bomb-billion-laughs",
            "x:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n  g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]",
            "env/dev.yaml(56,38): LH0030"),
        Appended("alias-bomb-block-style",
            "x:\n  a: &a\n    - [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol, lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
            "env/dev.yaml(56,47): LH0030"),
        Appended("too-many-aliases", "x:\n  a: &a 1\n  b: [" + string.Join(", ", Enumerable.Repeat("*a", 101)) + "]", "env/dev.yaml(53,407): LH0030"),
        Line("nesting-100k-flow-sequences", 27, "  workers: " + new string('[', 100_000), "env/dev.yaml(27,74): LH0030"),
        Line("nesting-100k-flow-maps", 27, "  workers: " + Repeat("{a: ", 100_000), "env/dev.yaml(27,260): LH0030"),
        Appended("nesting-100k-block-sequences", "x:\n  " + Repeat("- ", 100_000) + "x", "env/dev.yaml(52,129): LH0030"),
        Appended("nesting-65-block-maps", "x:\n" + string.Concat(Enumerable.Range(1, 65).Select(i => new string(' ', i) + "k:\n")) + new string(' ', 66) + "v: 1", "env/dev.yaml(115,65): LH0030"),
        Env("file-larger-than-1-mib", "1.2 MB of comments after line 50 (64-byte lines)", r => r.Append(Dev, Repeat("# " + new string('x', 61) + "\n", 20_000)),
            $"env/dev.yaml({50 + ((EnvironmentFilesLimit - DevBytes()) / 64) + 1}): LH0030"),
        Env("file-one-huge-line", "a 2 MB scalar on line 8", r => r.SetLine(Dev, 8, "domain: " + new string('a', 2_000_000)), $"env/dev.yaml(8): LH0030"),

        // --- keys ---
        Appended("complex-key-flow-sequence", "? [a, b]\n: c", "env/dev.yaml(51,3): LH0036"),
        Appended("complex-key-flow-map-inline", "{[a]: b}: c", "env/dev.yaml(51,1): LH0036"),
        Line("complex-key-in-section", 28, "  ? {x: 1}\n  : y", "env/dev.yaml(28,5): LH0036"),
        Line("duplicate-key-in-section", 28, "  workers: 3", "env/dev.yaml(28,3): LH0036"),
        Appended("duplicate-top-level-key", "trino:\n  workers: 2", "env/dev.yaml(51,1): LH0036"),
        Appended("alias-as-key", "x:\n  a: &k name\n  *k : value", "env/dev.yaml(53,3): LH0036"),
        Line("duplicate-key-in-flow-map", 29, "  coordinator: {cpu: 500m, cpu: 1}", "env/dev.yaml(29,28): LH0036"),

        // --- documents and tags ---
        Appended("second-document", "---\nextra: 1", "env/dev.yaml(51,1): LH0034"),
        Appended("second-document-empty", "---", "env/dev.yaml(51,1): LH0034"),
        Env("second-document-in-the-middle", "'---' before line 26", r => r.InsertBefore(Dev, 26, "---"), "env/dev.yaml(26,1): LH0034"),
        Appended("second-document-after-end-marker", "...\n---\nextra: 1", "env/dev.yaml(52,1): LH0034"),
        Line("tag-str-on-number", 27, "  workers: !!str 2", "env/dev.yaml(27,12): LH0035"),
        Line("tag-int-on-quoted", 27, "  workers: !!int \"3\"", "env/dev.yaml(27,12): LH0035"),
        Line("tag-custom", 8, "domain: !host dev.lakehouse.example.com", "env/dev.yaml(8,9): LH0035"),
        Line("tag-non-specific", 27, "  workers: ! 1", "env/dev.yaml(27,12): LH0035"),
        Line("tag-on-mapping", 26, "trino: !!map", "env/dev.yaml(26,8): LH0035"),
        Line("tag-float", 27, "  workers: !!float 1", "env/dev.yaml(27,12): LH0035"),
        Line("tag-binary", 27, "  workers: !!binary AQID", "env/dev.yaml(27,12): LH0035"),
        Line("tag-verbatim", 27, "  workers: !<tag:yaml.org,2002:str> 1", "env/dev.yaml(27,12): LH0035"),
        Line("tag-bool-on-string", 10, "  backend: !!bool minio", "env/dev.yaml(10,12): LH0035"),
        Line("tag-on-key", 27, "  !!str workers: 1", "env/dev.yaml(27,3): LH0035"),

        // --- bytes: UTF-8 and control characters, at their true line ---
        Env("nul-byte-line-27", "a NUL byte after 'workers: 1'", r => r.SetLine(Dev, 27, "  workers: 1\0"), "env/dev.yaml(27,13): LH0032"),
        Env("nul-byte-line-4", "a NUL byte inside the server URL", r => r.SetLine(Dev, 4, "  server: https://api.dev\0.lakehouse.example.com:6443"), "env/dev.yaml(4,26): LH0032"),
        Env("nul-byte-in-comment", "a NUL byte in the comment on line 2", r => r.SetLine(Dev, 2, "# Development\0"), "env/dev.yaml(2,14): LH0032"),
        Env("nul-byte-last-line", "a NUL byte on line 50", r => r.SetLine(Dev, 50, "    executor: kubernetes\0"), "env/dev.yaml(50,25): LH0032"),
        Env("bell-control-character", "U+0007 on line 8", r => r.SetLine(Dev, 8, "domain: dev\a.lakehouse.example.com"), "env/dev.yaml(8,12): LH0032"),
        Env("escape-control-character", "U+001B on line 20", r => r.SetLine(Dev, 20, "  backend: \u001b[31mrest"), "env/dev.yaml(20,12): LH0032"),
        Env("delete-control-character", "U+007F on line 7", r => r.SetLine(Dev, 7, "  revision: main\u007f"), "env/dev.yaml(7,17): LH0032"),
        Env("c1-control-character", "U+009B on line 27", r => r.SetLine(Dev, 27, "  workers: \u009b1"), "env/dev.yaml(27,12): LH0032"),
        Env("invalid-utf8-0xff-line-20", "byte 0xFF in line 20", r => r.SetLineBytes(Dev, 20, [.. "  backend: r"u8, 0xFF, .. "st"u8]), "env/dev.yaml(20,13): LH0032"),
        Env("invalid-utf8-latin1-comment", "a Latin-1 'é' (0xE9) in the comment on line 2", r => r.SetLineBytes(Dev, 2, [.. "# D"u8, 0xE9, .. "veloppement"u8]), "env/dev.yaml(2,4): LH0032"),
        Env("invalid-utf8-truncated-sequence", "0xC3 at the end of line 8", r => r.SetLineBytes(Dev, 8, [.. "domain: dev.lakehouse.example.com"u8, 0xC3]), "env/dev.yaml(8,34): LH0032"),
        Env("invalid-utf8-overlong", "overlong '/' (0xC0 0xAF) on line 6", r => r.SetLineBytes(Dev, 6, [.. "  repository: https://git.example.com"u8, 0xC0, 0xAF, .. "x.git"u8]), "env/dev.yaml(6,38): LH0032"),
        Env("invalid-utf8-surrogate", "an encoded UTF-16 surrogate (0xED 0xA0 0x80) on line 27", r => r.SetLineBytes(Dev, 27, [.. "  workers: é"u8, 0xED, 0xA0, 0x80]), "env/dev.yaml(27,13): LH0032"),
        Env("invalid-utf8-after-multibyte", "valid 'é' then 0xFF on line 2", r => r.SetLineBytes(Dev, 2, [.. "# é開é"u8, 0xFF]), "env/dev.yaml(2,6): LH0032"),
        Env("utf16-file", "dev.yaml saved as UTF-16 LE with a byte-order mark", r => r.WriteBytes(Dev, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(r.Read(Dev))]), "env/dev.yaml(1,1): LH0032"),
        Env("binary-file", "env/dev.yaml replaced by bytes of a gzip header", r => r.WriteBytes(Dev, [0x1F, 0x8B, 0x08, 0x00, 0x00]), "env/dev.yaml(1,2): LH0032"),

        // --- file system surprises while reading env/ ---
        Env("env-is-a-file", "env is a file, not a folder", r => { r.Delete("env"); r.Write("env", "dev: true\n"); }, "env: LH0031"),
        Env("env-missing", "no env/ folder", r => r.Delete("env"), "env: LH0010"),
        Env("env-empty", "an empty env/ folder", r => { r.Delete("env"); Directory.CreateDirectory(r.PathOf("env")); }, "env: LH0010"),
        Env("env-only-schema", "env/ holds only environment.schema.json", r => { foreach (var f in Directory.GetFiles(r.PathOf("env"), "*.yaml")) { File.Delete(f); } }, "env: LH0010"),
        Env("env-symlink-to-folder", "env is a symbolic link to a folder", r => { Directory.Move(r.PathOf("env"), r.PathOf("env-real")); r.Symlink("env", "env-real"); }, "env: LH0031"),
        Env("env-dangling-symlink", "env is a symbolic link to nothing", r => { r.Delete("env"); r.Symlink("env", "nowhere"); }, "env: LH0031"),
        Env("yaml-file-is-a-folder", "env/qa.yaml is a folder", r => Directory.CreateDirectory(r.PathOf("env/qa.yaml")), "env/qa.yaml: LH0031"),
        Env("yaml-folder-with-content", "env/qa.yaml is a folder holding a file", r => r.Write("env/qa.yaml/dev.yaml", "x: 1\n"), "env/qa.yaml: LH0031"),
        Env("dangling-symlink", "env/qa.yaml is a symbolic link to a missing file", r => r.Symlink("env/qa.yaml", "missing.yaml"), "env/qa.yaml: LH0031"),
        Env("symlink-to-env-file", "env/qa.yaml is a symbolic link to dev.yaml", r => r.Symlink("env/qa.yaml", "dev.yaml"), "env/qa.yaml: LH0031"),
        Env("symlink-outside-repository", "env/qa.yaml is a symbolic link to /etc/hostname", r => r.Symlink("env/qa.yaml", "/etc/hostname"), "env/qa.yaml: LH0031"),
        Env("symlink-loop", "env/qa.yaml links to itself", r => r.Symlink("env/qa.yaml", "qa.yaml"), "env/qa.yaml: LH0031"),
        Env("symlink-to-folder", "env/qa.yaml is a symbolic link to a folder", r => r.Symlink("env/qa.yaml", "/tmp"), "env/qa.yaml: LH0031"),
        Env("yml-extension", "env/qa.yml beside the others", r => r.Write("env/qa.yml", r.Read(Dev)), "env/qa.yml: LH0033"),
        Env("yml-instead-of-yaml", "env/dev.yaml renamed to env/dev.yml", r => File.Move(r.PathOf(Dev), r.PathOf("env/dev.yml")), "env/dev.yml: LH0033"),
        Env("upper-case-extension", "env/qa.YAML", r => r.Write("env/qa.YAML", r.Read(Dev)), "env/qa.YAML: LH0033"),
        Env("upper-case-yml", "env/qa.YML", r => r.Write("env/qa.YML", r.Read(Dev)), "env/qa.YML: LH0033"),
        Env("yml-folder", "env/old.yml is a folder", r => Directory.CreateDirectory(r.PathOf("env/old.yml")), "env/old.yml: LH0033"),

        // --- whole-file shapes and names ---
        Env("empty-env-file", "env/qa.yaml is empty", r => r.Write("env/qa.yaml", ""), "env/qa.yaml(1,1): LH0016"),
        Env("comment-only-env-file", "env/qa.yaml holds only the schema comment", r => r.Write("env/qa.yaml", "# yaml-language-server: $schema=./environment.schema.json\n"), "env/qa.yaml(1,1): LH0005"),
        Env("list-env-file", "env/qa.yaml is a list", r => r.Write("env/qa.yaml", "# yaml-language-server: $schema=./environment.schema.json\n- a\n- b\n"), "env/qa.yaml(2,1): LH0005"),
        Env("scalar-env-file", "env/qa.yaml is one string", r => r.Write("env/qa.yaml", "# yaml-language-server: $schema=./environment.schema.json\njust text\n"), "env/qa.yaml(2,1): LH0005"),
        Env("missing-schema-comment", "line 1 removed", r => r.Write(Dev, r.Read(Dev)[(r.Read(Dev).IndexOf('\n') + 1)..]), "env/dev.yaml(1,1): LH0016"),
        Env("env-name-underscore", "env/qa_1.yaml", r => r.AddEnvironment("qa_1"), "env/qa_1.yaml(1,1): LH0014"),
        Env("env-name-upper-case", "env/QA.yaml", r => r.AddEnvironment("QA"), "env/QA.yaml(1,1): LH0014"),
        Env("env-name-64-characters", "a 64-character environment name", r => r.AddEnvironment(new string('q', 64)), $"env/{new string('q', 64)}.yaml(1,1): LH0014"),
        Env("env-name-63-characters", "a 63-character name: a label, but too long inside Application names", r => r.AddEnvironment(new string('q', 63)), $"env/{new string('q', 63)}.yaml(1,1): LH0014"),
        Env("env-name-40-characters", "a 40-character name: Application names exceed 63 characters", r => r.AddEnvironment(new string('q', 40)), $"env/{new string('q', 40)}.yaml(1,1): LH0014"),
        Env("env-name-hidden-file", "env/.yaml (empty name)", r => r.AddEnvironment(""), "env/.yaml(1,1): LH0014"),

        // --- values: addresses, secrets, types ---
        Line("ip-in-server-url", 4, "  server: https://10.20.0.5:6443", "env/dev.yaml(4,11): LH0001"),
        Line("ipv6-in-server-url", 4, "  server: https://[fd00::1]:6443", "env/dev.yaml(4,11): LH0001"),
        Line("ip-as-domain", 8, "domain: 10.1.2.3", "env/dev.yaml(8,9): LH0001"),
        Line("ip-in-repository-url", 6, "  repository: https://192.168.1.20/data-platform/lakehouse.git", "env/dev.yaml(6,15): LH0001"),
        Appended("ip-as-map-key", "monitoring:\n  monitorLabels:\n    10.0.0.1: scrape", "env/dev.yaml(53,5): LH0001"),
        Appended("ip-as-label-value", "monitoring:\n  monitorLabels:\n    release: 10.0.0.1", "env/dev.yaml(53,14): LH0001"),
        Appended("ipv6-as-map-key", "monitoring:\n  monitorLabels:\n    \"fe80::1\": scrape", "env/dev.yaml(53,5): LH0001"),
        Line("ip-in-quoted-value", 8, "domain: \"10.1.2.3\"", "env/dev.yaml(8,9): LH0001"),
        Line("password-literal", 7, "  revision: main\n  password: hunter2", "env/dev.yaml(8,13): LH0002"),
        Line("github-token-value", 7, "  revision: ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", "env/dev.yaml(7,13): LH0002"),
        Line("typo-key", 27, "  wrokers: 1", "env/dev.yaml(27,3): LH0004"),
        Line("wrong-type", 27, "  workers: many", "env/dev.yaml(27,12): LH0005"),
        Line("out-of-range", 27, "  workers: 5000", "env/dev.yaml(27,12): LH0005"),
        Line("negative", 27, "  workers: -1", "env/dev.yaml(27,12): LH0005"),
        Line("fraction", 27, "  workers: 1.5", "env/dev.yaml(27,12): LH0005"),
        Line("quoted-number", 27, "  workers: \"1\"", "env/dev.yaml(27,12): LH0005"),
        Line("null-value", 27, "  workers:", "env/dev.yaml(27,11): LH0005"),
        Line("boolean-for-number", 27, "  workers: true", "env/dev.yaml(27,12): LH0005"),
        Line("map-for-number", 27, "  workers: {a: 1}", "env/dev.yaml(27,12): LH0005"),
        Line("flow-list-then-indented-keys", 26, "trino: []", "env/dev.yaml(27,3): LH0009"),
        Env("list-for-section", "valkey: [] instead of its section", r => r.Replace(Dev, "valkey:\n  resources:\n    cpu: 100m\n    memory: 256Mi\n", "valkey: []\n"), "env/dev.yaml(43,9): LH0005"),
        Line("unknown-backend", 20, "  backend: graphql", "env/dev.yaml(20,12): LH0005"),
        Line("endpoint-without-port", 4, "  server: https://api.dev.lakehouse.example.com", "env/dev.yaml(4,11): LH0003"),
        Line("endpoint-without-scheme", 4, "  server: api.dev.lakehouse.example.com:6443", "env/dev.yaml(4,11): LH0003"),
        Env("missing-required-key", "gitOps.revision removed", r => r.SetLine(Dev, 7, "  # no revision"), "env/dev.yaml(5,1): LH0005"),
        Line("number-beyond-double-range", 27, "  workers: 1e400", "env/dev.yaml(27,12): LH0005"),
        Line("negative-number-beyond-double-range", 28, "  queryMaxMemory: -1e400", "env/dev.yaml(28,19): LH0005"),
        Line("number-beyond-long-range", 27, "  workers: 99999999999999999999999", "env/dev.yaml(27,12): LH0005"),
        // YAML 1.2 core schema (PlainScalars): 0x2 is the integer 2; a malformed hex number is a string, the wrong type.
        Line("valid-hex-number-is-an-int", 27, "  workers: 0x2", "ok"),
        Line("malformed-hex-number", 27, "  workers: 0x1G", "env/dev.yaml(27,12): LH0005"),
        Line("nan-text", 27, "  workers: NaN", "env/dev.yaml(27,12): LH0005"),
        Line("huge-scalar-in-limit", 8, "domain: " + new string('a', 100_000), "env/dev.yaml(8,9): LH0005"),

        // --- definitions that throw: LH0015 at the definitions' line, never a stack trace ---
        Definition("define-throws-null-reference", "Define dereferences null", () => FaultyDefinitions.DefineNullReference, "@define-null: LH0015"),
        Definition("define-throws-invalid-cast", "Define casts an int to string", () => FaultyDefinitions.DefineInvalidCast, "@define-cast: LH0015"),
        Definition("define-throws-index-out-of-range", "Define reads past an array", () => FaultyDefinitions.DefineIndexOutOfRange, "@define-index: LH0015"),
        Definition("define-throws-divide-by-zero", "Define divides by zero", () => FaultyDefinitions.DefineDivideByZero, "@define-divide: LH0015"),
        Definition("define-throws-custom-exception", "Define throws a custom exception type", () => FaultyDefinitions.DefineThrows(() => new FaultyDefinitions.PlatformBugException("bug")), "@define-throw: LH0015"),
        Definition("define-throws-not-implemented", "Define throws NotImplementedException", () => FaultyDefinitions.DefineThrows(() => new NotImplementedException()), "@define-throw: LH0015"),
        Definition("define-throws-argument", "Define throws ArgumentException", () => FaultyDefinitions.DefineThrows(() => new ArgumentException("bad")), "@define-throw: LH0015"),
        Definition("define-throws-io", "Define throws IOException", () => FaultyDefinitions.DefineThrows(() => new IOException("disk")), "@define-throw: LH0015"),
        Definition("define-throws-operation-canceled", "Define throws OperationCanceledException", () => FaultyDefinitions.DefineThrows(() => new OperationCanceledException()), "@define-throw: LH0015"),
        Definition("define-throws-aggregate", "Define throws an AggregateException around a FormatException", () => FaultyDefinitions.DefineThrows(() => new AggregateException(new FormatException("inner"))), "@define-throw: LH0015"),
        Definition("define-throws-in-helper", "a helper called by Define throws", () => FaultyDefinitions.DefineInHelper, "@define-helper: LH0015"),
        Definition("define-throws-in-static-initializer", "a static field initializer of the definitions throws", () => FaultyDefinitions.DefineStaticInitializer, "@define-static: LH0015"),
        Definition("define-throws-in-one-environment", "Define throws for prod only", () => FaultyDefinitions.DefineOnlyInProd, "@define-prod: LH0015"),
        Definition("define-latest-image-at-run-time", "Define builds ContainerImage(\"nginx\", tag) with tag 'latest' at run time", () => FaultyDefinitions.DefineLatestImage, "@define-latest: LH0011"),
        Definition("describe-throws-custom-exception", "a component's Describe throws a custom exception", () => FaultyDefinitions.DescribeThrows(() => new FaultyDefinitions.PlatformBugException("bug")), "@describe-throw: LH0015"),
        Definition("describe-throws-invalid-cast", "Describe throws InvalidCastException", () => FaultyDefinitions.DescribeThrows(() => new InvalidCastException("cast")), "@describe-throw: LH0015"),
        Definition("describe-duplicate-manifest", "Describe returns two objects of one kind and name (one file each)", () => FaultyDefinitions.DescribeDuplicateManifest, "@describe-duplicate: LH0090"),
        Definition("describe-throws-null-reference", "Describe dereferences null", () => FaultyDefinitions.DescribeNullReference, "@describe-null: LH0015"),
        Definition("describe-returns-null", "Describe returns null", () => FaultyDefinitions.DescribeReturnsNull, "@describe-returns-null: LH0015"),
        Definition("describe-throws-key-not-found", "Describe throws KeyNotFoundException", () => FaultyDefinitions.DescribeThrows(() => new KeyNotFoundException("key")), "@describe-throw: LH0015"),
        Definition("describe-latest-image-at-run-time", "Describe builds ContainerImage with tag 'latest' at run time", () => FaultyDefinitions.DescribeLatestImage, "@describe-latest: LH0011"),
        Definition("describe-empty-image-tag", "Describe builds ContainerImage with an empty tag", () => FaultyDefinitions.DescribeEmptyTag, "@describe-empty-tag: LH0011"),
        Definition("dependencies-getter-throws", "a component's Dependencies getter throws", () => FaultyDefinitions.DependenciesGetterThrows, "@dependencies: LH0015"),
    ];

    private const int EnvironmentFilesLimit = Lakehouse.Rendering.Environments.EnvironmentFiles.MaxBytes;

    private static int DevBytes() => (int)new FileInfo(Path.Combine(Paths.RepositoryRoot, "env", "dev.yaml")).Length;
}
