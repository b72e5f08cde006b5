#!/bin/sh
# Records the rtnetlink fixtures of io.netns4j.internal.netlink's tests (see ../README.md).
# Every command runs inside the throw-away named namespaces fx1 and fx2, deleted at the end; the host is not touched.
# Needs root, strace, iproute2 and python3. OUT=.. rewrites the fixtures in place; the default writes to ./out.
set -u
cd "$(dirname "$0")"
OUT=${OUT:-out}
if [ -e /run/netns/fx1 ] || [ -e /run/netns/fx2 ]; then echo "fx1 or fx2 exists already" >&2; exit 1; fi
mkdir -p "$OUT"
ip netns add fx1 || exit 1
trap 'ip netns del fx1; ip netns del fx2 2>/dev/null' EXIT
ip netns add fx2 || exit 1
ip netns exec fx1 ip link set lo up
W() { name=$1; shift; extra=""; if [ "$1" = --stdout ]; then extra=--stdout; shift; fi; cmd=$1; pick=$2; shift 2; python3 strace2fixture.py fx1 "$cmd" --write "$OUT/$name.txt" --pick "$pick" $extra "$@"; }
# RTM_NEWLINK=16 RTM_DELLINK=17 RTM_GETLINK=18 RTM_NEWADDR=20 RTM_DELADDR=21 RTM_GETADDR=22 RTM_NEWROUTE=24 RTM_GETROUTE=26
W link-add-veth-peer-netns-up 'ip link add eth0 up type veth peer name eth1 up netns fx2' req=16 \
  '--note=On this kernel the request is refused with -ENOTCONN (no extended ACK): IFF_UP on a veth peer at creation makes veth_open run before the pair is linked. The request bytes are what iproute2 sends all the same.'
W link-add-veth-peer-netns-mtu-up 'ip link add eth0 mtu 1400 up type veth peer name eth1 mtu 1400 up netns fx2' req=16 \
  '--note=Refused with -ENOTCONN on this kernel, like link-add-veth-peer-netns-up.'
W link-add-veth-peer-netns-primary-up 'ip link add eth0 up type veth peer name eth1 netns fx2' req=16 \
  '--note=Only the primary end is up at creation; the peer is brought up afterwards (IFF_UP on the peer at creation is refused with -ENOTCONN).'
ip netns exec fx1 ip link del eth0
W link-add-veth-peer-netns 'ip link add eth0 type veth peer name eth1 netns fx2' req=16
W link-add-bridge-up 'ip link add br0 up type bridge' req=16
W link-add-veth-mtu-master 'ip link add eth2 mtu 1400 master br0 type veth peer name eth3 mtu 1400 netns fx2' req=16
W link-get-enslaved --stdout 'ip link show dev eth2' first=18 \
  '--note=The first RTM_GETLINK of this command: the by-name lookup iproute2 makes (ll_link_get) before it prints.'
W link-set-up 'ip link set dev eth2 up' req=16
W link-set-down 'ip link set dev eth2 down' req=16
W link-set-mtu 'ip link set dev eth0 mtu 1400' req=16
W link-set-address 'ip link set dev eth0 address 02:00:00:00:00:01' req=16
W link-set-master 'ip link set dev eth0 master br0' req=16
W link-set-nomaster 'ip link set dev eth0 nomaster' req=16
W link-del 'ip link del dev eth2' req=17
W error-mtu-too-small 'ip link set dev eth0 mtu 10' req=16
W error-unknown-kind 'ip link add nope0 type nosuchkind' req=16
ip netns exec fx1 python3 capped-ack.py "$OUT/error-unknown-kind.txt" "$OUT/error-unknown-kind-capped.txt"
ip netns exec fx1 ip link set dev eth0 up
ip netns exec fx2 ip link set dev eth1 up
W addr-add-ipv4 'ip addr add 10.9.0.1/24 dev eth0' req=20
W addr-add-ipv6-nodad 'ip addr add fd00:9::1/64 dev eth0 nodad' req=20
W error-addr-exists 'ip addr add 10.9.0.1/24 dev eth0' req=20
W route-add-via 'ip route add 10.8.0.0/16 via 10.9.0.254' req=24
W route-add-via-dev 'ip route add 10.6.0.0/16 via 10.9.0.254 dev eth0' req=24
W route-add-default-via 'ip route add default via 10.9.0.254' req=24
W route-add-dev 'ip route add 10.7.0.0/24 dev eth0' req=24
W route-add-ipv6-via 'ip -6 route add fd00:8::/64 via fd00:9::fe' req=24
W route-add-ipv6-default-via 'ip route add default via fd00:9::fe' req=24
ip netns exec fx1 ip -6 route del default via fd00:9::fe
W route-add-ipv6-default-via-dash6 'ip -6 route add default via fd00:9::fe' req=24
W link-get-by-name --stdout 'ip link show dev eth0' first=18 \
  '--note=The first RTM_GETLINK of this command: the by-name lookup iproute2 makes (ll_link_get) before it prints.'
W link-get-by-index --stdout 'ip route show' first=18 \
  '--note=The first RTM_GETLINK of this command: the by-index lookup iproute2 makes (ll_link_get) for the name of the first route'"'"'s device.'
W link-dump --stdout 'ip addr show' first=18 \
  '--note=The first request of this command: the link dump iproute2 makes before the address dump.'
W addr-show --stdout 'ip addr show' req=22
W route-show --stdout 'ip route show' req=26
W route-show-ipv4-table-all --stdout 'ip -4 route show table all' req=26
W route-show-ipv6 --stdout 'ip -6 route show' req=26
W route-show-ipv6-table-all --stdout 'ip -6 route show table all' req=26
W addr-del-ipv4 'ip addr del 10.9.0.1/24 dev eth0' req=21
