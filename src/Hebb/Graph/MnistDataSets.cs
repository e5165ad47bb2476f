namespace Hebb.Graph;

/// <summary>The note's <c>mnist</c>: <c>mnist.train</c> and <c>mnist.test</c>, and where they were read from.</summary>
/// <param name="Train">The training examples, dealt by <see cref="MnistDataSet.NextBatch"/>.</param>
/// <param name="Test">The test examples.</param>
/// <param name="Source">The folder read, or the built-in sample's name.</param>
public sealed record MnistDataSets(MnistDataSet Train, MnistDataSet Test, string Source);
