namespace Lakehouse.Rendering.Environments;

/// <summary>
/// Writes env/environment.schema.json straight after this assembly builds, before any definitions project
/// compiles: the compiler checks env/*.yaml against that schema (LH1201-LH1207), so a key just added to the
/// configuration types must be in it before the env files that use it are checked. The render writes the
/// same bytes; this only makes them arrive first.
/// </summary>
public static class SchemaCommand
{
    public static int Main(string[] args)
    {
        if (args is not ["schema", "--out", var path])
        {
            Console.Error.WriteLine("usage: Lakehouse.Rendering schema --out <env/environment.schema.json>");
            return 2;
        }
        var text = EnvironmentSchema.ToText();
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return 0;
        }
        File.WriteAllText(path, text);
        Console.WriteLine($"lakehouse: {path} updated from the configuration types");
        return 0;
    }
}
