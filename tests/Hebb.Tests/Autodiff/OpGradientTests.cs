using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Tests.Autodiff;

/// <summary>Every differentiable operation against central finite differences.</summary>
public class OpGradientTests
{
    private static Tensor Random(ulong seed, params int[] shape) => Tensor.RandomUniform(new SeededRandom(seed), -2f, 2f, shape);

    [Fact] public void Add() => GradientCheck.Assert(x => Ops.Add(x[0], x[1]), Random(1, 3, 4), Random(2, 3, 4));
    [Fact] public void AddBroadcastsARow() => GradientCheck.Assert(x => Ops.Add(x[0], x[1]), Random(1, 3, 4), Random(2, 4));
    [Fact] public void Subtract() => GradientCheck.Assert(x => Ops.Subtract(x[0], x[1]), Random(1, 2, 3, 4), Random(2, 3, 4));
    [Fact] public void Multiply() => GradientCheck.Assert(x => Ops.Multiply(x[0], x[1]), Random(1, 3, 4), Random(2, 3, 4));
    [Fact] public void MultiplyBroadcastsARow() => GradientCheck.Assert(x => Ops.Multiply(x[0], x[1]), Random(1, 5, 2), Random(2, 2));
    [Fact] public void Scale() => GradientCheck.Assert(x => Ops.Scale(x[0], -2.5f), Random(1, 6));
    [Fact] public void AddScalar() => GradientCheck.Assert(x => Ops.AddScalar(x[0], 1.5f), Random(1, 6));
    [Fact] public void Operators() => GradientCheck.Assert(x => (x[0] - x[1]) * x[0] * 0.5f + 1f, Random(1, 2, 3), Random(2, 3));
    [Fact] public void OperatorsWithTheSmallerOperandFirst() => GradientCheck.Assert(x => (x[1] - x[0]) + (x[1] * x[0]), Random(1, 2, 3), Random(2, 3));
    [Fact] public void MatMul() => GradientCheck.Assert(x => Ops.MatMul(x[0], x[1]), Random(1, 5, 7), Random(2, 7, 3));
    [Fact] public void MatMulOfOddSizes() => GradientCheck.Assert(x => Ops.MatMul(x[0], x[1]), Random(1, 9, 17), Random(2, 17, 19));
    [Fact] public void SumAll() => GradientCheck.Assert(x => Ops.Sum(x[0]), Random(1, 3, 4));
    [Fact] public void MeanAll() => GradientCheck.Assert(x => Ops.Mean(x[0]), Random(1, 3, 4));
    [Fact] public void SumAlongEachAxis()
    {
        for (int axis = -3; axis < 3; axis++)
        {
            int captured = axis;
            GradientCheck.Assert(x => Ops.Sum(x[0], captured), Random(1, 2, 3, 4));
        }
    }
    [Fact] public void MeanAlongAnAxis() => GradientCheck.Assert(x => Ops.Mean(x[0], 1), Random(1, 3, 5));
    [Fact] public void MaxAlongAnAxis() => GradientCheck.Assert(x => Ops.Max(x[0], 0), Random(1, 4, 3));
    [Fact] public void Reshape() => GradientCheck.Assert(x => Ops.Multiply(Ops.Reshape(x[0], 3, -1), x[1]), Random(1, 2, 6), Random(2, 3, 4));
    [Fact] public void Transpose() => GradientCheck.Assert(x => Ops.Multiply(Ops.Transpose(x[0]), x[1]), Random(1, 2, 5), Random(2, 5, 2));
    [Fact] public void SliceRows() => GradientCheck.Assert(x => Ops.SliceRows(x[0], 1, 2), Random(1, 4, 3));

    [Fact]
    public void ABranchingGraphAddsTheGradientsOfBothPaths() =>
        GradientCheck.Assert(x =>
        {
            var hidden = Ops.MatMul(x[0], x[1]);
            return Ops.Add(Ops.Multiply(hidden, hidden), Ops.Scale(hidden, 3f));
        }, Random(1, 3, 4), Random(2, 4, 2));
}
