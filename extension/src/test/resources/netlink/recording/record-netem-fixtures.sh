#!/bin/sh
# Records the netem fixtures of QdiscRequestsTest and QdiscMessageTest (see ../README.md): what tc sends for
# `tc qdisc replace ... netem ...` and `tc qdisc show`, and what a kernel with sch_netem answers. Meant for the kernel
# lane's guest, which boots Debian 12's 6.1 kernel (netem as a module), from the directory of this script:
#
#   "$(git rev-parse --show-toplevel)"/ci/kernel-lane.d/vm-run --share "$PWD" -- ./record-netem-fixtures.sh
#   mv out/*.txt .. && rmdir out
#
# (Only this directory is shared with the guest, so the fixtures are written to ./out there.)
# Like record-tc-fixtures.sh: every command runs inside the throw-away named namespace tcfx1 (tc's device is eth0, one
# end of a veth pair), deleted at the end. Needs root, strace, iproute2, python3 and sch_netem. The fixtures go to
# ./out, or to $OUT.
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
ip netns exec tcfx1 tc qdisc replace dev eth0 root netem delay 1ms || { echo "this kernel has no netem" >&2; exit 1; }
ip netns exec tcfx1 tc qdisc del dev eth0 root
W() { name=$1; shift; extra=""; if [ "$1" = --stdout ]; then extra=--stdout; shift; fi; cmd=$1; pick=$2; shift 2; python3 strace2fixture.py tcfx1 "$cmd" --write "$OUT/$name.txt" --pick "$pick" $extra "$@"; }
T() { ip netns exec tcfx1 tc "$@" || exit 1; }
PSCHED="--note=/proc/net/psched: $(cat /proc/net/psched)"
# RTM_NEWQDISC=36 RTM_GETQDISC=38
W qdisc-replace-netem-delay 'tc qdisc replace dev eth0 root handle 1: netem delay 50ms' req=36 "$PSCHED"
W qdisc-replace-netem-all 'tc qdisc replace dev eth0 root handle 1: netem delay 50ms 10ms 25% distribution normal loss 5% 25% duplicate 1% corrupt 0.1% reorder 25% 50% rate 1mbit' req=36 "$PSCHED"
W qdisc-show-netem-all --stdout 'tc qdisc show dev eth0' req=38 "$PSCHED"
W qdisc-replace-netem-pareto 'tc qdisc replace dev eth0 root handle 1: netem delay 100ms 20ms distribution pareto' req=36 "$PSCHED"
W qdisc-replace-netem-paretonormal 'tc qdisc replace dev eth0 root handle 1: netem limit 5000 delay 100ms 20ms 10% distribution paretonormal' req=36 "$PSCHED"
T qdisc del dev eth0 root
W qdisc-replace-netem-loss 'tc qdisc replace dev eth0 root netem loss 30%' req=36
W qdisc-replace-netem-duplicate-corr 'tc qdisc replace dev eth0 root netem duplicate 1% 10%' req=36 \
  '--note=tc 6.1 sets the duplicate correlation in struct tc_netem_corr but sends TCA_NETEM_CORR only when another correlation was given: here it sends none.'
W qdisc-show-netem-duplicate-corr --stdout 'tc qdisc show dev eth0' req=38 "$PSCHED" \
  '--note=The duplicate correlation of the command did not reach the kernel (see qdisc-replace-netem-duplicate-corr).'
T qdisc del dev eth0 root
W qdisc-replace-netem-reorder-gap 'tc qdisc replace dev eth0 root netem delay 10ms reorder 25% gap 5' req=36 "$PSCHED"
T qdisc del dev eth0 root
W qdisc-replace-netem-rate64 'tc qdisc replace dev eth0 root netem rate 40gbit' req=36
W qdisc-show-netem-rate64 --stdout 'tc qdisc show dev eth0' req=38 "$PSCHED"
T qdisc del dev eth0 root
# The recipe for delay and rate together: netem at the root, a TBF in its one class.
T qdisc replace dev eth0 root handle 1: netem delay 50ms
W qdisc-replace-netem-tbf-child 'tc qdisc replace dev eth0 parent 1:1 handle 10: tbf rate 1mbit burst 32kbit latency 400ms' req=36 "$PSCHED"
W qdisc-show-netem-tbf --stdout 'tc qdisc show dev eth0' req=38 "$PSCHED"
