using Hebb.Activations;
using Hebb.Layers;
using Hebb.Training;

namespace Hebb.Graph;

/// <summary>
/// A loss that is the mean softmax cross-entropy of a chain of dense layers — <c>act(X·W + b)</c> after
/// <c>act(X·W + b)</c>, ending in logits — over an input that no variable feeds into: the note's network,
/// whether built with <c>neuron_layer</c> or <c>fully_connected</c>. Gradient descent on such a loss runs as
/// <c>hebb train</c> runs it (<see cref="TrainingStep"/>, the update fused into the backward pass), so the
/// two give the same weights bit for bit.
/// </summary>
internal sealed record DenseChain(GraphTensor Input, GraphTensor Labels, IReadOnlyList<(GraphTensor Weights, GraphTensor Biases, Activation Activation)> Layers)
{
    /// <summary>The chain under <paramref name="loss"/>, or null when the loss is not of that form.</summary>
    public static DenseChain? Match(GraphTensor loss)
    {
        if (loss.Producer is not GraphOps.ReduceMeanOperation { Axis: null } mean
            || mean.Input.Producer is not GraphOps.SoftmaxCrossEntropyOperation crossEntropy) return null;
        var layers = new List<(GraphTensor, GraphTensor, Activation)>();
        var node = crossEntropy.Logits;
        while (DependsOnTrainable(node))
        {
            var activation = Activation.Identity;
            if (node.Producer is GraphOps.ActivationOperation applied)
            {
                activation = applied.Activation;
                node = applied.Input;
            }
            if (node.Producer is not GraphOps.AddOperation add) return null;
            var (product, biases) = add.Inputs[0].Producer is GraphOps.MatMulOperation ? (add.Inputs[0], add.Inputs[1]) : (add.Inputs[1], add.Inputs[0]);
            if (product.Producer is not GraphOps.MatMulOperation matMul || !IsTrainable(matMul.B, rank: 2) || !IsTrainable(biases, rank: 1)) return null;
            layers.Insert(0, (matMul.B, biases, activation));
            node = matMul.A;
        }
        if (layers.Count == 0 || layers[^1].Item3 != Activation.Identity) return null;
        var variables = layers.SelectMany(layer => new[] { layer.Item1, layer.Item2 }).ToList();
        if (variables.Distinct(ReferenceEqualityComparer.Instance).Count() != variables.Count) return null;
        return new DenseChain(node, crossEntropy.Labels, layers);
    }

    /// <summary>The chain as a <see cref="Sequential"/> of <see cref="Dense"/> layers over the session's own
    /// variable tensors (not copies), so that a step on the model is a step on the variables.</summary>
    public Sequential Model(Session session) => new([.. Layers.Select((layer, i) =>
        (Layer)new Dense(session.ValueOf(layer.Weights), session.ValueOf(layer.Biases), layer.Activation, $"layer{i}"))]);

    /// <summary>Whether any trainable variable feeds into <paramref name="node"/>.</summary>
    public static bool DependsOnTrainable(GraphTensor node)
    {
        var visited = new HashSet<GraphTensor>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<GraphTensor>([node]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!visited.Add(current)) continue;
            if (current.Producer is VariableOperation { Trainable: true }) return true;
            foreach (var input in current.Producer.Inputs) pending.Push(input);
        }
        return false;
    }

    /// <summary>The trainable variables that feed into <paramref name="node"/>, in the order they were made.</summary>
    public static List<GraphTensor> TrainableUnder(GraphTensor node) =>
        node.Graph.TrainableVariables.Where(variable => Reaches(variable, node)).ToList();

    private static bool Reaches(GraphTensor variable, GraphTensor node)
    {
        var visited = new HashSet<GraphTensor>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<GraphTensor>([node]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current == variable) return true;
            if (!visited.Add(current)) continue;
            foreach (var input in current.Producer.Inputs) pending.Push(input);
        }
        return false;
    }

    private static bool IsTrainable(GraphTensor node, int rank) =>
        node.Producer is VariableOperation { Trainable: true } && node.Shape.Count == rank;
}
