#!/usr/bin/env python3
"""Write PyTorch's losses and weights for 5 SGD steps of a small regression network, which Hebb's regression
training tests compare against.

Run from the repository root, with Debian's PyTorch (apt-get install -y python3-torch):

    /usr/bin/python3 tools/reference/make_regression_golden.py

It writes tests/Hebb.Tests/TestData/reference/regression.json (or the path given as the first argument),
deterministically, with torch 1.13.0a0 (Debian 12's python3-torch), one thread.

The network is 4 -> 6 tanh -> 1 linear output, a dense layer computing y = x . W + b with W stored [in, out]
(the transpose of torch.nn.Linear's weight), as in make_golden.py. Step s (0-based) takes torch.nn.functional.mse_loss
(the mean over the batch) of the output against rows 8*(s%2) .. 8*(s%2)+7 of the targets, back-propagates and takes
a plain SGD step at 0.05.
"""

import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_default_dtype(torch.float32)

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "tests", "Hebb.Tests", "TestData", "reference", "regression.json")

LAYERS = [("hidden1", 4, 6), ("outputs", 6, 1)]
STEPS = 5
ROWS = 16
BATCH = 8
LEARNING_RATE = 0.05


def tensor(t):
    """A float32 tensor as {"shape": [...], "data": [row-major flat list]}."""
    t = t.detach()
    assert t.dtype == torch.float32, t.dtype
    flat = [float(v) for v in t.contiguous().reshape(-1).tolist()]
    assert all(np.isfinite(v) for v in flat), "non-finite value in reference data"
    return {"shape": list(t.shape), "data": flat}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    torch.manual_seed(2026)
    initial = {}
    for name, n_in, n_out in LAYERS:
        initial[name + "/weights"] = torch.randn(n_in, n_out) * 0.5
        initial[name + "/biases"] = torch.randn(n_out) * 0.1
    x = torch.randn(ROWS, 4)
    targets = x @ torch.tensor([1.0, -2.0, 0.5, 0.0]) + 0.3 * torch.randn(ROWS)
    params = {k: v.clone().requires_grad_(True) for k, v in initial.items()}
    optimizer = torch.optim.SGD(list(params.values()), lr=LEARNING_RATE)
    losses = []
    for step in range(STEPS):
        rows = slice(BATCH * (step % 2), BATCH * (step % 2) + BATCH)
        h = torch.tanh(x[rows] @ params["hidden1/weights"] + params["hidden1/biases"])
        output = h @ params["outputs/weights"] + params["outputs/biases"]
        loss = F.mse_loss(output.reshape(-1), targets[rows])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(float(loss.item()))
    document = {
        "torch_version": torch.__version__,
        "steps": STEPS,
        "batch_size": BATCH,
        "learning_rate": LEARNING_RATE,
        "x": tensor(x),
        "targets": tensor(targets),
        "initial_parameters": {k: tensor(v) for k, v in initial.items()},
        "losses": losses,
        "parameters_after": {k: tensor(v) for k, v in params.items()},
    }
    with open(out, "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
