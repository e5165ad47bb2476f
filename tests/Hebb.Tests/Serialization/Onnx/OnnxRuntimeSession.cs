using Microsoft.ML.OnnxRuntime;

namespace Hebb.Tests.Serialization.Onnx;

/// <summary>Runs an ONNX model with ONNX Runtime, the reference that Hebb's export must agree with.</summary>
internal static class OnnxRuntimeSession
{
    /// <summary>Every output of the model for a batch of rows [rows, features], by output name.</summary>
    public static Dictionary<string, float[]> Run(byte[] model, string inputName, float[] inputs, int rows)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, [rows, inputs.Length / rows]);
        var outputNames = session.OutputNames.ToArray();
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [inputName], [input], outputNames);
        return outputNames.Zip(outputs).ToDictionary(pair => pair.First, pair => pair.Second.GetTensorDataAsSpan<float>().ToArray());
    }
}
