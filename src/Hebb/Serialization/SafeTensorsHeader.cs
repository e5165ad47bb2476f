namespace Hebb.Serialization;

/// <summary>A parsed safetensors header: the tensor entries in the order the JSON lists them, and the metadata.</summary>
internal sealed record SafeTensorsHeader(IReadOnlyList<SafeTensorsEntry> Entries, IReadOnlyDictionary<string, string> Metadata);
