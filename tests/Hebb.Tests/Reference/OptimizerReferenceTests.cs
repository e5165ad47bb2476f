using System.Text.Json;
using Hebb.Activations;
using Hebb.Layers;
using Hebb.Losses;
using Hebb.Optimizers;
using Hebb.Tensors;
using Hebb.Training;

namespace Hebb.Tests.Reference;

/// <summary>
/// Every optimiser's weights and state after 10 steps on a small network equal PyTorch's to 1e-5 relative, with
/// and without weight decay and clipping; values from <c>tools/reference/make_optimizer_golden.py</c> in
/// <c>TestData/reference/optimizers.json</c>.
/// </summary>
public class OptimizerReferenceTests
{
    private static readonly Lazy<JsonElement> Document = new(() => JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "reference", "optimizers.json"))).RootElement);

    private static JsonElement Root => Document.Value;

    public static TheoryData<string> Cases() => new(Root.GetProperty("cases").EnumerateObject().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void TenStepsThroughTheTrainingStepMatchPyTorch(string key) => AssertTenStepsMatch(key, fastPath: true);

    [Theory]
    [MemberData(nameof(Cases))]
    public void TenStepsThroughTheGraphMatchPyTorch(string key) => AssertTenStepsMatch(key, fastPath: false);

    private static void AssertTenStepsMatch(string key, bool fastPath)
    {
        var @case = Root.GetProperty("cases").GetProperty(key);
        var model = InitialModel();
        var optimizer = Options(@case.GetProperty("options")).Create(model.Parameters);
        var x = Golden.Tensor(Root.GetProperty("x"));
        var labels = Root.GetProperty("labels").EnumerateArray().Select(label => label.GetInt32()).ToArray();
        int batch = Root.GetProperty("batch_size").GetInt32(), width = x.Shape[1];
        var step = TrainingStep.For(model, batch)!;
        for (int s = 0; s < Root.GetProperty("steps").GetInt32(); s++)
        {
            int first = batch * (s % 2);
            var inputs = new Tensor(x.Data.AsSpan(first * width, batch * width).ToArray(), batch, width);
            var batchLabels = labels.AsSpan(first, batch);
            if (fastPath)
                step.Run(inputs.Data, batchLabels);
            else
            {
                var loss = Loss.SoftmaxCrossEntropy(model.Forward(inputs), batchLabels.ToArray());
                optimizer.ZeroGrad();
                loss.Backward();
            }
            optimizer.Step();
        }

        foreach (var parameter in model.Parameters)
            Golden.AssertClose(Golden.Tensor(@case.GetProperty("parameters_after").GetProperty(parameter.Name)), parameter.Value.Data,
                $"{key}: {parameter.Name}");
        var expectedState = @case.GetProperty("state_after");
        var slots = optimizer.SaveState().Slots;
        Assert.Equal(expectedState.EnumerateObject().Select(slot => slot.Name).Order(), slots.Select(slot => slot.Name).Order());
        foreach (var slot in slots)
            AssertCloseAtScale(Golden.Tensor(expectedState.GetProperty(slot.Name)).Data, slot.Values, $"{key}: {slot.Name}");
    }

    /// <summary>Within 1e-5 of the buffer's largest value: a buffer that sums normalised steps (RMSProp's momentum)
    /// holds values near zero made of terms near one, whose float rounding is 1e-7 of the terms, not of the sum.</summary>
    private static void AssertCloseAtScale(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double tolerance = 1e-5 * expected.Max(Math.Abs) + 1e-7;
        for (int i = 0; i < actual.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: PyTorch gives {expected[i]:R}, Hebb {actual[i]:R}");
    }

    private static Sequential InitialModel()
    {
        var initial = Root.GetProperty("initial_parameters");
        var names = new[] { "hidden1", "hidden2", "outputs" };
        return new Sequential(names.Select(name => new Dense(
            Golden.Tensor(initial.GetProperty($"{name}/weights")), Golden.Tensor(initial.GetProperty($"{name}/biases")),
            name == "outputs" ? Activation.Identity : Activation.Tanh)).ToArray());
    }

    private static OptimizerOptions Options(JsonElement options)
    {
        float? Value(string name) => options.TryGetProperty(name, out var value) ? (float)value.GetDouble() : null;
        return new OptimizerOptions
        {
            Name = options.GetProperty("name").GetString()!,
            LearningRate = Value("learning_rate")!.Value,
            Momentum = Value("momentum") ?? 0f,
            Dampening = Value("dampening") ?? 0f,
            WeightDecay = Value("weight_decay") ?? float.NaN,
            ClipNorm = Value("clip_norm"),
            ClipValue = Value("clip_value"),
        };
    }
}
