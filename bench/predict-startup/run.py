#!/usr/bin/env python3
"""`hebb predict --model M --image P --json`, process start to exit, for one or more builds of hebb in one run.

    /usr/bin/python3 bench/predict-startup/run.py --model model.safetensors [--image digit.png] [--runs 20] \
        [--output bench/results/NAME.md] LABEL=LAUNCHER [LABEL=LAUNCHER ...]

Each LAUNCHER is a command that starts hebb: a published folder's executable (`DIR/Hebb.Cli`: native code from
`dotnet publish src/Hebb.Cli -c Release --use-current-runtime -o DIR` on Linux, the ReadyToRun build's apphost with
`--self-contained false` added), an installed tool's `hebb` (`dotnet tool install` puts on the PATH a link to
the tool's native executable, or an apphost that starts the tool's own Hebb.Cli.dll), or `dotnet DIR/Hebb.Cli.dll`
of a ReadyToRun build; words separated by spaces, and leading NAME=VALUE words set environment variables
for that launcher alone (e.g. `pgo-off=DOTNET_TieredPGO=0 DIR/Hebb.Cli`). One untimed run of each first, then
--runs rounds, each running every launcher once in an order that rotates from round to round, so that the
machine's noise falls on all alike. Without --image the first Fashion-MNIST test image (--data) is written as
a PNG. Stdlib only.

Prints, per launcher, the median and minimum of the wall time (fork to wait4) and of the CPU time (user + sys
from wait4) in ms, the predicted class, and the machine's load average and the share of the CPU that other
processes took meanwhile: above a few percent, wall times measure the machine rather than hebb.
"""

import argparse
import os
import shlex
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(BENCH, "reference"))
from idx_files import find_file, read_idx  # noqa: E402 (found through the path set just above)

DEFAULT_DATA = os.path.join(os.path.dirname(os.path.dirname(BENCH)), "shared", "data", "fashion-mnist")


def machine_cpu_seconds():
    """Busy CPU seconds of the whole machine so far (user, nice, system, irq, softirq of /proc/stat)."""
    with open("/proc/stat") as f:
        fields = f.readline().split()[1:8]
    user, nice, system, _idle, _iowait, irq, softirq = (int(value) for value in fields)
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def write_png(data, path):
    """The first test image of the IDX folder as an 8-bit grayscale PNG."""
    (_, height, width), images = read_idx(find_file(data, "t10k-images-idx3-ubyte"))
    scanlines = b"".join(b"\x00" + images[y * width:(y + 1) * width] for y in range(height))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(scanlines)) + chunk(b"IEND", b""))


def launcher(text):
    label, _, command = text.partition("=")
    words = shlex.split(command)
    env = dict(os.environ)
    while words and "=" in words[0] and not words[0].startswith(("/", ".")):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    if not label or not words:
        raise argparse.ArgumentTypeError("expected LABEL=LAUNCHER, found %r" % text)
    return label, words, env


def run_once(command, env):
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        busy = machine_cpu_seconds()
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        cpu = usage.ru_utime + usage.ru_stime
        others = max(0.0, machine_cpu_seconds() - busy - cpu)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("%s failed: %s" % (" ".join(command), (stderr.strip().splitlines() or ["no message"])[-1]))
    predicted = next((line for line in stdout.splitlines() if line.startswith("{")), "")
    predicted = predicted.split('"predicted":')[1].split(",")[0] if '"predicted":' in predicted else "?"
    return {"wall_ms": 1000 * wall, "cpu_ms": 1000 * cpu, "others_share": others / (wall * os.cpu_count()), "predicted": predicted}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("launchers", nargs="+", type=launcher, metavar="LABEL=LAUNCHER")
    parser.add_argument("--model", required=True)
    parser.add_argument("--image")
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--output", help="also write the table to this Markdown file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        image = args.image or os.path.join(folder, "test-image-0.png")
        if not args.image:
            write_png(args.data, image)
        commands = [(label, words + ["predict", "--model", args.model, "--image", image, "--json"], env)
                    for label, words, env in args.launchers]
        results = {label: [] for label, _, _ in commands}
        load_before = os.getloadavg()[0]
        for _, command, env in commands:
            run_once(command, env)  # untimed: the files in the page cache, as for every later run
        for index in range(args.runs):
            shift = index % len(commands)
            for label, command, env in commands[shift:] + commands[:shift]:
                results[label].append(run_once(command, env))
        load_after = os.getloadavg()[0]

    lines = ["`hebb predict --image --json`, process start to exit, %d interleaved runs each; load average %.2f before, %.2f after"
             % (args.runs, load_before, load_after), "",
             "| launcher | wall median | wall min | CPU median | CPU min | others' CPU | predicted |", "|---|---:|---:|---:|---:|---:|---:|"]
    for label, command, env in commands:
        runs = results[label]
        wall = [run["wall_ms"] for run in runs]
        cpu = [run["cpu_ms"] for run in runs]
        lines.append("| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.0f%% | %s |" % (
            label, statistics.median(wall), min(wall), statistics.median(cpu), min(cpu),
            100 * statistics.mean(run["others_share"] for run in runs), runs[-1]["predicted"]))
    lines += ["", "Launchers:"] + ["- %s: `%s`" % (label, " ".join(
        ["%s=%s" % (name, value) for name, value in env.items() if os.environ.get(name) != value] + command[:1 + command.index("predict")]))
        for label, command, env in commands]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
