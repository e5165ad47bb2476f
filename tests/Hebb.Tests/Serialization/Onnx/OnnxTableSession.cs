using System.Globalization;
using Hebb.Data.Tables;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Hebb.Tests.Serialization.Onnx;

/// <summary>Runs a table model's ONNX export with ONNX Runtime on raw rows: each feature column given as its own input,
/// numbers as float32 [rows, 1] (a missing cell as NaN), text as string [rows, 1], exactly as the CSV cell reads.</summary>
internal static class OnnxTableSession
{
    /// <summary>The float outputs and the string outputs of the model for <paramref name="rows"/>, by output name.</summary>
    public static (Dictionary<string, float[]> Numbers, Dictionary<string, string[]> Texts) Run(
        byte[] model, TableSchema table, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        var inputs = table.Features.Select(feature => Column(feature, rows)).ToList();
        try
        {
            var outputNames = session.OutputNames.ToArray();
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, table.Features.Select(feature => feature.Name).ToArray(), inputs, outputNames);
            var (numbers, texts) = (new Dictionary<string, float[]>(), new Dictionary<string, string[]>());
            foreach (var (name, value) in outputNames.Zip(outputs))
            {
                if (value.GetTensorTypeAndShape().ElementDataType == TensorElementType.String) texts[name] = value.GetStringTensorAsArray();
                else numbers[name] = value.GetTensorDataAsSpan<float>().ToArray();
            }
            return (numbers, texts);
        }
        finally
        {
            foreach (var input in inputs) input.Dispose();
        }
    }

    private static OrtValue Column(FeatureColumn feature, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        long[] shape = [rows.Count, 1];
        if (feature.Numeric)
        {
            var values = rows.Select(row => MissingValues.IsMissing(row[feature.Name]) ? float.NaN
                : float.Parse(row[feature.Name], CultureInfo.InvariantCulture)).ToArray();
            return OrtValue.CreateTensorValueFromMemory(values, shape);
        }
        var texts = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
        for (int i = 0; i < rows.Count; i++) texts.StringTensorSetElementAt(rows[i][feature.Name], i);
        return texts;
    }
}
