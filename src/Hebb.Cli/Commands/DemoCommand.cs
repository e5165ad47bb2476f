using System.CommandLine;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb demo</c>: the course note's classic examples, run as the note runs them.</summary>
internal static class DemoCommand
{
    public static Command Create(CommandContext context) =>
        new("demo", "Run the course note's classic examples: the perceptron on iris, and XOR")
        {
            DemoPerceptronCommand.Create(context),
            DemoXorCommand.Create(context),
        };
}
