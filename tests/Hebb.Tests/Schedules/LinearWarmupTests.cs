using Hebb.Schedules;

namespace Hebb.Tests.Schedules;

/// <summary>The warm-up in front of a schedule, by the closed form of torch's LinearLR.</summary>
public class LinearWarmupTests
{
    [Fact]
    public void WarmsUpLinearlyFromAThirdThenRunsTheScheduleFromItsStart()
    {
        var schedule = new ScheduleOptions { Warmup = 3 }.Create(0.3f, epochs: 6);
        Assert.Equal([0.1f, 0.1666667f, 0.2333333f, 0.3f, 0.3f, 0.3f], Enumerable.Range(0, 6).Select(schedule.RateFor).ToArray(),
            (a, b) => Math.Abs(a - b) < 1e-6f);
        Assert.Equal(3, schedule.Settings["warmup"]);
    }

    [Fact]
    public void AConstantScheduleGivesTheBaseRate() =>
        Assert.Equal(0.01f, new ScheduleOptions().Create(0.01f, epochs: 5).RateFor(4));

    [Fact]
    public void ANegativeWarmupIsRefusedByName() =>
        Assert.Equal("Warmup", Assert.ThrowsAny<ArgumentException>(new ScheduleOptions { Warmup = -1 }.Validate).ParamName);
}
