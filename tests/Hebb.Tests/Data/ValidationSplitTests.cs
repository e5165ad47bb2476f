using Hebb.Data;

namespace Hebb.Tests.Data;

public sealed class ValidationSplitTests
{
    /// <summary>1x2 images whose two pixels spell the sample's index, so that every part of a split can be traced back.</summary>
    internal static ImageDataset Numbered(int count) => new(
        Enumerable.Range(0, count).SelectMany(i => new[] { (byte)(i / 256), (byte)(i % 256) }).ToArray(),
        Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray(), height: 1, width: 2, classCount: 10);

    internal static int[] Indices(Dataset data) =>
        Enumerable.Range(0, data.Count).Select(i => ((ImageDataset)data).Pixels[2 * i] * 256 + ((ImageDataset)data).Pixels[2 * i + 1]).ToArray();

    [Fact]
    public void HoldsOutTheAskedNumberOfSamplesAndTrainsOnAllTheOthers()
    {
        var split = ValidationSplit.Carve(Numbered(1000), validationCount: 100, seed: 1);

        var validation = Indices(split.Validation);
        var train = Indices(split.Train);
        Assert.Equal(100, validation.Distinct().Count());
        Assert.Equal(900, train.Distinct().Count());
        Assert.Empty(validation.Intersect(train));
        Assert.Equal(Enumerable.Range(0, 1000), validation.Concat(train).Order());
        Assert.Equal(train.Order(), train);
        Assert.Equal(10, split.Validation.ClassCount);
    }

    [Fact]
    public void ValidationIsASeededShuffleNotTheLastSamples()
    {
        var first = Indices(ValidationSplit.Carve(Numbered(1000), 100, seed: 1).Validation);
        var again = Indices(ValidationSplit.Carve(Numbered(1000), 100, seed: 1).Validation);
        var other = Indices(ValidationSplit.Carve(Numbered(1000), 100, seed: 2).Validation);

        Assert.Equal(first, again);
        Assert.NotEqual(first.Order(), other.Order());
        Assert.True(first.Min() < 100 && first.Max() >= 900, "the held-out samples come from all over the data");
    }

    [Fact]
    public void LabelsTravelWithTheirImages()
    {
        var split = ValidationSplit.Carve(Numbered(300), 30, seed: 4);

        foreach (var part in new[] { split.Train, split.Validation })
        {
            var indices = Indices(part);
            for (int i = 0; i < part.Count; i++) Assert.Equal(indices[i] % 10, part.LabelAt(i));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(11)]
    public void ItMustLeaveSomethingOnEachSide(int validationCount) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ValidationSplit.Carve(Numbered(10), validationCount, seed: 1));

    [Fact]
    public void SubsetCopiesTheChosenSamplesInTheGivenOrder()
    {
        var data = Numbered(20);

        var subset = data.Subset([7, 3, 7, 19]);

        Assert.Equal([7, 3, 7, 19], Indices(subset));
        Assert.Equal([7, 3, 7, 9], subset.Labels.Select(label => (int)label));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset([20]));
    }

    [Fact]
    public void AStratifiedSplitHoldsOutTheSameShareOfEveryClass()
    {
        // Classes of 500, 300, 150 and 50 samples, interleaved.
        var labels = Enumerable.Range(0, 1000).Select(i => (byte)(i % 20 < 10 ? 0 : i % 20 < 16 ? 1 : i % 20 < 19 ? 2 : 3)).ToArray();
        var data = new ImageDataset(Enumerable.Range(0, 1000).SelectMany(i => new[] { (byte)(i / 256), (byte)(i % 256) }).ToArray(),
            labels, height: 1, width: 2);

        var split = ValidationSplit.Stratified(data, 0.1, seed: 3);

        Assert.Equal([50, 30, 15, 5], Enumerable.Range(0, 4).Select(c => split.Validation.LabelArray(0, split.Validation.Count).Count(label => label == c)));
        var validation = Indices(split.Validation);
        var train = Indices(split.Train);
        Assert.Equal(Enumerable.Range(0, 1000), validation.Concat(train).Order());
        Assert.Equal(train.Order(), train);
        Assert.Equal(validation, Indices(ValidationSplit.Stratified(data, 0.1, seed: 3).Validation));
        Assert.NotEqual(validation.Order(), Indices(ValidationSplit.Stratified(data, 0.1, seed: 4).Validation).Order());
    }

    [Fact]
    public void AStratifiedSplitGivesTheRemaindersToTheLargestFractions()
    {
        // 0.25 of classes of 10, 10 and 6 samples: 2.5, 2.5 and 1.5, of 26 · 0.25 = 6.5 rounded to 6 in all.
        var labels = Enumerable.Range(0, 26).Select(i => (byte)(i < 10 ? 0 : i < 20 ? 1 : 2)).ToArray();
        var data = new ImageDataset(new byte[26], labels, height: 1, width: 1);

        var split = ValidationSplit.Stratified(data, 0.25, seed: 1);

        Assert.Equal([3, 2, 1], Enumerable.Range(0, 3).Select(c => split.Validation.LabelArray(0, split.Validation.Count).Count(label => label == c)));
        Assert.Equal(20, split.Train.Count);
    }

    [Fact]
    public void AStratifiedSplitOfACountHoldsOutExactlyThatManyInEveryClassesShare()
    {
        // Classes of 600 and 400 samples: 97 held out are 58.2 and 38.8, so 58 and 39.
        var labels = Enumerable.Range(0, 1000).Select(i => (byte)(i % 5 < 3 ? 0 : 1)).ToArray();
        var data = new ImageDataset(new byte[1000], labels, height: 1, width: 1);

        var split = ValidationSplit.Stratified(data, validationCount: 97, seed: 2);

        Assert.Equal(97, split.Validation.Count);
        Assert.Equal([58, 39], Enumerable.Range(0, 2).Select(c => split.Validation.LabelArray(0, split.Validation.Count).Count(label => label == c)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ValidationSplit.Stratified(data, validationCount: 1000, seed: 2));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.01)]
    public void AStratifiedSplitMustLeaveSomethingOnEachSide(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ValidationSplit.Stratified(Numbered(10), fraction, seed: 1));
}
