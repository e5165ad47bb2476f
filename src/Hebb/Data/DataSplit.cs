namespace Hebb.Data;

/// <summary>A training set and the held-out test set that goes with it.</summary>
/// <param name="Train">The samples a model learns from.</param>
/// <param name="Test">The samples it is scored on, never trained on.</param>
/// <param name="Source">Where the data came from, for reports: a folder path or "built-in MNIST sample".</param>
public sealed record DataSplit(ImageDataset Train, ImageDataset Test, string Source);
