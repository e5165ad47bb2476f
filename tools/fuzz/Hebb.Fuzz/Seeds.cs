using System.Buffers.Binary;
using System.IO.Compression;
using Hebb.Activations;
using Hebb.Layers;
using Hebb.Serialization;
using Hebb.Serialization.Onnx;
using Hebb.Training;
using SkiaSharp;

namespace Hebb.Fuzz;

/// <summary>
/// Writes the seed corpora: for each target a few small, valid files as Hebb's own writers make them (AFL++ works
/// best from inputs of a few hundred bytes), so that mutations start from files that reach deep into each reader.
/// </summary>
internal static class Seeds
{
    public static void Write(string folder)
    {
        var model = Mlp.Create(4, [3], 2, Activation.Relu, seed: 1);
        var info = new ModelInfo(new TrainingOptions(), [], "fuzz seed", Threads: 1);
        Save(folder, "safetensors", "model.safetensors", path => ModelFile.Save(path, model, info));
        Save(folder, "safetensors", "two-tensors.safetensors", path => SafeTensorsWriter.Write(path,
            [new("a", Tensors.Tensor.Zeros(2, 2)), new("b", Tensors.Tensor.Zeros(3))], new Dictionary<string, string> { ["k"] = "v" }));
        Save(folder, "onnx", "model.onnx", path => OnnxExport.Save(model, path));
        Save(folder, "onnx", "with-probabilities.onnx", path => OnnxExport.Save(model, path, withProbabilities: true));

        byte[] images = Idx(0x0803, [2, 4, 4], Enumerable.Range(0, 32).Select(i => (byte)(i * 8)).ToArray());
        byte[] labels = Idx(0x0801, [5], [0, 1, 2, 9, 4]);
        Save(folder, "idx-images", "images-idx3-ubyte", path => File.WriteAllBytes(path, images));
        Save(folder, "idx-images", "images-idx3-ubyte.gz", path => File.WriteAllBytes(path, Gzip(images)));
        Save(folder, "idx-labels", "labels-idx1-ubyte", path => File.WriteAllBytes(path, labels));
        Save(folder, "idx-labels", "labels-idx1-ubyte.gz", path => File.WriteAllBytes(path, Gzip(labels)));

        // Tables as 'hebb train' takes them: numbers, text, quoting, missing cells, a BOM and \r\n.
        Save(folder, "csv", "numbers.csv", path => File.WriteAllText(path, "x,y,amount\n1.5,-2,3e1\n0.25,4,NA\n7,,1\n"));
        Save(folder, "csv", "classes.csv", path => File.WriteAllText(path,
            "\uFEFFid,colour,\"note, quoted\",label\r\n1,red,\"say \"\"hi\"\"\",up\r\n2,blue,\"two\r\nlines\",down\r\n3,,x,up\r\n"));
        Save(folder, "png", "digit-gray.png", path => File.WriteAllBytes(path, Png(SKColorType.Gray8)));
        Save(folder, "png", "digit-rgba.png", path => File.WriteAllBytes(path, Png(SKColorType.Rgba8888)));
    }

    private static void Save(string folder, string target, string name, Action<string> write)
    {
        Directory.CreateDirectory(Path.Combine(folder, target));
        write(Path.Combine(folder, target, name));
    }

    private static byte[] Idx(int magic, int[] dimensions, byte[] body)
    {
        var content = new byte[4 * (1 + dimensions.Length) + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(content, magic);
        for (int axis = 0; axis < dimensions.Length; axis++)
            BinaryPrimitives.WriteInt32BigEndian(content.AsSpan(4 + 4 * axis), dimensions[axis]);
        body.CopyTo(content, 4 * (1 + dimensions.Length));
        return content;
    }

    private static byte[] Gzip(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal)) gzip.Write(content);
        return compressed.ToArray();
    }

    // A 28x28 diagonal stroke, the size 'hebb predict --image' takes.
    private static byte[] Png(SKColorType colorType)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(28, 28, colorType, SKAlphaType.Opaque));
        for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++)
                bitmap.SetPixel(x, y, Math.Abs(x - y) < 3 ? SKColors.White : SKColors.Black);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
