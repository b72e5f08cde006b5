#!/bin/sh
# Records the rtnetlink fixtures of the ipvlan, ipvtap and vlan encoders (IpvlanRequestsTest, VlanRequestsTest; see
# ../README.md). Like record-fixtures.sh, but in throw-away namespaces of their own, ipvx1 (where ip runs, with the
# parent eth0, one end of a veth pair) and ipvx2 (the target namespace of the "netns" commands), deleted at the end.
# strace records the bytes iproute2 sends even where the kernel then refuses the kind (EOPNOTSUPP, "Unknown device
# type", on a kernel without ipvlan or 8021q): the fixtures are the request iproute2 sent and the kernel's answer.
# Needs root, strace, iproute2 and python3. OUT=.. rewrites the fixtures in place; the default writes to ./out.
set -u
cd "$(dirname "$0")"
OUT=${OUT:-out}
if [ -e /run/netns/ipvx1 ] || [ -e /run/netns/ipvx2 ]; then echo "ipvx1 or ipvx2 exists already" >&2; exit 1; fi
mkdir -p "$OUT"
ip netns add ipvx1 || exit 1
trap 'ip netns del ipvx1; ip netns del ipvx2 2>/dev/null' EXIT
ip netns add ipvx2 || exit 1
ip netns exec ipvx1 ip link set lo up
ip -n ipvx1 link add eth0 type veth peer name eth0 netns ipvx2 || exit 1
W() { name=$1; shift; cmd=$1; pick=$2; shift 2; python3 strace2fixture.py ipvx1 "$cmd" --write "$OUT/$name.txt" --pick "$pick" "$@"; }
# RTM_NEWLINK=16; each command first looks the parent up by name (RTM_GETLINK), then sends one RTM_NEWLINK.
W link-add-ipvlan-l2-bridge 'ip link add ipv0 link eth0 type ipvlan mode l2 bridge' req=16
W link-add-ipvlan-l3-private 'ip link add ipv1 link eth0 type ipvlan mode l3 private' req=16
W link-add-ipvlan-l3s-vepa 'ip link add ipv2 link eth0 type ipvlan mode l3s vepa' req=16
W link-add-ipvlan-l2-bridge-netns 'ip link add ipv3 link eth0 netns ipvx2 type ipvlan mode l2 bridge' req=16
W link-add-ipvtap-l2-bridge 'ip link add ipvt0 link eth0 type ipvtap mode l2 bridge' req=16
W link-add-ipvtap-l3-vepa-netns 'ip link add ipvt1 link eth0 netns ipvx2 type ipvtap mode l3 vepa' req=16
W link-add-vlan-8021q 'ip link add link eth0 name eth0.100 type vlan protocol 802.1Q id 100' req=16
W link-add-vlan-8021ad 'ip link add link eth0 name v4094 type vlan protocol 802.1ad id 4094' req=16
W link-add-vlan-8021q-netns 'ip link add link eth0 name v1 netns ipvx2 type vlan protocol 802.1Q id 1' req=16
