using System.Collections.Generic;
using System.Text;

namespace Lakehouse.Generators.Generation;

/// <summary>
/// Emits each values record's ToJson(): member by member, in the chart's key order, unset members left out and
/// AdditionalValues copied as given (so a null there reaches Helm and deletes a default). Written out rather than
/// done by reflection: no serializer options to agree on, and a render builds thousands of these. Custom resources
/// get the same (their declared order is the serializer's order, nulls left out as the client's options leave them).
/// </summary>
internal static class ValuesWriterEmitter
{
    private const string Nodes = "global::System.Text.Json.Nodes";
    private const string ListPrefix = "global::System.Collections.Generic.IReadOnlyList<";
    private const string MapPrefix = "global::System.Collections.Generic.IReadOnlyDictionary<string, ";

    // resource: a custom resource, whose apiVersion, kind and metadata come first as the serializer writes its declared
    // members; the metadata (a k8s.Models type) goes through the manifests' serializer.
    public static void EmitToJson(StringBuilder sb, TypeModel type, IReadOnlyDictionary<string, TypeModel> types, bool resource = false)
    {
        sb.Append(resource
            ? "        /// <summary>This object as the Kubernetes API's JSON: declared members in order, unset ones left out.</summary>\n"
            : type.Mutable
                ? "        /// <summary>This part of a custom resource as JSON, keys exactly as its CRD spells them.</summary>\n"
                : "        /// <summary>This record as chart values (JSON), keys exactly as the chart spells them.</summary>\n");
        sb.Append("        public ").Append(Nodes).Append(".JsonObject ToJson()\n        {\n");
        sb.Append("            var json = new ").Append(Nodes).Append(".JsonObject();\n");
        if (resource)
        {
            sb.Append("            if (ApiVersion is { } apiVersion)\n            {\n                json[\"apiVersion\"] = ").Append(Nodes).Append(".JsonValue.Create(apiVersion);\n            }\n");
            sb.Append("            if (Kind is { } kind)\n            {\n                json[\"kind\"] = ").Append(Nodes).Append(".JsonValue.Create(kind);\n            }\n");
            sb.Append("            if (Metadata is { } metadata)\n            {\n                json[\"metadata\"] = global::Lakehouse.Model.Kubernetes.ObjectMetaJson.Of(metadata);\n            }\n");
        }
        var index = 0;
        foreach (var property in type.Properties)
        {
            var variable = "v" + index++;
            sb.Append("            if (").Append(property.CSharpName).Append(" is { } ").Append(variable).Append(")\n            {\n");
            sb.Append("                json[").Append(Literal(property.JsonName)).Append("] = ").Append(Convert(property.TypeName, variable, types, 0)).Append(";\n");
            sb.Append("            }\n");
        }
        if (type.Open)
        {
            var extension = "AdditionalValues";
            for (var i = 2; HasProperty(type, extension); i++)
            {
                extension = "AdditionalValues" + i;
            }
            sb.Append("            if (").Append(extension).Append(" is { } extra)\n            {\n");
            sb.Append("                foreach (var entry in extra)\n                {\n");
            sb.Append("                    json[entry.Key] = entry.Value?.DeepClone();\n");
            sb.Append("                }\n            }\n");
        }
        sb.Append("            return json;\n        }\n\n");
    }

    private static bool HasProperty(TypeModel type, string name)
    {
        foreach (var property in type.Properties)
        {
            if (property.CSharpName == name)
            {
                return true;
            }
        }
        return false;
    }

    private static string Convert(string typeName, string value, IReadOnlyDictionary<string, TypeModel> types, int depth)
    {
        switch (typeName)
        {
            case "string":
            case "bool":
            case "long":
            case "double":
                return $"{Nodes}.JsonValue.Create({value})";
            case Nodes + ".JsonNode":
            case Nodes + ".JsonObject":
                return $"{value}.DeepClone()";
        }
        var item = "i" + depth;
        if (typeName.StartsWith(ListPrefix, System.StringComparison.Ordinal))
        {
            var itemType = typeName.Substring(ListPrefix.Length, typeName.Length - ListPrefix.Length - 1);
            var itemValue = itemType.StartsWith(Nodes, System.StringComparison.Ordinal)
                ? $"{item}?.DeepClone()"
                : Convert(itemType, item, types, depth + 1);
            return $"new {Nodes}.JsonArray(global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Select({value}, ({itemType} {item}) => ({Nodes}.JsonNode?)({itemValue}))))";
        }
        if (typeName.StartsWith(MapPrefix, System.StringComparison.Ordinal))
        {
            var valueType = typeName.Substring(MapPrefix.Length, typeName.Length - MapPrefix.Length - 1);
            var entryValue = valueType.StartsWith(Nodes, System.StringComparison.Ordinal)
                ? $"{item}.Value?.DeepClone()"
                : Convert(valueType, item + ".Value", types, depth + 1);
            return $"new {Nodes}.JsonObject(global::System.Linq.Enumerable.Select({value}, {item} => new global::System.Collections.Generic.KeyValuePair<string, {Nodes}.JsonNode?>({item}.Key, {entryValue})))";
        }
        if (types.TryGetValue(typeName, out var model) && model.IsEnum)
        {
            var cases = new StringBuilder();
            foreach (var member in model.Members)
            {
                cases.Append(typeName).Append('.').Append(member.CSharpName).Append(" => ").Append(Literal(member.JsonValue)).Append(", ");
            }
            return $"{Nodes}.JsonValue.Create({value} switch {{ {cases}_ => throw new global::System.ArgumentOutOfRangeException(nameof({value})) }})";
        }
        return $"{value}.ToJson()";
    }

    private static string Literal(string value) =>
        Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
}
