namespace Hebb.Serialization;

/// <summary>The constants of the Hugging Face safetensors layout, and the checksum entry Hebb adds to it.</summary>
internal static class SafeTensorsFormat
{
    /// <summary>The file opens with the header's byte count as a little-endian unsigned 64-bit integer.</summary>
    public const int HeaderLengthBytes = 8;

    /// <summary>The header is padded with spaces so that the data section starts 8-byte aligned, as the reference writer does.</summary>
    public const int Alignment = 8;

    /// <summary>The reference implementation's limit: a longer header is a corrupt length, not a real model.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    public const string Float32 = "F32";
    public const int Float32Bytes = sizeof(float);

    public const string MetadataKey = "__metadata__";

    /// <summary>Metadata key holding the lowercase hex SHA-256 of the data section.</summary>
    public const string ChecksumKey = "hebb.sha256";
}
