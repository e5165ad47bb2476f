#!/usr/bin/env python3
"""Hebb against PyTorch on the course note's network, in one run: training, inference, latency, memory.

Run from anywhere with Debian's python3 (stdlib only; PyTorch runs in child processes):

    /usr/bin/python3 bench/run_benchmarks.py            # about 3 minutes on 2 cores
    /usr/bin/python3 bench/run_benchmarks.py --quick    # a smoke test: 1 epoch, few repetitions
    /usr/bin/python3 bench/run_benchmarks.py --hidden 1024,1024 --hidden 2048 --batches 128,256 --parts training
    /usr/bin/python3 bench/run_benchmarks.py --hidden 1024,1024@128 --hidden 2048@256 --parts training   # a batch per network

It publishes the hebb command (src/Hebb.Cli) and bench/Hebb.Bench in Release into a temporary folder, then
measures, interleaving Hebb's and PyTorch's runs so that the machine's noise hits both alike:

(a) training: the note's network (784-300-100-10 ReLU, SGD 0.01, seed 42), or each network of --hidden (given
    once per network: its hidden widths, e.g. --hidden 512,512 --hidden 2048), on Fashion-MNIST for 3 epochs,
    `hebb train` against bench/reference/train_note_network.py, at each thread count and batch size, for each
    variant of --variants: sgd (the note's), adam (Adam at 0.001) and dropout-bn (SGD with dropout 0.2 after and
    batch normalization before every hidden activation), the same options given to both programs.
    Samples/s is the training samples of epochs 2..N over the training seconds of those epochs (each
    program's own timing of its epoch loop, evaluation excluded); epoch 1 is warm-up (JIT tiering in
    .NET, OpenMP's thread pool and allocator in PyTorch). With --quick there is one epoch and it counts.
(b) inference: the forward pass over the 10,000 test images as one batch (bench/Hebb.Bench in-process
    against bench/reference/infer_note_network.py), freshly initialised networks, best of N repetitions.
(c) latency: `hebb predict --model M --image digit.png --json`, process start to exit, against the same
    job in PyTorch (bench/reference/predict_png.py); one untimed run each first, then median and min.
(d) peak memory: the maximum resident set size of every training run (os.wait4's ru_maxrss).
--parts chooses among training (a and d), inference (b) and latency (c; it predicts with the first network
trained with plain SGD, so it needs training and the sgd variant). (b) always measures the note's network.

PyTorch runs with OpenBLAS's OpenMP build (apt-get install -y libopenblas0-openmp), selected with
LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp, OMP_NUM_THREADS=N and torch.set_num_threads(N),
and with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment (set for older OpenBLAS
builds, they slow this one down). With Debian's pthread build of OpenBLAS instead, PyTorch at 2 threads
fell to 8-14k samples/s in issue 4's measurements.

The tables go to standard output (progress to standard error) and, as JSON and Markdown, to
bench/results/<date>_<time>.json and .md (with -quick in the name for --quick runs).
Exit codes: 0 done, 1 a build or a benchmark failed, 2 a usage error or missing data or PyTorch.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
sys.path.insert(0, os.path.join(BENCH, "reference"))
from idx_files import find_file, read_idx  # noqa: E402 (found through the path set just above)

DEFAULT_DATA = os.path.join(os.path.dirname(REPO), "shared", "data", "fashion-mnist")
PYTHON = "/usr/bin/python3"
OPENBLAS_OPENMP = "/usr/lib/x86_64-linux-gnu/openblas-openmp"
BUSY = 0.05  # others' share of the CPU above which the report warns that the figures are noisy
IDX_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")


class BenchmarkFailed(Exception):
    pass


def fail_usage(message):
    print("run_benchmarks: " + message, file=sys.stderr)
    sys.exit(2)


def progress(message):
    print(message, file=sys.stderr, flush=True)


def positive_list(text):
    try:
        values = [int(part) for part in text.split(",")]
    except ValueError:
        values = []
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("expected comma-separated positive integers such as 1,2, found '%s'" % text)
    return values


def network(text):
    """--hidden's value: a network's hidden widths, optionally with its own batch sizes after '@' (2048@256)."""
    widths, _, batches = text.partition("@")
    try:
        return positive_list(widths), positive_list(batches) if batches else None
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError("expected hidden widths such as 300,100, optionally with batch sizes such as "
                                         "300,100@50,256, found '%s'" % text)


# Each training variant's options for hebb train and for train_note_network.py.
VARIANTS = {
    "sgd": ([], []),
    "adam": (["--optimizer", "adam", "--learning-rate", "0.001"], ["--optimizer", "adam", "--lr", "0.001"]),
    "dropout-bn": (["--dropout", "0.2", "--batch-norm"], ["--dropout", "0.2", "--batch-norm"]),
}


PARTS = ("training", "inference", "latency")


def part_list(text):
    names = text.split(",")
    unknown = [name for name in names if name not in PARTS]
    if unknown:
        raise argparse.ArgumentTypeError("expected comma-separated parts among %s, found '%s'" % (",".join(PARTS), text))
    return names


def variant_list(text):
    names = text.split(",")
    unknown = [name for name in names if name not in VARIANTS]
    if unknown or not names:
        raise argparse.ArgumentTypeError("expected comma-separated variants among %s, found '%s'" % (",".join(VARIANTS), text))
    return names


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                epilog="Needs ../shared/data (Fashion-MNIST), the .NET 10 SDK and, unless --skip-torch, "
                                       "Debian's python3-torch and libopenblas0-openmp.")
    p.add_argument("--data", metavar="DIR", default=DEFAULT_DATA,
                   help="folder with the four MNIST-format IDX files (default: %(default)s)")
    p.add_argument("--quick", action="store_true", help="1 epoch and few repetitions: a smoke test, not a measurement")
    p.add_argument("--threads", type=positive_list, default=[1, 2], metavar="1,2", help="thread counts (default 1,2)")
    p.add_argument("--batches", type=positive_list, default=[50, 256], metavar="50,256", help="training batch sizes (default 50,256)")
    p.add_argument("--variants", type=variant_list, default=list(VARIANTS), metavar="sgd,adam,dropout-bn",
                   help="training variants (default all: %s)" % ",".join(VARIANTS))
    p.add_argument("--hidden", type=network, action="append", metavar="300,100[@256]",
                   help="a network's hidden widths, and after '@' its own batch sizes in place of --batches; "
                        "give it once per network (default: the note's 300,100)")
    p.add_argument("--parts", type=part_list, default=list(PARTS), metavar=",".join(PARTS),
                   help="what to measure (default all)")
    p.add_argument("--skip-torch", action="store_true", help="measure Hebb only")
    args = p.parse_args()
    args.hidden = args.hidden or [([300, 100], None)]
    if "latency" in args.parts and ("training" not in args.parts or "sgd" not in args.variants):
        p.error("--parts latency predicts with a model trained with plain SGD: it needs training and the sgd variant")
    return args


def check_data(folder):
    if not os.path.isdir(folder):
        fail_usage("%s not found; the benchmarks need ../shared/data (Fashion-MNIST) beside the repository, "
                   "or --data DIR" % folder)
    paths = {stem: find_file(folder, stem) for stem in IDX_FILES}
    missing = [stem for stem, path in paths.items() if path is None]
    if missing:
        fail_usage("%s: missing %s (plain or .gz); expected the four MNIST-format IDX files of Fashion-MNIST"
                   % (folder, ", ".join(missing)))
    return paths


def check_torch():
    if not os.access(PYTHON, os.X_OK):
        fail_usage("%s not found; PyTorch's runs need Debian's python3 and python3-torch (or pass --skip-torch)" % PYTHON)
    if not os.path.isfile(os.path.join(OPENBLAS_OPENMP, "libblas.so.3")):
        fail_usage("%s not found; PyTorch's runs need OpenBLAS's OpenMP build: apt-get install -y libopenblas0-openmp "
                   "(or pass --skip-torch)" % OPENBLAS_OPENMP)


def torch_environment(threads=None):
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["LD_LIBRARY_PATH"] = os.pathsep.join(filter(None, [OPENBLAS_OPENMP, env.get("LD_LIBRARY_PATH")]))
    if threads is not None:
        env["OMP_NUM_THREADS"] = str(threads)
    return env


def machine_cpu_seconds():
    """CPU seconds the whole machine has spent busy (steal included: the hypervisor's other guests) since boot."""
    with open("/proc/stat") as stat:
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(value) for value in stat.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def run(command, env=None):
    """Runs a program to its end: its output, wall seconds, peak resident memory in KiB, and the share of the
    machine's CPU time that other processes took meanwhile (a measure of the noise the run suffered)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        busy = machine_cpu_seconds()
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=REPO)
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            process.kill()
            process.wait()
            raise
        wall = time.perf_counter() - start
        others = machine_cpu_seconds() - busy - usage.ru_utime - usage.ru_stime
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        last = stderr.strip().splitlines()[-1:] or ["no message"]
        raise BenchmarkFailed("%s exited with %d: %s" % (" ".join(command), process.returncode, last[0]))
    return {"stdout": stdout, "seconds": wall, "max_rss_kib": usage.ru_maxrss,
            "others_cpu_share": max(0.0, others / (wall * os.cpu_count()))}


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def publish(project, folder):
    # For this machine's runtime identifier, so that the CLI is compiled ahead of time (ReadyToRun, set in its
    # project), as a user's published or installed hebb is: start-up time is part of what is measured.
    progress("building %s (Release, ReadyToRun) ..." % project)
    result = subprocess.run(["dotnet", "publish", os.path.join(REPO, project), "-c", "Release", "--use-current-runtime",
                             "--self-contained", "false", "-o", folder, "--nologo"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        raise BenchmarkFailed("dotnet publish %s failed:\n%s" % (project, result.stdout[-3000:]))
    return os.path.join(folder, os.path.basename(project))


class Harness:
    def __init__(self, args, paths, build):
        self.args = args
        self.data = os.path.abspath(args.data)
        self.paths = paths
        self.build = build
        self.train_count = read_idx(paths["train-labels-idx1-ubyte"])[0][0]
        self.epochs = 1 if args.quick else 3
        self.repetitions = 5 if args.quick else 20
        self.warmup = 1 if args.quick else 3
        self.latency_runs = 3 if args.quick else 10
        self.torch = not args.skip_torch
        self.pairs = 0
        self.cli = self.bench = None
        self.model = None
        self.measured = []

    def run(self, command, env=None):
        result = run(command, env)
        self.measured.append(result)
        return result

    def interleaved(self, hebb, torch):
        """Runs Hebb's and PyTorch's measurement one after the other, alternating which goes first."""
        self.pairs += 1
        if not self.torch:
            return hebb(), None
        if self.pairs % 2:
            first = hebb()
            return first, torch()
        second = torch()
        return hebb(), second

    # (a) and (d)
    def training_summary(self, name, result, hidden, batch, threads, variant):
        rows = [row for row in json_lines(result["stdout"]) if "epoch" in row]
        if len(rows) != self.epochs:
            raise BenchmarkFailed("%s printed %d epochs, expected %d" % (name, len(rows), self.epochs))
        timed = rows[1:] if len(rows) > 1 else rows
        seconds = sum(row["seconds"] for row in timed)
        summary = {
            "samples_per_second": self.train_count * len(timed) / seconds,
            "timed_epochs": [row["epoch"] for row in timed],
            "test_accuracy": rows[-1]["test_accuracy"],
            "max_rss_mib": result["max_rss_kib"] / 1024,
            "process_seconds": result["seconds"],
            "others_cpu_share": result["others_cpu_share"],
            "epochs": rows,
        }
        progress("  train  %-10s hidden %-12s batch %4d  threads %d  %-8s %9.0f samples/s  test accuracy %.4f  peak %4.0f MiB  others %3.0f%%"
                 % (variant, hidden, batch, threads, name, summary["samples_per_second"], summary["test_accuracy"], summary["max_rss_mib"],
                    100 * summary["others_cpu_share"]))
        return summary

    def train_hebb(self, hidden, batch, threads, variant):
        output = os.path.join(self.build, "model-%s-h%s-b%d-t%d.safetensors" % (variant, hidden.replace(",", "-"), batch, threads))
        result = self.run([self.cli, "train", "--data", self.data, "--epochs", str(self.epochs), "--hidden", hidden,
                           "--batch-size", str(batch), "--threads", str(threads), "--output", output, "--json"]
                          + VARIANTS[variant][0])
        if variant == "sgd":
            self.model = self.model or output
        return self.training_summary("Hebb", result, hidden, batch, threads, variant)

    def train_torch(self, hidden, batch, threads, variant):
        result = self.run([PYTHON, os.path.join(BENCH, "reference", "train_note_network.py"), "--data", self.data,
                           "--epochs", str(self.epochs), "--hidden", hidden, "--batch-size", str(batch),
                           "--threads", str(threads), "--json"]
                          + VARIANTS[variant][1], env=torch_environment(threads))
        return self.training_summary("PyTorch", result, hidden, batch, threads, variant)

    def training(self):
        progress("(a) training, (d) peak memory: %d epoch(s) of %d samples" % (self.epochs, self.train_count))
        rows = []
        for widths, batches in self.args.hidden:
            hidden = ",".join(str(width) for width in widths)
            for variant in self.args.variants:
                for batch in batches or self.args.batches:
                    for threads in self.args.threads:
                        hebb, torch = self.interleaved(lambda: self.train_hebb(hidden, batch, threads, variant),
                                                       lambda: self.train_torch(hidden, batch, threads, variant))
                        rows.append({"hidden": hidden, "variant": variant, "batch": batch, "threads": threads,
                                     "hebb": hebb, "torch": torch})
        return rows

    # (b)
    def inference_summary(self, name, result, threads):
        summary = dict(json_lines(result["stdout"])[-1], others_cpu_share=result["others_cpu_share"])
        progress("  infer  batch %5d  threads %d  %-8s %9.0f samples/s (best of %d; median %.0f)  others %3.0f%%"
                 % (summary["batch"], threads, name, summary["samples_per_second"], summary["repetitions"],
                    summary["median_samples_per_second"], 100 * summary["others_cpu_share"]))
        return summary

    def repetition_options(self, threads):
        return ["--data", self.data, "--threads", str(threads), "--warmup", str(self.warmup),
                "--repetitions", str(self.repetitions)]

    def infer_hebb(self, threads):
        result = self.run([self.bench, "inference"] + self.repetition_options(threads))
        return self.inference_summary("Hebb", result, threads)

    def infer_torch(self, threads):
        result = self.run([PYTHON, os.path.join(BENCH, "reference", "infer_note_network.py")]
                          + self.repetition_options(threads), env=torch_environment(threads))
        return self.inference_summary("PyTorch", result, threads)

    def inference(self):
        progress("(b) inference: the test set as one batch, %d warm-up and %d timed passes"
                 % (self.warmup, self.repetitions))
        rows = []
        for threads in self.args.threads:
            hebb, torch = self.interleaved(lambda: self.infer_hebb(threads), lambda: self.infer_torch(threads))
            rows.append({"threads": threads, "hebb": hebb, "torch": torch})
        return rows

    # (c)
    def write_test_png(self):
        """The first test image as an 8-bit grayscale PNG, and its label."""
        (_, height, width), images = read_idx(self.paths["t10k-images-idx3-ubyte"])
        _, labels = read_idx(self.paths["t10k-labels-idx1-ubyte"])
        pixels = images[:height * width]
        scanlines = b"".join(b"\x00" + pixels[y * width:(y + 1) * width] for y in range(height))

        def chunk(kind, body):
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

        path = os.path.join(self.build, "test-image-0.png")
        with open(path, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
                    + chunk(b"IDAT", zlib.compress(scanlines)) + chunk(b"IEND", b""))
        return path, labels[0]

    def latency(self):
        image, label = self.write_test_png()
        progress("(c) latency: one image, process start to exit, 1 untimed and %d timed runs each" % self.latency_runs)
        hebb_command = [self.cli, "predict", "--model", self.model, "--image", image, "--json"]
        torch_command = [PYTHON, os.path.join(BENCH, "reference", "predict_png.py"), "--model", self.model, "--image", image]
        hebb_runs, torch_runs = [], []
        for index in range(self.latency_runs + 1):
            hebb, torch = self.interleaved(lambda: self.run(hebb_command),
                                           lambda: self.run(torch_command, env=torch_environment()))
            if index:
                hebb_runs.append(hebb)
                torch_runs.append(torch)
        rows = {"label": label, "hebb": self.latency_summary("Hebb", hebb_runs)}
        rows["torch"] = self.latency_summary("PyTorch", torch_runs) if self.torch else None
        return rows

    def latency_summary(self, name, runs):
        milliseconds = [1000 * result["seconds"] for result in runs]
        summary = {
            "median_ms": statistics.median(milliseconds),
            "min_ms": min(milliseconds),
            "runs": len(runs),
            "predicted": json_lines(runs[-1]["stdout"])[-1]["predicted"],
            "max_rss_mib": max(result["max_rss_kib"] for result in runs) / 1024,
            "others_cpu_share": statistics.mean(result["others_cpu_share"] for result in runs),
        }
        progress("  predict  %-8s median %6.1f ms  min %6.1f ms  predicted %d  others %3.0f%%"
                 % (name, summary["median_ms"], summary["min_ms"], summary["predicted"], 100 * summary["others_cpu_share"]))
        return summary

    def measure(self):
        parts = self.args.parts
        self.cli = publish("src/Hebb.Cli", os.path.join(self.build, "cli"))
        self.bench = publish("bench/Hebb.Bench", os.path.join(self.build, "bench"))
        started = datetime.datetime.now().astimezone()
        results = {"training": self.training() if "training" in parts else [],
                   "inference": self.inference() if "inference" in parts else [],
                   "latency": self.latency() if "latency" in parts else None}
        results["machine"] = self.machine(results["inference"][0] if results["inference"] else None, started)
        results["settings"] = {
            "data": self.data, "train_samples": self.train_count, "epochs": self.epochs, "quick": self.args.quick,
            "timed_epochs": "2..%d (epoch 1 is warm-up)" % self.epochs if self.epochs > 1 else "1 (--quick)",
            "inference_warmup": self.warmup, "inference_repetitions": self.repetitions, "latency_runs": self.latency_runs,
            "threads": self.args.threads, "batches": self.args.batches, "variants": self.args.variants,
            "hidden": [",".join(str(width) for width in widths) + ("@" + ",".join(str(b) for b in batches) if batches else "")
                       for widths, batches in self.args.hidden], "parts": parts,
        }
        return results

    def machine(self, inference, started):
        model = "unknown"
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        git = subprocess.run(["git", "-C", REPO, "log", "-1", "--format=%h %cs"], stdout=subprocess.PIPE, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"],
                               stdout=subprocess.PIPE, text=True).stdout.strip()
        # The GEMM kernel's name and the runtimes' versions come from the inference runs' output.
        hebb, torch = (inference["hebb"], inference["torch"]) if inference else ({}, None)
        return {
            "date": started.isoformat(timespec="seconds"),
            "cpu": model,
            "logical_cores": os.cpu_count(),
            "usable_cores": len(os.sched_getaffinity(0)),
            "os": platform.platform(),
            "gemm_kernel": hebb.get("kernel", "unknown (no inference run)"),
            "dotnet": hebb.get("runtime", "unknown .NET"),
            "torch": torch["torch"] if torch else None,
            "torch_package": debian_version("python3-torch") if torch else None,
            "blas": torch["blas"] if torch else None,
            "commit": git + (" with local changes" if dirty else ""),
            "others_cpu_share": sum(r["others_cpu_share"] * r["seconds"] for r in self.measured)
                                / sum(r["seconds"] for r in self.measured),
            "others_cpu_share_max": max(r["others_cpu_share"] for r in self.measured),
        }


def debian_version(package):
    if shutil.which("dpkg-query") is None:
        return "unknown"
    result = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    return result.stdout.strip() or "unknown"


def ratio(hebb, torch):
    return "%.2f" % (hebb / torch) if torch else "–"


def number(value, pattern="{:,.0f}"):
    return pattern.format(value) if value is not None else "–"


def blas_text(paths):
    """The OpenBLAS library and the folder it came from (which tells the OpenMP build), else every BLAS library."""
    openblas = [path for path in paths if os.path.basename(path).startswith("libopenblas")]
    return ", ".join(os.path.join(os.path.basename(os.path.dirname(path)), os.path.basename(path))
                     for path in openblas or paths) or "none found"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def report(results):
    machine, settings = results["machine"], results["settings"]
    lines = [
        "# Hebb against PyTorch%s" % (" (--quick: a smoke test, not a measurement)" if settings["quick"] else ""),
        "",
        "- date: %s" % machine["date"],
        "- machine: %s, %d cores, %s" % (machine["cpu"], machine["usable_cores"], machine["os"]),
        "- noise: other processes in this machine took %.0f%% of its CPU time during the measurements "
        "(%.0f%% at most during one run; a virtual machine's neighbours on the host are not seen)"
        % (100 * machine["others_cpu_share"], 100 * machine["others_cpu_share_max"]),
        "- Hebb: commit %s, GEMM kernel %s, %s" % (machine["commit"], machine["gemm_kernel"], machine["dotnet"]),
    ]
    if machine["others_cpu_share"] > BUSY:
        lines.append("- **warning: the machine was busy; the figures are noisy, and PyTorch's OpenMP threads suffer most**")
    if machine["torch"]:
        lines.append("- PyTorch: %s (Debian python3-torch %s), BLAS %s"
                     % (machine["torch"], machine["torch_package"], blas_text(machine["blas"])))
        if not any("openblas-openmp" in path for path in machine["blas"]):
            lines.append("- **warning: PyTorch did not load OpenBLAS's OpenMP build; its figures are not comparable**")
    lines.append("")
    if results["training"]:
        lines += training_report(results["training"], settings)
    if results["inference"]:
        lines += inference_report(results["inference"], settings)
    if results["latency"]:
        lines += latency_report(results["latency"], settings)
    if results["training"]:
        lines += memory_report(results["training"])
    return "\n".join(lines)


def training_report(training, settings):
    lines = [
        "## Training: samples/s, %d epoch(s) of %s, timed epochs %s" % (settings["epochs"], format(settings["train_samples"], ","),
                                                                        settings["timed_epochs"]),
        "",
        table(["hidden", "training", "batch", "threads", "Hebb", "PyTorch", "Hebb / PyTorch", "Hebb test acc.", "PyTorch test acc."],
              [[row["hidden"], row["variant"], str(row["batch"]), str(row["threads"]), number(row["hebb"]["samples_per_second"]),
                number(row["torch"] and row["torch"]["samples_per_second"]),
                ratio(row["hebb"]["samples_per_second"], row["torch"] and row["torch"]["samples_per_second"]),
                number(row["hebb"]["test_accuracy"], "{:.4f}"), number(row["torch"] and row["torch"]["test_accuracy"], "{:.4f}")]
               for row in training]),
        "",
    ]
    return lines + variant_ratios(training)


def inference_report(inference, settings):
    return [
        "## Inference: samples/s, the 10,000 test images as one batch, best of %d" % settings["inference_repetitions"],
        "",
        table(["threads", "Hebb", "PyTorch", "Hebb / PyTorch"],
              [[str(row["threads"]), number(row["hebb"]["samples_per_second"]),
                number(row["torch"] and row["torch"]["samples_per_second"]),
                ratio(row["hebb"]["samples_per_second"], row["torch"] and row["torch"]["samples_per_second"])]
               for row in inference]),
        "",
    ]


def latency_report(latency, settings):
    hebb, torch = latency["hebb"], latency["torch"]
    return [
        "## Latency: one 28×28 PNG, process start to exit, %d runs (lower is better)" % settings["latency_runs"],
        "",
        table(["", "Hebb (hebb predict --image)", "PyTorch (predict_png.py)", "Hebb / PyTorch"],
              [["median ms", number(hebb["median_ms"], "{:.1f}"), number(torch and torch["median_ms"], "{:.1f}"),
                ratio(hebb["median_ms"], torch and torch["median_ms"])],
               ["min ms", number(hebb["min_ms"], "{:.1f}"), number(torch and torch["min_ms"], "{:.1f}"),
                ratio(hebb["min_ms"], torch and torch["min_ms"])],
               ["predicted (label %d)" % latency["label"], str(hebb["predicted"]), number(torch and torch["predicted"], "{}"), ""]]),
        "",
    ]


def memory_report(training):
    return [
        "## Peak memory of training: MiB of maximum resident set size (lower is better)",
        "",
        table(["hidden", "training", "batch", "threads", "Hebb", "PyTorch", "Hebb / PyTorch"],
              [[row["hidden"], row["variant"], str(row["batch"]), str(row["threads"]), number(row["hebb"]["max_rss_mib"]),
                number(row["torch"] and row["torch"]["max_rss_mib"]),
                ratio(row["hebb"]["max_rss_mib"], row["torch"] and row["torch"]["max_rss_mib"])]
               for row in training]),
        "",
    ]


def variant_ratios(training):
    """Each variant's throughput against plain SGD's at the same batch size and thread count, in each program."""
    sgd = {(row["hidden"], row["batch"], row["threads"]): row for row in training if row["variant"] == "sgd"}
    rows = []
    for row in training:
        base = sgd.get((row["hidden"], row["batch"], row["threads"]))
        if row["variant"] == "sgd" or base is None:
            continue
        rows.append([row["hidden"], row["variant"], str(row["batch"]), str(row["threads"]),
                     ratio(row["hebb"]["samples_per_second"], base["hebb"]["samples_per_second"]),
                     ratio(row["torch"]["samples_per_second"], base["torch"]["samples_per_second"])
                     if row["torch"] and base["torch"] else "–"])
    if not rows:
        return []
    return ["Throughput against plain SGD's in the same program (1.00: as fast as SGD):", "",
            table(["hidden", "training", "batch", "threads", "Hebb", "PyTorch"], rows), ""]


def save(results, text, suffix=""):
    folder = os.path.join(BENCH, "results")
    os.makedirs(folder, exist_ok=True)
    started = datetime.datetime.fromisoformat(results["machine"]["date"])
    stem = os.path.join(folder, started.strftime("%Y-%m-%d_%H%M") + suffix + ("-quick" if results["settings"]["quick"] else ""))
    # Two runs started in the same minute (one per network, say) keep both files.
    while os.path.exists(stem + ".json"):
        stem += "b"
    with open(stem + ".json", "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")
    with open(stem + ".md", "w") as f:
        f.write(text)
    return stem


def main():
    args = parse_args()
    paths = check_data(args.data)
    if not args.skip_torch:
        check_torch()
    if shutil.which("dotnet") is None:
        fail_usage("dotnet not found on PATH; the benchmarks need the .NET 10 SDK")
    build = tempfile.mkdtemp(prefix="hebb-bench-")
    try:
        results = Harness(args, paths, build).measure()
    except (BenchmarkFailed, ValueError) as error:
        print("run_benchmarks: %s" % error, file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(build, ignore_errors=True)
    text = report(results)
    print(text)
    progress("results: %s.json, .md" % save(results, text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
