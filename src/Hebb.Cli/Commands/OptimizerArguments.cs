using System.CommandLine;
using Hebb.Optimizers;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb train</c>'s optimiser options: --optimizer, --momentum, --weight-decay, --clip-norm, --clip-value.
/// Only parsing: the checks and the defaults are <see cref="OptimizerOptions"/>'s.</summary>
internal sealed class OptimizerArguments
{
    private readonly Option<string> name = new("--optimizer")
    {
        Description = $"The optimizer, with PyTorch's update rule and defaults: {string.Join(", ", OptimizerOptions.Names)}",
        DefaultValueFactory = _ => "sgd",
    };

    private readonly Option<float?> momentum = new("--momentum")
    {
        Description = "Momentum of sgd, momentum, nesterov or rmsprop (default 0; 0.9 for momentum and nesterov)",
    };

    private readonly Option<float?> weightDecay = new("--weight-decay")
    {
        Description = "Weight decay: an L2 term in the gradient, decoupled for adamw (default 0; 0.01 for adamw)",
    };

    private readonly Option<float?> clipNorm = new("--clip-norm")
    {
        Description = "Scale the gradients down to this global L2 norm before each step (default: no clipping)",
        HelpName = "NORM",
    };

    private readonly Option<float?> clipValue = new("--clip-value")
    {
        Description = "Clamp each gradient value to [-VALUE, VALUE] before each step (default: no clipping)",
        HelpName = "VALUE",
    };

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [name, momentum, weightDecay, clipNorm, clipValue];

    /// <summary>The optimiser <paramref name="parsed"/> asks for at <paramref name="learningRate"/>, <paramref name="defaults"/>'s
    /// name and weight decay where --optimizer and --weight-decay are not given (a table's); a usage error naming the option
    /// when a value is out of range.</summary>
    public OptimizerOptions Parse(ParseResult parsed, float learningRate, (string Name, float WeightDecay)? defaults = null)
    {
        bool NotGiven(Option option) => defaults is not null && parsed.GetResult(option) is not { Implicit: false };
        var options = new OptimizerOptions
        {
            Name = NotGiven(name) ? defaults!.Value.Name : parsed.GetValue(name)!,
            LearningRate = learningRate,
            Momentum = parsed.GetValue(momentum) ?? 0f,
            WeightDecay = NotGiven(weightDecay) ? defaults!.Value.WeightDecay : parsed.GetValue(weightDecay) ?? float.NaN,
            ClipNorm = parsed.GetValue(clipNorm),
            ClipValue = parsed.GetValue(clipValue),
        };
        UsageErrors.Check(options.Validate, new Dictionary<string, string>
        {
            [nameof(OptimizerOptions.Name)] = "--optimizer", [nameof(OptimizerOptions.LearningRate)] = "--learning-rate",
            [nameof(OptimizerOptions.Momentum)] = "--momentum", [nameof(OptimizerOptions.WeightDecay)] = "--weight-decay",
            [nameof(OptimizerOptions.ClipNorm)] = "--clip-norm", [nameof(OptimizerOptions.ClipValue)] = "--clip-value",
        });
        return options;
    }
}
