namespace Hebb.Cli;

/// <summary>The command line asks for something impossible (a bad option value): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
