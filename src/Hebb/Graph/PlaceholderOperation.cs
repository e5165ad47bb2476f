using Hebb.Tensors;

namespace Hebb.Graph;

/// <summary>A placeholder's value is what the run's <see cref="Feed"/> gives it; a placeholder left unfed is an error.</summary>
internal sealed class PlaceholderOperation : Operation
{
    public override Tensor Compute(SessionRun run, GraphTensor output) =>
        run.Feed.TryGet(output, out var fed)
            ? fed.Tensor
            : throw new GraphException(output.Name, $"placeholder not fed; expected {Expectation(output)} in the run's Feed");

    public static string Expectation(GraphTensor placeholder) => $"{placeholder.DType.Name()} values of shape {placeholder.ShapeString}";
}
