using System.CommandLine;
using Hebb.Schedules;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb train</c>'s learning-rate schedule options: --schedule, --warmup and the schedules' parameters.
/// Only parsing: the checks and the defaults are <see cref="ScheduleOptions"/>'s.</summary>
internal sealed class ScheduleArguments
{
    private static readonly ScheduleOptions Defaults = new();

    private readonly Option<string> name = new("--schedule")
    {
        Description = "The learning rate per epoch, as torch.optim.lr_scheduler's: constant, step (StepLR), exponential " +
                      "(ExponentialLR), cosine (CosineAnnealingLR) or plateau (ReduceLROnPlateau on the validation loss, " +
                      "else the training loss)",
        DefaultValueFactory = _ => "constant",
    };

    private readonly Option<int> warmup = new("--warmup")
    {
        Description = "Epochs of linear warm-up in front of the schedule, from a third of the learning rate (LinearLR's start factor) (default 0)",
        HelpName = "EPOCHS",
    };

    private readonly Option<int> stepSize = new("--step-size")
    {
        Description = $"step: epochs between two reductions (default {Defaults.StepSize})", DefaultValueFactory = _ => Defaults.StepSize,
    };

    private readonly Option<double?> gamma = new("--gamma")
    {
        Description = "step and exponential: the factor per reduction (default 0.1 for step, 0.95 for exponential)",
    };

    private readonly Option<int?> tMax = new("--t-max")
    {
        Description = "cosine: epochs from the learning rate down to --min-learning-rate (default: the epochs after the warm-up)",
        HelpName = "EPOCHS",
    };

    private readonly Option<double> minLearningRate = new("--min-learning-rate")
    {
        Description = "cosine and plateau: the lowest learning rate (default 0)",
    };

    private readonly Option<double> factor = new("--factor")
    {
        Description = $"plateau: the factor per reduction (default {Defaults.Factor})", DefaultValueFactory = _ => Defaults.Factor,
    };

    private readonly Option<int> patience = new("--patience")
    {
        Description = $"plateau: epochs without improvement before a reduction (default {Defaults.Patience})",
        DefaultValueFactory = _ => Defaults.Patience,
    };

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [name, warmup, stepSize, gamma, tMax, minLearningRate, factor, patience];

    /// <summary>The schedule <paramref name="parsed"/> asks for; a usage error naming the option when a value is out of range.</summary>
    public ScheduleOptions Parse(ParseResult parsed)
    {
        var options = new ScheduleOptions
        {
            Name = parsed.GetValue(name)!,
            Warmup = parsed.GetValue(warmup),
            StepSize = parsed.GetValue(stepSize),
            Gamma = parsed.GetValue(gamma),
            TMax = parsed.GetValue(tMax),
            MinLearningRate = parsed.GetValue(minLearningRate),
            Factor = parsed.GetValue(factor),
            Patience = parsed.GetValue(patience),
        };
        UsageErrors.Check(options.Validate, new Dictionary<string, string>
        {
            [nameof(ScheduleOptions.Name)] = "--schedule", [nameof(ScheduleOptions.Warmup)] = "--warmup",
            [nameof(ScheduleOptions.StepSize)] = "--step-size", [nameof(ScheduleOptions.Gamma)] = "--gamma",
            [nameof(ScheduleOptions.TMax)] = "--t-max", [nameof(ScheduleOptions.MinLearningRate)] = "--min-learning-rate",
            [nameof(ScheduleOptions.Factor)] = "--factor", [nameof(ScheduleOptions.Patience)] = "--patience",
        });
        return options;
    }
}
