using Hebb.Layers;
using Hebb.Training;

namespace Hebb.Serialization.Onnx;

/// <summary>A model read from an ONNX file.</summary>
/// <param name="Source">The ONNX file it was read from.</param>
/// <param name="Model">The dense and batch normalization layers, ending in logits.</param>
/// <param name="DroppedOutputNode">The final Softmax or LogSoftmax node left out of the model (its logits keep
/// the same order of classes), or null when the graph ended in logits.</param>
public sealed record OnnxImportResult(string Source, Sequential Model, string? DroppedOutputNode)
{
    /// <summary>Writes the model as a Hebb model file (atomically). It has no training history; its
    /// <c>hebb.dataset</c> names the ONNX file, and its training settings are Hebb's defaults, which
    /// <c>hebb train</c> would use to train it further.</summary>
    public void Save(string path) =>
        ModelFile.Save(path, Model, new ModelInfo(new TrainingOptions(), [], $"imported from ONNX file {System.IO.Path.GetFileName(Source)}", Threads: 0));
}
