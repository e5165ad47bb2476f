using Hebb.Layers;

namespace Hebb.Cli.Output;

/// <summary>A model's layers as <c>hebb info</c> and <c>GET /v1/model</c> show them: each with the widths it maps
/// between and its activation.</summary>
internal static class ArchitectureRows
{
    /// <summary>One layer: its widths in and out and its activation (identity for dropout).</summary>
    public sealed record Row(Layer Layer, int Inputs, int Outputs, string Activation)
    {
        /// <summary>The row as JSON: name, type, inputs, outputs, activation and a dropout layer's rate.</summary>
        public Dictionary<string, object?> ToJson() => new()
        {
            ["name"] = Layer.Name,
            ["type"] = Layer.Kind,
            ["inputs"] = Inputs,
            ["outputs"] = Outputs,
            ["activation"] = Activation,
            ["rate"] = (Layer as Dropout)?.Rate,
        };
    }

    /// <summary>Every layer of <paramref name="model"/>, first to last.</summary>
    public static List<Row> Of(Sequential model)
    {
        int width = model.InputWidth!.Value;
        var rows = new List<Row>();
        foreach (var layer in model.Layers)
        {
            int outputs = ((IKernelLayer)layer).OutputWidth(width);
            string activation = layer switch
            {
                Dense dense => dense.Activation.Name,
                BatchNorm norm => norm.Activation.Name,
                _ => "identity",
            };
            rows.Add(new Row(layer, width, outputs, activation));
            width = outputs;
        }
        return rows;
    }
}
