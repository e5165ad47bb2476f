using Hebb.Data;

namespace Hebb.Graph;

/// <summary>The note's data helper: <c>mnist = input_data.read_data_sets("/tmp/data/")</c> is
/// <c>var mnist = InputData.ReadDataSets(folder)</c>, with the built-in sample when no folder is given.</summary>
public static class InputData
{
    /// <summary>MNIST from a folder of the four IDX files, or the 10,000 digits built into Hebb when
    /// <paramref name="folder"/> is null; the training batches are shuffled from <paramref name="seed"/>.</summary>
    public static MnistDataSets ReadDataSets(string? folder = null, ulong seed = 42)
    {
        var split = folder is null ? MnistData.LoadBuiltInSample() : MnistData.LoadFolder(folder);
        return new MnistDataSets(new MnistDataSet(split.Train, seed), new MnistDataSet(split.Test, seed), split.Source);
    }
}
