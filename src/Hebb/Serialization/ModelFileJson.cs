using System.Text.Json.Serialization;
using Hebb.Training;

namespace Hebb.Serialization;

/// <summary>One layer of a model file's <c>hebb.architecture</c>; <paramref name="Rate"/> is a dropout layer's.</summary>
internal sealed record LayerRecord(string Name, string Type, int Inputs, int Outputs, string Activation,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float? Rate = null);

/// <summary>A model file's <c>hebb.training</c>: how the weights were trained. The members after
/// <paramref name="Initializer"/> came with optimisers and schedules; files written before them lack them.</summary>
internal sealed record TrainingRecord(string Optimizer, float LearningRate, int BatchSize, int Epochs, ulong Seed, string Loss, string? Initializer,
    Dictionary<string, double>? OptimizerSettings = null, string? Schedule = null, Dictionary<string, double>? ScheduleSettings = null,
    double ValidationFraction = 0, int EarlyStoppingPatience = 0, string? Layers = null);

/// <summary>
/// The JSON of a model file's metadata, generated at compile time: reading a model then costs no
/// reflection at start-up (it matters for one-shot commands such as <c>hebb predict</c>). Named literals
/// because a history may hold NaN: the test accuracy of epochs trained without a test set. Every
/// constructor parameter is required, so that a hand-edited entry that lost a figure fails instead of reading as 0.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(List<LayerRecord>))]
[JsonSerializable(typeof(TrainingRecord))]
[JsonSerializable(typeof(List<EpochReport>))]
[JsonSerializable(typeof(CheckpointRecord))]
internal sealed partial class ModelFileJson : JsonSerializerContext;
