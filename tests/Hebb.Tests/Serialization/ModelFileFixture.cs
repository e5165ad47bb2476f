using Hebb.Tests.Support;

namespace Hebb.Tests.Serialization;

/// <summary>784 → 32 → 16 → 10, one epoch on 500 digits, saved once for the tests of a class to read, copy and corrupt.</summary>
public sealed class ModelFileFixture() : SavedTrainingRun([32, 16], epochs: 1, trainCount: 500, testCount: 200, seed: 3);
