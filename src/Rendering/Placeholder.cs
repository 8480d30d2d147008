namespace Lakehouse.Rendering; internal static class Placeholder { }
