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
        var difference = new float[prediction.Length];
        TensorPrimitives.Subtract(prediction.Data, target.Data, difference);
        int count = Math.Max(1, prediction.Length);
        var loss = Tensor.Scalar(TensorPrimitives.SumOfSquares(difference) / count);
        return Autograd.Record("MeanSquaredError", loss, gradient =>
        {
            TensorPrimitives.Multiply(difference, 2f * gradient.Data[0] / count, difference);
            prediction.AccumulateGradOwned(difference);
        }, prediction);
    }
}
