using Hebb.Tensors;

namespace Hebb.Graph;

/// <summary>A fresh tensor drawn from the session's seeded generator (or made without drawing, for zeros):
/// the initial values of variables, such as the note's <c>truncated_normal</c> and <c>zeros</c>.</summary>
internal sealed class InitialValueOperation(Func<SeededRandom, Tensor> create) : Operation
{
    public override Tensor Compute(SessionRun run, GraphTensor output) => create(run.Session.Random);
}
