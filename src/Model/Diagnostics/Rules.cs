namespace Lakehouse.Model.Diagnostics;

/// <summary>
/// The one catalogue of render-time rules. IDs are stable: a rule may be retired, never renumbered.
/// Compile-time rules of the generator and analyzers use LH1xxx.
/// </summary>
public static class Rules
{
    public static readonly Rule IpAddressLiteral = new("LH0001", "No IP address: endpoints are DNS names");
    public static readonly Rule SecretLiteral = new("LH0002", "No secret value in Git: use a SecretRef");
    public static readonly Rule InvalidEndpoint = new("LH0003", "An endpoint has a scheme, a DNS name and a port");
    public static readonly Rule UnknownEnvironmentKey = new("LH0004", "Unknown key in an environment file");
    public static readonly Rule InvalidEnvironmentValue = new("LH0005", "Environment value has the wrong type or is out of range");
    public static readonly Rule DuplicateComponent = new("LH0006", "Component names are unique");
    public static readonly Rule DependencyCycle = new("LH0007", "Dependencies between components form no cycle");
    public static readonly Rule UnresolvedDependency = new("LH0008", "A dependency is a component of the same platform");
    public static readonly Rule InvalidYaml = new("LH0009", "Environment file is valid YAML");
    public static readonly Rule NoEnvironment = new("LH0010", "At least one environment file exists");
    public static readonly Rule UnpinnedVersion = new("LH0011", "Charts and images are pinned: no range, no 'latest'");
    public static readonly Rule NotObservable = new("LH0012", "Every component exposes metrics, liveness and readiness");
    public static readonly Rule Drift = new("LH0013", "Committed gitops/ equals what the definitions render");
    public static readonly Rule InvalidName = new("LH0014", "Names are DNS-1123 labels");
    public static readonly Rule DefinitionFailed = new("LH0015", "The platform definition runs without an exception");
    public static readonly Rule MissingSchemaReference = new("LH0016", "Each environment file names its JSON Schema on its first line");
    public static readonly Rule AmbiguousProvider = new("LH0017", "A needed contract has exactly one provider, or the consumer names one");
    public static readonly Rule WiringNotContract = new("LH0120", "A wiring names a contract interface");
    public static readonly Rule WiringWithoutNeed = new("LH0121", "A wiring connects a need its consumer declares to another component of the platform");
    public static readonly Rule WiringRepeated = new("LH0122", "Each need of a consumer is wired at most once");
    public static readonly Rule InstanceSectionUnused = new("LH0123", "An instance section in env/ belongs to a component of that kind");
    public static readonly Rule DuplicateWorkspace = new("LH0140", "Workspace names are unique DNS-1123 labels");
    public static readonly Rule WorkspaceNameClash = new("LH0141", "A workspace's names clash with no component's and no bucket's");
    public static readonly Rule WorkspaceSectionUnused = new("LH0142", "A workspace section in env/ belongs to a workspace of the platform");
    public static readonly Rule WorkspaceQuotaInconsistent = new("LH0143", "A workspace's default container fits its quota");
    public static readonly Rule SecretNotDeclared = new("LH0160", "Every Secret a component reads is declared beside its SecretRef");
    public static readonly Rule SecretDeclaredTwice = new("LH0161", "A key of a Secret has one source");
    public static readonly Rule SecretOutsideComponents = new("LH0162", "A declared Secret lives in the namespace of a component of the platform");
    public static readonly Rule SecretSourceUnresolved = new("LH0163", "A value follows a declared key; a template's inputs are plain, stored or generated values");
    public static readonly Rule NoSecretStore = new("LH0164", "Declared Secrets need the secret store component (External Secrets Operator)");
    // Data declarations: tables, checks, maintenance (docs/data-operations.md).
    public static readonly Rule WorkspaceManifestOutside = new("LH0185", "An object a component hands a workspace lies in that workspace's namespace");
    public static readonly Rule TableNamedByString = new("LH0170", "A job names a table through its declaration, never by a string");
    public static readonly Rule UndeclaredTable = new("LH0171", "Jobs, quality checks, maintenance policies and dbt models refer only to tables declared once in the data catalog");
    public static readonly Rule UnknownCheckColumn = new("LH0172", "A quality check names a column its table declares");
    public static readonly Rule InvalidChartLock = new("LH0070", "The chart lock is well-formed");
    public static readonly Rule UnverifiedChart = new("LH0071", "A locked chart without a digest is reported, not restored");
    public static readonly Rule DigestMismatch = new("LH0072", "A restored chart's content matches its locked digest");
    public static readonly Rule ChartUnavailable = new("LH0073", "Every locked chart with a digest can be restored");
    public static readonly Rule UnsafeArchive = new("LH0074", "A chart archive extracts only inside its chart folder");
    public static readonly Rule UnlockedVersion = new("LH0075", "An environment picks only chart versions the lock holds, and images it names");
    public static readonly Rule NotLocked = new("LH0076", "Every chart and image a component uses is in the lock");

