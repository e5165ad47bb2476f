namespace Hebb.Data;

/// <summary>What a data set's samples are to be mapped to, which chooses the output and the loss a model trains with.</summary>
public enum LearningTask
{
    /// <summary>A class index per sample: logits out, softmax cross-entropy.</summary>
    Classification,

    /// <summary>A real target per sample: a linear output, mean squared error.</summary>
    Regression,
}
