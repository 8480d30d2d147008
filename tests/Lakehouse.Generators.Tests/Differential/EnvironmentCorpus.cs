using Lakehouse.Generators.Tests.Support;

namespace Lakehouse.Generators.Tests.Differential;

/// <summary>What a finding is about, whichever side reports it (the compiler's LH12xx or the render's LH00xx).</summary>
public enum Family
{
    Yaml,
    UnknownKey,
    Value,
    Ip,
    Secret,
    Leftover,
}

/// <summary>An expected finding: the text it points at (after '|' when the marker has one) and its family.</summary>
public sealed record Expected(string Marker, Family Family)
{
    /// <summary>At the very start of the file (a missing top-level key).</summary>
    public static Expected FileStart(Family family) => new("", family);
}

/// <summary>One env-file variant and the findings it must produce (none: valid).</summary>
public sealed record CorpusCase(string Name, string Text, IReadOnlyList<Expected> Findings)
{
    public override string ToString() => Name;

    /// <summary>The 1-based line and column of <paramref name="expected"/> in <see cref="Text"/>.</summary>
    public (int Line, int Column) Locate(Expected expected)
    {
        if (expected.Marker.Length == 0)
        {
            return (1, 1);
        }
        var bar = expected.Marker.IndexOf('|', StringComparison.Ordinal);
        var marker = expected.Marker.Replace("|", "", StringComparison.Ordinal);
        var at = Text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{Name}: marker '{expected.Marker}' is not in the text");
        Assert.True(Text.IndexOf(marker, at + 1, StringComparison.Ordinal) < 0, $"{Name}: marker '{expected.Marker}' is not unique");
        at += Math.Max(0, bar);
        var line = 1 + Text.Take(at).Count(c => c == '\n');
        var column = at - (Text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1) + 1;
        if (at > 0 && Text[at - 1] == '\n')
        {
            column = 1;
        }
        return (line, column);
    }
}

/// <summary>
/// The env-file variants both the compiler (EnvironmentChecker) and the render (EnvironmentLoader) must
/// judge alike: valid files, unknown keys at every depth, wrong types, ranges, oneOf sections, enums,
/// patterns, bool spellings, nulls, quoted numbers, backend sections, literals and YAML syntax. Each
/// derives from a committed env file by one edit, so a case reads as the mistake it makes.
/// </summary>
public static class EnvironmentCorpus
{
    private static string Env(string name) => File.ReadAllText(Path.Combine(Golden.RepositoryRoot, "env", name + ".yaml")).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Dev => Env("dev");

    private static string Staging => Env("staging");

    private static string Aws => Env("aws");

    private static string Edit(string text, string find, string replace)
    {
        Assert.Contains(find, text, StringComparison.Ordinal);
        return text.Replace(find, replace, StringComparison.Ordinal);
    }

    private static string RemoveSection(string text, string key)
    {
        var start = text.IndexOf($"\n{key}:\n", StringComparison.Ordinal) + 1;
        Assert.True(start > 0, $"no section {key}");
        var end = text.IndexOf('\n', start) + 1;
        while (end < text.Length && text[end] == ' ')
        {
            end = text.IndexOf('\n', end) + 1;
        }
        return text[..start] + text[end..];
    }

    private static string Instance(string name, string body) => $"instances:\n  {name}:\n{body}";

    private static CorpusCase Valid(string name, string text) => new(name, text, []);

    private static CorpusCase Case(string name, string text, params Expected[] findings) => new(name, text, findings);

    private static Expected Key(string marker) => new(marker, Family.UnknownKey);

    private static Expected Value(string marker) => new(marker, Family.Value);

    public static IReadOnlyList<CorpusCase> All { get; } = Build();

