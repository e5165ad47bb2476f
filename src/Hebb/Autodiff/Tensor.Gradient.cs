using Hebb.Autodiff;

namespace Hebb.Tensors;

public sealed partial class Tensor
{
    /// <summary>Whether gradients flow to this tensor. Set it on parameters; results of operations on
    /// such tensors require a gradient too.</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>The accumulated gradient of the last <see cref="Backward()"/> calls, same shape as this.</summary>
    public Tensor? Grad { get; private set; }

    internal Node? Node { get; set; }

    /// <summary>True for a tensor made by the user (a parameter or an input), not by an operation.</summary>
    public bool IsLeaf => Node is null;

    /// <summary>Back-propagates from this scalar (a loss): adds d(this)/d(p) to the gradient of every
    /// leaf p that requires one. Gradients accumulate until <see cref="ZeroGrad"/>.</summary>
    public void Backward()
    {
        if (Length != 1)
            throw new InvalidOperationException($"Backward() without a gradient needs a scalar, this tensor has shape {ShapeString}");
        Backward(Ones(ShapeArray()));
    }

    /// <summary>Back-propagates <paramref name="gradient"/> (the gradient of some scalar with respect to this).</summary>
    public void Backward(Tensor gradient)
    {
        if (!SameShape(gradient))
            throw new ArgumentException($"gradient of shape {gradient.ShapeString} for a tensor of shape {ShapeString}");
        if (!RequiresGrad)
            throw new InvalidOperationException("Backward() on a tensor that does not require a gradient: no parameter of it has RequiresGrad set, or it was made in a no-gradient scope");
        AccumulateGrad(gradient.Data);
        var order = TopologicalOrder();
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var tensor = order[i];
            var node = tensor.Node!;
            node.Backward(tensor.Grad!);
            // Like PyTorch, the graph is freed once used, and intermediate gradients are not kept.
            tensor.Node = null;
            tensor.Grad = null;
        }
    }

    /// <summary>Sets every element of <see cref="Grad"/> to 0, keeping its buffer, so that the next backward pass starts from nothing; does nothing while there is no gradient.</summary>
    public void ZeroGrad()
    {
        if (Grad is not null) Array.Clear(Grad.Data);
    }

    /// <summary>Gradient storage, created zeroed on first use, for kernels that accumulate into it.</summary>
    internal float[] GradData()
    {
        Grad ??= Zeros(shape);
        return Grad.Data;
    }

    /// <summary>Adds <paramref name="gradient"/>, taking the array over when there is no gradient yet.</summary>
    internal void AccumulateGradOwned(float[] gradient)
    {
        if (Grad is null) Grad = new Tensor(gradient, shape);
        else TensorPrimitives.Add(Grad.Data, gradient, Grad.Data);
    }

    internal void AccumulateGrad(ReadOnlySpan<float> gradient)
    {
        if (Grad is null)
        {
            Grad = new Tensor(gradient.ToArray(), shape);
            return;
        }
        TensorPrimitives.Add(Grad.Data, gradient, Grad.Data);
    }

    /// <summary>The tensors of the graph below this one that have a node, each after its inputs.</summary>
    private List<Tensor> TopologicalOrder()
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        // Iterative depth-first search: deep networks must not overflow the stack.
        var stack = new Stack<(Tensor Tensor, int NextInput)>();
        if (Node is not null) { stack.Push((this, 0)); visited.Add(this); }
        while (stack.Count > 0)
        {
            var (tensor, nextInput) = stack.Pop();
            var inputs = tensor.Node!.Inputs;
            if (nextInput < inputs.Length)
            {
                stack.Push((tensor, nextInput + 1));
                var input = inputs[nextInput];
                if (input.Node is not null && input.RequiresGrad && visited.Add(input))
                    stack.Push((input, 0));
            }
            else order.Add(tensor);
        }
        return order;
    }
}
