namespace Hebb.Training;

/// <summary>What the note prints per epoch, and more: mean training loss, accuracy on the epoch's last
/// batch (the note's "Train accuracy"), test accuracy, wall time and throughput.</summary>
public sealed record EpochReport(
    int Epoch,
    double Loss,
    double TrainAccuracy,
    double TestAccuracy,
    double Seconds,
    double SamplesPerSecond);
