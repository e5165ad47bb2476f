#!/usr/bin/env python3
"""Write PyTorch's weights after 10 optimiser steps, which Hebb's optimiser tests compare against.

Run from the repository root, with Debian's PyTorch (apt-get install -y python3-torch):

    /usr/bin/python3 tools/reference/make_optimizer_golden.py

It writes tests/Hebb.Tests/TestData/reference/optimizers.json (or the path given as the first argument),
deterministically. The committed file was made with torch 1.13.0a0 (Debian 12's python3-torch), one thread.

The network is 6 -> 5 tanh -> 4 tanh -> 3 logits, a dense layer computing y = x . W + b with W stored [in, out]
(the transpose of torch.nn.Linear's weight), as in make_golden.py. Step s (0-based) takes the mean softmax
cross-entropy over rows 8*(s%2) .. 8*(s%2)+7 of x, back-propagates, clips the gradients when the case says so
(first torch.nn.utils.clip_grad_norm_, then clip_grad_value_, as Hebb's Optimizer does) and steps the optimiser.
Each case lists the weights after 10 steps, and the optimiser's state buffers under Hebb's slot names.
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
DEFAULT_OUT = os.path.join(REPO, "tests", "Hebb.Tests", "TestData", "reference", "optimizers.json")

LAYERS = [("hidden1", 6, 5), ("hidden2", 5, 4), ("outputs", 4, 3)]
STEPS = 10
ROWS = 16
BATCH = 8

# Each case: Hebb's optimiser name and options (as OptimizerOptions names them), and the torch optimiser.
# The rates keep the 10 steps' total movement near 0.1 per weight: RMSProp's and Adagrad's first steps are about
# 10·lr and lr whatever the gradient's size, so at larger rates a weight that ends near zero after large steps shows the
# float rounding of the steps (1e-7 of each) as a relative difference above 1e-5.
CASES = [
    ("sgd", dict(name="sgd", learning_rate=0.1), lambda p: torch.optim.SGD(p, lr=0.1)),
    ("sgd_decay", dict(name="sgd", learning_rate=0.1, weight_decay=0.01),
     lambda p: torch.optim.SGD(p, lr=0.1, weight_decay=0.01)),
    ("momentum", dict(name="momentum", learning_rate=0.1, momentum=0.9),
     lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
    ("momentum_dampening_decay", dict(name="momentum", learning_rate=0.1, momentum=0.8, dampening=0.3, weight_decay=0.01),
     lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.8, dampening=0.3, weight_decay=0.01)),
    ("nesterov", dict(name="nesterov", learning_rate=0.1, momentum=0.9),
     lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True)),
    ("nesterov_decay", dict(name="nesterov", learning_rate=0.1, momentum=0.9, weight_decay=0.01),
     lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)),
    ("adam", dict(name="adam", learning_rate=0.01), lambda p: torch.optim.Adam(p, lr=0.01)),
    ("adam_decay", dict(name="adam", learning_rate=0.01, weight_decay=0.01),
     lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.01)),
    ("adamw", dict(name="adamw", learning_rate=0.01), lambda p: torch.optim.AdamW(p, lr=0.01)),
    ("adamw_decay", dict(name="adamw", learning_rate=0.01, weight_decay=0.1),
     lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1)),
    ("rmsprop", dict(name="rmsprop", learning_rate=0.001), lambda p: torch.optim.RMSprop(p, lr=0.001)),
    ("rmsprop_momentum_decay", dict(name="rmsprop", learning_rate=0.001, momentum=0.9, weight_decay=0.01),
     lambda p: torch.optim.RMSprop(p, lr=0.001, momentum=0.9, weight_decay=0.01)),
    ("adagrad", dict(name="adagrad", learning_rate=0.01), lambda p: torch.optim.Adagrad(p, lr=0.01)),
    ("adagrad_decay", dict(name="adagrad", learning_rate=0.01, weight_decay=0.01),
     lambda p: torch.optim.Adagrad(p, lr=0.01, weight_decay=0.01)),
    ("sgd_clip_norm", dict(name="sgd", learning_rate=0.1, clip_norm=0.5),
     lambda p: torch.optim.SGD(p, lr=0.1)),
    ("adam_clip_norm", dict(name="adam", learning_rate=0.01, clip_norm=0.5),
     lambda p: torch.optim.Adam(p, lr=0.01)),
    ("momentum_clip_value", dict(name="momentum", learning_rate=0.1, momentum=0.9, clip_value=0.05),
     lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
    ("adamw_clip_both", dict(name="adamw", learning_rate=0.01, clip_norm=0.5, clip_value=0.05),
     lambda p: torch.optim.AdamW(p, lr=0.01)),
]

# torch's state keys under Hebb's buffer names (Hebb keeps the step count once, not per parameter).
STATE_KEYS = ["momentum_buffer", "exp_avg", "exp_avg_sq", "square_avg", "sum"]


def tensor(t):
    """A float32 tensor as {"shape": [...], "data": [row-major flat list]}."""
    t = t.detach()
    assert t.dtype == torch.float32, t.dtype
    flat = [float(v) for v in t.contiguous().reshape(-1).tolist()]
    assert all(np.isfinite(v) for v in flat), "non-finite value in reference data"
    return {"shape": list(t.shape), "data": flat}


def initial_network():
    torch.manual_seed(2024)
    params = {}
    for name, n_in, n_out in LAYERS:
        params[name + "/weights"] = torch.randn(n_in, n_out) * 0.5
        params[name + "/biases"] = torch.randn(n_out) * 0.1
    x = torch.randn(ROWS, 6)
    labels = torch.randint(0, 3, (ROWS,))
    return params, x, labels


def run(case_options, make_optimizer, initial, x, labels):
    params = {k: v.clone().requires_grad_(True) for k, v in initial.items()}
    order = list(params)
    optimizer = make_optimizer([params[k] for k in order])
    for step in range(STEPS):
        rows = slice(BATCH * (step % 2), BATCH * (step % 2) + BATCH)
        h = x[rows]
        for name, _, _ in LAYERS:
            h = h @ params[name + "/weights"] + params[name + "/biases"]
            if name != "outputs":
                h = torch.tanh(h)
        loss = F.cross_entropy(h, labels[rows])
        optimizer.zero_grad()
        loss.backward()
        if "clip_norm" in case_options:
            torch.nn.utils.clip_grad_norm_([params[k] for k in order], case_options["clip_norm"])
        if "clip_value" in case_options:
            torch.nn.utils.clip_grad_value_([params[k] for k in order], case_options["clip_value"])
        optimizer.step()
    state = {}
    for k in order:
        for key in STATE_KEYS:
            buffer = optimizer.state[params[k]].get(key)
            if buffer is not None:
                state[k + "/" + key] = tensor(buffer)
    return {k: tensor(params[k]) for k in order}, state


def dump(obj, indent=0):
    """JSON with dicts indented and lists of scalars on one line (stable, diff-friendly)."""
    pad = "  " * indent
    if isinstance(obj, dict):
        items = [pad + "  " + json.dumps(k) + ": " + dump(v, indent + 1) for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    return json.dumps(obj, allow_nan=False)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    initial, x, labels = initial_network()
    cases = {}
    for key, options, make_optimizer in CASES:
        after, state = run(options, make_optimizer, initial, x, labels)
        cases[key] = {"options": options, "parameters_after": after, "state_after": state}
    document = {
        "torch_version": torch.__version__,
        "steps": STEPS,
        "batch_size": BATCH,
        "x": tensor(x),
        "labels": [int(v) for v in labels.tolist()],
        "initial_parameters": {k: tensor(v) for k, v in initial.items()},
        "cases": cases,
    }
    with open(out, "w") as f:
        f.write(dump(document) + "\n")


if __name__ == "__main__":
    main()
