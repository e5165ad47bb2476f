#!/usr/bin/env python3
"""Write the PyTorch reference values that Hebb's tests compare against.

Run from the repository root, with Debian's PyTorch (apt-get install -y python3-torch):

    /usr/bin/python3 tools/reference/make_golden.py

It writes tests/Hebb.Tests/TestData/reference/golden.json (or the path given as
the first argument). The output is deterministic: rerunning the script with the
same torch version gives a byte-identical file.

The committed golden.json was made with torch 1.13.0a0 (torch.__version__ of
Debian 12's package python3-torch 1.13.1+dfsg-4), numpy 1.24.2, on x86-64,
one thread.

Everything is computed in float32. Each number is written as the shortest
decimal that round-trips the float32 value's exact double (repr of the Python
float of the float32 value), so parsing it as double and casting to float gives
back the float32 bit pattern torch computed. The layout is documented in
tests/Hebb.Tests/TestData/reference/README.md.

Conventions: a dense layer computes y = x . W + b with W stored [in, out]
(the transpose of torch.nn.Linear's weight); tensors are stored row-major as
{"shape": [...], "data": [flat list]}; losses are means over the batch.
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
DEFAULT_OUT = os.path.join(REPO, "tests", "Hebb.Tests", "TestData", "reference", "golden.json")


# --------------------------------------------------------------------------- helpers

def tensor(t):
    """A float32 tensor as {"shape": [...], "data": [row-major flat list]}."""
    t = t.detach()
    assert t.dtype == torch.float32, t.dtype
    flat = [float(v) for v in t.contiguous().reshape(-1).tolist()]
    for v in flat:
        assert np.isfinite(v), "non-finite value in reference data"
    return {"shape": list(t.shape), "data": flat}


def f32(x):
    """A Python float that is exactly the float32 value of x."""
    return float(np.float32(x))


def f32_tensor(values):
    return torch.tensor(values, dtype=torch.float32)


# --------------------------------------------------------------------------- a. one SGD step

LAYERS = [("hidden1", 5, 4), ("hidden2", 4, 3), ("outputs", 3, 3)]
SGD_LABELS = [0, 2, 1, 2, 0, 1]  # every class 0..2 present
SGD_LR = 0.1


def sgd_case(activation_name):
    act = {"relu": torch.relu, "tanh": torch.tanh}[activation_name]

    # Draw order after torch.manual_seed(1234):
    # hidden1 W [5,4], hidden1 b [4], hidden2 W [4,3], hidden2 b [3],
    # outputs W [3,3], outputs b [3], then x [6,5].
    torch.manual_seed(1234)
    params = {}
    order = []
    for name, n_in, n_out in LAYERS:
        w = (torch.randn(n_in, n_out) * 0.5).requires_grad_(True)
        b = (torch.randn(n_out) * 0.1).requires_grad_(True)
        params[name + "/weights"] = w
        params[name + "/biases"] = b
        order += [name + "/weights", name + "/biases"]
    x = torch.randn(6, 5)
    labels = torch.tensor(SGD_LABELS, dtype=torch.int64)

    initial = {k: tensor(params[k]) for k in order}

    h1 = act(x @ params["hidden1/weights"] + params["hidden1/biases"])
    h2 = act(h1 @ params["hidden2/weights"] + params["hidden2/biases"])
    logits = h2 @ params["outputs/weights"] + params["outputs/biases"]
    loss = F.cross_entropy(logits, labels)

    opt = torch.optim.SGD([params[k] for k in order], lr=SGD_LR)
    opt.zero_grad()
    loss.backward()
    grads = {k: tensor(params[k].grad) for k in order}
    opt.step()
    after = {k: tensor(params[k]) for k in order}

    return {
        "architecture": "5 -> 4 %s -> 3 %s -> 3 logits" % (activation_name, activation_name),
        "hidden_activation": activation_name,
        "parameter_order": order,
        "learning_rate": f32(SGD_LR),
        "x": tensor(x),
        "labels": SGD_LABELS,
        "initial_parameters": initial,
        "hidden1_output": tensor(h1),
        "hidden2_output": tensor(h2),
        "logits": tensor(logits),
        "loss": float(loss.item()),
        "gradients": grads,
        "parameters_after_step": after,
    }


# --------------------------------------------------------------------------- b. activations

_POS = [1e-6, 1e-4, 1e-3, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0,
        1.5, 2.0, 3.0, 4.0, 5.0, 7.0, 10.0, 15.0, 20.0, 30.0]
ACT_Z = [-v for v in reversed(_POS)] + [0.0] + _POS
assert len(ACT_Z) == 41


def activation_case():
    z = f32_tensor(ACT_Z)
    funcs = [
        ("sigmoid", torch.sigmoid),
        ("tanh", torch.tanh),
        ("relu", torch.relu),
        ("leaky_relu", lambda t: F.leaky_relu(t, negative_slope=0.01)),
        ("elu", lambda t: F.elu(t, alpha=1.0)),
    ]
    elementwise = {}
    for name, fn in funcs:
        zz = z.clone().requires_grad_(True)
        y = fn(zz)
        y.sum().backward()
        elementwise[name] = {"value": tensor(y), "derivative": tensor(zz.grad)}

    zmat = f32_tensor([
        [0.5, -1.25, 2.0, 0.0, 3.5],
        [1000.0, 1001.0, 1002.0, 999.0, 1000.5],
        [-1000.0, -1001.0, -1003.0, -999.5, -1000.0],
    ])
    gen = torch.Generator().manual_seed(4321)
    w = torch.randn(3, 5, generator=gen)

    zs = zmat.clone().requires_grad_(True)
    sm = torch.softmax(zs, dim=-1)
    (w * sm).sum().backward()
    grad_sm = zs.grad

    zl = zmat.clone().requires_grad_(True)
    lsm = torch.log_softmax(zl, dim=-1)
    (w * lsm).sum().backward()
    grad_lsm = zl.grad

    return {
        "z": tensor(z),
        "sigmoid": elementwise["sigmoid"],
        "tanh": elementwise["tanh"],
        "relu": elementwise["relu"],
        "leaky_relu": dict(negative_slope=f32(0.01), **elementwise["leaky_relu"]),
        "elu": dict(alpha=f32(1.0), **elementwise["elu"]),
        "softmax": {
            "z": tensor(zmat),
            "w": tensor(w),
            "softmax": tensor(sm),
            "log_softmax": tensor(lsm),
            "grad_sum_w_softmax": tensor(grad_sm),
            "grad_sum_w_log_softmax": tensor(grad_lsm),
        },
    }


# --------------------------------------------------------------------------- c. losses

def loss_case():
    # cross-entropy (mean sparse softmax cross-entropy)
    ce_logits = f32_tensor([
        [2.0, -1.0, 0.5],
        [-0.3, 0.8, 1.7],
        [10.0, -10.0, 0.0],
        [0.0, 0.0, 0.0],
    ])
    ce_labels = [0, 2, 1, 1]
    lg = ce_logits.clone().requires_grad_(True)
    ce = F.cross_entropy(lg, torch.tensor(ce_labels, dtype=torch.int64))
    ce.backward()

    # mean squared error
    pred = f32_tensor([
        [0.1, -0.2, 0.3],
        [1.5, 2.5, -3.5],
        [0.0, 0.25, -0.75],
        [4.0, -4.0, 0.5],
    ])
    target = f32_tensor([
        [0.0, 0.0, 1.0],
        [1.0, 2.0, -3.0],
        [0.5, 0.25, 0.75],
        [3.0, -5.0, 0.0],
    ])
    p = pred.clone().requires_grad_(True)
    mse = F.mse_loss(p, target)
    mse.backward()

    # binary cross-entropy with logits
    bce_logits = f32_tensor([-50.0, -1.5, 0.0, 2.0, 50.0])
    bce_targets = f32_tensor([0.0, 1.0, 0.3, 0.0, 1.0])
    bl = bce_logits.clone().requires_grad_(True)
    bce = F.binary_cross_entropy_with_logits(bl, bce_targets)
    bce.backward()
    # The ±50 cases must not have overflowed
    assert np.isfinite(bce.item())

    # a second BCE case where the ±50 logits disagree with their targets
    bce2_targets = f32_tensor([1.0, 0.0, 0.3, 1.0, 0.0])
    bl2 = bce_logits.clone().requires_grad_(True)
    bce2 = F.binary_cross_entropy_with_logits(bl2, bce2_targets)
    bce2.backward()

    return {
        "cross_entropy": {
            "logits": tensor(ce_logits),
            "labels": ce_labels,
            "value": float(ce.item()),
            "grad_logits": tensor(lg.grad),
        },
        "mse": {
            "prediction": tensor(pred),
            "target": tensor(target),
            "value": float(mse.item()),
            "grad_prediction": tensor(p.grad),
        },
        "binary_cross_entropy_with_logits": {
            "logits": tensor(bce_logits),
            "targets": tensor(bce_targets),
            "value": float(bce.item()),
            "grad_logits": tensor(bl.grad),
        },
        "binary_cross_entropy_with_logits_wrong": {
            "logits": tensor(bce_logits),
            "targets": tensor(bce2_targets),
            "value": float(bce2.item()),
            "grad_logits": tensor(bl2.grad),
        },
    }


# --------------------------------------------------------------------------- output

def dump(obj, indent=0):
    """JSON with dicts indented and lists of scalars on one line (stable, diff-friendly)."""
    pad = "  " * indent
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = []
        for k, v in obj.items():
            items.append(pad + "  " + json.dumps(k) + ": " + dump(v, indent + 1))
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list) and any(isinstance(v, (dict, list)) for v in obj):
        return "[\n" + ",\n".join(pad + "  " + dump(v, indent + 1) for v in obj) + "\n" + pad + "]"
    return json.dumps(obj, allow_nan=False)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    golden = {
        "description": "PyTorch reference values for Hebb; see README.md next to this file. "
                       "Made by tools/reference/make_golden.py.",
        "torch_version": torch.__version__,
        "dtype": "float32",
        "conventions": {
            "tensor": "{shape, data}: data is the row-major flattening",
            "dense_layer": "y = x . W + b, W stored [in, out] (transpose of torch.nn.Linear.weight)",
            "losses": "means over the batch (cross_entropy, mse over all elements, bce over all elements)",
        },
        "sgd_step": sgd_case("relu"),
        "sgd_step_tanh": sgd_case("tanh"),
        "activations": activation_case(),
        "losses": loss_case(),
    }
    text = dump(golden) + "\n"
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("wrote %s (%d bytes, torch %s)" % (out, len(text), torch.__version__))


if __name__ == "__main__":
    main()
