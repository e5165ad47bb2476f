namespace Hebb.Data;

public sealed partial class ImageDataset
{
    /// <summary>Reads an IDX images file and its IDX labels file, each plain or gzip-compressed.</summary>
    /// <param name="imagesPath">An IDX file of unsigned bytes [count, height, width] (magic 0x0803).</param>
    /// <param name="labelsPath">An IDX file of unsigned bytes [count] (magic 0x0801), one class index per image.</param>
    /// <param name="classCount">Defaults to the largest label + 1.</param>
    public static ImageDataset Load(string imagesPath, string labelsPath, int? classCount = null) =>
        FromIdx(IdxReader.ReadImages(imagesPath), imagesPath, IdxReader.ReadLabels(labelsPath), labelsPath, classCount);

    /// <summary>
    /// Pairs images with labels read from two sources, reporting a mismatch as a problem of the files
    /// (naming both) rather than as a bad argument.
    /// </summary>
    internal static ImageDataset FromIdx(
        IdxImages images, string imagesSource, byte[] labels, string labelsSource, int? classCount)
    {
        if (labels.Length != images.Count)
            throw new InvalidFileException(labelsSource, "label count",
                $"expected {images.Count}, the number of images in {imagesSource}, found {labels.Length}");
        if (classCount is int given)
        {
            int outside = IndexOfLabelOutside(labels, given);
            if (outside >= 0)
                throw new InvalidFileException(labelsSource, "label",
                    $"expected labels 0..{given - 1}, found {labels[outside]} at record {outside}");
        }
        return new ImageDataset(images.Pixels, labels, images.Height, images.Width, classCount);
    }
}
