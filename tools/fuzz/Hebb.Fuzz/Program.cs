using Hebb.Fuzz;
using Hebb.Tests.Hostile;
using SharpFuzz;

// Hebb.Fuzz TARGET            under afl-fuzz: one process serves many inputs (SharpFuzz's persistent mode)
// Hebb.Fuzz TARGET FILE...    replays files once each and prints how each ended, its time and its allocation
// Hebb.Fuzz seeds FOLDER      writes the seed corpora, a folder per target
if (args is ["seeds", var folder])
{
    Seeds.Write(folder);
    return 0;
}
if (args.Length < 1 || !ReaderTargets.ByName.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: Hebb.Fuzz TARGET [FILE...] | Hebb.Fuzz seeds FOLDER; targets: {string.Join(", ", ReaderTargets.ByName.Keys)}");
    return 2;
}
if (args.Length == 1)
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        ReaderTargets.Run(target, buffer.ToArray());
    });
    return 0;
}
return Replay.Files(target, args[1..]);
