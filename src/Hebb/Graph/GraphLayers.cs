using Hebb.Activations;
using Hebb.Initializers;

namespace Hebb.Graph;

/// <summary>
/// Ready-made layers — the note's <c>fully_connected</c> (TensorFlow 1.x contrib) and its later name <c>dense</c>.
/// Each builds the note's <c>neuron_layer</c> (<c>z = X·W + b</c>, then the activation) in its scope, with the
/// weights drawn as a Hebb <see cref="Layers.Dense"/> layer draws them, so that the same graph seed gives the
/// same initial weights as <c>hebb train</c>.
/// </summary>
public static class GraphLayers
{
    /// <summary>
    /// A fully connected layer in <paramref name="scope"/> — <c>fully_connected(X, n_hidden1, scope="hidden1")</c>,
    /// ReLU unless told otherwise (<c>activation_fn=None</c> is <c>Activation.Identity</c>). As in TensorFlow,
    /// the variables are named by the scope alone (<c>hidden1/weights</c>, <c>hidden1/biases</c>) while the
    /// operations also take the open name scopes (<c>dnn/hidden1/MatMul</c>). The weights come from
    /// <paramref name="initializer"/>, Hebb's truncated normal with stddev 2/√inputs by default (TensorFlow's
    /// default is Glorot uniform, <see cref="Initializer.GlorotUniform"/>).
    /// </summary>
    public static GraphTensor FullyConnected(GraphTensor input, int numOutputs, string scope, Activation? activation = null, Initializer? initializer = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Shape.Count != 2 || input.Shape[1] is not int inputs)
            throw new ArgumentException($"FullyConnected '{scope}': input '{input.Name}' has shape {input.ShapeString}, expected [batch, inputs] with the inputs known");
        ArgumentOutOfRangeException.ThrowIfLessThan(numOutputs, 1);
        var graph = input.Graph;
        using (graph.NameScope(scope))
        {
            var weights = graph.VariableOutsideScopes($"{scope}/weights",
                graph.InitialWeights(initializer ?? Initializer.TruncatedNormal, inputs, numOutputs, "weights_initializer"));
            var biases = graph.VariableOutsideScopes($"{scope}/biases", graph.Zeros([numOutputs], "biases_initializer"));
            return GraphOps.Activate(GraphOps.MatMul(input, weights) + biases, activation ?? Activation.Relu);
        }
    }

    /// <summary>A dense layer — <c>tf.layers.dense(X, units, activation=None, name="dense")</c>: as
    /// <see cref="FullyConnected"/>, but without an activation unless given one.</summary>
    public static GraphTensor Dense(GraphTensor input, int units, Activation? activation = null, string name = "dense", Initializer? initializer = null) =>
        FullyConnected(input, units, name, activation ?? Activation.Identity, initializer);
}