    public static readonly Rule LeftoverBackendSection = new("LH0040", "No section of a backend that is not chosen");
    public static readonly Rule SharedEnvironmentTarget = new("LH0041", "Each environment has its own cluster server and domain");
    public static readonly Rule PodSecurityWithoutReason = new("LH0060", "A namespace enforces Pod Security 'restricted' unless it gives the reason it cannot");
    public static readonly Rule OpenIngressWithoutReason = new("LH0061", "A NetworkPolicy rule admitting any source gives its reason");
    public static readonly Rule ProjectWildcard = new("LH0150", "An AppProject allows named kinds only: no wildcard");
    public static readonly Rule YamlLimit = new("LH0030", "An environment file stays within the reader's limits: size, nesting depth, aliases");
    public static readonly Rule UnreadableEnvironment = new("LH0031", "Environment files are readable regular files in the folder env/");
    public static readonly Rule NotText = new("LH0032", "Environment files are UTF-8 text without control characters");
    public static readonly Rule YamlExtension = new("LH0033", "Environment files are named env/<name>.yaml");
    public static readonly Rule MultipleDocuments = new("LH0034", "An environment file holds one YAML document");
    public static readonly Rule ExplicitTag = new("LH0035", "Environment values carry no explicit YAML tag");
    public static readonly Rule KeyShape = new("LH0036", "Keys in an environment file are plain scalars, each once per map");

    public static readonly Rule DuplicateManifest = new("LH0090", "A component's manifests are unique by kind and name");

    // Review commands: diff, explain (docs/review.md).
    public static readonly Rule DiffBaseUnknown = new("LH0110", "diff --base names a commit of the repository's Git history");
    public static readonly Rule DiffBaseWithoutTree = new("LH0111", "The base commit of a diff has a rendered gitops/ tree");
    public static readonly Rule HydrationToolMissing = new("LH0112", "diff hydrates with Helm: Helm is installed, or --no-hydrate is given");
    public static readonly Rule ExplainNoValue = new("LH0113", "explain points at a rendered value: a file and line of the tree holding one");
    public static readonly Rule ExplainUnknownTarget = new("LH0114", "explain names an environment, Application and value key that the render has");
    public static readonly Rule ReviewUsage = new("LH0115", "A review command is given the arguments it needs");
    public static readonly Rule OwnedPathOutsideTree = new("LH0020", "Owned paths are normalised relative paths under gitops/");
    public static readonly Rule SymbolicLink = new("LH0021", "The tree writer never follows a symbolic link");
    public static readonly Rule HandEdited = new("LH0022", "Owned files are changed only by a render");
    public static readonly Rule ForeignFile = new("LH0023", "Every file under gitops/ is owned by the renderer");
    public static readonly Rule TreeLocked = new("LH0024", "One render or check of a tree at a time");
    public static readonly Rule FileSystemFailure = new("LH0025", "The file system accepts the tree's files and folders");
    public static readonly Rule InterruptedRender = new("LH0026", "No interrupted render is left behind");

    public static readonly Rule TreeShrank = new("LH0100", "A render that deletes files says so");
    public static readonly Rule TreeGrew = new("LH0101", "A render that grows the tree by more than a tenth says so");

    public static IReadOnlyList<Rule> All { get; } =
    [
        IpAddressLiteral, SecretLiteral, InvalidEndpoint, UnknownEnvironmentKey, InvalidEnvironmentValue,
        DuplicateComponent, DependencyCycle, UnresolvedDependency, InvalidYaml, NoEnvironment,
        UnpinnedVersion, NotObservable, Drift, InvalidName, DefinitionFailed, MissingSchemaReference, AmbiguousProvider,
        LeftoverBackendSection, SharedEnvironmentTarget,
        InvalidChartLock, UnverifiedChart, DigestMismatch, ChartUnavailable, UnsafeArchive, UnlockedVersion, NotLocked,
        PodSecurityWithoutReason, OpenIngressWithoutReason, ProjectWildcard, DuplicateManifest,
        WiringNotContract, WiringWithoutNeed, WiringRepeated, InstanceSectionUnused,
        DuplicateWorkspace, WorkspaceNameClash, WorkspaceSectionUnused, WorkspaceQuotaInconsistent, SecretNotDeclared, SecretDeclaredTwice, SecretOutsideComponents, SecretSourceUnresolved, NoSecretStore, WorkspaceManifestOutside, TableNamedByString, UndeclaredTable, UnknownCheckColumn,
        YamlLimit, UnreadableEnvironment, NotText, YamlExtension, MultipleDocuments, ExplicitTag, KeyShape,
        OwnedPathOutsideTree, SymbolicLink, HandEdited, ForeignFile, TreeLocked, FileSystemFailure, InterruptedRender,
        TreeShrank, TreeGrew,
        DiffBaseUnknown, DiffBaseWithoutTree, HydrationToolMissing, ExplainNoValue, ExplainUnknownTarget, ReviewUsage,
    ];
}
