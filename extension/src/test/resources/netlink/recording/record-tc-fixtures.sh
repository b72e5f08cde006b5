#!/bin/sh
# Records the TBF fixtures of QdiscRequestsTest and QdiscMessageTest (see ../README.md): what tc sends for
# `tc qdisc replace/del/show` with tbf, and what the kernel answers; record-netem-fixtures.sh records netem's. Every command runs inside the throw-away
# named namespace tcfx1 (tc's device is eth0, one end of a veth pair whose other end, eth1, stays in tcfx1 too),
# deleted at the end; the host is not touched. Needs root, strace, iproute2 and python3. OUT=.. rewrites the fixtures
# in place; the default writes to ./out.
# One netem request records how a kernel without sch_netem refuses it.
set -u
cd "$(dirname "$0")"
OUT=${OUT:-out}
if [ -e /run/netns/tcfx1 ]; then echo "tcfx1 exists already" >&2; exit 1; fi
had_run_netns=0; [ -d /run/netns ] && had_run_netns=1
mkdir -p "$OUT"
cleanup() {
  ip netns del tcfx1 2>/dev/null
  if [ "$had_run_netns" = 0 ]; then rmdir /run/netns 2>/dev/null; fi
}
trap cleanup EXIT
ip netns add tcfx1 || exit 1
ip netns exec tcfx1 ip link set lo up
ip netns exec tcfx1 ip link add eth0 type veth peer name eth1 || exit 1
ip netns exec tcfx1 ip link set eth0 up
ip netns exec tcfx1 ip link set eth1 up
W() { name=$1; shift; extra=""; if [ "$1" = --stdout ]; then extra=--stdout; shift; fi; cmd=$1; pick=$2; shift 2; python3 strace2fixture.py tcfx1 "$cmd" --write "$OUT/$name.txt" --pick "$pick" $extra "$@"; }
T() { ip netns exec tcfx1 tc "$@" || exit 1; }
PSCHED="--note=/proc/net/psched: $(cat /proc/net/psched)"
# RTM_NEWQDISC=36 RTM_DELQDISC=37 RTM_GETQDISC=38
W qdisc-replace-tbf-latency 'tc qdisc replace dev eth0 root tbf rate 1mbit burst 32kbit latency 400ms' req=36 "$PSCHED"
W qdisc-replace-tbf-limit 'tc qdisc replace dev eth0 root tbf rate 100mbit burst 64kb limit 200kb' req=36 "$PSCHED"
W qdisc-replace-tbf-rate64 'tc qdisc replace dev eth0 root tbf rate 40gbit burst 1mb latency 10ms' req=36 "$PSCHED"
W qdisc-replace-tbf-slow 'tc qdisc replace dev eth0 root tbf rate 8kbit burst 1540 latency 50s' req=36 "$PSCHED"
W qdisc-del-root 'tc qdisc del dev eth0 root' req=37
W qdisc-del-root-none 'tc qdisc del dev eth0 root' req=37 \
  '--note=Deleting the root qdisc when the default one is in place: the kernel refuses it.'
# tbf is classful with one class, 1:1: a tbf root with handle 1: stands for the netem root of the netem+tbf recipe,
# so that the kernel accepts the child tbf.
T qdisc replace dev eth0 root handle 1: tbf rate 10mbit burst 32kb latency 50ms
W qdisc-replace-tbf-child 'tc qdisc replace dev eth0 parent 1:1 handle 10: tbf rate 1mbit burst 32kbit latency 400ms' req=36 "$PSCHED"
W qdisc-show-tbf-child --stdout 'tc qdisc show dev eth0' req=38
T qdisc replace dev eth0 root tbf rate 40gbit burst 1mb latency 10ms
W qdisc-show-tbf-rate64 --stdout 'tc qdisc show dev eth0' req=38 \
  '--note=The replace (no handle, same kind as the root tbf 1:) changed tbf 1: in place: its child 10: stayed.'
T qdisc del dev eth0 root
W qdisc-show-default --stdout 'tc qdisc show dev eth0' req=38
W error-qdisc-kind-unknown 'tc qdisc replace dev eth0 root handle 1: netem delay 50ms' req=36 \
  '--note=This kernel has no sch_netem: it refuses the request with ENOENT, "Specified qdisc kind is unknown".'
