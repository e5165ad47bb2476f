using Hebb.Cli.Output;
using Hebb.Data;
using Hebb.Serialization;
using Hebb.Serialization.Onnx;

namespace Hebb.Tests.Hostile;

/// <summary>
/// Each reader Hebb has for files from elsewhere, as a function of the file's bytes: the fuzz targets of
/// tools/fuzz (which compiles this file in) and the regression cases of <see cref="FuzzFindingsTests"/>, one table
/// for both. A reader returns or throws <see cref="InvalidFileException"/>, the clean error; anything else is a defect.
/// </summary>
internal static class ReaderTargets
{
    /// <summary>What the bytes are called in messages (the readers name their file).</summary>
    private const string Source = "fuzz-input";

    /// <summary>The model inputs of <c>hebb predict --image</c> with the note's network: one 28x28 digit.</summary>
    private const int DigitPixels = 28 * 28;

    public static readonly IReadOnlyDictionary<string, Action<byte[]>> ByName = new Dictionary<string, Action<byte[]>>
    {
        // As 'hebb eval', 'info' and 'plot history' read a model file: the safetensors layer, the model and its history.
        ["safetensors"] = bytes => ModelFile.Load(new MemoryStream(bytes, writable: false), Source).History(),
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
