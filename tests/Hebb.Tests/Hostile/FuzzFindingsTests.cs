using System.Diagnostics;

namespace Hebb.Tests.Hostile;

/// <summary>
/// Every input that ever broke a reader (TestData/fuzz/TARGET/, found by tools/fuzz or by hand), replayed through
/// the reader it broke: it must now be read or refused with the clean error, in bounded time and memory.
/// </summary>
public sealed class FuzzFindingsTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "fuzz");

    public static TheoryData<string, string> Findings()
    {
        var findings = new TheoryData<string, string>();
        foreach (var target in Directory.GetDirectories(Folder).Order(StringComparer.Ordinal))
            foreach (var file in Directory.GetFiles(target).Order(StringComparer.Ordinal))
                findings.Add(Path.GetFileName(target), Path.GetFileName(file));
        return findings;
    }

    [Fact]
    public void EveryFindingsFolderNamesAReader() =>
        Assert.All(Directory.GetDirectories(Folder), target => Assert.Contains(Path.GetFileName(target), ReaderTargets.ByName.Keys));

    [Theory]
    [MemberData(nameof(Findings))]
    public void FindingIsReadOrRefusedCleanly(string target, string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, target, file));
        var read = ReaderTargets.ByName[target];
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        try { read(bytes); }
        catch (InvalidFileException error) { HostileInput.AssertOneCleanLine(error.Message); }
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(allocated <= bytes.Length * 4L + HostileInput.MaxExtraAllocatedBytes, $"allocated {allocated} bytes");
        Assert.True(clock.Elapsed < HostileInput.MaxTime, $"took {clock.Elapsed.TotalSeconds:F1} s");
    }
}
