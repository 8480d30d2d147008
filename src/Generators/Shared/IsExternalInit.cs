namespace System.Runtime.CompilerServices;

/// <summary>Lets records and init-only members compile for netstandard2.0, where the runtime lacks this type.</summary>
internal static class IsExternalInit;
