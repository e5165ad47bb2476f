using System.Globalization;
using System.Text;
using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Layers;

/// <summary>
/// Layers applied one after the other. Unnamed layers are named as in the note: dense layers <c>hidden1</c>,
/// <c>hidden2</c>, … and <c>outputs</c> for the last; a layer that only transforms the previous one's output
/// (batch normalization, dropout) is named after it, e.g. <c>hidden1_batch_norm</c>, <c>hidden1_dropout</c>.
/// </summary>
public sealed class Sequential : Layer
{
    /// <summary>The model <paramref name="layers"/>[0] → … → <paramref name="layers"/>[^1].</summary>
    public Sequential(params Layer[] layers)
    {
        if (layers.Length == 0) throw new ArgumentException("Sequential needs at least one layer");
        Layers = layers;
        int lastNumbered = Array.FindLastIndex(layers, layer => !layer.NamedAfterPrevious);
        int number = 0;
        string previous = "inputs";
        var suffixes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < layers.Length; i++)
        {
            var layer = layers[i];
            if (!layer.NamedAfterPrevious) number++;
            if (layer.Name.Length == 0)
            {
                string name = layer.NamedAfterPrevious ? $"{previous}_{layer.Kind}"
                    : i == lastNumbered ? "outputs" : $"hidden{number}";
                // A second dropout after the same layer gets hidden1_dropout2.
                int uses = suffixes[name] = suffixes.GetValueOrDefault(name) + 1;
                layer.Rename(uses == 1 ? name : $"{name}{uses}");
            }
            if (!layer.NamedAfterPrevious) previous = layer.Name;
        }
        // Loops rather than LINQ, whose generic code over (name, buffer) pairs a one-shot 'hebb predict' would
        // compile at every start.
        var names = new HashSet<string>();
        foreach (var parameter in Parameters)
            if (!names.Add(parameter.Name)) throw new ArgumentException($"Sequential: two parameters are named '{parameter.Name}'");
        foreach (var (name, _) in Buffers)
            if (!names.Add(name)) throw new ArgumentException($"Sequential: two parameters are named '{name}'");
    }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => Layers.SelectMany(layer => layer.Parameters).ToList();

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, Tensor>> Buffers
    {
        get
        {
            var buffers = new List<KeyValuePair<string, Tensor>>();
            foreach (var layer in Layers) buffers.AddRange(layer.Buffers);
            return buffers;
        }
    }

    /// <inheritdoc/>
    public override string Kind => "sequential";

    /// <summary>Sets the mode of every layer.</summary>
    public override bool IsTraining
    {
        get => Layers.Any(layer => layer.IsTraining);
        set
        {
            foreach (var layer in Layers) layer.IsTraining = value;
        }
    }

    /// <summary>Trainable values, summed over the parameters.</summary>
    public long ParameterCount => Parameters.Sum(p => (long)p.Value.Length);

    /// <summary>The width of the rows the model takes: that of its first layer of fixed width; null when no layer
    /// says (or a layer is not an <see cref="IKernelLayer"/>).</summary>
    public int? InputWidth
    {
        get
        {
            foreach (var layer in Layers)
            {
                if (layer is not IKernelLayer kernelLayer) return null;
                if (kernelLayer.InputWidth is int width) return width;
            }
            return null;
        }
    }

    /// <summary>The width of the model's output rows (the classes, for a classifier); null when unknown.</summary>
    public int? OutputWidth
    {
        get
        {
            if (InputWidth is not int width) return null;
            foreach (var layer in Layers) width = ((IKernelLayer)layer).OutputWidth(width);
            return width;
        }
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var output = input;
        foreach (var layer in Layers) output = layer.Forward(output);
        return output;
    }

    /// <summary>The most likely class of each row of <paramref name="inputs"/>: argmax of the logits, in evaluation mode.</summary>
    public int[] Predict(Tensor inputs)
    {
        using var _ = Autograd.NoGradient();
        using var evaluating = EvaluationMode.Of(this);
        return Ops.ArgMax(Forward(inputs), axis: 1);
    }

    /// <summary>A <see cref="Inference.Predictor"/> for this model: allocation-free, thread-safe prediction of single
    /// samples and batches, in slices of up to <paramref name="maxBatch"/> rows.</summary>
    public Inference.Predictor CreatePredictor(int maxBatch = Inference.Predictor.DefaultMaxBatch) => new(this, maxBatch);

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in Parameters) parameter.Value.ZeroGrad();
    }

    /// <summary>
    /// A Keras-style table: each layer's name and kind, output shape and parameter count, then the totals
    /// (trainable parameters, and the values of buffers such as running statistics, which are saved but not trained).
    /// </summary>
    public string Summary()
    {
        var rows = new List<string[]> { new[] { "layer (kind)", "output shape", "parameters" } };
        int? width = InputWidth;
        foreach (var layer in Layers)
        {
            width = width is int w && layer is IKernelLayer kernelLayer ? kernelLayer.OutputWidth(w) : null;
            rows.Add([$"{layer.Name} ({layer.Kind})", width is int known ? $"[batch, {known}]" : "?",
                Number(layer.Parameters.Sum(p => (long)p.Value.Length))]);
        }
        var widths = Enumerable.Range(0, 3).Select(column => rows.Max(row => row[column].Length)).ToArray();
        int total = widths.Sum() + 4;
        var text = new StringBuilder();
        void Rule(char c) => text.Append(c, total).Append('\n');
        Rule('=');
        for (int i = 0; i < rows.Count; i++)
        {
            text.Append(rows[i][0].PadRight(widths[0])).Append("  ").Append(rows[i][1].PadRight(widths[1])).Append("  ")
                .Append(rows[i][2].PadLeft(widths[2])).Append('\n');
            if (i == 0) Rule('-');
        }
        Rule('=');
        text.Append("trainable parameters: ").Append(Number(ParameterCount)).Append('\n');
        text.Append("buffers (not trained): ").Append(Number(Buffers.Sum(b => (long)b.Value.Length))).Append('\n');
        return text.ToString();
    }

    /// <summary>Sequential(layer, layer, …).</summary>
    public override string ToString() => $"Sequential({string.Join(", ", Layers)})";

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
