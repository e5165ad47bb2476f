using System.Text.Json;
using Hebb.Schedules;

namespace Hebb.Tests.Reference;

/// <summary>
/// Every schedule's rate in each of 24 epochs equals torch.optim.lr_scheduler's for the same settings (with and
/// without warm-up; reduce-on-plateau on a fixed loss sequence); values from
/// <c>tools/reference/make_schedule_golden.py</c> in <c>TestData/reference/schedules.json</c>.
/// </summary>
public class ScheduleReferenceTests
{
    private static readonly Lazy<JsonElement> Document = new(() => JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "reference", "schedules.json"))).RootElement);

    private static JsonElement Root => Document.Value;

    public static TheoryData<string> Cases() => new(Root.GetProperty("cases").EnumerateObject().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheRateOfEveryEpochIsTorchs(string key)
    {
        var @case = Root.GetProperty("cases").GetProperty(key);
        var expected = @case.GetProperty("rates").EnumerateArray().Select(rate => rate.GetDouble()).ToArray();
        var losses = Root.GetProperty("losses").EnumerateArray().Select(loss => loss.GetDouble()).ToArray();
        var schedule = Options(@case.GetProperty("options"))
            .Create((float)Root.GetProperty("base_learning_rate").GetDouble(), Root.GetProperty("epochs").GetInt32());
        for (int epoch = 0; epoch < expected.Length; epoch++)
        {
            float rate = schedule.RateFor(epoch);
            Assert.True(Math.Abs(rate - expected[epoch]) <= 1e-6 * expected[epoch] + 1e-12,
                $"{key}, epoch {epoch}: torch gives {expected[epoch]:R}, Hebb {rate:R}");
            schedule.Observe(epoch, losses[epoch]);
        }
    }

    private static ScheduleOptions Options(JsonElement options)
    {
        double? Value(string name) => options.TryGetProperty(name, out var value) ? value.GetDouble() : null;
        var defaults = new ScheduleOptions();
        return new ScheduleOptions
        {
            Name = options.GetProperty("name").GetString()!,
            Warmup = (int)(Value("warmup") ?? 0),
            StepSize = (int)(Value("step_size") ?? defaults.StepSize),
            Gamma = Value("gamma"),
            TMax = (int?)Value("t_max"),
            MinLearningRate = Value("eta_min") ?? Value("min_lr") ?? 0,
            Factor = Value("factor") ?? defaults.Factor,
            Patience = (int)(Value("patience") ?? defaults.Patience),
            Threshold = Value("threshold") ?? defaults.Threshold,
            Cooldown = (int)(Value("cooldown") ?? defaults.Cooldown),
        };
    }
}
