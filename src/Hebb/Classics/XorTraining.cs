using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Layers;
using Hebb.Losses;
using Hebb.Optimizers;
using Hebb.Tensors;

namespace Hebb.Classics;

/// <summary>
/// What a single perceptron cannot do and a multilayer one learns: XOR, by backpropagation from a seeded random
/// start. The network is 2 → hidden → 1 logit; the output is σ(logit), read as "XOR is 1" above 0.5.
/// </summary>
public static class XorTraining
{
    /// <summary>Trains a fresh network on the four XOR points until its loss is below <see cref="XorTrainingOptions.TargetLoss"/>
    /// or <see cref="XorTrainingOptions.MaxSteps"/> have run; <paramref name="options"/> defaults to the note's settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static XorTrainingResult Train(XorTrainingOptions? options = null)
    {
        options ??= new XorTrainingOptions();
        options.Validate();
        var random = new SeededRandom(options.Seed);
        var model = new Sequential(
            new Dense(2, options.HiddenWidth, options.HiddenActivation, random),
            new Dense(options.HiddenWidth, 1, Activation.Identity, random));
        var optimizer = new Sgd(model.Parameters, options.LearningRate, options.Momentum);
        var inputs = XorNetwork.Inputs;
        var targets = new Tensor(XorNetwork.Targets.Select(target => (float)target).ToArray(), 4, 1);

        for (int steps = 0; ; steps++)
        {
            var loss = Loss.BinaryCrossEntropyWithLogits(model.Forward(inputs), targets);
            if (loss.Data[0] < options.TargetLoss || steps == options.MaxSteps)
                return new XorTrainingResult(model, steps, loss.Data[0], Outputs(model, inputs));
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }
    }

    /// <summary>σ of the network's logit for each row of <paramref name="inputs"/>.</summary>
    public static float[] Outputs(Sequential model, Tensor inputs)
    {
        using var _ = Autograd.NoGradient();
        return Activation.Sigmoid.Apply(model.Forward(inputs)).Data;
    }
}
