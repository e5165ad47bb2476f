namespace Hebb.Layers;

/// <summary>
/// A layer that also runs on plain arrays, through buffers made once (<see cref="LayerKernels"/>). The
/// allocation-free training step, evaluation and prediction walk any <see cref="Sequential"/> whose layers all
/// implement it, without knowing which kinds of layer they hold: a new layer is one class implementing this and
/// its <see cref="Layer.Forward"/> through the same kernels, so both paths compute the same numbers.
/// </summary>
public interface IKernelLayer
{
    /// <summary>The width of the rows the layer takes, or null when it takes any width (dropout).</summary>
    int? InputWidth { get; }

    /// <summary>The width of its output rows for input rows of <paramref name="inputWidth"/> values.</summary>
    int OutputWidth(int inputWidth);

    /// <summary>Kernels with buffers for batches of up to <paramref name="maxRows"/> rows of <paramref name="inputWidth"/> values.</summary>
    LayerKernels CreateKernels(int inputWidth, int maxRows);
}
