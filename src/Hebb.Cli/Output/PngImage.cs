using StbImageSharp;

namespace Hebb.Cli.Output;

/// <summary>Reads a PNG as grayscale pixels scaled to [0, 1], as the MNIST images are.</summary>
internal static class PngImage
{
    /// <summary>
    /// Fails, naming the image and its size, unless it is a PNG of <paramref name="expectedPixels"/> pixels, one per
    /// model input: the structure and size are checked (<see cref="PngLayout"/>) before any pixel is decoded.
    /// </summary>
    public static float[] ReadGrayscale(string path, bool invert, int expectedPixels) =>
        ReadGrayscale(ReadFile(path), path, invert, expectedPixels);

    /// <param name="file">The PNG file's bytes.</param>
    /// <param name="path">Names the image in messages.</param>
    /// <param name="invert">The digit is dark on a light background.</param>
    /// <param name="expectedPixels">The model's inputs.</param>
    public static float[] ReadGrayscale(byte[] file, string path, bool invert, int expectedPixels)
    {
        PngLayout.Check(path, file, expectedPixels, (width, height) =>
            $"expected {SizeText(expectedPixels)} for the model's {expectedPixels} inputs, found {width}x{height}");
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(file, ColorComponents.Grey);
        }
        catch (Exception error)
        {
            throw new InvalidFileException(path, "image", $"expected a PNG image, could not decode it ({InvalidFileException.Echo(error.Message.TrimEnd('\0'))})", error);
        }
        var pixels = new float[image.Data.Length];
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = (invert ? 255 - image.Data[i] : image.Data[i]) / 255f;
        return pixels;
    }

    private static byte[] ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length > PngLayout.MaxFileBytes)
            throw new InvalidFileException(path, "size", $"expected a PNG of at most {PngLayout.MaxFileBytes} bytes, found {stream.Length}");
        var file = new byte[stream.Length];
        stream.ReadExactly(file);
        return file;
    }

    private static string SizeText(int pixels)
    {
        int side = (int)Math.Round(Math.Sqrt(pixels));
        return side * side == pixels ? $"a {side}x{side} image" : $"{pixels} pixels";
    }
}
