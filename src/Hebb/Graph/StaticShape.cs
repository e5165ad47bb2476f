namespace Hebb.Graph;

/// <summary>Shapes known when a graph is built: a null dimension (TensorFlow's <c>None</c>) is learnt only
/// when the graph runs, such as the batch dimension of a placeholder.</summary>
internal static class StaticShape
{
    public static string Text(IReadOnlyList<int?> shape) =>
        "[" + string.Join(", ", shape.Select(dimension => dimension?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?")) + "]";

    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Int64 => "int64",
        _ => "bool",
    };

    /// <summary>Whether a value of shape <paramref name="actual"/> fits <paramref name="shape"/>.</summary>
    public static bool Fits(IReadOnlyList<int?> shape, IReadOnlyList<int> actual)
    {
        if (shape.Count != actual.Count) return false;
        for (int i = 0; i < shape.Count; i++)
            if (shape[i] is int known && known != actual[i]) return false;
        return true;
    }

    /// <summary>Whether two dimensions can be equal: both known and equal, or one unknown.</summary>
    public static bool Compatible(int? first, int? second) => first is null || second is null || first == second;

    /// <summary>The shape with every dimension known, or null.</summary>
    public static int[]? Known(IReadOnlyList<int?> shape) =>
        shape.All(dimension => dimension is not null) ? shape.Select(dimension => dimension!.Value).ToArray() : null;
}
