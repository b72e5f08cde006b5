#!/bin/sh
# Records the neighbour fixtures of NeighRequestsTest and NeighMessageTest (see ../README.md): what ip sends for
# `ip neigh show` and what the kernel answers. Every command runs inside the throw-away named namespaces nbfx1 (where
# ip runs; eth0, 10.9.0.1/24 and fd00:9::1/64) and nbfx2 (eth1, the peer: 10.9.0.2/24, fd00:9::2/64), deleted at the
# end; the host is not touched. Needs root, strace, iproute2 and python3. OUT=.. rewrites the fixtures in place; the
# default writes to ./out.
set -u
cd "$(dirname "$0")"
OUT=${OUT:-out}
if [ -e /run/netns/nbfx1 ] || [ -e /run/netns/nbfx2 ]; then echo "nbfx1 or nbfx2 exists already" >&2; exit 1; fi
had_run_netns=0; [ -d /run/netns ] && had_run_netns=1
mkdir -p "$OUT"
cleanup() {
  ip netns del nbfx1 2>/dev/null
  ip netns del nbfx2 2>/dev/null
  if [ "$had_run_netns" = 0 ]; then rmdir /run/netns 2>/dev/null; fi
}
trap cleanup EXIT
ip netns add nbfx1 || exit 1
ip netns add nbfx2 || exit 1
X() { ns=$1; shift; ip netns exec "$ns" "$@" || exit 1; }
X nbfx1 ip link set lo up
X nbfx1 ip link add eth0 address 02:00:00:00:00:01 type veth peer name eth1 address 02:00:00:00:00:02 netns nbfx2
X nbfx1 ip addr add 10.9.0.1/24 dev eth0
X nbfx1 ip addr add fd00:9::1/64 dev eth0 nodad
X nbfx2 ip addr add 10.9.0.2/24 dev eth1
X nbfx2 ip addr add fd00:9::2/64 dev eth1 nodad
X nbfx1 ip link set eth0 up
X nbfx2 ip link set eth1 up
sleep 1
# a reachable IPv4 and IPv6 neighbour, a permanent one, and one that never answers (incomplete, then failed)
X nbfx1 ping -c 1 -W 1 10.9.0.2 >/dev/null
X nbfx1 ping -6 -c 1 -W 1 fd00:9::2 >/dev/null
X nbfx1 ip neigh add 10.9.0.99 lladdr 02:00:00:00:00:99 dev eth0 nud permanent
ip netns exec nbfx1 ping -c 1 -W 1 10.9.0.77 >/dev/null
W() { name=$1; shift; extra=""; if [ "$1" = --stdout ]; then extra=--stdout; shift; fi; cmd=$1; pick=$2; shift 2; python3 strace2fixture.py nbfx1 "$cmd" --write "$OUT/$name.txt" --pick "$pick" $extra "$@"; }
# RTM_GETNEIGH=30
W neigh-show --stdout 'ip neigh show' req=30
