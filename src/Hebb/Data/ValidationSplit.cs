using Hebb.Tensors;

namespace Hebb.Data;

/// <summary>
/// A training set cut in two: the samples to train on and a validation set held out from them, on which
/// choices such as hyperparameters are scored so that the test set stays unseen until the very end.
/// </summary>
public sealed record ValidationSplit(ImageDataset Train, ImageDataset Validation)
{
    /// <summary>
    /// Holds out <paramref name="validationCount"/> samples of <paramref name="data"/> drawn by a shuffle seeded with
    /// <paramref name="seed"/>; the rest, in their original order, are the training part. The same seed gives the same cut.
    /// </summary>
    public static ValidationSplit Carve(ImageDataset data, int validationCount, ulong seed)
    {
        if (validationCount < 1 || validationCount >= data.Count)
            throw new ArgumentOutOfRangeException(nameof(validationCount),
                $"a validation set of {validationCount} samples leaves none or all of the {data.Count} samples to train on");
        var order = new int[data.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        new SeededRandom(seed).Shuffle(order.AsSpan());
        var validation = order.AsSpan(0, validationCount);
        var train = order.AsSpan(validationCount);
        train.Sort();
        return new ValidationSplit(data.Subset(train), data.Subset(validation));
    }
}
