#!/usr/bin/env bash
# A two-host MPI test bed on one Linux machine (root only): two network namespaces, hebb-a (10.77.0.1) and hebb-b
# (10.77.0.2), joined by a veth pair, one rank in each, Open MPI over TCP between them, so that every byte of the
# allreduces crosses a network interface. It runs bench/distributed/run.sh there (the same figures as on one host,
# plus the bytes rank 0's interface sent per step) and removes the namespaces however it ends.
#
#   tools/mpi-netns/run.sh [run.sh's options, e.g. --quick]
#
# How the ranks get into the namespaces: mpirun runs in hebb-a and treats hebb-b as a remote host, which it starts
# Open MPI's daemon on through --mca plm_rsh_agent: instead of ssh, tools/mpi-netns/agent runs the daemon's command
# with `ip netns exec hebb-b`. Each side also gets a UTS namespace with its own host name, so that Open MPI sees two
# nodes, not one. --mca btl tcp,self keeps the ranks off shared memory; the *_if_include settings keep MPI's
# traffic and its control channel on the veth's subnet. The 1-process side of the benchmark runs outside the namespaces.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

if [ "$(id -u)" != 0 ]; then
  echo "mpi-netns: must run as root (it makes network namespaces with ip netns)" >&2
  exit 2
fi
for program in ip unshare mpirun; do
  command -v "$program" >/dev/null || { echo "mpi-netns: $program not found on PATH (iproute2, util-linux, openmpi-bin)" >&2; exit 2; }
done

a=hebb-a b=hebb-b subnet=10.77.0.0/24
work=$(mktemp -d)
cleanup() {
  ip netns del "$a" 2>/dev/null || true
  ip netns del "$b" 2>/dev/null || true   # deleting a namespace deletes its end of the veth, and so the pair
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cleanup
mkdir -p "$work"

ip netns add "$a"
ip netns add "$b"
ip link add "veth-$a" type veth peer name "veth-$b"
ip link set "veth-$a" netns "$a"
ip link set "veth-$b" netns "$b"
ip -n "$a" addr add 10.77.0.1/24 dev "veth-$a"
ip -n "$b" addr add 10.77.0.2/24 dev "veth-$b"
for ns in "$a" "$b"; do
  ip -n "$ns" link set lo up
  ip -n "$ns" link set "veth-$ns" up
done

# One slot on each "host"; mpirun (in hebb-a, named hebb-a) starts rank 0 itself and rank 1 through the agent.
printf '%s slots=1\n%s slots=1\n' "$a" "$b" >"$work/hosts"
# mpirun in hebb-a, in a UTS namespace of its own named hebb-a.
cat >"$work/mpirun" <<EOF
#!/bin/sh
exec ip netns exec $a unshare --uts sh -c 'hostname $a && exec mpirun "\$@"' mpirun "\$@"
EOF
chmod +x "$work/mpirun"

"$repo/bench/distributed/run.sh" --label "two network namespaces over a veth pair, TCP" \
  --mpirun "$work/mpirun" \
  --mpirun-args "--hostfile $work/hosts --mca plm_rsh_agent $here/agent --mca btl tcp,self --mca btl_tcp_if_include $subnet --mca oob_tcp_if_include $subnet" \
  --wire-bytes-command "ip netns exec $a cat /sys/class/net/veth-$a/statistics/tx_bytes" \
  "$@"
