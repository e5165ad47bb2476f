"""ONNX files exported by PyTorch, with PyTorch's outputs for fixed inputs: the test data of Hebb's ONNX import.

Run with Debian's python3-torch 1.13 (no onnx package needed):
    /usr/bin/python3 tools/reference/make_onnx_reference.py
Writes tests/Hebb.Tests/TestData/onnx/NAME.onnx and NAME.json ({"inputs": [[...]], "outputs": [[...]]}).
"""
import json
import pathlib

import torch
from torch import nn

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "Hebb.Tests" / "TestData" / "onnx"
SAMPLES = 32


class MatMulAdd(nn.Module):
    """x @ W + b written out, so that the export is MatMul + Add with W stored [inputs, outputs]."""

    def __init__(self, inputs, outputs):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(inputs, outputs) * 0.3)
        self.bias = nn.Parameter(torch.randn(outputs) * 0.1)

    def forward(self, x):
        return torch.matmul(x, self.weight) + self.bias


class AddMm(MatMulAdd):
    """torch.addmm(b, x, W): exported as Gemm without transB, W stored [inputs, outputs]."""

    def forward(self, x):
        return torch.addmm(self.bias, x, self.weight)


class Channels(nn.Module):
    """[N, features] -> [N, 1, features], for a convolution."""

    def forward(self, x):
        return x.unsqueeze(1)


class Residual(nn.Module):
    """x + relu(Wx + b): not a chain, which Hebb's import must refuse."""

    def __init__(self, width):
        super().__init__()
        self.linear = nn.Linear(width, width)

    def forward(self, x):
        return x + torch.relu(self.linear(x))


def models():
    """Name, features per sample, and the model's constructor (called after seeding, with PyTorch's initialisation)."""
    yield "gemm_relu_tanh", 20, lambda: nn.Sequential(nn.Linear(20, 16), nn.ReLU(), nn.Linear(16, 8), nn.Tanh(), nn.Linear(8, 4))
    yield "gemm_sigmoid_elu", 12, lambda: nn.Sequential(nn.Linear(12, 10), nn.Sigmoid(), nn.Linear(10, 6), nn.ELU(), nn.Linear(6, 3))
    yield "gemm_leaky_identity_softmax", 10, lambda: nn.Sequential(
        nn.Flatten(), nn.Linear(10, 8), nn.LeakyReLU(), nn.Linear(8, 8), nn.Identity(), nn.Linear(8, 5), nn.Softmax(dim=1))
    yield "matmul_add", 9, lambda: nn.Sequential(MatMulAdd(9, 7), nn.ReLU(), MatMulAdd(7, 3))
    yield "addmm", 6, lambda: nn.Sequential(AddMm(6, 5), nn.Tanh(), AddMm(5, 2))
    yield "mnist_relu", 784, lambda: nn.Sequential(nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 10))
    yield "unsupported_conv", 8, lambda: nn.Sequential(Channels(), nn.Conv1d(1, 2, 3), nn.Flatten(), nn.Linear(12, 2))
    yield "not_a_chain", 5, lambda: nn.Sequential(Residual(5), nn.Linear(5, 2))
    # Evaluation mode: batch normalization by its running statistics, dropout the identity (the exporter drops it).
    yield "gemm_batchnorm_dropout", 20, lambda: with_statistics(nn.Sequential(
        nn.Linear(20, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.3), nn.Linear(16, 8), nn.BatchNorm1d(8), nn.Tanh(),
        nn.Linear(8, 4)))
    yield "batchnorm_first", 12, lambda: with_statistics(nn.Sequential(
        nn.BatchNorm1d(12), nn.Linear(12, 6), nn.ELU(), nn.Dropout(0.5), nn.Linear(6, 3)))


def with_statistics(model):
    """Running statistics, scale and shift away from their fresh values, so that a wrong wiring of them shows."""
    with torch.no_grad():
        for layer in model:
            if isinstance(layer, nn.BatchNorm1d):
                layer.running_mean.uniform_(-0.5, 0.5)
                layer.running_var.uniform_(0.25, 1.25)
                layer.weight.uniform_(0.5, 1.5)
                layer.bias.uniform_(-0.5, 0.5)
    return model


def rounded(tensor):
    """Nine significant digits: enough to give back every float32 exactly."""
    return [[float(f"{value:.9g}") for value in row] for row in tensor.tolist()]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for index, (name, features, create) in enumerate(models()):
        torch.manual_seed(1000 + index)
        model = create()
        model.eval()
        # Pixels in [0, 1) for the MNIST-shaped model, as its inputs would be; standard normal elsewhere.
        inputs = torch.rand(SAMPLES, features) if features == 784 else torch.randn(SAMPLES, features)
        with torch.no_grad():
            outputs = model(inputs)
        torch.onnx.export(model, inputs[:1], OUT / f"{name}.onnx", opset_version=13,
                          input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
        with open(OUT / f"{name}.json", "w") as file:
            json.dump({"torch": torch.__version__, "inputs": rounded(inputs), "outputs": rounded(outputs)}, file)
        print(name, tuple(inputs.shape), "->", tuple(outputs.shape))


if __name__ == "__main__":
    main()
