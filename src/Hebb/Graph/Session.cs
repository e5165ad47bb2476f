using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Graph;

/// <summary>
/// The execution phase: runs a <see cref="Graph"/>'s nodes and keeps its variables' values — TensorFlow 1.x's
/// <c>tf.Session</c>. A new session's variables hold nothing until the initialiser or a <see cref="Saver"/>'s
/// <see cref="Saver.Restore"/> gives them values; its generator of initial values starts from the graph's seed.
/// </summary>
public sealed class Session
{
    private readonly Dictionary<GraphTensor, Tensor> variableValues = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, object> operationStates = new(ReferenceEqualityComparer.Instance);

    /// <summary>A session of <paramref name="graph"/>.</summary>
    public Session(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Graph = graph;
        Random = new SeededRandom(graph.Seed);
    }

    /// <summary>The graph this session runs.</summary>
    public Graph Graph { get; }

    internal SeededRandom Random { get; }

    /// <summary>Counts the times variables were given new tensors, so that state built over them can tell it is stale.</summary>
    internal int VariablesVersion { get; private set; }

    /// <summary>The value of <paramref name="fetch"/> — <c>sess.run(logits, feed_dict=…)</c>. A variable's value is
    /// returned as a copy, so that changing it does not change the session's.</summary>
    public Tensor Run(GraphTensor fetch, Feed? feed = null) => Run([fetch], feed)[0];

    /// <summary>The values of <paramref name="fetches"/>, computed in one run, so that nodes they share are computed once.</summary>
    public Tensor[] Run(IReadOnlyList<GraphTensor> fetches, Feed? feed = null)
    {
        ArgumentNullException.ThrowIfNull(fetches);
        foreach (var fetch in fetches) Graph.CheckOwns(fetch);
        using var _ = Autograd.NoGradient();
        var run = new SessionRun(this, feed ?? new Feed());
        return fetches.Select(fetch => fetch.Producer is VariableOperation ? run.Value(fetch).Clone() : run.Value(fetch)).ToArray();
    }

    /// <summary>Runs <paramref name="operation"/> — <c>sess.run(training_op, feed_dict=…)</c>.</summary>
    public void Run(GraphOperation operation, Feed? feed = null)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.Graph != Graph)
            throw new ArgumentException($"'{operation.Name}' belongs to another graph; expected an operation of this session's");
        operation.Execute(new SessionRun(this, feed ?? new Feed()));
    }

    /// <summary>The live value of <paramref name="variable"/>, or an error naming it when it has none yet.</summary>
    internal Tensor ValueOf(GraphTensor variable) =>
        variableValues.TryGetValue(variable, out var value)
            ? value
            : throw new GraphException(variable.Name,
                "variable not initialised in this session; expected GlobalVariablesInitializer() or Saver.Restore to run before it is read");

    internal void Assign(GraphTensor variable, Tensor value)
    {
        var variableOperation = (VariableOperation)variable.Producer;
        if (!StaticShape.Fits(variable.Shape, value.Shape))
            throw new GraphException(variable.Name, $"expected a value of shape {variable.ShapeString}, got {value.ShapeString}");
        // Trainable variables are leaves of the autodiff tape: a training run records what is computed from them.
        value.RequiresGrad = variableOperation.Trainable;
        variableValues[variable] = value;
        VariablesVersion++;
    }

    /// <summary>State an operation keeps in this session between runs (an optimiser's buffers), made on first use.</summary>
    internal TState StateOf<TState>(object operation, Func<TState> create) where TState : class
    {
        if (operationStates.TryGetValue(operation, out var state)) return (TState)state;
        var created = create();
        operationStates[operation] = created;
        return created;
    }

    internal void ForgetState(object operation) => operationStates.Remove(operation);
}
