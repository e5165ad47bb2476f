namespace Hebb.Graph;

/// <summary>A graph that cannot run as asked: a placeholder left unfed or fed a value of the wrong type or shape,
/// a variable read before it was initialised. The message names the node and what it expected.</summary>
public sealed class GraphException : Exception
{
    /// <summary>Makes the exception for node <paramref name="nodeName"/>; <paramref name="problem"/> says what was expected.</summary>
    public GraphException(string nodeName, string problem, Exception? inner = null)
        : base($"'{nodeName}': {problem}", inner)
    {
        NodeName = nodeName;
    }

    /// <summary>The scoped name of the node at fault, e.g. <c>dnn/hidden1/weights</c>.</summary>
    public string NodeName { get; }
}
