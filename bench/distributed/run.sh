#!/usr/bin/env bash
# bench/distributed/run_distributed.py with Debian's python3 (it takes /work/bench.lock itself, once it has built the
# CLI). Options: run_distributed.py --help.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec /usr/bin/python3 "$here/run_distributed.py" "$@"
