using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Losses;

public static partial class Loss
{
    /// <summary>mean((prediction − target)²) over all elements; the target gets no gradient.</summary>
    public static Tensor MeanSquaredError(Tensor prediction, Tensor target)
    {
        if (!prediction.SameShape(target))
            throw new ArgumentException($"MeanSquaredError: prediction {prediction.ShapeString} and target {target.ShapeString} differ in shape");
        var gradient = new float[prediction.Length];
        var loss = Tensor.Scalar(MeanSquaredErrorKernel(prediction.Data, target.Data, gradient));
        return Autograd.Record("MeanSquaredError", loss, outputGradient =>
        {
            TensorPrimitives.Multiply(gradient, outputGradient.Data[0], gradient);
            prediction.AccumulateGradOwned(gradient);
        }, prediction);
    }

    /// <summary>The mean of (prediction − target)² over the elements of <paramref name="prediction"/>, with its gradient
    /// 2 (prediction − target) / count written into <paramref name="gradient"/> in the same pass.</summary>
    internal static float MeanSquaredErrorKernel(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient)
    {
        int count = prediction.Length;
        var difference = gradient[..count];
        TensorPrimitives.Subtract(prediction, target[..count], difference);
        float loss = TensorPrimitives.SumOfSquares<float>(difference) / Math.Max(1, count);
        TensorPrimitives.Multiply(difference, 2f / Math.Max(1, count), difference);
        return loss;
    }
}

/// <summary>Mean squared error of a linear output against one real target per row, as a <see cref="TrainingLoss"/>.</summary>
internal sealed class MeanSquaredErrorLoss : TrainingLoss
{
    public override string Name => "mean_squared_error";

    public override float Kernel(ReadOnlySpan<float> outputs, int rows, int width, BatchTargets targets, Span<float> gradient)
    {
        if (width != 1) throw new ArgumentException($"regression needs a model with one output, this one has {width}");
        return Loss.MeanSquaredErrorKernel(outputs[..rows], targets.Values[..rows], gradient);
    }

    public override Tensor Apply(Tensor outputs, BatchTargets targets) =>
        Loss.MeanSquaredError(outputs, new Tensor(targets.Values.ToArray(), outputs.ShapeArray()));
}
