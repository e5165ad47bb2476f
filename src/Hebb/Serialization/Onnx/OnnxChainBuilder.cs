using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Layers;
using Hebb.Tensors;
using Onnx;

namespace Hebb.Serialization.Onnx;

/// <summary>
/// Turns the nodes of a chain, in order, into layers: a linear node (<c>Gemm</c>, or <c>MatMul</c> then <c>Add</c>)
/// opens a dense layer and <c>BatchNormalization</c> a batch normalization layer; an activation node closes the
/// open layer, and the next such node closes it with no activation. Checks each weight's shape against the width
/// that reaches it.
/// </summary>
internal sealed class OnnxChainBuilder(string path, IReadOnlyDictionary<string, TensorProto> initializers, int? inputFeatures, bool inputNeedsFlatten)
{
    private readonly List<Layer> layers = [];
    // A softmax is held back until the next node: at the end of the chain it is left out, elsewhere it is an activation.
    private NodeProto? pendingSoftmax;
    private bool flattened = !inputNeedsFlatten;
    private Tensor? weights;
    private Tensor? biases;
    // γ, β, running mean and running variance of an open batch normalization.
    private Tensor[]? normalization;
    private NodeProto? matMulAwaitingBias;
    private int? width = inputFeatures;

    /// <summary>The operators a chain may hold, as errors list them.</summary>
    public static IReadOnlyList<string> Operators { get; } =
        ["Gemm", "MatMul", "Add", "BatchNormalization", "Relu", "LeakyRelu", "Elu", "Tanh", "Sigmoid", "Softmax", "LogSoftmax", "Identity", "Flatten"];

    public void Add(NodeProto node)
    {
        if (node.OpType == "Identity") return;
        if (pendingSoftmax is not null) CloseWith(pendingSoftmax, OnnxActivations.Of(pendingSoftmax, path)!);
        pendingSoftmax = null;
        switch (node.OpType)
        {
            case "Gemm": OpenGemm(node); return;
            case "MatMul": OpenMatMul(node); return;
            case "Add" when matMulAwaitingBias is not null: AddBias(node); return;
            case "BatchNormalization": OpenBatchNormalization(node); return;
            case "Flatten" when layers.Count == 0 && !LayerOpen: Flatten(node); return;
        }
        var activation = OnnxActivations.Of(node, path)
            ?? throw new InvalidFileException(path, OnnxNodes.Describe(node),
                $"expected {node.OpType} only {(node.OpType == "Add" ? "as the bias of a MatMul" : "on the input, before the first layer")}");
        if (!LayerOpen)
            throw new InvalidFileException(path, OnnxNodes.Describe(node), "expected an activation after a Gemm, MatMul or BatchNormalization, found it after another activation or at the input");
        if (activation is Softmax or LogSoftmax) pendingSoftmax = node;
        else CloseWith(node, activation);
    }

    /// <summary>The layers read, the last one ending in logits.</summary>
    public OnnxImportResult Build()
    {
        CloseOpenLayer();
        if (!layers.OfType<Dense>().Any())
            throw new InvalidFileException(path, "graph", "expected at least one Gemm or MatMul node, found none");
        return new OnnxImportResult(path, new Sequential([.. layers]), pendingSoftmax is null ? null : OnnxNodes.Describe(pendingSoftmax));
    }

    private void OpenGemm(NodeProto node)
    {
        CloseOpenLayer();
        string described = OnnxNodes.Describe(node);
        if (OnnxNodes.Float(node, "alpha", 1f, path) != 1f || OnnxNodes.Float(node, "beta", 1f, path) != 1f || OnnxNodes.Int(node, "transA", 0, path) != 0)
            throw new InvalidFileException(path, described, "expected alpha 1, beta 1 and transA 0 (x·W + b, as a linear layer is exported)");
        bool transposed = OnnxNodes.Int(node, "transB", 0, path) != 0;
        var matrix = Initializer(node, 1, described);
        if (matrix.Rank != 2)
            throw new InvalidFileException(path, $"{described} input B", $"expected a weight matrix, found shape {matrix.ShapeString}");
        Open(node, transposed ? Ops.Transpose(matrix) : matrix);
        if (node.Input.Count > 2 && node.Input[2].Length > 0)
            biases = Bias(Initializer(node, 2, described), node);
    }

    private void OpenMatMul(NodeProto node)
    {
        CloseOpenLayer();
        var matrix = Initializer(node, 1, OnnxNodes.Describe(node));
        if (matrix.Rank != 2)
            throw new InvalidFileException(path, $"{OnnxNodes.Describe(node)} input B", $"expected a weight matrix [inputs, outputs], found shape {matrix.ShapeString}");
        Open(node, matrix);
        matMulAwaitingBias = node;
    }

