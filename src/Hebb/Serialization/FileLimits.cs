namespace Hebb.Serialization;

/// <summary>Limits every model-file reader applies to what a file claims, whatever its format.</summary>
public static class FileLimits
{
    /// <summary>PyTorch's own limit on a tensor's dimensions: a longer shape is damage, and would cost a check (and a character of every message) per dimension.</summary>
    public const int MaxRank = 64;
}