    private static List<CorpusCase> Build() =>
    [
        // Valid files: the committed ones and spellings the core schema accepts.
        Valid("dev", Dev),
        Valid("staging", Staging),
        Valid("prod", Env("prod")),
        Valid("aws", Aws),
        Valid("bool-True", Dev + "argoCd:\n  highAvailability: True\n"),
        Valid("bool-FALSE", Dev + "argoCd:\n  highAvailability: FALSE\n"),
        Valid("bool-false", Dev + "argoCd:\n  highAvailability: false\n"),
        Valid("int-hex", Edit(Dev, "  workers: 1\n", "  workers: 0x2\n")),
        Valid("int-octal", Edit(Dev, "  workers: 1\n", "  workers: 0o7\n")),
        Valid("int-plus-sign", Edit(Dev, "  workers: 1\n", "  workers: +3\n")),
        Valid("float-leading-dot", Dev + "monitoring:\n  alerts:\n    taskFailureRatio: .5\n"),
        Valid("float-as-int", Dev + "monitoring:\n  alerts:\n    taskFailureRatio: 1\n"),
        Valid("float-exponent", Dev + "monitoring:\n  alerts:\n    taskFailureRatio: 5e-1\n"),
        Valid("null-section-is-no-section", Staging.Replace("  backend: jdbc\n", "  backend: jdbc\n  rest:\n", StringComparison.Ordinal)),
        Valid("nullable-tilde", Edit(Aws, "    region: eu-west-1\ntrino", "    region: eu-west-1\n    catalogId: ~\ntrino")),
        Valid("quoted-digits-string", Edit(Aws, "    region: eu-west-1\ntrino", "    region: eu-west-1\n    catalogId: \"123456789012\"\ntrino")),
        Valid("dagster-with-its-section", Staging + "  dagster:\n    resources:\n      cpu: 500m\n      memory: 1Gi\n"),
        Valid("jdbc-with-its-section", Staging.Replace("  backend: jdbc\n", "  backend: jdbc\n  jdbc:\n    catalogName: lake\n", StringComparison.Ordinal)),
        Valid("flow-map", Edit(Dev, "  coordinator:\n    cpu: 500m\n    memory: 2Gi\n", "  coordinator: {cpu: 500m, memory: 2Gi}\n")),
        Valid("open-map-of-strings", Dev + "monitoring:\n  monitorLabels: {release: monitoring, team: data}\n"),
        Valid("orchestrator-default-with-airflow", Edit(Dev, "  backend: airflow\n", "")),
        Valid("comments-and-blank-lines", Edit(Dev, "trino:\n", "\n# Trino\ntrino: # query engine\n")),
        // Instance sections (instances.NAME.KIND) have their kind's schema, checked alike on both sides.
        Valid("instance-section", Dev + Instance("adhoc", "    trino:\n      workers: 2\n      queryMaxMemory: 2GB\n      coordinator: {cpu: 500m, memory: 2Gi}\n      worker: {cpu: 1500m, memory: 4Gi}\n")),
        Case("instance-section-out-of-range", Dev + Instance("adhoc", "    trino:\n      workers: 501\n      queryMaxMemory: 2GB\n      coordinator: {cpu: 500m, memory: 2Gi}\n      worker: {cpu: 1500m, memory: 4Gi}\n"), Value("501")),
        Case("instance-section-unknown-kind", Dev + Instance("adhoc", "    trinno:\n      workers: 2\n"), Key("trinno")),
        Case("instance-section-missing-key", Dev + Instance("adhoc", "    trino:\n      workers: 2\n      coordinator: {cpu: 500m, memory: 2Gi}\n      worker: {cpu: 1500m, memory: 4Gi}\n"), Value("    |trino:")),

        // Unknown keys at every depth, in plain and oneOf-wrapped sections.
        Case("unknown-root", Dev + "extra: 1\n", Key("extra: 1")),
        Case("unknown-depth2", Edit(Dev, "cluster:\n", "cluster:\n  region: x\n"), Key("region: x")),
        Case("unknown-in-oneOf-minio", Edit(Dev, "    servers: 1\n", "    servers: 1\n    serverz: 3\n"), Key("serverz")),
        Case("unknown-in-oneOf-rest", Edit(Dev, "    replicas: 1\n", "    replicas: 1\n    replicaz: 2\n"), Key("replicaz")),
        Case("unknown-depth4-in-oneOf", Edit(Dev, "    volumeSize: 20Gi\n    resources:\n", "    volumeSize: 20Gi\n    resources:\n      gpu: 1\n"), Key("gpu")),
        Case("unknown-depth3", Edit(Dev, "  coordinator:\n", "  coordinator:\n    cpux: 1\n"), Key("cpux")),
        Case("unknown-in-nested-oneOf", Edit(Staging, "    filerResources:\n", "    filerResources:\n      disk: 1Gi\n"), Key("disk")),
        Case("unknown-alerts", Dev + "monitoring:\n  alerts:\n    foo: 1\n", Key("foo")),
        Case("unknown-backup", Edit(Dev, "    retention: 7d\n", "    retention: 7d\n    keep: 3\n"), Key("keep")),
        Case("unknown-two-at-once", Edit(Edit(Dev, "cluster:\n", "cluster:\n  name: dev\n"), "valkey:\n", "valkey:\n  mode: x\n"), Key("name: dev"), Key("mode: x")),

        // Wrong types.
        Case("string-for-int-in-oneOf", Edit(Dev, "    servers: 1\n", "    servers: lots\n"), Value("lots")),
        Case("string-for-int", Edit(Dev, "  workers: 1\n", "  workers: many\n"), Value("many")),
        Case("quoted-number", Edit(Dev, "  workers: 1\n", "  workers: \"2\"\n"), Value("\"2\"")),
        Case("float-for-int", Edit(Dev, "  workers: 1\n", "  workers: 2.0\n"), Value("2.0")),
        Case("exponent-for-int", Edit(Dev, "  workers: 1\n", "  workers: 1e1\n"), Value("1e1")),
        Case("bool-for-int", Edit(Dev, "  workers: 1\n", "  workers: true\n"), Value("workers: |true")),
        Case("null-for-int", Edit(Dev, "  workers: 1\n", "  workers: ~\n"), Value("workers: |~")),
        Case("empty-for-int", Edit(Dev, "  workers: 1\n", "  workers:\n"), Value("workers:|\n")),
        Case("list-for-int", Edit(Dev, "  workers: 1\n", "  workers: [1]\n"), Value("[1]")),
        Case("map-for-int", Edit(Dev, "  workers: 1\n", "  workers: {a: 1}\n"), Value("{a: 1}")),
        Case("bool-yes-is-a-string", Dev + "argoCd:\n  highAvailability: yes\n", Value("yes")),
        Case("bool-on-is-a-string", Dev + "argoCd:\n  highAvailability: on\n", Value("highAvailability: |on")),
        Case("bool-quoted", Dev + "argoCd:\n  highAvailability: \"true\"\n", Value("\"true\"")),
        Case("bool-as-int", Dev + "argoCd:\n  highAvailability: 1\n", Value("highAvailability: |1")),
        Case("bool-tRUE", Dev + "argoCd:\n  highAvailability: tRUE\n", Value("tRUE")),
        Case("oneOf-section-scalar", Edit(Dev, "  minio:\n    servers: 1\n    volumesPerServer: 1\n    volumeSize: 20Gi\n    resources:\n      cpu: 250m\n      memory: 1Gi\n", "  minio: 5\n"), Value("minio: |5")),
        Case("oneOf-section-list", Edit(Dev, "  rest:\n    replicas: 1\n    resources:\n      cpu: 250m\n      memory: 1Gi\n", "  rest: [a]\n"), Value("[a]")),
        Case("oneOf-section-string", Edit(Dev, "  rest:\n    replicas: 1\n    resources:\n      cpu: 250m\n      memory: 1Gi\n", "  rest: polaris\n"), Value("polaris")),
        Case("int-for-string", Edit(Dev, "domain: dev.lakehouse.example.com\n", "domain: 12\n"), Value("domain: |12")),
        Case("map-for-section-string", Edit(Dev, "  revision: main\n", "  revision: {branch: main}\n"), Value("{branch: main}")),
        Case("string-for-map", Edit(Dev, "valkey:\n  resources:\n    cpu: 100m\n    memory: 256Mi\n", "valkey: small\n"), Value("valkey: |small")),
        Case("int-for-nullable-string", Edit(Aws, "    region: eu-west-1\ntrino", "    region: eu-west-1\n    catalogId: 123456789012\ntrino"), Value("catalogId: |123456789012")),
        Case("float-for-quantity-string", Edit(Dev, "  coordinator:\n    cpu: 500m\n", "  coordinator:\n    cpu: 0.5\n"), Value("0.5")),
        Case("open-map-value-type", Dev + "monitoring:\n  monitorLabels: {release: 1}\n", Value("release: |1")),

        // Ranges (minimum, maximum), inside and outside oneOf, integers and numbers.
        Case("int-too-big", Edit(Dev, "  workers: 1\n", "  workers: 5000\n"), Value("5000")),
        Case("int-too-small-in-oneOf", Edit(Dev, "    servers: 1\n", "    servers: 0\n"), Value("servers: |0")),
        Case("int-too-big-in-oneOf", Edit(Dev, "    servers: 1\n", "    servers: 33\n"), Value("33")),
        Case("number-too-big", Dev + "monitoring:\n  alerts:\n    taskFailureRatio: 1.5\n", Value("1.5")),
        Case("number-too-small", Dev + "monitoring:\n  alerts:\n    taskFailureRatio: -0.1\n", Value("-0.1")),
        Case("int-beyond-64-bits", Edit(Dev, "  workers: 1\n", "  workers: 99999999999999999999\n"), Value("99999999999999999999")),
        Case("float-overflow", Dev + "monitoring:\n  alerts:\n    taskFailureRatio: 1e999\n", Value("1e999")),
        Case("hex-too-big", Edit(Dev, "  workers: 1\n", "  workers: 0xFFFF\n"), Value("0xFFFF")),
        Case("infinity", Dev + "monitoring:\n  alerts:\n    taskFailureRatio: .inf\n", Value(".inf")),
        Case("not-a-number", Dev + "monitoring:\n  alerts:\n    taskFailureRatio: .nan\n", Value(".nan")),

        // Enums.
        Case("enum-storage", Edit(Dev, "  backend: minio\n", "  backend: s3\n"), Value("s3")),
        Case("enum-case", Edit(Dev, "  backend: rest\n", "  backend: REST\n"), Value("REST")),
        Case("enum-executor", Edit(Dev, "    executor: kubernetes\n", "    executor: local\n"), Value("local")),
        Case("enum-trailing-space", Edit(Dev, "  backend: airflow\n", "  backend: \"airflow \"\n"), Value("\"airflow \"")),
        Case("enum-int", Edit(Dev, "  backend: minio\n", "  backend: 1\n"), Value("backend: |1")),

        // Patterns and minLength.
        Case("pattern-endpoint-no-scheme", Edit(Dev, "  server: https://api.dev.lakehouse.example.com:6443\n", "  server: api.dev.example.com\n"), Value("api.dev.example.com")),
        Case("pattern-endpoint-no-port", Edit(Dev, "  server: https://api.dev.lakehouse.example.com:6443\n", "  server: https://api.dev.example.com\n"), Value("https://api.dev.example.com")),
        Case("pattern-size", Edit(Dev, "    volumeSize: 20Gi\n", "    volumeSize: 20GB\n"), Value("20GB")),
        Case("pattern-domain-case", Edit(Dev, "domain: dev.lakehouse.example.com\n", "domain: Dev.Example.COM\n"), Value("Dev.Example.COM")),
        Case("pattern-revision", Edit(Dev, "  revision: main\n", "  revision: \"-main\"\n"), Value("\"-main\"")),
        Case("int-for-interval", Dev + "monitoring:\n  interval: 30\n", Value("interval: |30")),
        Case("min-length-empty-string", Edit(Dev, "domain: dev.lakehouse.example.com\n", "domain: \"\"\n"), Value("\"\"")),
        Case("pattern-in-nullable", Edit(Aws, "    region: eu-west-1\ntrino", "    region: eu-west-1\n    catalogId: acct\ntrino"), Value("acct")),

        // Required keys, at the parent's key (the file start at the top).
        Case("required-storage-region", Edit(Dev, "  region: us-east-1\n", ""), Value("storage:")),
        Case("required-in-oneOf", Edit(Dev, "    volumeSize: 20Gi\n    resources:\n      cpu: 250m\n      memory: 1Gi\n", "    volumeSize: 20Gi\n"), Value("minio:")),
        Case("required-top-level", Edit(Dev, "domain: dev.lakehouse.example.com\n", ""), Expected.FileStart(Family.Value)),
        Case("empty-file", "# yaml-language-server: $schema=./environment.schema.json\n", Expected.FileStart(Family.Value), Expected.FileStart(Family.Value)),
        Case("null-document", "# yaml-language-server: $schema=./environment.schema.json\n~\n", Value("~")),
        Case("required-resources-memory", Edit(Dev, "valkey:\n  resources:\n    cpu: 100m\n    memory: 256Mi\n", "valkey:\n  resources:\n    cpu: 100m\n"), Value("valkey:\n  |resources:")),

        // Backend sections: the chosen one present, no leftover of another.
        Case("backend-section-null", Edit(Dev, "  minio:\n    servers: 1\n    volumesPerServer: 1\n    volumeSize: 20Gi\n    resources:\n      cpu: 250m\n      memory: 1Gi\n", "  minio:\n"), Value("backend: |minio")),
        Case("backend-section-missing", Edit(Aws, "  backend: glue\n  glue:\n    region: eu-west-1\n", "  backend: hive\n"), Value("hive")),
        Case("leftover-rest-after-jdbc", Edit(Dev, "  backend: rest\n", "  backend: jdbc\n"), new Expected("  |rest:", Family.Leftover)),
        Case("leftover-rest-in-staging", Staging.Replace("  backend: jdbc\n", "  backend: jdbc\n  rest:\n    replicas: 1\n    resources: {cpu: 250m, memory: 1Gi}\n", StringComparison.Ordinal), new Expected("  |rest:", Family.Leftover)),
        Case("leftover-airflow-after-dagster", Edit(Dev, "  backend: airflow\n", "  backend: dagster\n"), new Expected("  |airflow:", Family.Leftover)),
        Case("leftover-dagster-default-airflow", Dev + "  dagster:\n    resources: {cpu: 250m, memory: 512Mi}\n", new Expected("  |dagster:", Family.Leftover)),
        Case("leftover-seaweedfs", Edit(Dev, "  region: us-east-1\n", "  region: us-east-1\n  seaweedfs:\n    volumeServers: 1\n    volumeSize: 10Gi\n    resources: {cpu: 250m, memory: 1Gi}\n"), new Expected("  |seaweedfs:", Family.Leftover)),
        Case("leftover-hive-beside-glue", Edit(Aws, "  glue:\n", "  hive:\n    uri: thrift://metastore.example.com:9083\n  glue:\n"), new Expected("  |hive:", Family.Leftover)),
        Case("leftover-jdbc-beside-rest", Edit(Dev, "  backend: rest\n", "  backend: rest\n  jdbc:\n    catalogName: lake\n"), new Expected("  |jdbc:", Family.Leftover)),
        Case("leftover-two", Edit(Edit(Dev, "  backend: rest\n", "  backend: jdbc\n"), "  backend: airflow\n", "  backend: dagster\n"), new Expected("  |rest:", Family.Leftover), new Expected("  |airflow:", Family.Leftover)),

        // Rules spanning several keys (CrossKeyRules).
        Valid("minio-distributed", Edit(Dev, "    servers: 1\n", "    servers: 4\n")),
        Case("minio-two-servers", Edit(Dev, "    servers: 1\n", "    servers: 2\n"), Value("servers: |2")),
        Case("seaweedfs-even-masters", Edit(Staging, "    masters: 3\n", "    masters: 4\n"), Value("masters: |4")),
        Case("workload-identity-without-postgres-role", Aws.Replace("  serviceAccountRoleArn: arn:aws:iam::123456789012:role/lakehouse-aws-postgres\n", "", StringComparison.Ordinal), Value("postgres:\n  |instances")),
        Case("workload-identity-without-spark-section", RemoveSection(Aws, "spark"), Expected.FileStart(Family.Value)),

        // The platform's literal rules, inside and outside the schema's keys.
        Case("ip-in-server", Edit(Dev, "  server: https://api.dev.lakehouse.example.com:6443\n", "  server: https://10.20.0.5:6443\n"), new Expected("https://10.20.0.5:6443", Family.Ip)),
        Case("secret-token-unknown-key", Edit(Dev, "  revision: main\n", "  revision: main\n  token: ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\n"), Key("token:"), new Expected("ghp_", Family.Secret)),
        Case("secret-password-key", Edit(Dev, "  revision: main\n", "  revision: main\n  password: hunter2\n"), Key("password:"), new Expected("hunter2", Family.Secret)),
        Case("password-key-with-a-number", Edit(Dev, "  revision: main\n", "  revision: main\n  password: 1234\n"), Key("password:")),
        Case("ip-in-list-item", Dev + "extra:\n  - 10.0.0.1\n", Key("extra:"), new Expected("10.0.0.1", Family.Ip)),

        // YAML syntax.
        Case("bad-indentation", Edit(Dev, "  queryMaxMemory: 1GB\n", "   queryMaxMemory: 1GB\n"), new Expected("   queryMaxMemory|: 1GB", Family.Yaml)),
        // What the shared preflight (YamlPreflight) refuses, reported the same way by both sides.
        Case("explicit-tag", Edit(Dev, "  workers: 1\n", "  workers: !!str 1\n"), new Expected("!!str 1", Family.Yaml)),
        Case("explicit-tag-on-map", Edit(Dev, "trino:\n", "trino: !!map\n"), new Expected("!!map", Family.Yaml)),
        Case("second-document", Dev + "---\nextra: 1\n", new Expected("---\nextra", Family.Yaml)),
        Case("complex-key", Dev + "? [a, b]\n: 1\n", new Expected("[a, b]", Family.Yaml)),
        Case("duplicate-key", Edit(Dev, "  workers: 1\n", "  workers: 1\n  workers: 2\n"), new Expected("workers: 2", Family.Yaml)),
        Case("alias-as-key", Edit(Dev, "  workers: 1\n", "  workers: &w 1\n  *w : 2\n"), new Expected("*w : 2", Family.Yaml)),
        Case("nesting-too-deep", Dev + "deep: " + new string('[', 70) + new string(']', 70) + "\n", new Expected("deep: " + new string('[', 63) + "|[", Family.Yaml)),

        // Several mistakes at once, each at its place.
        Case("several", Edit(Edit(Dev, "  workers: 1\n", "  workers: many\n"), "    servers: 1\n", "    servers: 1\n    serverz: 3\n"), Value("many"), Key("serverz")),
    ];
}
