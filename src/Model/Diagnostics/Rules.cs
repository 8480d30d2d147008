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
    public static readonly Rule OwnedPathOutsideTree = new("LH0020", "Owned paths are normalised relative paths under gitops/");
    public static readonly Rule SymbolicLink = new("LH0021", "The tree writer never follows a symbolic link");
    public static readonly Rule HandEdited = new("LH0022", "Owned files are changed only by a render");
    public static readonly Rule ForeignFile = new("LH0023", "Every file under gitops/ is owned by the renderer");
    public static readonly Rule TreeLocked = new("LH0024", "One render or check of a tree at a time");
    public static readonly Rule FileSystemFailure = new("LH0025", "The file system accepts the tree's files and folders");
    public static readonly Rule InterruptedRender = new("LH0026", "No interrupted render is left behind");

    public static IReadOnlyList<Rule> All { get; } =
    [
        IpAddressLiteral, SecretLiteral, InvalidEndpoint, UnknownEnvironmentKey, InvalidEnvironmentValue,
        DuplicateComponent, DependencyCycle, UnresolvedDependency, InvalidYaml, NoEnvironment,
        UnpinnedVersion, NotObservable, Drift, InvalidName, DefinitionFailed, MissingSchemaReference, AmbiguousProvider,
        OwnedPathOutsideTree, SymbolicLink, HandEdited, ForeignFile, TreeLocked, FileSystemFailure, InterruptedRender,
    ];
}
