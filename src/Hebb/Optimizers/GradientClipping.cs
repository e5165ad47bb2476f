using Hebb.Layers;

namespace Hebb.Optimizers;

/// <summary>Gradient clipping as <c>torch.nn.utils</c> does it, in place on the parameters' gradients.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales every gradient by max_norm / (‖g‖ + 1e-6) when that is below one, ‖g‖ being the L2 norm of all the
    /// gradients together (<c>clip_grad_norm_</c>); returns ‖g‖ before clipping.
    /// </summary>
    public static double ClipByNorm(IReadOnlyList<Parameter> parameters, float maxNorm)
    {
        double sumOfSquares = 0;
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Value.Grad is not { } gradient) continue;
            // PyTorch takes each tensor's norm in float, then the norm of the norms.
            float norm = TensorPrimitives.Norm<float>(gradient.Data);
            sumOfSquares += (double)norm * norm;
        }
        float totalNorm = (float)Math.Sqrt(sumOfSquares);
        float coefficient = maxNorm / (totalNorm + 1e-6f);
        if (coefficient < 1f)
            for (int i = 0; i < parameters.Count; i++)
                if (parameters[i].Value.Grad is { } gradient)
                    TensorPrimitives.Multiply(gradient.Data, coefficient, gradient.Data);
        return totalNorm;
    }

    /// <summary>Clamps every gradient value to [−<paramref name="clipValue"/>, <paramref name="clipValue"/>] (<c>clip_grad_value_</c>).</summary>
    public static void ClipByValue(IReadOnlyList<Parameter> parameters, float clipValue)
    {
        for (int i = 0; i < parameters.Count; i++)
            if (parameters[i].Value.Grad is { } gradient)
                TensorPrimitives.Clamp(gradient.Data, -clipValue, clipValue, gradient.Data);
    }
}
