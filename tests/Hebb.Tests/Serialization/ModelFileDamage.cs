using Hebb.Serialization;
using Hebb.Tensors;

namespace Hebb.Tests.Serialization;

/// <summary>Ways a saved model file can be spoiled; the library's and the command line's tests both check how each is reported.</summary>
public enum ModelFileDamage
{
    /// <summary>The header's JSON no longer parses.</summary>
    CorruptHeader,

    /// <summary>A flipped bit in the data section, which only the checksum notices.</summary>
    WrongChecksum,

    /// <summary>The last kilobyte of the data section is gone.</summary>
    TruncatedBody,

    /// <summary>A sound safetensors file whose first weights are stored transposed, against the architecture.</summary>
    ShapeThatDoesNotFit,

    /// <summary>A sound file whose first weights hold a NaN, as a diverged training run would leave them.</summary>
    NonFiniteWeight,
}

internal static class ModelFileDamages
{
    /// <summary>Writes <paramref name="source"/>, spoiled, to <paramref name="target"/>.</summary>
    public static void Write(this ModelFileDamage damage, string source, string target)
    {
        var bytes = File.ReadAllBytes(source);
        switch (damage)
        {
            case ModelFileDamage.CorruptHeader:
                bytes[8] = (byte)'[';
                break;
            case ModelFileDamage.WrongChecksum:
                bytes[^100] ^= 0x40;
                break;
            case ModelFileDamage.TruncatedBody:
                bytes = bytes[..^1000];
                break;
            case ModelFileDamage.ShapeThatDoesNotFit:
                Rewrite(source, target, (tensors, _) =>
                {
                    var (name, weights) = tensors[0];
                    tensors[0] = new(name, Tensor.Zeros(weights.Shape[1], weights.Shape[0]));
                });
                return;
            case ModelFileDamage.NonFiniteWeight:
                Rewrite(source, target, (tensors, _) => tensors[0].Value.Data[5] = float.NaN);
                return;
        }
        File.WriteAllBytes(target, bytes);
    }

    /// <summary>
    /// Writes the model at <paramref name="source"/> to <paramref name="target"/> through <see cref="SafeTensorsWriter"/> after
    /// <paramref name="change"/> to its tensors or metadata, so that the file is sound as safetensors and wrong only as a model.
    /// </summary>
    public static void Rewrite(string source, string target, Action<List<KeyValuePair<string, Tensor>>, Dictionary<string, string>> change)
    {
        var file = SafeTensorsReader.Read(source);
        var tensors = file.Tensors.ToList();
        // The writer adds the checksum of what it writes, and refuses to be handed one.
        var metadata = file.Metadata.Where(entry => entry.Key != "hebb.sha256").ToDictionary();
        change(tensors, metadata);
        SafeTensorsWriter.Write(target, tensors, metadata);
    }
}
