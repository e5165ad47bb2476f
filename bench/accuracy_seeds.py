#!/usr/bin/python3
"""Hebb's test accuracy against PyTorch's over several seeds, in one run.

One seed says little: the two libraries draw their initial weights and batch order from different generators, and
PyTorch's own accuracy after 10 epochs of Adam on Fashion-MNIST moves by more than a point from seed to seed. This
trains the note's network (784-300-100-10, ReLU) with both, for every seed, and prints each run's test accuracy at
the chosen epochs, then the mean and standard deviation per library and the difference of the means.

    /usr/bin/python3 bench/accuracy_seeds.py --optimizer adam --lr 0.001 --epochs 10 --report 5,10 --seeds 1,2,3,4,5

Needs ../shared/data/fashion-mnist (or --data), the .NET 10 SDK and Debian's python3-torch.
"""
import argparse
import json
import pathlib
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "fashion-mnist"
HEBB = ROOT / "src" / "Hebb.Cli" / "bin" / "Release" / "net10.0" / "Hebb.Cli.dll"
TORCH = ROOT / "bench" / "reference" / "train_note_network.py"


def epoch_accuracies(command):
    """Runs a trainer that prints one JSON object per epoch; returns {epoch: test accuracy}."""
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith('{"epoch"')]
    return {row["epoch"]: row["test_accuracy"] for row in rows}


def hebb(args, seed, scratch):
    return epoch_accuracies(["dotnet", str(HEBB), "train", "--data", str(args.data), "--optimizer", args.optimizer,
                             "--learning-rate", str(args.lr), "--epochs", str(args.epochs), "--seed", str(seed),
                             "--threads", "1", "--json", "--output", str(scratch / f"seed{seed}.safetensors")])


def torch(args, seed, _):
    return epoch_accuracies([sys.executable, str(TORCH), "--data", str(args.data), "--optimizer", args.optimizer,
                             "--lr", str(args.lr), "--epochs", str(args.epochs), "--seed", str(seed), "--threads", "1",
                             "--json"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=pathlib.Path, default=DEFAULT_DATA)
    parser.add_argument("--optimizer", default="adam", choices=["sgd", "adam"])
    parser.add_argument("--lr", type=float, default=0.001)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--report", default="5,10", help="epochs whose test accuracy is reported")
    parser.add_argument("--seeds", default="1,2,3,4,5")
    args = parser.parse_args()
    if not any(args.data.glob("train-images-idx3-ubyte*")):
        sys.exit(f"accuracy_seeds: {args.data} has no MNIST-format IDX files; pass --data or provide ../shared/data")
    subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", str(ROOT / "src" / "Hebb.Cli")], check=True,
                   stdout=subprocess.DEVNULL)
    report = [int(e) for e in args.report.split(",")]
    seeds = [int(s) for s in args.seeds.split(",")]
    scratch = pathlib.Path("/tmp") / "hebb-accuracy-seeds"
    scratch.mkdir(exist_ok=True)

    runs = {"Hebb": {}, "PyTorch": {}}
    print(f"# {args.optimizer}, lr {args.lr}, {args.epochs} epochs, batch 50, 1 thread, {args.data}")
    print("| seed | " + " | ".join(f"{name} epoch {e}" for name in runs for e in report) + " |")
    print("|---:|" + "---:|" * (len(runs) * len(report)))
    for seed in seeds:
        for name, trainer in (("Hebb", hebb), ("PyTorch", torch)):
            runs[name][seed] = trainer(args, seed, scratch)
        print(f"| {seed} | " + " | ".join(f"{runs[name][seed][e]:.4f}" for name in runs for e in report) + " |", flush=True)
    print()
    for e in report:
        means = {}
        for name in runs:
            values = [runs[name][seed][e] for seed in seeds]
            means[name] = statistics.mean(values)
            spread = statistics.stdev(values) if len(values) > 1 else float("nan")
            print(f"epoch {e:2d}  {name:7s} mean {means[name]:.4f}  sd {spread:.4f}  min {min(values):.4f}  max {max(values):.4f}")
        print(f"epoch {e:2d}  Hebb - PyTorch: {100 * (means['Hebb'] - means['PyTorch']):+.2f} percentage points")


if __name__ == "__main__":
    main()
