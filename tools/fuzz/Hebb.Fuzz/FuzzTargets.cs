using Hebb.Cli.Output;
using Hebb.Data;
using Hebb.Serialization;
using Hebb.Serialization.Onnx;

namespace Hebb.Fuzz;

/// <summary>
/// One target per reader: the bytes AFL++ hands over, read as that reader reads a file. A target returns on
/// success or on <see cref="InvalidFileException"/>, the clean error; any other exception escapes, and SharpFuzz
/// reports it to AFL++ as a crash.
/// </summary>
internal static class FuzzTargets
{
    /// <summary>What the fuzzed bytes are called in messages (the readers name their file).</summary>
    private const string Source = "fuzz-input";

    /// <summary>The model inputs of <c>hebb predict --image</c> with the note's network: one 28x28 digit.</summary>
    private const int DigitPixels = 28 * 28;

    public static readonly IReadOnlyDictionary<string, Action<byte[]>> ByName = new Dictionary<string, Action<byte[]>>
    {
        ["safetensors"] = bytes => SafeTensorsReader.Read(new MemoryStream(bytes, writable: false), Source),
        ["idx-images"] = bytes => IdxReader.ReadImages(new MemoryStream(bytes, writable: false), Source),
        ["idx-labels"] = bytes => IdxReader.ReadLabels(new MemoryStream(bytes, writable: false), Source),
        ["png"] = bytes => PngImage.ReadGrayscale(bytes, Source, invert: false, DigitPixels),
        ["onnx"] = bytes => OnnxImport.Load(bytes, Source),
    };

    /// <summary>Runs <paramref name="target"/> on <paramref name="bytes"/>, the clean error counting as success.</summary>
    public static void Run(Action<byte[]> target, byte[] bytes)
    {
        try { target(bytes); }
        catch (InvalidFileException) { }
    }
}
