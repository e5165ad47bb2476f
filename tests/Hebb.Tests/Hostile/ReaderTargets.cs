using Hebb.Cli.Output;
using Hebb.Data;
using Hebb.Data.Tables;
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
        // As 'hebb train --data FILE.csv --target T --missing mean' reads a table: the last column the target.
        ["csv"] = bytes => Table(CsvTable.Read(new MemoryStream(bytes, writable: false), Source)),
    };

    /// <summary>The preprocessing fitted on a table and the data set made with it, when it has a feature and a target.</summary>
    private static void Table(Table table)
    {
        if (table.Columns.Count < 2) return;
        TableSchema.Fit(table, new TableOptions { Target = table.Columns[^1].Name, Missing = MissingPolicy.Mean }).Dataset(table);
    }

    /// <summary>Runs <paramref name="target"/> on <paramref name="bytes"/>, the clean error counting as success.</summary>
    public static void Run(Action<byte[]> target, byte[] bytes)
    {
        try { target(bytes); }
        catch (InvalidFileException) { }
    }
}
