using Hebb.Tensors;

namespace Hebb.Autodiff;

/// <summary>
/// The record of one operation on the tape: the tensors it read and how to send the gradient of its
/// output back to them. <see cref="Backward"/> receives the output's gradient and accumulates into the
/// inputs' gradients (only those that require one).
/// </summary>
internal sealed class Node(string operation, Tensor[] inputs, Action<Tensor> backward)
{
    public string Operation { get; } = operation;
    public Tensor[] Inputs { get; } = inputs;
    public Action<Tensor> Backward { get; } = backward;
}
