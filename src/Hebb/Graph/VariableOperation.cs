using Hebb.Tensors;

namespace Hebb.Graph;

/// <summary>A variable's value lives in each session that initialised or restored it; its initial value is a
/// graph tensor computed by the initialiser.</summary>
internal sealed class VariableOperation(GraphTensor initialValue, bool trainable) : Operation
{
    public GraphTensor InitialValue { get; } = initialValue;

    public bool Trainable { get; } = trainable;

    public override Tensor Compute(SessionRun run, GraphTensor output) => run.Session.ValueOf(output);
}
