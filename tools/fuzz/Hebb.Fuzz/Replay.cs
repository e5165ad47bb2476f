using System.Diagnostics;

namespace Hebb.Fuzz;

/// <summary>
/// Replays inputs outside AFL++: for each, whether it was read, refused cleanly or crashed, with its time and
/// the bytes it allocated, so that the slowest and the largest-allocating inputs of a run can be named.
/// </summary>
internal static class Replay
{
    public static int Files(Action<byte[]> target, IReadOnlyList<string> paths)
    {
        // A first pass compiles every path the inputs take, so that the timed pass measures the reader, not the JIT.
        foreach (var path in paths) Outcome(target, File.ReadAllBytes(path));
        int crashes = 0;
        foreach (var path in paths)
        {
            var bytes = File.ReadAllBytes(path);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            string outcome = Outcome(target, bytes);
            clock.Stop();
            if (outcome.StartsWith("CRASH", StringComparison.Ordinal)) crashes++;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine($"{clock.Elapsed.TotalMilliseconds:F3}\t{allocated}\t{bytes.Length}\t{outcome}\t{path}");
        }
        return crashes == 0 ? 0 : 1;
    }

    private static string Outcome(Action<byte[]> target, byte[] bytes)
    {
        try
        {
            target(bytes);
            return "read";
        }
        catch (InvalidFileException)
        {
            return "refused";
        }
        catch (Exception error)
        {
            return $"CRASH {error.GetType().Name}: {InvalidFileException.Echo(error.Message)}";
        }
    }
}
