namespace Hebb.Cli.Commands;

/// <summary>Turns the library's check of a set of options into the usage error of the option at fault.</summary>
internal static class UsageErrors
{
    /// <summary>Runs <paramref name="validate"/>; an <see cref="ArgumentException"/> naming a field becomes a
    /// <see cref="UsageException"/> naming that field's option in <paramref name="optionOfField"/>.</summary>
    public static void Check(Action validate, IReadOnlyDictionary<string, string> optionOfField)
    {
        try
        {
            validate();
        }
        catch (ArgumentException error) when (error.ParamName is { } field && optionOfField.TryGetValue(field, out var option))
        {
            // ArgumentException.Message ends with " (Parameter 'field')", which means nothing to a command-line user.
            string message = error.Message.Replace($" (Parameter '{field}')", "");
            if (error is ArgumentOutOfRangeException { ActualValue: not null } outOfRange)
                message = message.Replace($"{Environment.NewLine}Actual value was {outOfRange.ActualValue}.", "");
            // "Momentum must lie in [0, 1)" reads "--momentum: must lie in [0, 1)".
            if (message.StartsWith(field + " ", StringComparison.OrdinalIgnoreCase)) message = message[(field.Length + 1)..];
            throw new UsageException($"{option}: {message}");
        }
    }
}
