namespace Hebb.Data;

/// <summary>
/// MNIST handwritten digits: the full data set from a folder of the four standard IDX files, or the
/// 10,000-digit sample built into Hebb so that examples and tests run without a download.
/// </summary>
public static class MnistData
{
    /// <summary>The ten digits, 0 to 9.</summary>
    public const int ClassCount = 10;

    /// <summary>What <see cref="DataSplit.Source"/> says for the built-in sample, in reports and model files.</summary>
    public const string BuiltInSampleSource = "built-in MNIST sample";

    // The sample's README fixes this split: records 0..7999 are train, 8000..9999 test.
    internal const int SampleTrainCount = 8000;

    internal const string SampleImagesResource = "Hebb.Data.MnistSample.images-idx3-ubyte.gz";
    internal const string SampleLabelsResource = "Hebb.Data.MnistSample.labels-idx1-ubyte.gz";
    internal const string SampleReadmeResource = "Hebb.Data.MnistSample.README.md";

    private static readonly Lazy<string> attribution = new(() => EmbeddedResource.ReadText(SampleReadmeResource));

    /// <summary>The built-in sample's README: where the digits come from, their licence and how the split was made.</summary>
    public static string BuiltInSampleAttribution => attribution.Value;

    /// <summary>
    /// Reads <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c> and
    /// <c>t10k-labels-idx1-ubyte</c> from <paramref name="directory"/>, each plain or with <c>.gz</c> added
    /// (the plain one is taken when both are there).
    /// </summary>
    public static DataSplit LoadFolder(string directory)
    {
        if (!Directory.Exists(directory))
            throw new InvalidFileException(directory, "folder",
                "expected a folder holding the four MNIST IDX files, found no such folder");

        string trainImages = FindFile(directory, "train-images-idx3-ubyte");
        string trainLabels = FindFile(directory, "train-labels-idx1-ubyte");
        string testImages = FindFile(directory, "t10k-images-idx3-ubyte");
        string testLabels = FindFile(directory, "t10k-labels-idx1-ubyte");

        var train = ImageDataset.Load(trainImages, trainLabels, ClassCount);
        var test = ImageDataset.Load(testImages, testLabels, ClassCount);
        if (test.Height != train.Height || test.Width != train.Width)
            throw new InvalidFileException(testImages, "rows x columns",
                $"expected {train.Height}x{train.Width} like {trainImages}, found {test.Height}x{test.Width}");
        return new DataSplit(train, test, Path.GetFullPath(directory));
    }

    /// <summary>
    /// Reads only <c>t10k-images-idx3-ubyte</c> and <c>t10k-labels-idx1-ubyte</c> (each plain or <c>.gz</c>) from
    /// <paramref name="directory"/>: evaluating or predicting needs no training files.
    /// </summary>
    public static ImageDataset LoadTestFolder(string directory)
    {
        if (!Directory.Exists(directory))
            throw new InvalidFileException(directory, "folder",
                "expected a folder holding the MNIST test files t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, found no such folder");
        return ImageDataset.Load(FindFile(directory, "t10k-images-idx3-ubyte"), FindFile(directory, "t10k-labels-idx1-ubyte"), ClassCount);
    }

    /// <summary>The 10,000 MNIST digits shipped inside Hebb: 8,000 to train on and 2,000 to test on.</summary>
    public static DataSplit LoadBuiltInSample()
    {
        using var imagesStream = EmbeddedResource.Open(SampleImagesResource);
        using var labelsStream = EmbeddedResource.Open(SampleLabelsResource);
        var all = ImageDataset.FromIdx(
            IdxReader.ReadImages(imagesStream, SampleImagesResource), SampleImagesResource,
            IdxReader.ReadLabels(labelsStream, SampleLabelsResource), SampleLabelsResource,
            ClassCount);
        return new DataSplit(
            all.Slice(0, SampleTrainCount), all.Slice(SampleTrainCount, all.Count - SampleTrainCount), BuiltInSampleSource);
    }

    private static string FindFile(string directory, string name)
    {
        string plain = Path.Combine(directory, name);
        if (File.Exists(plain)) return plain;
        if (File.Exists(plain + ".gz")) return plain + ".gz";
        throw new InvalidFileException(directory, name, $"expected {name} or {name}.gz in the folder, found neither");
    }
}
