using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Tests.Autodiff;

public class AutogradTests
{
    [Fact]
    public void GradientsAccumulateUntilZeroed()
    {
        var x = Tensor.FromArray([1f, 2f]);
        x.RequiresGrad = true;
        Ops.Sum(x * 3f).Backward();
        Ops.Sum(x * 3f).Backward();
        Assert.Equal([6f, 6f], x.Grad!.Data);
        x.ZeroGrad();
        Assert.Equal([0f, 0f], x.Grad!.Data);
    }

    [Fact]
    public void NoGradientScopeRecordsNothing()
    {
        var x = Tensor.FromArray([1f, 2f]);
        x.RequiresGrad = true;
        Tensor y;
        using (Autograd.NoGradient())
        {
            Assert.False(Autograd.IsRecording);
            y = Ops.Sum(x * 2f);
        }
        Assert.True(Autograd.IsRecording);
        Assert.False(y.RequiresGrad);
        Assert.Throws<InvalidOperationException>(() => y.Backward());
    }

    [Fact]
    public void BackwardWithoutAGradientNeedsAScalar()
    {
        var x = Tensor.FromArray([1f, 2f]);
        x.RequiresGrad = true;
        var error = Assert.Throws<InvalidOperationException>(() => (x * 2f).Backward());
        Assert.Contains("[2]", error.Message);
    }

    [Fact]
    public void ADeepChainDoesNotOverflowTheStack()
    {
        var x = Tensor.FromArray([1f]);
        x.RequiresGrad = true;
        var y = x;
        for (int i = 0; i < 100_000; i++) y = y + 0f;
        Ops.Sum(y).Backward();
        Assert.Equal(1f, x.Grad!.Data[0]);
    }

    [Fact]
    public void ShapeErrorsNameBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(4, 5)));
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[4, 5]", error.Message);
        error = Assert.Throws<ArgumentException>(() => Ops.Add(Tensor.Zeros(2, 3), Tensor.Zeros(2)));
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[2]", error.Message);
    }
}
