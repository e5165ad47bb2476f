using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Tests.Autodiff;

/// <summary>
/// Compares the gradients an operation back-propagates with central finite differences. The scalar
/// objective is Σ wᵢ·yᵢ with fixed random weights w, summed in double precision, so that each
/// element of the gradient is tested (not only their sum) and float rounding of the sum stays out.
/// </summary>
public static class GradientCheck
{
    public static void Assert(Func<Tensor[], Tensor> operation, params Tensor[] inputs) =>
        Assert(operation, 1e-3, inputs);

    public static void Assert(Func<Tensor[], Tensor> operation, double step, params Tensor[] inputs)
    {
        foreach (var input in inputs) input.RequiresGrad = true;
        var output = operation(inputs);
        var random = new SeededRandom(7);
        var weights = Tensor.RandomUniform(random, -1f, 1f, output.ShapeArray());
        output.Backward(weights);

        for (int which = 0; which < inputs.Length; which++)
        {
            var input = inputs[which];
            var analytic = input.Grad ?? Tensor.Zeros(input.ShapeArray());
            for (int i = 0; i < input.Length; i++)
            {
                float original = input.Data[i];
                input.Data[i] = (float)(original + step);
                double actualPlus = input.Data[i] - (double)original;
                double plus = Objective(operation, inputs, weights);
                input.Data[i] = (float)(original - step);
                double actualMinus = original - (double)input.Data[i];
                double minus = Objective(operation, inputs, weights);
                input.Data[i] = original;
                double numeric = (plus - minus) / (actualPlus + actualMinus);
                double tolerance = 2e-3 + 1e-2 * Math.Abs(numeric);
                Xunit.Assert.True(Math.Abs(analytic.Data[i] - numeric) <= tolerance,
                    $"input {which} element {i}: backward gives {analytic.Data[i]}, finite differences {numeric}");
            }
        }
    }

    private static double Objective(Func<Tensor[], Tensor> operation, Tensor[] inputs, Tensor weights)
    {
        using var _ = Autograd.NoGradient();
        var output = operation(inputs);
        double sum = 0;
        for (int i = 0; i < output.Length; i++) sum += (double)output.Data[i] * weights.Data[i];
        return sum;
    }

    /// <summary>Random values kept at least <paramref name="margin"/> away from zero, where kinks sit.</summary>
    public static Tensor AwayFromZero(ulong seed, float margin, params int[] shape)
    {
        var tensor = Tensor.RandomUniform(new SeededRandom(seed), -2f, 2f, shape);
        for (int i = 0; i < tensor.Length; i++)
            if (MathF.Abs(tensor.Data[i]) < margin) tensor.Data[i] = tensor.Data[i] < 0 ? -margin - 0.1f : margin + 0.1f;
        return tensor;
    }
}
