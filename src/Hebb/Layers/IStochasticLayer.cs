using Hebb.Tensors;

namespace Hebb.Layers;

/// <summary>
/// A layer that draws from a generator of its own while training (dropout's masks). A checkpoint saves the
/// generator's state (<see cref="SeededRandom.SaveState"/>), so that a resumed run draws what the uninterrupted one would.
/// </summary>
public interface IStochasticLayer
{
    /// <summary>The layer's generator.</summary>
    SeededRandom Random { get; }
}
