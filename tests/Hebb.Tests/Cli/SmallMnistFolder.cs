using Hebb.Tests.Support;
using Hebb.Data;
using Hebb.Tests.Data;
using Hebb.Tests.Serialization;

namespace Hebb.Tests.Cli;

/// <summary>
/// A <c>--data</c> folder of the four MNIST IDX files holding the first 600 training and 200 test digits of the
/// built-in sample: real digits, few enough that <c>hebb train</c> takes a moment.
/// </summary>
public sealed class SmallMnistFolder : IDisposable
{
    public const int TrainCount = 600;
    public const int TestCount = 200;

    private readonly TemporaryFolder folder = new();

    public SmallMnistFolder()
    {
        var sample = MnistData.LoadBuiltInSample();
        Write(folder.FullPath, "train", sample.Train.Slice(0, TrainCount));
        Write(folder.FullPath, "t10k", sample.Test.Slice(0, TestCount));
        Test = sample.Test.Slice(0, TestCount);
    }

    public string Path => folder.FullPath;

    /// <summary>The digits of the folder's test files.</summary>
    public ImageDataset Test { get; }

    public void Dispose() => folder.Dispose();

    /// <summary>Writes <paramref name="data"/> as <c>{prefix}-images-idx3-ubyte</c> and <c>{prefix}-labels-idx1-ubyte</c>.</summary>
    public static void Write(string directory, string prefix, ImageDataset data)
    {
        IdxFiles.Write(System.IO.Path.Combine(directory, $"{prefix}-images-idx3-ubyte"),
            IdxFiles.Images(data.Count, data.Height, data.Width, data.Pixels), gzip: false);
        IdxFiles.Write(System.IO.Path.Combine(directory, $"{prefix}-labels-idx1-ubyte"), IdxFiles.Labels(data.Labels), gzip: false);
    }
}
