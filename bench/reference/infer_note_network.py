#!/usr/bin/env python3
"""Inference throughput of the course note's network in PyTorch, for comparison with Hebb.Bench.

The network of train_note_network.py (784 -> 300 ReLU -> 100 ReLU -> 10 logits), freshly initialised
with seed 42 (a dense forward pass costs the same whatever the weights), runs its forward pass in
eval mode under torch.no_grad() over the first --batch test images (default 10,000, the whole test
set of MNIST and Fashion-MNIST in one batch): --warmup untimed passes, then --repetitions timed ones.
Data loading is not timed. Prints one JSON object: threads, batch, warmup, repetitions, best_seconds,
median_seconds, samples_per_second (batch / best_seconds), median_samples_per_second, torch (version)
and blas (the BLAS libraries mapped into the process after the passes, from /proc/self/maps).

Run with Debian's PyTorch and OpenBLAS's OpenMP build, as bench/run_benchmarks.py does:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 \\
        LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp \\
        /usr/bin/python3 bench/reference/infer_note_network.py --data /work/shared/data/fashion-mnist --threads 1
"""

import argparse
import json
import statistics
import time

import torch

from train_note_network import NoteNetwork, load


def blas_libraries():
    """The shared libraries with BLAS in their name that this process has mapped."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return sorted(paths)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", metavar="DIR", required=True, help="folder with the four standard MNIST IDX files")
    p.add_argument("--threads", type=int, default=None, help="torch.set_num_threads(N)")
    p.add_argument("--batch", type=int, default=10000)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--repetitions", type=int, default=20)
    args = p.parse_args()
    for name in ("batch", "warmup", "repetitions"):
        if getattr(args, name) < 1:
            p.error("--%s: expected a positive integer" % name)

    if args.threads is not None:
        torch.set_num_threads(args.threads)
    _, _, xte, _ = load(argparse.Namespace(data=args.data, sample=None))
    images = xte[:args.batch].contiguous()

    torch.manual_seed(42)
    model = NoteNetwork().eval()
    seconds = []
    with torch.no_grad():
        for _ in range(args.warmup):
            model(images)
        for _ in range(args.repetitions):
            start = time.perf_counter()
            model(images)
            seconds.append(time.perf_counter() - start)

    best, median = min(seconds), statistics.median(seconds)
    print(json.dumps({
        "threads": torch.get_num_threads(),
        "batch": len(images),
        "warmup": args.warmup,
        "repetitions": args.repetitions,
        "best_seconds": best,
        "median_seconds": median,
        "samples_per_second": len(images) / best,
        "median_samples_per_second": len(images) / median,
        "torch": torch.__version__,
        "blas": blas_libraries(),
    }))


if __name__ == "__main__":
    main()
