using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hebb.Serialization;

namespace Hebb.Cli.Commands;

/// <summary>
/// The settings of a <c>hebb train</c> run as its command line gave them (every option's value, defaults included),
/// kept in the model file under <see cref="Key"/>, so that <c>--resume</c> can tell an option that repeats the run's
/// setting from one that conflicts with it, and can take the run's data folder and thread count when none is given.
/// </summary>
internal static class RunArguments
{
    public const string Key = "hebb.command_line";

    /// <summary>Options that say what to do with the run rather than what the run is: a resumed run may change them.</summary>
    private static readonly HashSet<string> NotSettings = ["--resume", "--epochs", "--data", "--threads", "--output", "--json", "--distributed"];

    /// <summary>Every option of <paramref name="command"/> with its value, as invariant text (null for an unset option);
    /// <paramref name="effective"/> gives the values a run used where they are not the option's own default (a table run's).</summary>
    public static string Capture(ParseResult parsed, Command command, IReadOnlyDictionary<string, object> effective)
    {
        var values = command.Options.Where(option => option.Name != "--resume")
            .ToDictionary(option => option.Name, option => (object?)(effective.TryGetValue(option.Name, out var value) ? Format(value) : Text(parsed, option)));
        return Output.Json.Line(values);
    }

    /// <summary>The values a run's file keeps, or null for a file trained otherwise (from C#, before this was kept).</summary>
    public static Dictionary<string, string?>? Read(SavedModel saved)
    {
        if (!saved.Metadata.TryGetValue(Key, out var json)) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateObject().ToDictionary(entry => entry.Name,
                entry => entry.Value.ValueKind == JsonValueKind.Null ? null : entry.Value.GetString());
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            throw new InvalidFileException(saved.Path, $"__metadata__.{Key}", $"expected a JSON object of option values as strings, {InvalidFileException.Echo(error.Message)}");
        }
    }

    /// <summary>Throws a <see cref="UsageException"/> naming the first option given on this command line whose value differs
    /// from the run's.</summary>
    public static void CheckNoConflict(ParseResult parsed, Command command, Dictionary<string, string?>? saved, string path)
    {
        foreach (var option in command.Options)
        {
            if (NotSettings.Contains(option.Name) || parsed.GetResult(option) is not { Implicit: false }) continue;
            string? given = Text(parsed, option);
            if (saved is null)
                throw new UsageException($"--resume: {path} does not say how its run was set up (it was not written by 'hebb train'), so {option.Name} cannot be checked against it; leave it out, a resumed run keeps its settings");
            if (!saved.TryGetValue(option.Name, out var original) || original != given)
                throw new UsageException($"--resume: {option.Name} {given} conflicts with the run in {path}, which used {original ?? "no value"}; a resumed run keeps its settings (leave {option.Name} out, or start a new run)");
        }
    }

    /// <summary>The value the run used for <paramref name="name"/>, when it was set.</summary>
    public static string? Original(Dictionary<string, string?>? saved, string name) => saved?.GetValueOrDefault(name);

    private static string? Text(ParseResult parsed, Option option) => Format(parsed.GetResult(option)?.GetValueOrDefault<object?>());

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };
}
