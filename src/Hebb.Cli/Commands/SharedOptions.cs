using System.CommandLine;
using Hebb.Data;
using Hebb.Serialization;

namespace Hebb.Cli.Commands;

/// <summary>Options that several commands share, defined once.</summary>
internal static class SharedOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print machine-readable JSON instead of text" };

    public static Option<string?> Data() => new("--data")
    {
        Description = "Folder with the four MNIST IDX files (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], " +
                      "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]); default: the MNIST sample built into Hebb",
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

    public static int Positive(int value, string option) =>
        value >= 1 ? value : throw new UsageException($"{option}: expected a positive integer, found {value}");

    public static float PositiveFinite(float value, string option) =>
        value > 0 && float.IsFinite(value) ? value : throw new UsageException($"{option}: expected a positive number, found {value}");
}
