using Hebb.Autodiff;
using Hebb.Data;
using Hebb.Serialization;
using Hebb.Tensors;

namespace Hebb.Examples;

/// <summary>Block 13 of the note: restore the saved model in a new session, compute the logits of the first
/// 20 test images and take the argmax of each.</summary>
public static class RestoreAndPredict
{
    public static void Run(TextWriter output, string modelPath)
    {
        var dnn = ModelFile.Load(modelPath).Model;
        var test = MnistData.LoadBuiltInSample().Test;

        Tensor logits;
        using (Autograd.NoGradient()) logits = dnn.Forward(test.Features(0, 20));
        int[] predicted = Ops.ArgMax(logits, axis: 1);
        int[] actual = test.LabelArray(0, 20);

        output.WriteLine($"Predicted classes: {string.Join(" ", predicted)}");
        output.WriteLine($"Actual classes:    {string.Join(" ", actual)}");
        output.WriteLine($"{predicted.Zip(actual).Count(pair => pair.First == pair.Second)} of 20 right");
    }
}
