#!/usr/bin/env bash
# Fuzzes Hebb's readers with AFL++ through SharpFuzz: builds tools/fuzz/Hebb.Fuzz, instruments Hebb's assemblies,
# and runs afl-fuzz on each target in turn, niced, until it has made EXECS executions or spent SECONDS.
#   tools/fuzz/run.sh [--execs N] [--seconds S] [TARGET...]     (targets: safetensors idx-images idx-labels png onnx csv)
# Needs Debian's afl++ (apt-get install -y afl++). Findings go to tools/fuzz/findings/TARGET (not committed);
# afterwards every input of each queue, crashes and hangs is replayed and the slowest and largest-allocating named.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
execs=1000000
seconds=3600
targets=()
while (($#)); do
  case "$1" in
    --execs) execs="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
((${#targets[@]})) || targets=(safetensors idx-images idx-labels png onnx csv)
command -v afl-fuzz >/dev/null || { echo "run.sh: afl-fuzz not found; install Debian's afl++" >&2; exit 1; }

# out/plain runs outside AFL++ (seeds, replay); out/afl is instrumented, and its code works only under afl-fuzz.
plain="$here/out/plain"
afl="$here/out/afl"
cd "$here"
dotnet tool restore >/dev/null
dotnet publish Hebb.Fuzz -c Release -o "$plain" --nologo -v quiet
rm -rf "$afl" && cp -r "$plain" "$afl"
# Coverage is collected from the code the readers are made of: Hebb's, and the PNG and protobuf decoders beneath them.
for assembly in Hebb.dll Hebb.Cli.dll StbImageSharp.dll Google.Protobuf.dll; do
  dotnet sharpfuzz "$afl/$assembly" >/dev/null
done
[[ -d "$here/seeds" ]] || dotnet "$plain/Hebb.Fuzz.dll" seeds "$here/seeds"

mkdir -p "$here/findings"
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
for target in "${targets[@]}"; do
  dictionary=()
  [[ -f "$here/dictionaries/$target.dict" ]] && dictionary=(-x "$here/dictionaries/$target.dict")
  findings="$here/findings/$target"
  # A restart resumes the queue of the run before ("-i -"), so that executions add up over several sessions.
  input=(-i "$here/seeds/$target")
  [[ -f "$findings/default/fuzzer_stats" ]] && input=(-i -)
  echo "run.sh: fuzzing $target for $execs executions or $seconds s"
  nice -n 15 afl-fuzz "${input[@]}" -o "$findings" -m none -t 5000 -E "$execs" -V "$seconds" "${dictionary[@]}" \
    -- dotnet "$afl/Hebb.Fuzz.dll" "$target" > "$findings.log" 2>&1 || { echo "run.sh: afl-fuzz failed on $target, see $findings.log" >&2; tail -20 "$findings.log" >&2; exit 1; }
  grep -E "^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs)" "$findings/default/fuzzer_stats"
  # Replay: one line per input (ms, bytes allocated, input bytes, outcome, file); the slowest and the hungriest.
  replay="$findings/replay.tsv"
  find "$findings/default/queue" "$findings/default/crashes" "$findings/default/hangs" -maxdepth 1 -type f ! -name README.txt -print0 \
    | xargs -0 dotnet "$plain/Hebb.Fuzz.dll" "$target" > "$replay" || true
  echo "slowest:";           sort -t$'\t' -k1,1 -g -r "$replay" | head -3
  echo "largest allocation:"; sort -t$'\t' -k2,2 -g -r "$replay" | head -3
  grep -c CRASH "$replay" | sed 's/^/crashing inputs: /' || true
done
