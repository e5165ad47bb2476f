namespace Hebb.Serialization;

/// <summary>
/// Checks that the tensors tile the data section exactly: the first begins at 0, each begins where the one before
/// ends, and the last ends where the file ends. Anything else is a corrupt or truncated file.
/// </summary>
internal static class DataSectionLayout
{
    /// <summary>The entries in the order their bytes lie in the data section, once checked.</summary>
    public static SafeTensorsEntry[] Arrange(string path, IReadOnlyList<SafeTensorsEntry> entries, long dataSectionLength)
    {
        // By end as well, so that an empty tensor sorts before the one that starts where it sits; then by name (each is
        // there once), so that the order is the same whatever the header's. Array.Sort rather than OrderBy, whose
        // generic code over long keys a one-shot 'hebb predict' would compile at every start.
        var ordered = new SafeTensorsEntry[entries.Count];
        for (int i = 0; i < ordered.Length; i++) ordered[i] = entries[i];
        Array.Sort(ordered, static (a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin)
            : a.End != b.End ? a.End.CompareTo(b.End) : string.CompareOrdinal(a.Name, b.Name));
        SafeTensorsEntry? previous = null;
        foreach (var entry in ordered)
        {
            CheckFollows(path, previous, entry);
            previous = entry;
        }
        long needed = previous?.End ?? 0;
        if (dataSectionLength != needed)
            throw new InvalidFileException(path, "data section", $"holds {dataSectionLength} bytes, header needs {needed}");
        return ordered;
    }

    private static void CheckFollows(string path, SafeTensorsEntry? previous, SafeTensorsEntry entry)
    {
        long expectedBegin = previous?.End ?? 0;
        if (entry.Begin == expectedBegin) return;
        var field = $"tensor '{InvalidFileException.Echo(entry.Name)}' data_offsets";
        if (previous is not null && entry.Begin < expectedBegin)
            throw new InvalidFileException(path, field,
                $"{entry.OffsetsText} overlap tensor '{InvalidFileException.Echo(previous.Name)}' {previous.OffsetsText}");
        var where = previous is null ? "the start of the data section" : $"the end of tensor '{InvalidFileException.Echo(previous.Name)}' {previous.OffsetsText}";
        throw new InvalidFileException(path, field,
            $"expected to begin at {expectedBegin}, {where}, found {entry.OffsetsText}: a hole of {entry.Begin - expectedBegin} bytes");
    }
}
