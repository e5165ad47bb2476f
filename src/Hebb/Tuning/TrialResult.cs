namespace Hebb.Tuning;

/// <summary>How one configuration did: scored on the validation set after <paramref name="Epochs"/> epochs.</summary>
/// <param name="Trial">1 for the first configuration drawn, 2 for the next, …</param>
/// <param name="TrainingLoss">Mean training loss of the last epoch; far below the validation loss, it says the network overfits.</param>
/// <param name="Seconds">Wall time of the trial: training and scoring.</param>
public sealed record TrialResult(
    int Trial,
    TrialConfiguration Configuration,
    double ValidationAccuracy,
    double ValidationLoss,
    double TrainingLoss,
    int Epochs,
    double Seconds);
