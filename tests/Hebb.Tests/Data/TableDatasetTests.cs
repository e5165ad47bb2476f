using Hebb.Data;

namespace Hebb.Tests.Data;

public sealed class TableDatasetTests
{
    [Fact]
    public void RowsOfAnArrayBecomeSamplesWithTheirLabels()
    {
        var data = TableDataset.FromRows(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }, [2, 0, 1]);

        Assert.Equal((3, 2, 3, LearningTask.Classification), (data.Count, data.FeatureCount, data.ClassCount, data.Task));
        var features = new float[4];
        data.FillFeatures([2, 0], features);
        Assert.Equal([5f, 6, 1, 2], features);
        var subset = data.Subset([1, 2]);
        Assert.Equal([3f, 4, 5, 6], subset.Values);
        Assert.Equal([0, 1], subset.LabelArray(0, 2));
        Assert.Equal(3, subset.ClassCount);
    }

    [Fact]
    public void ARegressionSetHasOneOutputAndNoLabels()
    {
        var data = TableDataset.FromRows(new float[,] { { 1 }, { 2 } }, [0.5f, -1.5f]);

        Assert.Equal((LearningTask.Regression, 1, 0), (data.Task, data.OutputWidth, data.ClassCount));
        Assert.Equal([-1.5f, 0.5f], data.Subset([1, 0]).TargetArray(0, 2));
        Assert.Throws<InvalidOperationException>(() => data.LabelAt(0));
    }

    [Fact]
    public void InconsistentArraysAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new TableDataset(new float[5], 2, new int[3]));
        Assert.Throws<ArgumentException>(() => new TableDataset(new float[4], 2, [0, 3], classCount: 2));
        Assert.Throws<ArgumentException>(() => new TableDataset(new float[4], 2, [1f, float.NaN]));
        Assert.Throws<ArgumentException>(() => TableDataset.FromRows(new float[3, 2], new int[2]));
    }
}
