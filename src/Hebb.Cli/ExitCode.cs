namespace Hebb.Cli;

/// <summary>POSIX habit: 0 success, 1 the work failed (bad file, bad data), 2 the command line was wrong.</summary>
internal static class ExitCode
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}
