#!/usr/bin/env bash
# hebb serve beside a minimal ASP.NET Core server running ONNX Runtime once per request (bench/OnnxServe), on
# the same model (the note's network, trained one epoch on the built-in sample, exported to ONNX), both driven by
# wrk with one test digit per request: 32 connections for throughput (requests/s, p50, p99, errors), then one
# connection for a lone request's median latency. Run it as: flock /work/bench.lock bench/serve/run.sh
# Writes bench/results/<date>_serve.md with wrk's own output.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${SECONDS_PER_RUN:-20}
work=$(mktemp -d)
pids=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"' EXIT

dotnet build src/Hebb.Cli -c Release --nologo -v quiet
dotnet build bench/OnnxServe -c Release --nologo -v quiet
hebb=(dotnet src/Hebb.Cli/bin/Release/net10.0/Hebb.Cli.dll)
"${hebb[@]}" train --epochs 1 --output "$work/model.safetensors" >/dev/null
"${hebb[@]}" export "$work/model.safetensors" --onnx "$work/model.onnx" --probabilities >/dev/null
# The first digit of the built-in sample's test set (the 8,001st image), as the 784 floats on [0, 1] Hebb trains on.
/usr/bin/python3 - "$work/body.json" <<'PY'
import gzip, json, sys
images = gzip.open("src/Hebb/Data/MnistSample/images-idx3-ubyte.gz").read()
start = 16 + 8000 * 784
json.dump({"instances": [[b / 255 for b in images[start:start + 784]]]}, open(sys.argv[1], "w"))
PY
export HEBB_BODY="$work/body.json"

"${hebb[@]}" serve "$work/model.safetensors" --port 18081 & pids+=($!)
dotnet bench/OnnxServe/bin/Release/net10.0/OnnxServe.dll "$work/model.onnx" 18082 & pids+=($!)
declare -A server_pid=([18081]=${pids[0]} [18082]=${pids[1]})
# A server's CPU time so far (user + system, in clock ticks): beside requests/s, which other work on the machine
# moves, the CPU a server spends per request is a steadier measure of its cost.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for port in 18081 18082; do
  for _ in $(seq 50); do curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @"$HEBB_BODY" "http://127.0.0.1:$port/v1/predict" && break; sleep 0.2; done
done

stamp=$(date -u +%Y-%m-%d_%H%M)
out="bench/results/${stamp}_serve.md"
{
  echo "# hebb serve beside ONNX Runtime per request ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, commit $(git rev-parse --short HEAD), load average $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2), one test digit per POST, ${seconds} s per run after a 5 s warm-up; bench/serve/run.sh"
  for run in "32 connections:-t2 -c32" "1 connection (lone requests):-t1 -c1"; do
    title=${run%%:*}; load=${run##*:}  # wrk -t2 -c32 for throughput, as the issue measured its peer
    for server in "hebb serve:18081" "ONNX Runtime per request:18082"; do
      name=${server%%:*}; port=${server##*:}
      wrk $load -d5s -s bench/serve/post.lua "http://127.0.0.1:$port/v1/predict" >/dev/null
      echo
      echo "## $name, $title"
      echo
      echo '```'
      before=$(cpu_ticks "${server_pid[$port]}")
      result=$(wrk $load -d"${seconds}s" --latency -s bench/serve/post.lua "http://127.0.0.1:$port/v1/predict")
      after=$(cpu_ticks "${server_pid[$port]}")
      echo "$result"
      echo '```'
      requests=$(echo "$result" | awk '/requests in/ {print $1}')
      echo
      echo "Server CPU: $(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests )) µs per request (user + system); load average $(cut -d' ' -f1-3 /proc/loadavg)"
    done
  done
} | tee "$out"
echo "wrote $out"
