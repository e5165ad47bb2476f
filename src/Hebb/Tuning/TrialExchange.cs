using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Hebb.Data;
using Hebb.Distributed;

namespace Hebb.Tuning;

/// <summary>
/// What the ranks of a distributed search tell rank 0, as numbers that MPI carries exactly: before the trials, a
/// fingerprint of each rank's data and search (so that no rank trains other trials than rank 0 thinks it does), and
/// after them each rank's results, in a buffer of the same length on every rank (the most trials a rank runs, five
/// doubles each, an unused slot's trial number 0) so that one gather of equal parts brings them all. The
/// configurations are not sent: every rank draws the same ones from the seed.
/// </summary>
internal sealed class TrialExchange
{
    // Trial number, validation accuracy, validation loss, training loss, seconds.
    private const int Fields = 5;
    // Two 64-bit digests (data, search), each sent as two 32-bit halves, which doubles hold exactly.
    private const int FingerprintLength = 4;

    private readonly IProcessGroup group;
    private readonly IReadOnlyList<TrialConfiguration> configurations;
    private readonly int epochs;
    private readonly int slotsPerRank;

    public TrialExchange(IProcessGroup group, IReadOnlyList<TrialConfiguration> configurations, int epochs)
    {
        this.group = group;
        this.configurations = configurations;
        this.epochs = epochs;
        slotsPerRank = (configurations.Count + group.Size - 1) / group.Size;
    }

    /// <summary>Whether trial <paramref name="index"/> (from 0) trains on this rank: trial i on rank i mod Size.</summary>
    public bool IsOwn(int index) => index % group.Size == group.Rank;

    /// <summary>
    /// Compares every rank's data and search with rank 0's, on rank 0; a collective call.
    /// </summary>
    /// <exception cref="SearchMismatchException">On rank 0: a rank loaded other data, or searches with other settings.</exception>
    public void CheckSameSearch(ValidationSplit split, RandomSearchOptions options)
    {
        Span<double> own = stackalloc double[FingerprintLength];
        Halves(DataDigest(split), own[..2]);
        Halves(SearchDigest(options), own[2..]);
        var gathered = new double[group.Rank == 0 ? group.Size * FingerprintLength : 0];
        group.Gather(own, gathered);
        for (int rank = 1; rank < gathered.Length / FingerprintLength; rank++)
        {
            var theirs = gathered.AsSpan(rank * FingerprintLength, FingerprintLength);
            if (!theirs[..2].SequenceEqual(own[..2]))
                throw new SearchMismatchException(
                    $"rank {rank} of {group.Size} loaded other training data than rank 0 ({split.Train.Count + split.Validation.Count} samples there): every rank must read the same --data");
            if (!theirs[2..].SequenceEqual(own[2..]))
                throw new SearchMismatchException(
                    $"rank {rank} of {group.Size} searches with other settings than rank 0 ({options.Trials} trials, seed {options.Seed}): every rank must be given the same search options");
        }
    }

    /// <summary>
    /// Rank 0 receives every rank's <paramref name="own"/> results and returns all of them in trial order; other ranks
    /// return <paramref name="own"/>. A collective call.
    /// </summary>
    public IReadOnlyList<TrialResult> Gather(IReadOnlyList<TrialResult> own)
    {
        var send = new double[slotsPerRank * Fields];
        for (int slot = 0; slot < own.Count; slot++)
        {
            var result = own[slot];
            var fields = send.AsSpan(slot * Fields, Fields);
            fields[0] = result.Trial;
            fields[1] = result.ValidationAccuracy;
            fields[2] = result.ValidationLoss;
            fields[3] = result.TrainingLoss;
            fields[4] = result.Seconds;
        }
        var gathered = new double[group.Rank == 0 ? group.Size * send.Length : 0];
        group.Gather(send, gathered);
        if (group.Rank != 0) return own;

        var all = new List<TrialResult>(configurations.Count);
        for (int offset = 0; offset < gathered.Length; offset += Fields)
        {
            var fields = gathered.AsSpan(offset, Fields);
            int trial = (int)fields[0];
            if (trial == 0) continue;
            all.Add(new TrialResult(trial, configurations[trial - 1], fields[1], fields[2], fields[3], epochs, fields[4]));
        }
        all.Sort((a, b) => a.Trial.CompareTo(b.Trial));
        return all;
    }

    private static ulong DataDigest(ValidationSplit split)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        split.Train.AppendTo(hash);
        split.Validation.AppendTo(hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash.GetHashAndReset());
    }

    // The options and the networks drawn (which the search space, the seed and the data's shape decide).
    private ulong SearchDigest(RandomSearchOptions options)
    {
        string search = string.Join('\n', [options.ToString(), .. configurations.Select(configuration => configuration.ToString())]);
        return BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(search)));
    }

    private static void Halves(ulong digest, Span<double> destination)
    {
        destination[0] = (uint)(digest >> 32);
        destination[1] = (uint)digest;
    }
}
