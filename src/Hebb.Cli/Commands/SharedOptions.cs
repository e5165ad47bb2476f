using System.CommandLine;
using Hebb.Activations;
using Hebb.Data;
using Hebb.Tuning;
using Hebb.Serialization;

namespace Hebb.Cli.Commands;

/// <summary>Options that several commands share, defined once.</summary>
internal static class SharedOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print machine-readable JSON instead of text" };

    public static Option<string?> Data() => new("--data")
    {
        Description = "Folder with the four MNIST IDX files (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], " +
                      "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]; eval and predict need only the two t10k files); " +
                      "default: the MNIST sample built into Hebb",
        HelpName = "DIR",
    };

    public static Option<string> Model() => new("--model")
    {
        Description = "The model file (.safetensors) written by 'hebb train'",
        HelpName = "FILE",
        Required = true,
    };

    public static DataSplit LoadData(string? folder) =>
        folder is null ? MnistData.LoadBuiltInSample() : MnistData.LoadFolder(folder);

    /// <summary>The test set of <c>--data</c> and where it came from: only the two test files are needed.</summary>
    public static (ImageDataset Test, string Source) LoadTestData(string? folder) =>
        folder is null
            ? (MnistData.LoadBuiltInSample().Test, MnistData.BuiltInSampleSource)
            : (MnistData.LoadTestFolder(folder), Path.GetFullPath(folder));

    /// <summary>
    /// Fails before the work, not after an hour of it, when its result could not be written to <paramref name="path"/>:
    /// an empty name, a missing or unwritable folder (a temporary file is made there and removed), a folder or a device.
    /// </summary>
    public static void CheckOutputPath(string path, string option = "--output")
    {
        if (path.Length == 0)
            throw new UsageException($"{option}: expected a file name, found an empty string");
        try { AtomicFile.CheckWritable(path); }
        catch (IOException error) { throw new UsageException($"{option}: {error.Message}"); }
    }

    /// <summary>The activations a hidden layer can train with (heaviside's zero derivative cannot), as help and errors list them.</summary>
    public static string HiddenActivationNames => string.Join(", ", SearchSpace.HiddenActivations);

    /// <summary>The hidden activation <paramref name="name"/> (or an alias such as <c>logistic</c>), or a usage error listing the choices.</summary>
    public static Activation HiddenActivation(string name, string option)
    {
        Activation? activation;
        try { activation = Activation.Parse(name); }
        catch (ArgumentException) { activation = null; }
        return activation is not null && SearchSpace.HiddenActivations.Contains(activation)
            ? activation
            : throw new UsageException($"{option}: expected one of {HiddenActivationNames}, found '{InvalidFileException.Echo(name)}'");
    }

    public static int Positive(int value, string option) =>
        value >= 1 ? value : throw new UsageException($"{option}: expected a positive integer, found {value}");

    public static float PositiveFinite(float value, string option) =>
        value > 0 && float.IsFinite(value) ? value : throw new UsageException($"{option}: expected a positive number, found {value}");
}
