#!/usr/bin/python3
"""Wall time of a small `hebb tune` on one process against `mpirun -np 2 hebb tune --distributed`, in one run.

Publishes src/Hebb.Cli in Release into a temporary folder, then times, from process start to exit, on the
built-in MNIST sample (no data set needed):
  - one process, 1 thread;
  - two ranks (mpirun -np 2), 1 thread each: trial i on rank i mod 2;
  - one process, 2 threads (the other way to use two cores).
Each is run --repeats times, alternating the order, and the median is reported with the ratios to the first. It
also checks that the two-rank run ranked the trials as the single process did (every field but the seconds) and
prints, for the two ranks, the sum of each rank's trial seconds (the imbalance of trial i on rank i mod 2).

    /usr/bin/python3 bench/tune_distributed.py                # 8 trials of 2 epochs, about 3 minutes on 2 cores
    /usr/bin/python3 bench/tune_distributed.py --trials 16 --epochs 3

Needs Open MPI's mpirun (apt-get install openmpi-bin) and the .NET 10 SDK.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=8)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    mpirun = shutil.which("mpirun")
    if mpirun is None:
        sys.exit("bench/tune_distributed.py: needs Open MPI's mpirun (Debian/Ubuntu: apt-get install openmpi-bin)")

    with tempfile.TemporaryDirectory(prefix="hebb-tune-bench-") as work:
        work = Path(work)
        subprocess.run(["dotnet", "publish", str(REPO / "src/Hebb.Cli"), "-c", "Release", "-o", str(work / "hebb"), "--nologo", "-v", "quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        hebb = ["dotnet", str(work / "hebb/Hebb.Cli.dll")]
        tune = ["tune", "--trials", str(args.trials), "--epochs", str(args.epochs), "--json"]
        env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1", TERM="dumb")
        runs = {
            "1 process, 1 thread": hebb + tune + ["--threads", "1"],
            "mpirun -np 2, 1 thread each": [mpirun, "-np", "2"] + hebb + tune + ["--threads", "1", "--distributed"],
            "1 process, 2 threads": hebb + tune + ["--threads", "2"],
        }
        seconds = {name: [] for name in runs}
        outputs = {}
        for repeat in range(args.repeats):
            order = list(runs) if repeat % 2 == 0 else list(reversed(runs))
            for name in order:
                output = work / "tuned.safetensors"
                start = time.perf_counter()
                done = subprocess.run(runs[name] + ["--output", str(output)], env=env, capture_output=True, text=True, cwd=work)
                seconds[name].append(time.perf_counter() - start)
                if done.returncode != 0:
                    sys.exit(f"{name} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
                outputs[name] = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]

    def ranking(lines):
        return [{k: v for k, v in trial.items() if k != "seconds"} for trial in lines[-1]["ranking"]]

    same = ranking(outputs["1 process, 1 thread"]) == ranking(outputs["mpirun -np 2, 1 thread each"])
    baseline = statistics.median(seconds["1 process, 1 thread"])
    print(f"hebb tune --trials {args.trials} --epochs {args.epochs} on the built-in sample, median of {args.repeats} runs, process start to exit")
    print(f"{'run':32} {'seconds':>8} {'speed-up':>9}   all runs")
    for name, times in seconds.items():
        median = statistics.median(times)
        print(f"{name:32} {median:8.1f} {baseline / median:8.2f}x   {' '.join(f'{t:.1f}' for t in times)}")
    trials = outputs["mpirun -np 2, 1 thread each"][:-1]
    per_rank = [sum(t["seconds"] for t in trials if (t["trial"] - 1) % 2 == rank) for rank in (0, 1)]
    print(f"two ranks, trial seconds summed per rank (last run): rank 0 {per_rank[0]:.1f} s, rank 1 {per_rank[1]:.1f} s")
    print(f"two ranks ranked the trials as one process: {'yes' if same else 'NO'}")
    print(f"load average at the end (1, 5, 15 min): {' '.join(f'{load:.1f}' for load in os.getloadavg())} on {os.cpu_count()} cores")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
