using Hebb.Activations;
using Hebb.Tensors;
using Hebb.Tuning;

namespace Hebb.Tests.Tuning;

public sealed class SearchSpaceTests
{
    private const int Draws = 4000;

    private static List<TrialConfiguration> DrawMany(SearchSpace space)
    {
        var random = new SeededRandom(3);
        return Enumerable.Range(0, Draws).Select(_ => space.Draw(random, 784, 10)).ToList();
    }

    [Fact]
    public void EveryDrawLiesInTheDefaultSpaceAndTheWholeSpaceIsDrawn()
    {
        var space = new SearchSpace();

        var drawn = DrawMany(space);

        foreach (var configuration in drawn)
        {
            Assert.Equal((784, 10), (configuration.Inputs, configuration.Outputs));
            Assert.InRange(configuration.HiddenWidths.Count, 1, 4);
            Assert.All(configuration.HiddenWidths, width => Assert.InRange(width, 16, 512));
            for (int i = 1; i < configuration.HiddenWidths.Count; i++)
                Assert.True(configuration.HiddenWidths[i] <= configuration.HiddenWidths[i - 1], $"not a funnel: {configuration}");
            Assert.Contains(configuration.HiddenActivation, SearchSpace.HiddenActivations);
            Assert.InRange(configuration.LearningRate, 1e-3f, 0.3f);
        }
        Assert.Equal([1, 2, 3, 4], drawn.Select(c => c.HiddenWidths.Count).Distinct().Order());
        Assert.Equal(SearchSpace.HiddenActivations.Select(a => a.Name).Order(), drawn.Select(c => c.HiddenActivation.Name).Distinct().Order());
        Assert.Equal(16, drawn.Min(c => c.HiddenWidths[^1]));
        Assert.InRange(drawn.Max(c => c.HiddenWidths[0]), 480, 512);
    }

    [Fact]
    public void WidthsAndLearningRatesAreLogUniform()
    {
        var drawn = DrawMany(new SearchSpace());

        // Log-uniform: half the draws fall below the geometric mean of the bounds (uniform: under a sixth of them would).
        var singleWidths = drawn.Where(c => c.HiddenWidths.Count == 1).Select(c => c.HiddenWidths[0]).ToList();
        Assert.InRange(singleWidths.Count(width => width < Math.Sqrt(16 * 513)) / (double)singleWidths.Count, 0.45, 0.55);
        Assert.InRange(drawn.Count(c => c.LearningRate < Math.Sqrt(1e-3 * 0.3)) / (double)Draws, 0.46, 0.54);
    }

    [Fact]
    public void LearningRatesHaveThreeSignificantDigitsSoThatThePrintedRateIsTheRate()
    {
        foreach (var configuration in DrawMany(new SearchSpace()))
        {
            string printed = configuration.LearningRate.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(printed.TrimStart('0', '.').Length <= 3, $"{printed} has more than three significant digits");
            Assert.Equal(configuration.LearningRate, float.Parse(printed, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void ANarrowedSpaceIsRespected()
    {
        var space = new SearchSpace
        {
            MinHiddenLayers = 2, MaxHiddenLayers = 2, MinWidth = 32, MaxWidth = 32,
            Activations = [Activation.Relu], MinLearningRate = 0.01, MaxLearningRate = 0.01,
        };

        Assert.Equal("784-32-32-10 relu lr=0.01", space.Draw(new SeededRandom(3), 784, 10).ToString());
    }

    public static TheoryData<SearchSpace> Invalid => new()
    {
        new SearchSpace { MinHiddenLayers = 0 },
        new SearchSpace { MinHiddenLayers = 3, MaxHiddenLayers = 2 },
        new SearchSpace { MinWidth = 0 },
        new SearchSpace { MinWidth = 64, MaxWidth = 32 },
        new SearchSpace { MinLearningRate = 0 },
        new SearchSpace { MinLearningRate = 0.1, MaxLearningRate = 0.01 },
        new SearchSpace { MaxLearningRate = double.PositiveInfinity },
        new SearchSpace { Activations = [] },
        new SearchSpace { Activations = [Activation.Relu, Activation.Softmax] },
        new SearchSpace { Activations = [Activation.Identity] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void AnImpossibleSpaceIsRejected(SearchSpace space) =>
        Assert.ThrowsAny<ArgumentException>(space.Validate);
}
