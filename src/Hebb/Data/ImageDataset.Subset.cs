namespace Hebb.Data;

public sealed partial class ImageDataset
{
    /// <summary>A copy of the samples at <paramref name="indices"/>, in that order, with the same class count.</summary>
    public override ImageDataset Subset(ReadOnlySpan<int> indices)
    {
        int features = FeatureCount;
        var pixels = new byte[(long)indices.Length * features];
        var labels = new byte[indices.Length];
        for (int row = 0; row < indices.Length; row++)
        {
            int sample = CheckIndex(indices[row]);
            Pixels.AsSpan(sample * features, features).CopyTo(pixels.AsSpan(row * features, features));
            labels[row] = Labels[sample];
        }
        return new ImageDataset(pixels, labels, Height, Width, ClassCount);
    }
}
