using StbImageSharp;

namespace Hebb.Cli.Output;

/// <summary>Reads a PNG as grayscale pixels scaled to [0, 1], as the MNIST images are.</summary>
internal static class PngImage
{
    public static float[] ReadGrayscale(string path, bool invert)
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
        var pixels = new float[image.Data.Length];
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = (invert ? 255 - image.Data[i] : image.Data[i]) / 255f;
        return pixels;
    }
}
