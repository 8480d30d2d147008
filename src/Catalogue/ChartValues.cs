using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lakehouse.Catalogue;

/// <summary>
/// Bridges the Kubernetes shapes the platform builds once (a restricted securityContext, resources, affinity:
/// src/Model/Kubernetes/Values.cs) into the record a chart generated for the key that takes that shape. Keys
/// the chart's record does not type land in its AdditionalValues, so nothing is lost; the chart key itself stays
/// a typed member, checked by the compiler against the locked chart.
/// </summary>
public static class ChartValues
{
    private static readonly JsonSerializerOptions Options = new();

    public static T From<T>(JsonObject shape) where T : class =>
        shape.Deserialize<T>(Options) ?? throw new InvalidOperationException($"{typeof(T).Name}: the shape did not convert");
}
