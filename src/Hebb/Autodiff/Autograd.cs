using Hebb.Tensors;

namespace Hebb.Autodiff;

/// <summary>Switches the recording of operations off for evaluation and inference.</summary>
public static class Autograd
{
    [ThreadStatic] private static int disabledDepth;

    /// <summary>True unless the calling thread is inside a <see cref="NoGradient"/> scope.</summary>
    public static bool IsRecording => disabledDepth == 0;

    /// <summary>Within the returned scope, operations build no graph and keep no inputs alive.</summary>
    public static IDisposable NoGradient()
    {
        disabledDepth++;
        return new Scope();
    }

    /// <summary>Makes <paramref name="output"/> a node of the graph when any input requires a gradient.</summary>
    internal static Tensor Record(string operation, Tensor output, Action<Tensor> backward, params Tensor[] inputs)
    {
        if (!IsRecording) return output;
        foreach (var input in inputs)
        {
            if (!input.RequiresGrad) continue;
            output.RequiresGrad = true;
            output.Node = new Node(operation, inputs, backward);
            break;
        }
        return output;
    }

    private sealed class Scope : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            disabledDepth--;
        }
    }
}
