namespace Hebb.Data;

/// <summary>
/// Reads as many bytes as a file's header claims from a stream whose length cannot be known in advance (a gzip
/// stream): in chunks, as the bytes arrive, so that a claim the stream does not honour costs only the bytes it
/// really holds, never an allocation of the claimed size.
/// </summary>
internal static class ClaimedBytes
{
    /// <summary>Large enough that a real data set is read in few steps, small enough that a false claim costs nothing to speak of.</summary>
    private const int ChunkBytes = 1 << 20;

    /// <summary>Exactly <paramref name="claimed"/> bytes, or null when the stream ends first (<paramref name="found"/> says after how many).</summary>
    public static byte[]? Read(Stream stream, int claimed, out int found)
    {
        found = 0;
        if (claimed <= ChunkBytes)
        {
            var small = new byte[claimed];
            found = stream.ReadAtLeast(small, claimed, throwOnEndOfStream: false);
            return found == claimed ? small : null;
        }
        var chunks = new List<byte[]>();
        while (found < claimed)
        {
            var chunk = new byte[Math.Min(ChunkBytes, claimed - found)];
            int read = stream.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
            found += read;
            if (read < chunk.Length) return null;
            chunks.Add(chunk);
        }
        var whole = new byte[claimed];
        int offset = 0;
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(whole, offset);
            offset += chunk.Length;
        }
        return whole;
    }
}
