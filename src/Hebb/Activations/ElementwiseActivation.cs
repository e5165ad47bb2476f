namespace Hebb.Activations;

/// <summary>An activation applied to each element on its own, with a scalar form of itself and of its
/// derivative (what the note's plots show).</summary>
public abstract class ElementwiseActivation : Activation
{
    /// <summary>f(z) for one pre-activation value.</summary>
    public abstract float Value(float z);

    /// <summary>f′(z), the slope at z; where f has none (the step at 0, ReLU at 0) the value backpropagation uses.</summary>
    public abstract float Derivative(float z);
}
