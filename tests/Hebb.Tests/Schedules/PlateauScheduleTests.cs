using Hebb.Schedules;

namespace Hebb.Tests.Schedules;

/// <summary>Reduce-on-plateau's saved state carries on its rates, and a damaged state is refused by name.</summary>
public class PlateauScheduleTests
{
    private static readonly double[] Losses = [1.0, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.7, 0.7];

    [Fact]
    public void RatesAfterALoadedStateEqualUninterruptedRates()
    {
        var options = new ScheduleOptions { Name = "plateau", Patience = 1, Cooldown = 1, Warmup = 1 };
        var straight = options.Create(0.1f, Losses.Length);
        var expected = Losses.Select((loss, epoch) => { float rate = straight.RateFor(epoch); straight.Observe(epoch, loss); return rate; }).ToArray();

        var first = options.Create(0.1f, Losses.Length);
        for (int epoch = 0; epoch < 6; epoch++) first.Observe(epoch, Losses[epoch]);
        var resumed = options.Create(0.1f, Losses.Length);
        resumed.LoadState(first.SaveState());
        var rest = Enumerable.Range(6, Losses.Length - 6).Select(epoch => { float rate = resumed.RateFor(epoch); resumed.Observe(epoch, Losses[epoch]); return rate; });
        Assert.Equal(expected[6..], rest);
        Assert.True(expected[^1] < 0.1f);
    }

    [Fact]
    public void AStateWithoutItsRateIsRefusedNamingIt()
    {
        var schedule = new ScheduleOptions { Name = "plateau" }.Create(0.1f, 5);
        var error = Assert.Throws<InvalidDataException>(() => schedule.LoadState(new ScheduleState(new Dictionary<string, double>())));
        Assert.Contains("'lr' is missing", error.Message);
    }
}
