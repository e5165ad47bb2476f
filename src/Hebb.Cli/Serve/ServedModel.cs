using Hebb.Inference;
using Hebb.Serialization;

namespace Hebb.Cli.Serve;

/// <summary>One loaded model file as the server uses it: the file, its predictor, and the description
/// <c>GET /v1/model</c> returns, made once at load so that the endpoint costs nothing. A reload makes a new one;
/// requests read for the old one finish on it.</summary>
internal sealed class ServedModel
{
    public ServedModel(SavedModel saved, int maxBatch)
    {
        Saved = saved;
        Predictor = saved.CreatePredictor(maxBatch);
        Description = ModelDescription.Json(saved, Predictor);
    }

    /// <summary>The file as loaded.</summary>
    public SavedModel Saved { get; }

    /// <summary>Shared by every request on this model; thread-safe and allocation-free.</summary>
    public Predictor Predictor { get; }

    /// <summary>Values per instance.</summary>
    public int InputWidth => Predictor.InputWidth;

    /// <summary>Classes per instance.</summary>
    public int OutputWidth => Predictor.OutputWidth;

    /// <summary>The UTF-8 JSON of <c>GET /v1/model</c>.</summary>
    public byte[] Description { get; }
}
