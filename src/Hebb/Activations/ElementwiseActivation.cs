namespace Hebb.Activations;

/// <summary>An activation applied to each element on its own, with a scalar form of itself and of its
/// derivative (what the note's plots show).</summary>
public abstract class ElementwiseActivation : Activation
{
    public abstract float Value(float z);

    public abstract float Derivative(float z);
}
