namespace Hebb.Tuning;

/// <summary>How one configuration did: scored on the validation set after <paramref name="Epochs"/> epochs.</summary>
/// <param name="Trial">1 for the first configuration drawn, 2 for the next, …</param>
/// <param name="Configuration">The network and learning rate the trial trained.</param>
/// <param name="ValidationAccuracy">Share of the validation samples classified right, from 0 to 1; trials are ranked by it.</param>
/// <param name="ValidationLoss">Mean cross-entropy on the validation set; it breaks ties in accuracy, lower first.</param>
/// <param name="TrainingLoss">Mean training loss of the last epoch; far below the validation loss, it says the network overfits.</param>
/// <param name="Epochs">Epochs trained before scoring.</param>
/// <param name="Seconds">Wall time of the trial: training and scoring.</param>
public sealed record TrialResult(
    int Trial,
    TrialConfiguration Configuration,
    double ValidationAccuracy,
    double ValidationLoss,
    double TrainingLoss,
    int Epochs,
    double Seconds);
