namespace Hebb.Graph;

/// <summary>
/// A node run for what it does rather than for a value: the variables' initialiser, an optimiser's training
/// step — TensorFlow 1.x's <c>tf.Operation</c>.
/// </summary>
public sealed class GraphOperation
{
    private readonly Action<SessionRun> run;

    internal GraphOperation(Graph graph, string name, Action<SessionRun> run)
    {
        Graph = graph;
        Name = name;
        this.run = run;
    }

    /// <summary>The graph the operation belongs to.</summary>
    public Graph Graph { get; }

    /// <summary>The name with its scopes, e.g. <c>train/GradientDescent</c>.</summary>
    public string Name { get; }

    /// <summary>Runs the operation in <paramref name="session"/> with <paramref name="feed"/> — the note's <c>init.run()</c>.</summary>
    public void Run(Session session, Feed? feed = null) => session.Run(this, feed);

    internal void Execute(SessionRun sessionRun) => run(sessionRun);

    /// <inheritdoc/>
    public override string ToString() => $"GraphOperation '{Name}'";
}
