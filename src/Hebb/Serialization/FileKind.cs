using System.Runtime.InteropServices;

namespace Hebb.Serialization;

/// <summary>
/// What kind of thing a path names without following a link: .NET reports a device, a FIFO and a socket as
/// ordinary files, and replacing one of those with a model file (as a rename does) must be refused. On Linux the
/// answer comes from <c>statx(2)</c>, whose result has the same layout on every architecture; elsewhere only
/// folders and links are told apart, as .NET can.
/// </summary>
internal static partial class FileKind
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int StatxModeOffset = 28;
    private const int StatxBytes = 256;
    private const int TypeMask = 0xF000;

    /// <summary>Null for a regular file, a folder or a symbolic link; otherwise what the path is ("a character device", …).</summary>
    public static string? SpecialKindOf(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        Span<byte> result = stackalloc byte[StatxBytes];
        if (Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType, ref MemoryMarshal.GetReference(result)) != 0) return null;
        int type = BitConverter.ToUInt16(result[StatxModeOffset..]) & TypeMask;
        return type switch
        {
            0x1000 => "a FIFO",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => null,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, ref byte result);
}
