using Hebb.Layers;
using Hebb.Tensors;

namespace Hebb.Training;

/// <summary>
/// Keras's <c>EarlyStopping(patience, restore_best_weights=True)</c> on a loss: after every epoch it compares the
/// monitored loss with the best so far, keeps a copy of the weights (and buffers, such as batch normalization's running
/// statistics) of the best epoch, and says to stop once <see cref="Patience"/> epochs in a row have not improved on it.
/// </summary>
internal sealed class EarlyStopping
{
    private readonly Tensor[] tensors;
    private readonly float[][] best;

    public EarlyStopping(Sequential model, int patience)
    {
        Patience = patience;
        tensors = model.Parameters.Select(p => p.Value).Concat(model.Buffers.Select(b => b.Value)).ToArray();
        best = tensors.Select(tensor => new float[tensor.Length]).ToArray();
    }

    public int Patience { get; }

    /// <summary>The epoch (1-based) of the lowest monitored loss so far; 0 before the first epoch.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The lowest monitored loss so far.</summary>
    public double BestLoss { get; private set; } = double.PositiveInfinity;

    /// <summary>Epochs since <see cref="BestEpoch"/>.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>The best epoch's values of the model's parameters and buffers, in the model's order.</summary>
    public IReadOnlyList<float[]> BestValues => best;

    /// <summary>Records the end of <paramref name="epoch"/> with its monitored loss; true when training should stop.</summary>
    public bool Observe(int epoch, double monitoredLoss)
    {
        if (monitoredLoss < BestLoss)
        {
            BestLoss = monitoredLoss;
            BestEpoch = epoch;
            EpochsWithoutImprovement = 0;
            for (int i = 0; i < tensors.Length; i++) tensors[i].Data.CopyTo(best[i]);
        }
        else EpochsWithoutImprovement++;
        return EpochsWithoutImprovement >= Patience;
    }

    /// <summary>Puts the best epoch's values back into the model.</summary>
    public void RestoreBest()
    {
        for (int i = 0; i < tensors.Length; i++) best[i].CopyTo(tensors[i].Data);
    }

    /// <summary>Continues a run whose state a checkpoint kept.</summary>
    public void Restore(int bestEpoch, double bestLoss, int epochsWithoutImprovement, IReadOnlyList<float[]> bestValues)
    {
        BestEpoch = bestEpoch;
        BestLoss = bestLoss;
        EpochsWithoutImprovement = epochsWithoutImprovement;
        for (int i = 0; i < best.Length; i++) bestValues[i].CopyTo(best[i], 0);
    }
}
