namespace Hebb.Data;

/// <summary>
/// The content of an IDX images file: <see cref="Count"/> images of <see cref="Height"/> × <see cref="Width"/>
/// unsigned bytes, row-major and one after another in <see cref="Pixels"/>.
/// </summary>
public sealed record IdxImages(byte[] Pixels, int Count, int Height, int Width);
