#!/bin/sh
# Records the rtnetlink fixtures of the tunnel encoders (IpTunnelRequests: ipip, sit, gre, gretap; VxlanRequests) and
# of the point-to-point address the tunnels use, the same way as record-fixtures.sh (see ../README.md).
# Every command runs inside the throw-away named namespaces tunfx1 and tunfx2, deleted at the end; the host is not
# touched. Needs root, strace, iproute2 and python3. OUT=.. rewrites the fixtures in place; the default writes to ./out.
#
# A kernel without ipip, sit or gre answers those requests with EOPNOTSUPP ("Unknown device type"); strace records
# what iproute2 sent all the same, which is what the encoder tests compare with. vxlan requests are really executed
# (the kernel answers with an ACK) and the device is deleted after each one.
#
# Commands are written in the order the encoders' descriptions use: iproute2 writes IFLA_IPTUN_* and IFLA_GRE_* in a
# fixed order whatever the command line's, but IFLA_VXLAN_LINK, _TTL and _TOS in the order they appear (dev, ttl,
# tos), before the rest.
set -u
cd "$(dirname "$0")"
OUT=${OUT:-out}
if [ -e /run/netns/tunfx1 ] || [ -e /run/netns/tunfx2 ]; then echo "tunfx1 or tunfx2 exists already" >&2; exit 1; fi
had_run_netns=0; [ -d /run/netns ] && had_run_netns=1
mkdir -p "$OUT"
cleanup() {
  ip netns del tunfx1 2>/dev/null; ip netns del tunfx2 2>/dev/null
  if [ "$had_run_netns" = 0 ]; then rmdir /run/netns 2>/dev/null; fi
}
trap cleanup EXIT
ip netns add tunfx1 || exit 1
ip netns add tunfx2 || exit 1
ip netns exec tunfx1 ip link set lo up
ip netns exec tunfx1 ip link add eth0 type veth peer name eth1 netns tunfx2
ip netns exec tunfx1 ip link set eth0 up
ip netns exec tunfx1 ip addr add 10.1.0.2/24 dev eth0
ip netns exec tunfx1 ip addr add fd00:1::2/64 dev eth0 nodad
W() { name=$1; shift; cmd=$1; pick=$2; shift 2; python3 strace2fixture.py tunfx1 "$cmd" --write "$OUT/$name.txt" --pick "$pick" "$@"; }
VX() { ip netns exec tunfx1 ip link del vxlan1; }
NOTE='--note=This kernel has no such driver and answers EOPNOTSUPP ("Unknown device type"); the request bytes are what iproute2 sends all the same.'
# RTM_NEWLINK=16 RTM_NEWADDR=20
W link-add-ipip 'ip link add ipip1 type ipip local 10.1.0.2 remote 10.2.0.2' req=16 "$NOTE"
W link-add-ipip-ttl-tos-dev 'ip link add ipip1 type ipip local 10.1.0.2 remote 10.2.0.2 ttl 64 tos 0x10 dev eth0' req=16 "$NOTE"
W link-add-ipip-nopmtudisc 'ip link add ipip1 type ipip local 10.1.0.2 remote 10.2.0.2 nopmtudisc' req=16 "$NOTE"
W link-add-sit 'ip link add sit1 type sit local 10.1.0.2 remote 10.2.0.2 ttl 64' req=16 "$NOTE"
W link-add-gre 'ip link add gre1 type gre local 10.1.0.2 remote 10.2.0.2' req=16 "$NOTE"
W link-add-gre-key 'ip link add gre1 type gre local 10.1.0.2 remote 10.2.0.2 ttl 64 key 42' req=16 "$NOTE"
W link-add-gre-ikey-okey-dev 'ip link add gre1 type gre local 10.1.0.2 remote 10.2.0.2 tos 0x10 nopmtudisc ikey 1 okey 2 dev eth0' req=16 "$NOTE"
W link-add-gretap 'ip link add gretap1 type gretap local 10.1.0.2 remote 10.2.0.2' req=16 "$NOTE"
W link-add-vxlan-remote 'ip link add vxlan1 type vxlan id 42 remote 10.2.0.2 dstport 4789' req=16; VX
W link-add-vxlan-local-remote-dev 'ip link add vxlan1 type vxlan id 42 local 10.1.0.2 remote 10.2.0.2 dev eth0 dstport 4789' req=16; VX
W link-add-vxlan-group-dev-ttl-tos 'ip link add vxlan1 type vxlan id 16777215 group 239.1.1.1 dev eth0 ttl 64 tos 0x10 dstport 4789' req=16; VX
W link-add-vxlan-ipv6 'ip link add vxlan1 type vxlan id 7 local fd00:1::2 remote fd00:2::2 dstport 4789' req=16; VX
W addr-add-ipv4-peer 'ip addr add 192.168.50.10 peer 192.168.60.10 dev eth0' req=20
