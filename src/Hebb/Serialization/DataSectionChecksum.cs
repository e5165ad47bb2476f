using System.Security.Cryptography;

namespace Hebb.Serialization;

/// <summary>
/// The SHA-256 of a safetensors file's data section (from the end of the header to the end of the file), computed
/// on a thread of its own while the reader parses the header and reads the tensors. Its first use in a process
/// loads OpenSSL (about 10 ms), which a one-shot <c>hebb predict</c> would otherwise wait for on top of parsing;
/// <see cref="LowercaseHex"/> waits for it, so a file is still only returned once its checksum has been compared.
/// A stream that is not a file (the fuzzers' bytes in memory) is hashed at once, on the caller's thread.
/// </summary>
internal sealed class DataSectionChecksum : IDisposable
{
    private const int ChunkBytes = 1 << 16;

    private readonly Thread? worker;
    private volatile bool abandoned;
    private string? hex;
    private Exception? failure;

    private DataSectionChecksum(Stream stream, long dataStart)
    {
        if (stream is FileStream file)
        {
            worker = new Thread(() => Hash(file, dataStart)) { IsBackground = true, Name = "safetensors checksum" };
            worker.Start();
            return;
        }
        long position = stream.Position;
        Hash(stream, dataStart);
        stream.Position = position;
    }

    /// <summary>Starts hashing the bytes of <paramref name="stream"/> from <paramref name="dataStart"/> to its end;
    /// the caller's reads of the stream are unaffected (a file is read by position, through its handle).</summary>
    public static DataSectionChecksum Start(Stream stream, long dataStart) => new(stream, dataStart);

    /// <summary>The SHA-256 in lowercase hexadecimal, once computed; a failure to read the file is rethrown here.</summary>
    public string LowercaseHex()
    {
        worker?.Join();
        if (failure is not null) throw new IOException($"reading the data section to check its checksum failed: {failure.Message}", failure);
        return hex!;
    }

    /// <summary>Stops the hashing at its next chunk and waits for it, so that no thread reads the file once the reader
    /// has returned or failed.</summary>
    public void Dispose()
    {
        abandoned = true;
        worker?.Join();
    }

    private void Hash(Stream stream, long dataStart)
    {
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var chunk = new byte[ChunkBytes];
            var handle = (stream as FileStream)?.SafeFileHandle;
            if (handle is null) stream.Position = dataStart;
            for (long offset = dataStart; !abandoned;)
            {
                int read = handle is not null ? RandomAccess.Read(handle, chunk, offset) : stream.Read(chunk);
                if (read == 0) break;
                hash.AppendData(chunk, 0, read);
                offset += read;
            }
            hex = Hex(hash.GetHashAndReset());
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            failure = error;
        }
    }

    // A loop rather than Convert.ToHexStringLower, whose vectorised code is compiled at run time, at every start of a
    // one-shot 'hebb predict', for 32 bytes.
    private static string Hex(byte[] bytes) => string.Create(2 * bytes.Length, bytes, static (text, bytes) =>
    {
        const string digits = "0123456789abcdef";
        for (int i = 0; i < bytes.Length; i++)
        {
            text[2 * i] = digits[bytes[i] >> 4];
            text[2 * i + 1] = digits[bytes[i] & 0xF];
        }
    });
}
