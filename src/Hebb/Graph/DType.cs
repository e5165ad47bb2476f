namespace Hebb.Graph;

/// <summary>
/// The element type of a <see cref="GraphTensor"/>, as TensorFlow's dtypes. A session holds values of every
/// type in Hebb's float32 tensors: int64 and bool values are whole numbers (class indices, 0 and 1), which
/// float32 holds exactly up to 2²⁴.
/// </summary>
public enum DType
{
    /// <summary>32-bit floats: inputs, weights, logits, losses.</summary>
    Float32,

    /// <summary>Integers, such as class labels (the note's <c>tf.int64</c>).</summary>
    Int64,

    /// <summary>True or false, as 1 and 0, such as <c>in_top_k</c>'s result.</summary>
    Bool,
}
