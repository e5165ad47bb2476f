namespace Hebb.Serialization;

/// <summary>One tensor's line in a safetensors header: its shape and where its bytes lie in the data section.</summary>
internal sealed record SafeTensorsEntry(string Name, int[] Shape, long Begin, long End)
{
    public int ElementCount => (int)((End - Begin) / SafeTensorsFormat.Float32Bytes);

    public string OffsetsText => $"[{Begin}, {End}]";
}