    /// <summary>Batch normalization in evaluation: over the running statistics, with PyTorch's ε (Hebb's), which is all
    /// a model file records of it.</summary>
    private void OpenBatchNormalization(NodeProto node)
    {
        CloseOpenLayer();
        string described = OnnxNodes.Describe(node);
        float epsilon = OnnxNodes.Float(node, "epsilon", 1e-5f, path);
        if (epsilon != BatchNorm.Epsilon)
            throw new InvalidFileException(path, $"{described} attribute 'epsilon'", $"expected {BatchNorm.Epsilon} (Hebb's batch normalization keeps PyTorch's default), found {epsilon}");
        if (OnnxNodes.Int(node, "training_mode", 0, path) != 0 || node.Output.Count > 1)
            throw new InvalidFileException(path, described, "expected batch normalization in inference mode (one output, no training_mode), as an exported model in eval() has it");
        if (!flattened)
            throw new InvalidFileException(path, described, "expected a Flatten of the input (of more than two dimensions) before the first layer");
        var values = new Tensor[4];
        string[] roles = ["scale", "B", "input_mean", "input_var"];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Initializer(node, i + 1, described);
            int features = width ?? values[0].Length;
            if (values[i].Length != features || values[i].Rank != 1)
                throw new InvalidFileException(path, $"{described} input {roles[i]}", $"expected shape [{features}], the width that reaches it, found {values[i].ShapeString}");
        }
        normalization = values;
    }

    private void AddBias(NodeProto node)
    {
        string? name = node.Input.FirstOrDefault(initializers.ContainsKey);
        if (name is null || node.Input.Count != 2)
            throw new InvalidFileException(path, OnnxNodes.Describe(node), "expected the output of a MatMul plus a bias initializer");
        biases = Bias(OnnxTensors.ToTensor(initializers[name], path), node);
        matMulAwaitingBias = null;
    }

    private void Flatten(NodeProto node)
    {
        long axis = OnnxNodes.Int(node, "axis", 1, path);
        if (axis != 1)
            throw new InvalidFileException(path, $"{OnnxNodes.Describe(node)} attribute 'axis'", $"expected 1 (one row of features per sample), found {axis}");
        flattened = true;
    }

    private void Open(NodeProto node, Tensor matrix)
    {
        if (!flattened)
            throw new InvalidFileException(path, OnnxNodes.Describe(node), "expected a Flatten of the input (of more than two dimensions) before the first layer");
        if (width is int expected && matrix.Shape[0] != expected)
            throw new InvalidFileException(path, $"{OnnxNodes.Describe(node)} weights",
                $"expected {expected} inputs, the width that reaches it, found shape {matrix.ShapeString} (as [inputs, outputs])");
        weights = matrix;
        biases = Tensor.Zeros(matrix.Shape[1]);
    }

    private Tensor Bias(Tensor bias, NodeProto node)
    {
        int outputs = weights!.Shape[1];
        if (bias.Length != outputs || bias.Rank > 2 || (bias.Rank == 2 && bias.Shape[0] != 1))
            throw new InvalidFileException(path, $"{OnnxNodes.Describe(node)} bias", $"expected shape [{outputs}], found {bias.ShapeString}");
        return new Tensor(bias.Data, outputs);
    }

    private bool LayerOpen => weights is not null || normalization is not null;

    private void CloseOpenLayer()
    {
        if (LayerOpen) CloseWith(null, Activation.Identity);
    }

    private void CloseWith(NodeProto? node, Activation activation)
    {
        if (!LayerOpen)
            throw new InvalidFileException(path, OnnxNodes.Describe(node!), "expected an activation after a Gemm, MatMul or BatchNormalization, found it after another activation");
        Layer layer = weights is not null
            ? new Dense(weights, biases!, activation)
            : new BatchNorm(normalization![0], normalization[1], normalization[2], normalization[3], activation);
        layers.Add(layer);
        width = ((IKernelLayer)layer).OutputWidth(width ?? 0);
        weights = biases = null;
        normalization = null;
        matMulAwaitingBias = null;
    }

    private Tensor Initializer(NodeProto node, int index, string described)
    {
        if (node.Input.Count <= index || !initializers.TryGetValue(node.Input[index], out var initializer))
            throw new InvalidFileException(path, $"{described} input {index}", "expected an initializer (the layer's trained weights)");
        return OnnxTensors.ToTensor(initializer, path);
    }
}
