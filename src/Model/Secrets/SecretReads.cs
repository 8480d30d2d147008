namespace Lakehouse.Model.Secrets;

/// <summary>
/// The SecretRefs created while one component describes itself: the render opens a scope around each
/// Describe and checks that every reference read there is declared in the component's namespace (LH0160).
/// References built outside a scope (tests, tools) are not recorded.
/// </summary>
public static class SecretReads
{
    private static readonly AsyncLocal<List<SecretRef>?> Current = new();

    /// <summary>Records the references created until the returned scope is disposed.</summary>
    public static Scope Open()
    {
        var scope = new Scope(Current.Value);
        Current.Value = scope.References;
        return scope;
    }

    internal static void Record(SecretRef reference) => Current.Value?.Add(reference);

    public sealed class Scope : IDisposable
    {
        private readonly List<SecretRef>? _outer;

        internal Scope(List<SecretRef>? outer) => _outer = outer;

        public List<SecretRef> References { get; } = [];

        public void Dispose() => Current.Value = _outer;
    }
}
