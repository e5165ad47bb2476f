// System.Numerics.Tensors also defines a type named Tensor; Hebb imports only the kernels it uses.
global using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
