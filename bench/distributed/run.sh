#!/usr/bin/env bash
# bench/distributed/run_distributed.py under flock /work/bench.lock (when that folder exists: the shared machine's
# lock, so that only one benchmark runs at a time), with Debian's python3. Options: run_distributed.py --help.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ -d /work ] && command -v flock >/dev/null; then
  exec flock /work/bench.lock /usr/bin/python3 "$here/run_distributed.py" "$@"
fi
exec /usr/bin/python3 "$here/run_distributed.py" "$@"
