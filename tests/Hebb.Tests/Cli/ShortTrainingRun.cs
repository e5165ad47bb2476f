using Hebb.Tests.Support;

namespace Hebb.Tests.Cli;

/// <summary>784 → 16 → 10, three epochs on 300 digits: a history for <c>hebb plot history</c> to draw.</summary>
public sealed class ShortTrainingRun() : SavedTrainingRun([16], epochs: 3, trainCount: 300, testCount: 100, seed: 5);
