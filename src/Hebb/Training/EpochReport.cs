namespace Hebb.Training;

/// <summary>What the note prints per epoch, and more: mean training loss, accuracy on the epoch's last
/// batch (the note's "Train accuracy"), test accuracy, wall time and throughput, and with a validation split
/// (<see cref="TrainingOptions.ValidationFraction"/>) the loss and accuracy on the held-out samples.</summary>
/// <param name="Epoch">1 for the first epoch.</param>
/// <param name="Loss">The mean loss (softmax cross-entropy, or mean squared error for regression) over the epoch's training batches, each taken before its step.</param>
/// <param name="TrainAccuracy">The model, as it is after the epoch, on the epoch's last batch; NaN for regression.</param>
/// <param name="TestAccuracy">On the test set after the epoch; NaN without one, and for regression.</param>
/// <param name="Seconds">The training loop alone, without the evaluations after it.</param>
/// <param name="SamplesPerSecond">Training samples over <paramref name="Seconds"/>.</param>
/// <param name="ValidationLoss">The mean loss on the validation split after the epoch, in evaluation mode; NaN without one.</param>
/// <param name="ValidationAccuracy">The accuracy on the validation split after the epoch; NaN without one.</param>
public sealed record EpochReport(
    int Epoch,
    double Loss,
    double TrainAccuracy,
    double TestAccuracy,
    double Seconds,
    double SamplesPerSecond,
    double ValidationLoss = double.NaN,
    double ValidationAccuracy = double.NaN);
