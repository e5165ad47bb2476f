#!/usr/bin/env python3
"""Write torch.optim.lr_scheduler's learning rate of every epoch, which Hebb's schedule tests compare against.

Run from the repository root, with Debian's PyTorch (apt-get install -y python3-torch):

    /usr/bin/python3 tools/reference/make_schedule_golden.py

It writes tests/Hebb.Tests/TestData/reference/schedules.json (or the path given as the first argument),
deterministically. The committed file was made with torch 1.13.0a0 (Debian 12's python3-torch).

Each case names Hebb's ScheduleOptions (as snake_case keys) and lists the rate in use during each epoch: the
optimiser's lr before that epoch's scheduler.step(). A warm-up of w epochs is
SequentialLR([LinearLR(start_factor=1/3, total_iters=w), main], milestones=[w]); reduce-on-plateau, which
SequentialLR cannot hold, starts after the LinearLR's w epochs and steps on the losses of epochs w, w+1, ...
"""

import json
import os
import sys

import torch
from torch.optim import lr_scheduler

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "tests", "Hebb.Tests", "TestData", "reference", "schedules.json")

BASE = 0.1
EPOCHS = 24
START_FACTOR = 1.0 / 3
# A monitored loss that falls, stalls, falls a little (less than the 1e-4 relative threshold), then falls again.
LOSSES = [1.0, 0.8, 0.7, 0.7, 0.69995, 0.7, 0.71, 0.6, 0.6, 0.6, 0.6, 0.59, 0.5, 0.5, 0.5, 0.5,
          0.5, 0.5, 0.49, 0.49, 0.49, 0.49, 0.49, 0.49]
assert len(LOSSES) == EPOCHS


def optimizer():
    return torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=BASE)


def main_scheduler(opt, options, epochs):
    name = options["name"]
    if name == "constant":
        return lr_scheduler.LambdaLR(opt, lambda epoch: 1.0)
    if name == "step":
        return lr_scheduler.StepLR(opt, step_size=options["step_size"], gamma=options["gamma"])
    if name == "exponential":
        return lr_scheduler.ExponentialLR(opt, gamma=options["gamma"])
    if name == "cosine":
        return lr_scheduler.CosineAnnealingLR(opt, T_max=options.get("t_max", epochs), eta_min=options.get("eta_min", 0.0))
    raise ValueError(name)


def plateau_kwargs(options):
    keys = {"factor": "factor", "patience": "patience", "threshold": "threshold", "cooldown": "cooldown", "min_lr": "min_lr"}
    return {torch_key: options[key] for key, torch_key in keys.items() if key in options}


def rates(options):
    opt = optimizer()
    warmup = options.get("warmup", 0)
    result = []
    if options["name"] == "plateau":
        warm = lr_scheduler.LinearLR(opt, start_factor=START_FACTOR, total_iters=warmup) if warmup else None
        plateau = None
        for epoch in range(EPOCHS):
            result.append(opt.param_groups[0]["lr"])
            if epoch < warmup:
                warm.step()
                continue
            if plateau is None:
                plateau = lr_scheduler.ReduceLROnPlateau(opt, mode="min", **plateau_kwargs(options))
            plateau.step(LOSSES[epoch])
        return result
    main = main_scheduler(opt, options, EPOCHS - warmup)
    if warmup:
        warm = lr_scheduler.LinearLR(opt, start_factor=START_FACTOR, total_iters=warmup)
        scheduler = lr_scheduler.SequentialLR(opt, [warm, main], milestones=[warmup])
    else:
        scheduler = main
    for epoch in range(EPOCHS):
        result.append(opt.param_groups[0]["lr"])
        scheduler.step()
    return result


CASES = {
    "constant": {"name": "constant"},
    "constant_warmup": {"name": "constant", "warmup": 3},
    "step": {"name": "step", "step_size": 5, "gamma": 0.5},
    "step_warmup": {"name": "step", "step_size": 4, "gamma": 0.1, "warmup": 2},
    "exponential": {"name": "exponential", "gamma": 0.9},
    "exponential_warmup": {"name": "exponential", "gamma": 0.8, "warmup": 4},
    "cosine": {"name": "cosine"},
    "cosine_eta_min": {"name": "cosine", "eta_min": 0.001, "t_max": 10},
    "cosine_warmup": {"name": "cosine", "warmup": 1},
    "cosine_warmup_eta_min": {"name": "cosine", "warmup": 5, "eta_min": 0.01},
    "plateau": {"name": "plateau", "patience": 2},
    "plateau_defaults": {"name": "plateau"},
    "plateau_factor_cooldown": {"name": "plateau", "patience": 1, "factor": 0.5, "cooldown": 2, "min_lr": 0.02},
    "plateau_threshold_warmup": {"name": "plateau", "patience": 1, "threshold": 0.1, "warmup": 2},
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    document = {
        "torch_version": torch.__version__,
        "base_learning_rate": BASE,
        "epochs": EPOCHS,
        "warmup_start_factor": START_FACTOR,
        "losses": LOSSES,
        "cases": {key: {"options": options, "rates": rates(options)} for key, options in CASES.items()},
    }
    with open(out, "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
