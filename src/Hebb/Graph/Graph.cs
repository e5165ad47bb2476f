using Hebb.Initializers;
using Hebb.Tensors;

namespace Hebb.Graph;

/// <summary>
/// The construction phase of the note's TensorFlow program: a graph of placeholders, variables and operations,
/// built first and run later by a <see cref="Session"/>. Names are prefixed by the open name scopes
/// (<c>dnn/hidden1/weights</c>) and made unique as TensorFlow makes them (<c>MatMul</c>, <c>MatMul_1</c>).
/// The graph only describes the computation: a session runs it with Hebb's tensors, kernels and autodiff.
/// </summary>
public sealed class Graph
{
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly HashSet<string> scopes = new(StringComparer.Ordinal);
    private readonly List<string> openScopes = [];
    private readonly List<GraphTensor> variables = [];

    /// <summary>A graph whose sessions draw random initial values from <paramref name="seed"/> (TensorFlow's
    /// graph-level seed). 42, Hebb's default, gives the initial weights of <c>hebb train</c> and <c>Mlp.Note()</c>.</summary>
    public Graph(ulong seed = 42)
    {
        Seed = seed;
    }

    /// <summary>The seed of every session's generator of initial values.</summary>
    public ulong Seed { get; }

    /// <summary>Every variable, in the order it was made — the order the initialiser draws their values in.</summary>
    public IReadOnlyList<GraphTensor> GlobalVariables => variables;

    /// <summary>The variables an optimiser changes.</summary>
    public IReadOnlyList<GraphTensor> TrainableVariables =>
        variables.Where(variable => ((VariableOperation)variable.Producer).Trainable).ToList();

    /// <summary>Prefixes the names of the nodes made until the scope is disposed — the note's
    /// <c>with tf.name_scope("dnn"):</c> is <c>using (graph.NameScope("dnn")) { … }</c>.</summary>
    public IDisposable NameScope(string name)
    {
        CheckName(name);
        string full = Unique(Prefixed(name), scopes);
        openScopes.Add(full[(full.LastIndexOf('/') + 1)..]);
        return new Scope(this, openScopes.Count);
    }

    /// <summary>A value fed when the graph runs — <c>tf.placeholder(tf.float32, shape=(None, n_inputs), name="X")</c>
    /// is <c>graph.Placeholder(DType.Float32, [null, nInputs], "X")</c>.</summary>
    public GraphTensor Placeholder(DType dtype, int?[] shape, string name = "Placeholder")
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(dimension => dimension < 0))
            throw new ArgumentException($"Placeholder '{name}': shape {StaticShape.Text(shape)} has a negative dimension");
        return Add(name, dtype, (int?[])shape.Clone(), new PlaceholderOperation());
    }

    /// <summary>A variable holding state across runs, starting from <paramref name="initialValue"/> when the
    /// initialiser runs — <c>tf.Variable(init, name="weights")</c>.</summary>
    public GraphTensor Variable(GraphTensor initialValue, string name = "Variable", bool trainable = true) =>
        AddVariable(UniqueName(name), initialValue, trainable);

    /// <summary>A normal distribution N(mean, stddev²) with draws beyond two standard deviations redrawn —
    /// <c>tf.truncated_normal(shape, stddev=stddev)</c>; drawn from the session's generator when evaluated.</summary>
    public GraphTensor TruncatedNormal(int[] shape, float stddev, float mean = 0f, string name = "truncated_normal")
    {
        var fixedShape = CheckedShape(shape, name);
        return Add(name, DType.Float32, [.. fixedShape], new InitialValueOperation(random => Tensor.TruncatedNormal(random, mean, stddev, fixedShape)));
    }

    /// <summary>A tensor of zeros — <c>tf.zeros([n_neurons])</c>.</summary>
    public GraphTensor Zeros(int[] shape, string name = "zeros")
    {
        var fixedShape = CheckedShape(shape, name);
        return Add(name, DType.Float32, [.. fixedShape], new InitialValueOperation(_ => Tensor.Zeros(fixedShape)));
    }

    /// <summary>The initialiser's weights [inputs, outputs], drawn as a Hebb <see cref="Layers.Dense"/> layer draws them.</summary>
    internal GraphTensor InitialWeights(Initializer initializer, int inputs, int outputs, string name) =>
        Add(name, DType.Float32, [inputs, outputs], new InitialValueOperation(random => initializer.Create(inputs, outputs, random)));

    /// <summary>An operation that gives every variable made so far its initial value, in the order they were
    /// made — <c>tf.global_variables_initializer()</c>.</summary>
    public GraphOperation GlobalVariablesInitializer()
    {
        var toInitialise = variables.ToArray();
        return new GraphOperation(this, UniqueName("init"), run =>
        {
            foreach (var variable in toInitialise)
                run.Session.Assign(variable, run.Value(((VariableOperation)variable.Producer).InitialValue).Clone());
        });
    }

    /// <summary>A variable named <paramref name="fullName"/> whatever the open name scopes, as TensorFlow's variable
    /// scopes name the variables of <c>fully_connected</c> (<c>hidden1/weights</c>).</summary>
    internal GraphTensor VariableOutsideScopes(string fullName, GraphTensor initialValue) =>
        AddVariable(Unique(fullName, names), initialValue, trainable: true);

    internal GraphTensor Add(string name, DType dtype, int?[] shape, Operation producer)
    {
        foreach (var input in producer.Inputs) CheckOwns(input);
        return new GraphTensor(this, UniqueName(name), dtype, shape, producer);
    }

    internal string UniqueName(string name)
    {
        CheckName(name);
        return Unique(Prefixed(name), names);
    }

    internal void CheckOwns(GraphTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Graph != this)
            throw new ArgumentException($"'{tensor.Name}' belongs to another graph; expected a tensor of this one");
    }

    private GraphTensor AddVariable(string fullName, GraphTensor initialValue, bool trainable)
    {
        CheckOwns(initialValue);
        if (initialValue.DType != DType.Float32 || StaticShape.Known(initialValue.Shape) is null)
            throw new ArgumentException($"Variable '{fullName}': expected a float32 initial value of known shape, got {initialValue}");
        var variable = new GraphTensor(this, fullName, DType.Float32, [.. initialValue.Shape], new VariableOperation(initialValue, trainable));
        variables.Add(variable);
        return variable;
    }

    private string Prefixed(string name) => openScopes.Count == 0 ? name : string.Join('/', openScopes) + "/" + name;

    private static string Unique(string name, HashSet<string> taken)
    {
        string candidate = name;
        for (int suffix = 1; !taken.Add(candidate); suffix++) candidate = $"{name}_{suffix}";
        return candidate;
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/'))
            throw new ArgumentException($"name '{name}' is empty or holds '/'; expected one level of a scoped name, such as 'hidden1'");
    }

    private static int[] CheckedShape(int[] shape, string name)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(dimension => dimension < 0))
            throw new ArgumentException($"'{name}': shape {Tensor.ShapeText(shape)} has a negative dimension");
        return (int[])shape.Clone();
    }

    /// <summary>Closes a name scope; scopes close in the reverse order they opened, as <c>using</c> blocks do.</summary>
    private sealed class Scope(Graph graph, int depth) : IDisposable
    {
        private bool closed;

        public void Dispose()
        {
            if (closed) return;
            closed = true;
            if (graph.openScopes.Count != depth)
                throw new InvalidOperationException("name scopes closed out of order; expected the innermost open scope to close first");
            graph.openScopes.RemoveAt(depth - 1);
        }
    }
}
