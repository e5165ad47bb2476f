using Hebb.Activations;
using Hebb.Tensors;

namespace Hebb.Graph;

public static partial class GraphOps
{
    /// <summary>max(0, z) — <c>tf.nn.relu(z)</c>.</summary>
    public static GraphTensor Relu(GraphTensor z, string name = "Relu") => Activate(z, Activation.Relu, name);

    /// <summary>1 / (1 + e^−z) — <c>tf.nn.sigmoid(z)</c>.</summary>
    public static GraphTensor Sigmoid(GraphTensor z, string name = "Sigmoid") => Activate(z, Activation.Sigmoid, name);

    /// <summary>tanh z — <c>tf.nn.tanh(z)</c>.</summary>
    public static GraphTensor Tanh(GraphTensor z, string name = "Tanh") => Activate(z, Activation.Tanh, name);

    /// <summary>z for z &gt; 0, else e^z − 1 — <c>tf.nn.elu(z)</c>.</summary>
    public static GraphTensor Elu(GraphTensor z, string name = "Elu") => Activate(z, Activation.Elu, name);

    /// <summary>z for z &gt; 0, else a small slope times z — <c>tf.nn.leaky_relu(z)</c>, with Hebb's slope.</summary>
    public static GraphTensor LeakyRelu(GraphTensor z, string name = "LeakyRelu") => Activate(z, Activation.LeakyRelu, name);

    /// <summary>The softmax of each row — <c>tf.nn.softmax(logits)</c>.</summary>
    public static GraphTensor Softmax(GraphTensor logits, string name = "Softmax") => Activate(logits, Activation.Softmax, name);

    /// <summary>Any of Hebb's activations applied to <paramref name="z"/>; runs as <see cref="Activation.Apply"/>.</summary>
    public static GraphTensor Activate(GraphTensor z, Activation activation, string? name = null)
    {
        CheckType(z, DType.Float32, activation.Name);
        return z.Graph.Add(name ?? activation.Name, DType.Float32, [.. z.Shape], new ActivationOperation(z, activation));
    }

    internal sealed class ActivationOperation(GraphTensor z, Activation activation) : Operation(z)
    {
        public GraphTensor Input => Inputs[0];
        public Activation Activation { get; } = activation;

        public override Tensor Compute(SessionRun run, GraphTensor output) => Activation.Apply(run.Value(z));
    }
}
