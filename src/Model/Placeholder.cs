namespace Lakehouse.Model; public sealed record Placeholder;
