#!/bin/sh
# Records the rtnetlink fixtures of MacvlanRequestsTest (macvlan, macvtap, a bridge port's hairpin mode); see ../README.md.
# Every command runs inside the throw-away named namespaces mvfx1 (where ip runs, holding the parents p0 and q0 and the
# bridge br0) and mvfx2 (the target namespace of "netns mvfx2"), deleted at the end; the host is not touched.
# Needs root, strace, iproute2 (ip and bridge) and python3. OUT=.. rewrites the fixtures in place; the default writes
# to ./out.
set -u
cd "$(dirname "$0")"
OUT=${OUT:-out}
if [ -e /run/netns/mvfx1 ] || [ -e /run/netns/mvfx2 ]; then echo "mvfx1 or mvfx2 exists already" >&2; exit 1; fi
# Leave /run/netns as it was found: remove it at the end if this script made it.
made_run_netns=0
[ -d /run/netns ] || made_run_netns=1
mkdir -p "$OUT"
ip netns add mvfx1 || exit 1
trap 'ip netns del mvfx1; ip netns del mvfx2 2>/dev/null; [ $made_run_netns = 1 ] && rmdir /run/netns 2>/dev/null' EXIT
ip netns add mvfx2 || exit 1
ip netns exec mvfx1 ip link set lo up
# Parents: p0 for the side-by-side modes, q0 for passthru (which must be alone on its parent); br0 with port sw0.
ip netns exec mvfx1 ip link add p0 type veth peer name p1
ip netns exec mvfx1 ip link add q0 type veth peer name q1
ip netns exec mvfx1 ip link add br0 type bridge
ip netns exec mvfx1 ip link add sw0 master br0 type veth peer name sw1
W() { name=$1; shift; cmd=$1; pick=$2; shift 2; python3 strace2fixture.py mvfx1 "$cmd" --write "$OUT/$name.txt" --pick "$pick" "$@"; }
# RTM_NEWLINK=16 RTM_SETLINK=19
W macvlan-add-bridge 'ip link add link p0 name mv0 type macvlan mode bridge' req=16
W macvlan-add-netns-vepa 'ip link add link p0 name mv1 netns mvfx2 type macvlan mode vepa' req=16
W macvlan-add-address-netns-private 'ip link add link p0 name mv2 address 02:00:00:00:00:12 netns mvfx2 type macvlan mode private' req=16
W macvlan-add-netns-source 'ip link add link p0 name mv3 netns mvfx2 type macvlan mode source macaddr set 02:00:00:00:00:21 02:00:00:00:00:22' req=16
W macvlan-add-passthru 'ip link add link q0 name mv4 type macvlan mode passthru' req=16
W macvtap-add-netns-bridge 'ip link add link p0 name mt0 netns mvfx2 type macvtap mode bridge' req=16
W macvtap-add-address-private 'ip link add link p0 name mt1 address 02:00:00:00:00:31 type macvtap mode private' req=16
W error-macvlan-passthru-not-alone 'ip link add link p0 name mv5 type macvlan mode passthru' req=16 \
  '--note=Refused: passthru needs a parent without other macvlan or macvtap devices, and p0 has some.'
W link-set-name 'ip link set dev mv0 name mvx0' req=16 \
  '--note=How the runtime renames a device it had to create under a temporary name (kernels before 6.14 refuse a new link whose name the namespace the request is sent in has, even when it goes to another namespace).'
W bridge-link-set-hairpin-on 'bridge link set dev sw0 hairpin on' req=19
W bridge-link-set-hairpin-off 'bridge link set dev sw0 hairpin off' req=19
