using System.Diagnostics;

namespace Hebb.Tests.Hostile;

/// <summary>
/// The contract of a reader handed a hostile file: it throws <see cref="InvalidFileException"/> (nothing else),
/// with one readable line, having allocated little beyond what the file holds. Time is reported, not asserted
/// (performance is measured, not tested), except as a bound far above any honest cost, which catches work that
/// grows with what a file claims rather than with what it holds.
/// </summary>
internal static class HostileInput
{
    /// <summary>The bound on the memory a reader may take beyond the data a file really holds.</summary>
    public const long MaxExtraAllocatedBytes = 64L << 20;

    /// <summary>A message longer than this is a flood, not a line.</summary>
    public const int MaxMessageChars = 400;

    /// <summary>Far above what a rejection costs even on a busy machine; a reader that loops on a claimed size exceeds it by far.</summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(5);

    public static InvalidFileException AssertRejected(Action read, long fileBytes = 0)
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<InvalidFileException>(read);
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(allocated <= fileBytes + MaxExtraAllocatedBytes, $"allocated {allocated} bytes for a file of {fileBytes}: {error.Message}");
        Assert.True(clock.Elapsed < MaxTime, $"took {clock.Elapsed.TotalSeconds:F1} s: {error.Message}");
        AssertOneCleanLine(error.Message);
        return error;
    }

    /// <summary>Short, one line, and no control character that a terminal would act on.</summary>
    public static void AssertOneCleanLine(string message)
    {
        if (message.Length > MaxMessageChars) Assert.Fail($"{message.Length} characters: {message[..MaxMessageChars]}…");
        Assert.DoesNotContain(message, char.IsControl);
        Assert.DoesNotContain(message, char.IsSurrogate);
    }
}
