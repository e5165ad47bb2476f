#!/usr/bin/env python3
"""Data-parallel training's speed: `mpirun -np 2 hebb train --distributed` against one `hebb train`, in one run.

Run from anywhere with Debian's python3 (stdlib only), or through bench/distributed/run.sh; it builds the CLI first,
then takes --lock (on the shared machine /work/bench.lock, so that only one benchmark runs at a time) for the runs:

    bench/distributed/run.sh                      # about 3 minutes on 2 cores
    bench/distributed/run.sh --quick              # a smoke test: 1 epoch, 1 round

Every side trains the course note's network (784-300-100-10 ReLU, plain SGD at 0.01, seed 42) on Fashion-MNIST with
the same global batch (256 by default): one process of 1 thread; 2 ranks of 1 thread each summing their gradients
through the memory they share on one host (Hebb's default there); and the same 2 ranks with HEBB_SHM_DISABLE=1,
through MPI's allreduces (what they do across hosts). Samples/s is the training samples of epochs 2..N over the
seconds of those epochs' training loops (rank 0's timing; epoch 1 is the JIT's warm-up), as bench/run_benchmarks.py
counts them. The sides take turns (which goes first changes every round), so the machine's noise hits all alike, and
the report gives each round's ratios and their medians. --exchanges picks the distributed sides.

From rank 0's `--json` epoch lines it also reports the bytes each rank hands to the exchange per step and the share
of the timed epochs' training loops spent in it (copying, summing, waiting: on one host mostly waiting for the other
rank to finish its share), and through shared memory the share spent waiting alone (in the barriers). --wire-bytes-command names a program that prints a
byte counter (tools/mpi-netns passes the bytes rank 0's veth has sent): it runs before and after every distributed run, and
the report gives the difference per training step (every step of every epoch, as the counter cannot tell them apart).

The ranks run with Open MPI's mpi_yield_when_idle=1 unless --mca says otherwise: a rank waiting for the other spins in
MPI by default, and on a 2-core machine shared with anything else that spin keeps the rank it waits for off a core.

Results go to bench/results/<date>_<time>_distributed.json and .md. Exit codes: 0 done, 1 a build or a run failed,
2 a usage error or missing data, Open MPI or .NET.
"""

