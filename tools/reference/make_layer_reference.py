#!/usr/bin/env python3
"""Write PyTorch's figures for batch normalization (BatchNorm1d followed by ReLU), which Hebb's
BatchNorm layer is compared with in tests/Hebb.Tests/Layers/BatchNormReferenceTests.cs.

Run from the repository root with Debian's PyTorch (apt-get install -y python3-torch):

    /usr/bin/python3 tools/reference/make_layer_reference.py

It writes tests/Hebb.Tests/TestData/reference/layers.json (or the path given as the first argument), in
the layout of golden.json: float32 tensors as {"shape": [...], "data": [...]}, each number the shortest
decimal that round-trips the float32 value. Deterministic for a given torch version (made with 1.13.0a0).

Set-up: x [7, 5] uniform in [-2, 2], gamma and beta random, running statistics fresh (0 and 1), one
forward pass in training mode, then the objective sum(w * relu(bn(x))) with fixed weights w is
back-propagated; then, in evaluation mode, the output on another input z from the updated running stats.
"""

import json
import os
import sys

import numpy as np
import torch

torch.set_num_threads(1)
torch.manual_seed(7)

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "tests", "Hebb.Tests", "TestData", "reference", "layers.json")


def tensor(t):
    flat = [float(v) for v in t.detach().contiguous().reshape(-1).tolist()]
    return {"shape": list(t.shape), "data": flat}


def batch_norm_case():
    x = (torch.rand(7, 5) * 4 - 2).requires_grad_(True)
    w = torch.rand(7, 5) * 2 - 1
    z = torch.rand(4, 5) * 4 - 2
    bn = torch.nn.BatchNorm1d(5, eps=1e-5, momentum=0.1)
    with torch.no_grad():
        bn.weight.copy_(torch.rand(5) + 0.5)
        bn.bias.copy_(torch.rand(5) - 0.5)
    case = {"x": tensor(x), "w": tensor(w), "z": tensor(z),
            "gamma": tensor(bn.weight), "beta": tensor(bn.bias)}
    bn.train()
    y = torch.relu(bn(x))
    (y * w).sum().backward()
    case.update({"train_output": tensor(y), "x_grad": tensor(x.grad), "gamma_grad": tensor(bn.weight.grad),
                 "beta_grad": tensor(bn.bias.grad), "running_mean": tensor(bn.running_mean),
                 "running_var": tensor(bn.running_var)})
    bn.eval()
    with torch.no_grad():
        case["eval_output"] = tensor(torch.relu(bn(z)))
    return case


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    document = {"torch_version": torch.__version__, "batch_norm_relu": batch_norm_case()}
    with open(out, "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
