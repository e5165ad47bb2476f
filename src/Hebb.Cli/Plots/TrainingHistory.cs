using System.Text.Json;
using System.Text.Json.Serialization;
using Hebb.Serialization;
using Hebb.Training;

namespace Hebb.Cli.Plots;

/// <summary>The per-epoch history that <c>hebb train</c> keeps in a model file's metadata, read back as it was written.</summary>
internal static class TrainingHistory
{
    private const string Key = "hebb.history";
    private const string Field = $"__metadata__.{Key}";

    // As ModelFile writes it: snake_case names, and NaN, the test accuracy of a run without a test set, as the string "NaN".
    // Every figure is required, so that a hand-edited epoch that lost one fails here instead of plotting as zero.
    private static readonly JsonSerializerOptions AsWritten = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        RespectRequiredConstructorParameters = true,
    };

    public static IReadOnlyList<EpochReport> Read(SavedModel saved)
    {
        if (!saved.Metadata.TryGetValue(Key, out var json))
            throw new InvalidFileException(saved.Path, Field, "missing; expected the per-epoch history that 'hebb train' writes");
        List<EpochReport>? epochs;
        try { epochs = JsonSerializer.Deserialize<List<EpochReport>>(json, AsWritten); }
        catch (JsonException error)
        {
            throw new InvalidFileException(saved.Path, Field,
                $"expected a JSON list of epochs, each with epoch, loss, train_accuracy, test_accuracy, seconds and samples_per_second; {error.Message}");
        }
        // A JSON null, as the list or as an epoch, deserializes without complaint.
        if (epochs is null || epochs.Count == 0 || epochs.Any(epoch => epoch is null))
            throw new InvalidFileException(saved.Path, Field, "expected a non-empty JSON list of epochs");
        return epochs;
    }
}
