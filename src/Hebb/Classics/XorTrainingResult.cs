using Hebb.Layers;

namespace Hebb.Classics;

/// <summary>The trained network, the gradient steps it took, its final loss and its output for each XOR input.</summary>
public sealed record XorTrainingResult(Sequential Model, int Steps, float Loss, float[] Outputs)
{
    /// <summary>Each output read as a bit: 1 above 0.5.</summary>
    public int[] Predictions => XorNetwork.Bits(Outputs);

    /// <summary>How many of the four inputs the network gets right.</summary>
    public int Correct => XorNetwork.Correct(Predictions);
}
