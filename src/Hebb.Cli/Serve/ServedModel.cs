using System.Collections.Frozen;
using Hebb.Data;
using Hebb.Data.Tables;
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
        Columns = saved.Table?.Features.Select(feature => feature.Name).ToFrozenSet(StringComparer.Ordinal) ?? FrozenSet<string>.Empty;
        Description = ModelDescription.Json(saved, Predictor);
    }

    /// <summary>The file as loaded.</summary>
    public SavedModel Saved { get; }

    /// <summary>Shared by every request on this model; thread-safe and allocation-free.</summary>
    public Predictor Predictor { get; }

    /// <summary>A table model's preprocessing: its instances are objects keyed by column name, encoded as the model was
    /// trained; null for a model of images or arrays, whose instances are rows of numbers.</summary>
    public TableSchema? Table => Saved.Table;

    /// <summary>A table model's feature columns, which an instance's keys must be among; empty for other models.</summary>
    public FrozenSet<string> Columns { get; }

    /// <summary>True for a regression model (a table's quantity): its answer is a value, not classes.</summary>
    public bool Regression => Table?.Target.Task == LearningTask.Regression;

    /// <summary>The network's inputs per instance (for a table, after encoding).</summary>
    public int InputWidth => Predictor.InputWidth;

    /// <summary>The network's outputs per instance: one per class, or a regression's one.</summary>
    public int OutputWidth => Predictor.OutputWidth;

    /// <summary>The UTF-8 JSON of <c>GET /v1/model</c>.</summary>
    public byte[] Description { get; }
}
