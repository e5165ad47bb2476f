#!/usr/bin/env python3
"""The course note's MNIST network in PyTorch, for comparison runs against Hebb.

Network: 784 -> 300 ReLU -> 100 ReLU -> 10 logits. Each layer's weights are
drawn from a normal with stddev s = 2/sqrt(n_inputs), truncated at two stddev
(torch.nn.init.trunc_normal_(w, std=s, a=-2s, b=2s)); biases are zero. Loss:
mean softmax cross-entropy. Optimiser: plain SGD, learning rate 0.01 (or
--optimizer adam with PyTorch's defaults apart from --lr). Mini-batches of 50
(default), reshuffled every epoch. Seed 42. Pixels: float32, byte/255.
Everything in float32. --batch-norm puts BatchNorm1d (momentum 0.1, eps 1e-5)
between each hidden layer's product and its ReLU, --dropout RATE a Dropout after
each hidden ReLU, and --hidden WIDTHS other hidden layers (e.g. 1024,1024), as
hebb train's options of the same names do.

Run with Debian's PyTorch (apt-get install -y python3-torch), e.g.:

    /usr/bin/python3 bench/reference/train_note_network.py --sample /work/shared/data/mnist-sample --epochs 20 --threads 1
    /usr/bin/python3 bench/reference/train_note_network.py --data /work/shared/data/fashion-mnist --epochs 5 --threads 1 --json
    /usr/bin/python3 bench/reference/train_note_network.py --data /work/shared/data/fashion-mnist --optimizer adam --lr 0.001

--data DIR   a folder with the four standard MNIST IDX files, plain or .gz:
             train-images-idx3-ubyte, train-labels-idx1-ubyte,
             t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte
--sample DIR a folder with images-idx3-ubyte.gz and labels-idx1-ubyte.gz holding
             10,000 records: 0..7999 train, 8000..9999 test

Per epoch it prints: epoch, mean training loss (mean of the epoch's mini-batch
losses), accuracy on the epoch's last mini-batch (measured after that batch's
update, as the note does), test accuracy, seconds (wall time of the epoch's
training loop, without the evaluation), and training samples per second. With
--json, one JSON object per line with keys epoch, loss, train_accuracy,
test_accuracy, seconds, samples_per_second (accuracies as fractions in [0, 1]).
"""

import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

from idx_files import find_file, read_idx

MISSING = ("dataset not found: %s (the datasets live in ../shared/data, "
           "e.g. /work/shared/data/mnist-sample; they are needed for benchmarks)")


def read_idx_array(path):
    dims, data = read_idx(path)
    return np.frombuffer(data, dtype=np.uint8).reshape(dims)


def missing(what):
    print(MISSING % what, file=sys.stderr)
    sys.exit(2)


def load(args):
    if args.data is not None:
        folder = args.data
        if not os.path.isdir(folder):
            missing(folder)
        paths = {}
        for stem in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                     "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"):
            paths[stem] = find_file(folder, stem)
            if paths[stem] is None:
                missing(os.path.join(folder, stem + "[.gz]"))
        xtr = read_idx_array(paths["train-images-idx3-ubyte"])
        ytr = read_idx_array(paths["train-labels-idx1-ubyte"])
        xte = read_idx_array(paths["t10k-images-idx3-ubyte"])
        yte = read_idx_array(paths["t10k-labels-idx1-ubyte"])
    else:
        folder = args.sample
        if not os.path.isdir(folder):
            missing(folder)
        pi = find_file(folder, "images-idx3-ubyte")
        pl = find_file(folder, "labels-idx1-ubyte")
        if pi is None or pl is None:
            missing(os.path.join(folder, "images-idx3-ubyte.gz / labels-idx1-ubyte.gz"))
        x = read_idx_array(pi)
        y = read_idx_array(pl)
        if len(x) != 10000 or len(y) != 10000:
            raise ValueError("the sample must hold 10,000 records, found %d images, %d labels"
                             % (len(x), len(y)))
        xtr, ytr, xte, yte = x[:8000], y[:8000], x[8000:], y[8000:]

    def images(a):
        return torch.from_numpy(a.reshape(len(a), -1).astype(np.float32) / np.float32(255.0))

    def labels(a):
        return torch.from_numpy(a.astype(np.int64))

    return images(xtr), labels(ytr), images(xte), labels(yte)


