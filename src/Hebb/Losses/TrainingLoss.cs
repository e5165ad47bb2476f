using Hebb.Data;
using Hebb.Tensors;

namespace Hebb.Losses;

/// <summary>
/// The loss a trainer minimises for one kind of target, in the two forms training needs: a kernel over buffers for the
/// allocation-free step (mean loss and its gradient in one pass), and the differentiable operation for any other model.
/// The data set's task chooses it (<see cref="For"/>), so the training loop never asks which one it runs.
/// </summary>
internal abstract class TrainingLoss
{
    /// <summary>Softmax cross-entropy on logits against class labels.</summary>
    public static TrainingLoss SoftmaxCrossEntropy { get; } = new SoftmaxCrossEntropyLoss();

    /// <summary>Mean squared error of a linear output against real targets.</summary>
    public static TrainingLoss MeanSquaredError { get; } = new MeanSquaredErrorLoss();

    /// <summary>The loss for data of <paramref name="task"/>.</summary>
    public static TrainingLoss For(LearningTask task) => task == LearningTask.Regression ? MeanSquaredError : SoftmaxCrossEntropy;

    /// <summary>Its name in the model file's <c>hebb.training</c> entry.</summary>
    public abstract string Name { get; }

    /// <summary>The mean loss over <paramref name="rows"/> rows of <paramref name="outputs"/> ([rows, width]), with its
    /// gradient with respect to the outputs written into <paramref name="gradient"/>.</summary>
    public abstract float Kernel(ReadOnlySpan<float> outputs, int rows, int width, BatchTargets targets, Span<float> gradient);

    /// <summary>The mean loss as a differentiable scalar tensor of <paramref name="outputs"/>.</summary>
    public abstract Tensor Apply(Tensor outputs, BatchTargets targets);
}

/// <summary>What a mini-batch's rows are to be mapped to: class labels, or real targets (one per row).</summary>
internal readonly ref struct BatchTargets(ReadOnlySpan<int> labels, ReadOnlySpan<float> values)
{
    /// <summary>A class index per row (empty for regression).</summary>
    public ReadOnlySpan<int> Labels { get; } = labels;

    /// <summary>A real target per row (empty for classification).</summary>
    public ReadOnlySpan<float> Values { get; } = values;
}
