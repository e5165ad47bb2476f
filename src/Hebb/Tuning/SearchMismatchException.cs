namespace Hebb.Tuning;

/// <summary>The ranks of a distributed search would not search alike: a rank loaded other data than rank 0, or was
/// given other search settings, so that its trials would not be the ones rank 0 ranks. The message is one line naming
/// the rank and what differs.</summary>
public sealed class SearchMismatchException : Exception
{
    /// <summary>An exception with the one-line <paramref name="message"/>.</summary>
    public SearchMismatchException(string message) : base(message) { }
}
