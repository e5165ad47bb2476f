namespace Hebb.Data;

/// <summary>A training set and the held-out test set that goes with it.</summary>
/// <param name="Source">Where the data came from, for reports: a folder path or "built-in MNIST sample".</param>
public sealed record DataSplit(ImageDataset Train, ImageDataset Test, string Source);
