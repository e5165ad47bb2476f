using System.Globalization;
using System.Text.RegularExpressions;
using Hebb.Data;
using Hebb.Examples;
using Hebb.Serialization;
using Hebb.Tests.Support;

namespace Hebb.Tests.Examples;

/// <summary>Each program under examples/ run as its Program.cs runs it, but with one epoch on 1,000 digits
/// where it trains, so that none of them rots and the suite stays fast. Twenty steps of SGD at 0.01 take the
/// test accuracy to about 0.3, three times chance; the note's settings reach 0.92.</summary>
public sealed class ExampleTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static string[] Lines(Action<TextWriter> run)
    {
        var output = new StringWriter();
        run(output);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static double TestAccuracy(string epochLine) =>
        double.Parse(Regex.Match(epochLine, @"Test accuracy: (\d\.\d+)$").Groups[1].Value, CultureInfo.InvariantCulture);

    [Fact]
    public void PerceptronOnIrisGivesTheNotesPrediction()
    {
        var lines = Lines(PerceptronOnIris.Run);

        Assert.Equal(["weights [-1.4, -2.2], bias 4, after 7 epochs", "training accuracy 1.0000", "prediction for [2, 0.5]: 1 (setosa)"], lines);
    }

    [Fact]
    public void XorByHandShowsTheFunctionAndTheNetworkAgreeingAndTheTrainedNetworkRight()
    {
        var lines = Lines(XorByHand.Run);

        Assert.StartsWith("x1 x2  xor", lines[0]);
        for (int row = 1; row <= 4; row++)
        {
            var columns = lines[row].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // xor, mlp_xor and the network with heaviside: all three the same bit.
            Assert.Equal(columns[2], columns[3]);
            Assert.Equal(columns[2], columns[4]);
            Assert.Equal(columns[5], columns[6]);
        }
        Assert.Equal("a single perceptron: 2 of 4 right", lines[5]);
        Assert.Matches(@"^Sequential\(Dense\(2 => 4, tanh\), Dense\(4 => 1\)\) trained by backpropagation: 4 of 4 right after \d+ steps$", lines[6]);
    }

    [Fact]
    public void MnistByHandNamesItsScopesAndLearns()
    {
        var lines = Lines(output => MnistByHand.Run(output, epochs: 1, trainSamples: 1000));

        Assert.Equal("parameters: hidden1/weights [784, 300], hidden1/biases [300], hidden2/weights [300, 100], hidden2/biases [100], outputs/weights [100, 10], outputs/biases [10]", lines[0]);
        Assert.Matches(@"^1 Train accuracy: \d\.\d{4} Test accuracy: \d\.\d{4}$", lines[1]);
        Assert.InRange(TestAccuracy(lines[1]), 0.2, 1.0);
    }

    [Fact]
    public void NoteTensorFlowPrintsTheNotesLinesSavesRestoresAndPredicts()
    {
        string checkpoint = folder.PathOf("my_model_final.safetensors");

        var lines = Lines(output => NoteTensorFlow.Run(output, epochs: 1, trainExamples: 1000, savePath: checkpoint));

        Assert.Matches(@"^0 Train accuracy: \d\.\d{4} Test accuracy: \d\.\d{4}$", lines[0]);
        Assert.InRange(TestAccuracy(lines[0]), 0.2, 1.0);
        Assert.Equal($"saved {checkpoint}", lines[1]);
        Assert.Matches(@"^Predicted classes:( \d){20}$", lines[2]);
        Assert.Equal($"Actual classes:    {string.Join(" ", MnistData.LoadBuiltInSample().Test.LabelArray(0, 20))}", lines[3]);
    }

    [Fact]
    public void MnistWithDenseTrainsAndSavesAModelThatRestoreAndPredictReads()
    {
        string modelPath = folder.PathOf("model.safetensors");

        var training = Lines(output => MnistWithDense.Run(output, modelPath, epochs: 1, trainSamples: 1000));
        var prediction = Lines(output => RestoreAndPredict.Run(output, modelPath));

        Assert.Equal("Sequential(Dense(784 => 300, relu), Dense(300 => 100, relu), Dense(100 => 10))", training[0]);
        Assert.InRange(TestAccuracy(training[1]), 0.2, 1.0);
        Assert.Equal($"saved {modelPath}", training[2]);

        // The restored model's argmax of the first 20 test images, beside their labels.
        var test = MnistData.LoadBuiltInSample().Test;
        var expected = ModelFile.Load(modelPath).Model.Predict(test.Features(0, 20));
        var actual = test.LabelArray(0, 20);
        Assert.Equal($"Predicted classes: {string.Join(" ", expected)}", prediction[0]);
        Assert.Equal($"Actual classes:    {string.Join(" ", actual)}", prediction[1]);
        Assert.Equal($"{expected.Zip(actual).Count(pair => pair.First == pair.Second)} of 20 right", prediction[2]);
    }
}