import argparse
import datetime
import fcntl
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from run_benchmarks import (DEFAULT_DATA, BenchmarkFailed, check_data, debian_version, json_lines, progress,  # noqa: E402
                            publish, read_idx, run, save, table)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DEFAULT_DATA, help="a folder of the four MNIST-format IDX files (default: %(default)s)")
    parser.add_argument("--batch-size", type=int, default=256, help="the global batch (default: %(default)s)")
    parser.add_argument("--hidden", default="300,100", help="hidden widths (default: the note's, %(default)s)")
    parser.add_argument("--ranks", type=int, default=2, help="ranks of the distributed side (default: %(default)s)")
    parser.add_argument("--epochs", type=int, default=5, help="epochs per run, the first untimed (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of runs, one of each side (default: %(default)s)")
    parser.add_argument("--exchanges", default="shared,mpi",
                        help="the distributed sides, comma-separated: shared (Hebb's default: shared memory on one host, "
                             "MPI across hosts), mpi (HEBB_SHM_DISABLE=1: MPI's allreduces) (default: %(default)s)")
    parser.add_argument("--mpirun", default="mpirun", help="the mpirun to start the ranks with (default: %(default)s)")
    parser.add_argument("--mpirun-args", default="", help="more arguments for mpirun, one shell-quoted string (tools/mpi-netns: its hosts and transports)")
    parser.add_argument("--mca", action="append", metavar="NAME=VALUE",
                        help="an Open MPI MCA parameter for the ranks, again for more (default: mpi_yield_when_idle=1: a rank "
                             "waiting in MPI gives its core up, which on a shared machine lets the rank it waits for run)")
    parser.add_argument("--wire-bytes-command", help="a command that prints a byte counter of the network between the ranks")
    parser.add_argument("--label", default="one host", help="where the ranks ran, for the report (default: %(default)s)")
    parser.add_argument("--cli", help="a hebb already published (ReadyToRun, Release) to run instead of building one")
    parser.add_argument("--lock", default="/work/bench.lock" if os.path.isdir("/work") else None,
                        help="a file to hold an exclusive flock on while measuring (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="1 epoch, 1 round: checks that everything runs, measures nothing")
    args = parser.parse_args()
    if args.mca is None:
        args.mca = ["mpi_yield_when_idle=1"]
    if any("=" not in setting for setting in args.mca):
        parser.error("--mca takes NAME=VALUE")
    args.exchanges = args.exchanges.split(",")
    if not args.exchanges or any(exchange not in EXCHANGES for exchange in args.exchanges):
        parser.error("--exchanges takes a comma-separated list of %s" % ", ".join(EXCHANGES))
    if args.quick:
        args.epochs, args.rounds = 1, 1
    if min(args.batch_size, args.ranks, args.epochs, args.rounds) < 1:
        parser.error("--batch-size, --ranks, --epochs and --rounds must be positive")
    return args


# The distributed sides: the mpirun arguments each adds.
EXCHANGES = {"shared": [], "mpi": ["-x", "HEBB_SHM_DISABLE=1"]}


def mpi_environment():
    env = dict(os.environ)
    # Open MPI refuses to start as root without both; .NET writes a terminal escape on the pty mpirun gives stdout
    # unless TERM says there is no terminal.
    env.update(OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1", TERM="dumb")
    return env


def counter(command):
    result = subprocess.run(command, shell=True, stdout=subprocess.PIPE, text=True, check=True)
    return int(result.stdout.split()[0])


class Distributed:
    def __init__(self, args, cli, build):
        self.args = args
        self.cli = cli
        self.build = build
        self.train_count = read_idx(check_data(args.data)["train-labels-idx1-ubyte"])[0][0]
        self.steps_per_epoch = -(-self.train_count // args.batch_size)

    def train(self, ranks, exchange=None):
        output = os.path.join(self.build, "model-%d.safetensors" % ranks)
        command = [self.cli, "train", "--data", os.path.abspath(self.args.data), "--epochs", str(self.args.epochs),
                   "--hidden", self.args.hidden, "--batch-size", str(self.args.batch_size), "--threads", "1",
                   "--output", output, "--json"]
        if ranks == 1:
            return self.summary(1, run(command), None)
        # Unbound, as the single process is: the ranks share the machine with whatever else runs.
        mpirun = [self.args.mpirun, "-np", str(ranks), "--bind-to", "none"] + EXCHANGES[exchange] + shlex.split(self.args.mpirun_args)
        for setting in self.args.mca:
            mpirun += ["--mca"] + setting.split("=", 1)
        before = counter(self.args.wire_bytes_command) if self.args.wire_bytes_command else None
        result = run(mpirun + command + ["--distributed"], env=mpi_environment())
        wire = counter(self.args.wire_bytes_command) - before if before is not None else None
        return self.summary(ranks, result, wire, exchange)

    def summary(self, ranks, result, wire, exchange=None):
        rows = [row for row in json_lines(result["stdout"]) if "epoch" in row]
        if len(rows) != self.args.epochs:
            raise BenchmarkFailed("%d rank(s) printed %d epochs, expected %d" % (ranks, len(rows), self.args.epochs))
        timed = rows[1:] if len(rows) > 1 else rows
        seconds = sum(row["seconds"] for row in timed)
        summary = {"ranks": ranks, "samples_per_second": self.train_count * len(timed) / seconds,
                   "test_accuracy": rows[-1]["test_accuracy"], "process_seconds": result["seconds"],
                   "others_cpu_share": result["others_cpu_share"], "epochs": rows}
        line = "  %d rank(s)%s %9.0f samples/s  test accuracy %.4f  others %3.0f%%" % (
            ranks, " " + exchange if exchange else "", summary["samples_per_second"], summary["test_accuracy"], 100 * result["others_cpu_share"])
        if ranks > 1:
            summary["exchange"] = exchange
            # Only the shared-memory exchange tells its waiting apart: its epoch lines say which exchange ran.
            summary["through_shared_memory"] = "allreduce_wait_seconds" in rows[-1]
            summary["allreduce_bytes_per_step"] = rows[-1]["allreduce_bytes_per_step"]
            summary["allreduce_share"] = sum(row["allreduce_seconds"] for row in timed) / seconds
            line += "  exchange %d bytes/step, %.1f%% of the loop" % (summary["allreduce_bytes_per_step"], 100 * summary["allreduce_share"])
            if summary["through_shared_memory"]:
                summary["wait_share"] = sum(row["allreduce_wait_seconds"] for row in timed) / seconds
                line += " (%.1f%% waiting)" % (100 * summary["wait_share"])
            if wire is not None:
                summary["wire_bytes_per_step"] = wire / (self.steps_per_epoch * self.args.epochs)
                line += ", %.0f bytes/step on the wire" % summary["wire_bytes_per_step"]
        progress(line)
        return summary

    def measure(self):
        sides = [None] + self.args.exchanges
        rounds = []
        for index in range(self.args.rounds):
            progress("round %d of %d (%s)" % (index + 1, self.args.rounds, self.args.label))
            # Each round starts one side later than the one before.
            order = sides[index % len(sides):] + sides[:index % len(sides)]
            runs = {side: self.train(1) if side is None else self.train(self.args.ranks, side) for side in order}
            one = runs[None]
            rounds.append({"one": one, "order": ["1 process" if side is None else side for side in order],
                           "many": {side: runs[side] for side in self.args.exchanges},
                           "ratio": {side: runs[side]["samples_per_second"] / one["samples_per_second"] for side in self.args.exchanges}})
        return rounds


def side_name(side, rounds):
    if side == "mpi":
        return "through MPI"
    # Hebb's default: shared memory when the ranks are on one host; across hosts it falls back to MPI's allreduces.
    shared = [pair["many"][side]["through_shared_memory"] for pair in rounds]
    return "through shared memory" if all(shared) else "through MPI (no memory shared between the hosts)" if not any(shared) else "default exchange"


def percent(share):
    return "%.1f%%" % (100 * share)


def report(results):
    settings, rounds = results["settings"], results["rounds"]
    exchanges, ranks = settings["exchanges"], settings["ranks"]
    headers = ["round", "1 process, samples/s"]
    for side in exchanges:
        headers += ["%d ranks %s, samples/s" % (ranks, side_name(side, rounds)), "ratio", "share of the loop in the exchange"]
        if side == "shared":
            headers.append("of it waiting")
    headers += ["bytes/step per rank", "bytes/step on the wire", "others' CPU (1 / %s)" % " / ".join(exchanges)]
    rows = []
    for index, pair in enumerate(rounds, 1):
        one = pair["one"]
        row = [str(index), "{:,.0f}".format(one["samples_per_second"])]
        for side in exchanges:
            many = pair["many"][side]
            row += ["{:,.0f}".format(many["samples_per_second"]), "%.2f" % pair["ratio"][side], percent(many["allreduce_share"])]
            if side == "shared":
                row.append(percent(many["wait_share"]) if "wait_share" in many else "–")
        first = pair["many"][exchanges[0]]
        row += ["{:,}".format(first["allreduce_bytes_per_step"]),
                "{:,.0f}".format(first["wire_bytes_per_step"]) if "wire_bytes_per_step" in first else "–",
                " / ".join("%.0f%%" % (100 * run["others_cpu_share"]) for run in [one] + [pair["many"][side] for side in exchanges])]
        rows.append(row)
    medians = "; ".join("%d ranks %s %.2f" % (ranks, side_name(side, rounds), statistics.median(pair["ratio"][side] for pair in rounds))
                        for side in exchanges)
    lines = ["# Data-parallel training: %d ranks against 1 process (%s)%s" % (
                 ranks, settings["label"], " (--quick: a smoke test, not a measurement)" if settings["quick"] else ""),
             "",
             "%s, %s; Open MPI %s (MCA: %s); %s, hidden %s, plain SGD 0.01, global batch %d, 1 thread per process; %d epochs "
             "per run, samples/s over epochs 2..N (rank 0's timing of the training loop); the sides take turns, each round "
             "starting one side later." % (
                 results["machine"]["date"], results["machine"]["cpu"], results["machine"]["openmpi"],
                 ", ".join(settings["mca"]) or "defaults", settings["data"], settings["hidden"], settings["batch_size"], settings["epochs"]),
             "",
             table(headers, rows),
             "",
             "Median ratios: %s. Others' CPU is the share of the machine's CPU time that other processes took during each run; "
             "the load average was %s before the runs and %s after." % (medians, results["machine"]["load_before"], results["machine"]["load_after"]),
             ""]
    return "\n".join(lines)


def load_average():
    return " ".join("%.2f" % value for value in os.getloadavg())


def cpu_name():
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                return "%s, %d cores" % (line.split(":", 1)[1].strip(), os.cpu_count())
    return "%d cores" % os.cpu_count()


def main():
    args = parse_args()
    check_data(args.data)
    for program, what in (("dotnet", "the .NET 10 SDK"), ("mpirun", "Open MPI (apt-get install openmpi-bin)")):
        if shutil.which(program) is None:
            print("run_distributed: %s not found on PATH; the benchmark needs %s" % (program, what), file=sys.stderr)
            return 2
    build = tempfile.mkdtemp(prefix="hebb-distributed-")
    try:
        cli = os.path.abspath(args.cli) if args.cli else publish("src/Hebb.Cli", os.path.join(build, "cli"))
        if args.lock:
            # Held until this process ends; not while building, which would keep the other benchmarks waiting longer.
            lock = open(args.lock, "a")
            progress("waiting for %s ..." % args.lock)
            fcntl.flock(lock, fcntl.LOCK_EX)
        load_before = load_average()
        rounds = Distributed(args, cli, build).measure()
        load_after = load_average()
    except (BenchmarkFailed, ValueError, subprocess.CalledProcessError) as error:
        print("run_distributed: %s" % error, file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(build, ignore_errors=True)
    results = {"machine": {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"), "cpu": cpu_name(),
                           "openmpi": debian_version("openmpi-bin"), "load_before": load_before, "load_after": load_after},
               "settings": {"data": os.path.abspath(args.data), "hidden": args.hidden, "batch_size": args.batch_size,
                            "ranks": args.ranks, "epochs": args.epochs, "label": args.label, "quick": args.quick,
                            "mpirun_args": args.mpirun_args, "mca": args.mca, "exchanges": args.exchanges},
               "rounds": rounds}
    text = report(results)
    print(text)
    progress("results: %s.json, .md" % save(results, text, suffix="_distributed"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
