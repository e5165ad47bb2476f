using StbImageSharp;

namespace Hebb.Cli.Output;

/// <summary>Reads a PNG as grayscale pixels scaled to [0, 1], as the MNIST images are.</summary>
internal static class PngImage
{
    /// <summary>Fails, naming the image and its size, unless it has <paramref name="expectedPixels"/> pixels, one per model input.</summary>
    public static float[] ReadGrayscale(string path, bool invert, int expectedPixels)
    {
        ImageResult image;
        try
        {
            using var stream = File.OpenRead(path);
            image = ImageResult.FromStream(stream, ColorComponents.Grey);
        }
        catch (Exception error) when (error is not IOException and not UnauthorizedAccessException)
        {
            throw new InvalidFileException(path, "image", $"expected a PNG image, could not decode it ({error.Message})", error);
        }
        if (image.Width * image.Height != expectedPixels)
            throw new InvalidFileException(path, "size",
                $"expected {SizeText(expectedPixels)} for the model's {expectedPixels} inputs, found {image.Width}x{image.Height}");
        var pixels = new float[image.Data.Length];
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = (invert ? 255 - image.Data[i] : image.Data[i]) / 255f;
        return pixels;
    }

    private static string SizeText(int pixels)
    {
        int side = (int)Math.Round(Math.Sqrt(pixels));
        return side * side == pixels ? $"a {side}x{side} image" : $"{pixels} pixels";
    }
}
