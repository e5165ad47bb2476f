using Hebb.Layers;
using Hebb.Optimizers;
using Hebb.Tensors;
using Hebb.Training;

namespace Hebb.Graph;

/// <summary>
/// Plain gradient descent, p ← p − η·∂loss/∂p — <c>tf.train.GradientDescentOptimizer(learning_rate)</c>.
/// <see cref="Minimize"/> gives the training operation. The note's loss (mean softmax cross-entropy of a chain of
/// dense layers) trains through <c>hebb train</c>'s own step, fused into the backward pass, and so gives its
/// weights bit for bit; any other loss is differentiated by Hebb's autodiff tape and updated by <see cref="Sgd"/>.
/// </summary>
public sealed class GradientDescentOptimizer
{
    /// <summary>An optimiser taking steps of <paramref name="learningRate"/>.</summary>
    public GradientDescentOptimizer(float learningRate)
    {
        if (!(learningRate > 0) || !float.IsFinite(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"learning rate must be positive and finite, got {learningRate}");
        LearningRate = learningRate;
    }

    /// <summary>η, the step size.</summary>
    public float LearningRate { get; }

    /// <summary>The operation that takes one step on every trainable variable <paramref name="loss"/> depends on —
    /// <c>training_op = optimizer.minimize(loss)</c>.</summary>
    public GraphOperation Minimize(GraphTensor loss, string name = "GradientDescent")
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.DType != DType.Float32 || loss.Shape.Count != 0)
            throw new ArgumentException($"Minimize: '{loss.Name}' is {loss.DType.Name()} {loss.ShapeString}, expected a float32 scalar loss");
        var variables = DenseChain.TrainableUnder(loss);
        if (variables.Count == 0)
            throw new ArgumentException($"Minimize: no trainable variable feeds into '{loss.Name}'; expected a loss computed from variables");
        var chain = DenseChain.Match(loss);
        string operationName = loss.Graph.UniqueName(name);
        var key = new object();
        return new GraphOperation(loss.Graph, operationName, run =>
        {
            if (chain is not null) FusedStep(run, chain, key, operationName);
            else TapeStep(run, loss, variables, key);
        });
    }

    private void FusedStep(SessionRun run, DenseChain chain, object key, string operationName)
    {
        Tensor inputs;
        int[] labels;
        using (Autodiff.Autograd.NoGradient())
        {
            inputs = run.Value(chain.Input);
            labels = run.Labels(chain.Labels);
        }
        int expectedWidth = chain.Layers[0].Weights.Shape[0]!.Value;
        if (inputs.Rank != 2 || inputs.Shape[1] != expectedWidth || labels.Length != inputs.Shape[0])
            throw new GraphException(operationName,
                $"expected '{chain.Input.Name}' [batch, {expectedWidth}] and one label per row, got {inputs.ShapeString} and {labels.Length} labels");
        var state = FreshState(run.Session, key, state => state.MaxRows >= labels.Length,
            () => FusedState.For(chain.Model(run.Session), Math.Max(labels.Length, 1), run.Session.VariablesVersion));
        state.Step.RunWithSgd(inputs.Data, labels, LearningRate);
    }

    private void TapeStep(SessionRun run, GraphTensor loss, List<GraphTensor> variables, object key)
    {
        var state = FreshState(run.Session, key, _ => true, () => new TapeState(
            new Sgd(variables.Select(variable => new Parameter(variable.Name, run.Session.ValueOf(variable))), LearningRate),
            run.Session.VariablesVersion));
        state.Optimizer.ZeroGrad();
        run.Value(loss).Backward();
        state.Optimizer.Step();
    }

    /// <summary>The session's state for this operation, made anew when the variables were given other tensors since
    /// (by the initialiser or a restore) or when it does not fit the run.</summary>
    private static TState FreshState<TState>(Session session, object key, Func<TState, bool> fits, Func<TState> create) where TState : class, IVersioned
    {
        var state = session.StateOf(key, create);
        if (state.VariablesVersion == session.VariablesVersion && fits(state)) return state;
        session.ForgetState(key);
        return session.StateOf(key, create);
    }

    private interface IVersioned
    {
        int VariablesVersion { get; }
    }

    private sealed record FusedState(TrainingStep Step, int MaxRows, int VariablesVersion) : IVersioned
    {
        public static FusedState For(Sequential model, int rows, int version) =>
            new(TrainingStep.For(model, rows) ?? throw new InvalidOperationException("a dense chain ending in logits has a training step"), rows, version);
    }

    private sealed record TapeState(Sgd Optimizer, int VariablesVersion) : IVersioned;
}