class NoteNetwork(torch.nn.Module):
    def __init__(self, sizes=(784, 300, 100, 10), dropout=0.0, batch_norm=False):
        super().__init__()
        self.layers = torch.nn.ModuleList(
            torch.nn.Linear(n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:]))
        with torch.no_grad():
            for layer in self.layers:
                s = 2.0 / math.sqrt(layer.in_features)
                torch.nn.init.trunc_normal_(layer.weight, mean=0.0, std=s, a=-2.0 * s, b=2.0 * s)
                layer.bias.zero_()
        hidden = sizes[1:-1]
        self.norms = torch.nn.ModuleList(torch.nn.BatchNorm1d(n) for n in hidden) if batch_norm else None
        self.dropout = torch.nn.Dropout(dropout) if dropout > 0 else None

    def forward(self, x):
        for i, layer in enumerate(self.layers[:-1]):
            x = layer(x)
            if self.norms is not None:
                x = self.norms[i](x)
            x = torch.relu(x)
            if self.dropout is not None:
                x = self.dropout(x)
        return self.layers[-1](x)


def accuracy(model, x, y, chunk=10000):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), chunk):
            correct += (model(x[i:i + chunk]).argmax(dim=1) == y[i:i + chunk]).sum().item()
    model.train()
    return correct / len(x)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--data", metavar="DIR", help="folder with the four standard MNIST IDX files")
    src.add_argument("--sample", metavar="DIR", help="folder with the 10,000-record sample")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch-size", type=int, default=50)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--optimizer", choices=["sgd", "adam"], default="sgd")
    p.add_argument("--dropout", type=float, default=0.0, metavar="RATE")
    p.add_argument("--batch-norm", action="store_true")
    p.add_argument("--hidden", default="300,100", metavar="WIDTHS", help="hidden widths, comma-separated (default 300,100)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--threads", type=int, default=None, help="torch.set_num_threads(N)")
    p.add_argument("--json", action="store_true", help="one JSON object per epoch")
    args = p.parse_args()

    if args.threads is not None:
        torch.set_num_threads(args.threads)
    torch.set_default_dtype(torch.float32)

    xtr, ytr, xte, yte = load(args)
    n = len(xtr)

    torch.manual_seed(args.seed)
    hidden = tuple(int(width) for width in args.hidden.split(","))
    model = NoteNetwork(sizes=(xtr.shape[1],) + hidden + (10,), dropout=args.dropout, batch_norm=args.batch_norm)
    if args.optimizer == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=args.lr)
    shuffle = torch.Generator().manual_seed(args.seed)

    if not args.json:
        print("# torch %s, threads %d, train %d, test %d, batch %d, %s, lr %g, dropout %g, batch norm %s"
              % (torch.__version__, torch.get_num_threads(), n, len(xte), args.batch_size, args.optimizer, args.lr,
                 args.dropout, args.batch_norm))
        print("%5s %10s %9s %9s %8s %10s" % ("epoch", "loss", "train_acc", "test_acc", "seconds", "samples/s"))
    sys.stdout.flush()

    for epoch in range(1, args.epochs + 1):
        order = torch.randperm(n, generator=shuffle)
        total, batches = 0.0, 0
        start = time.perf_counter()
        for i in range(0, n, args.batch_size):
            idx = order[i:i + args.batch_size]
            xb, yb = xtr[idx], ytr[idx]
            loss = F.cross_entropy(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
            batches += 1
        seconds = time.perf_counter() - start

        train_acc = accuracy(model, xb, yb)
        test_acc = accuracy(model, xte, yte)
        row = {
            "epoch": epoch,
            "loss": total / batches,
            "train_accuracy": train_acc,
            "test_accuracy": test_acc,
            "seconds": seconds,
            "samples_per_second": n / seconds,
        }
        if args.json:
            print(json.dumps(row))
        else:
            print("%5d %10.6f %8.2f%% %8.2f%% %8.3f %10.0f"
                  % (epoch, row["loss"], 100 * train_acc, 100 * test_acc, seconds, row["samples_per_second"]))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
