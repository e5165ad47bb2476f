namespace Hebb.Layers;

/// <summary>Puts every layer of a model in evaluation mode until disposed, then gives each back the mode it had.</summary>
internal sealed class EvaluationMode : IDisposable
{
    private readonly IReadOnlyList<Layer> layers;
    private readonly bool[] modes;

    private EvaluationMode(Sequential model)
    {
        layers = model.Layers;
        modes = layers.Select(layer => layer.IsTraining).ToArray();
        model.IsTraining = false;
    }

    public static EvaluationMode Of(Sequential model) => new(model);

    public void Dispose()
    {
        for (int i = 0; i < modes.Length; i++) layers[i].IsTraining = modes[i];
    }
}
