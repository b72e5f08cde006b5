#!/usr/bin/env bash
# record-pcaps.sh — re-records the pcaps of extension/src/test/resources/packet/ (see ../README.md).
#
# Everything happens inside two throw-away named namespaces, pk1 and pk2, joined by a veth pair
# (pk1 eth0 02:00:00:00:00:01 10.0.0.1/24 fd00::1/64  <->  pk2 eth0 02:00:00:00:00:02 10.0.0.2/24 fd00::2/64),
# rebuilt for each file so that every capture starts with empty neighbour tables. The host's interfaces,
# routes, firewall and sysctls are not touched; the namespaces are deleted on exit, and /run/netns is
# unmounted and removed again if this script created it.
#
# Needs root, iproute2, tcpdump, ping and /usr/bin/python3. Usage:  record-pcaps.sh [file.pcap ...]
# With no argument every file is recorded. Afterwards run write-tshark-fields.sh to refresh the
# *.tshark.tsv files the decoder tests compare with.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$(dirname "$here")"
traffic=(/usr/bin/python3 "$here/traffic.py")
A=pk1
B=pk2
had_run_netns=0
[[ -d /run/netns ]] && had_run_netns=1
tcpdump_pid=

for ns in "$A" "$B"; do
    if ip netns list | grep -qw "^$ns"; then
        echo "namespace $ns exists already: not touching it, not recording" >&2
        exit 1
    fi
done

cleanup() {
    if [[ -n "$tcpdump_pid" ]]; then kill "$tcpdump_pid" 2>/dev/null || true; fi
    ip netns del "$A" 2>/dev/null || true
    ip netns del "$B" 2>/dev/null || true
    if ((had_run_netns == 0)) && [[ -d /run/netns ]]; then
        umount /run/netns 2>/dev/null || true
        rmdir /run/netns 2>/dev/null || true
    fi
}
trap cleanup EXIT

inA() { ip netns exec "$A" "$@"; }
inB() { ip netns exec "$B" "$@"; }

topology() {
    ip netns del "$A" 2>/dev/null || true
    ip netns del "$B" 2>/dev/null || true
    ip netns add "$A"
    ip netns add "$B"
    ip -n "$A" link add eth0 type veth peer name eth0 netns "$B"
    local ns i
    for i in 1 2; do
        ns=pk$i
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.router_solicitations=0 \
            net.ipv6.conf.default.router_solicitations=0 net.ipv6.conf.eth0.router_solicitations=0 \
            net.ipv6.conf.eth0.addr_gen_mode=1
        ip -n "$ns" link set eth0 address 02:00:00:00:00:0$i
        ip -n "$ns" addr add 10.0.0.$i/24 dev eth0
        ip -n "$ns" addr add fd00::$i/64 dev eth0 nodad
        ip -n "$ns" link set lo up
        ip -n "$ns" link set eth0 up
    done
    sleep 0.2
}

# capture NS FILE TCPDUMP-ARGS...: starts tcpdump in NS writing $out/FILE, returns once it listens.
capture() {
    local ns="$1" file="$2"
    shift 2
    rm -f "$out/$file"
    ip netns exec "$ns" tcpdump -Z root --immediate-mode -U -n -w "$out/$file" "$@" &
    tcpdump_pid=$!
    for _ in $(seq 100); do
        [[ -s "$out/$file" ]] && break
        sleep 0.05
    done
    sleep 0.2
}

stop() {
    sleep 0.5
    kill -INT "$tcpdump_pid"
    wait "$tcpdump_pid" || true
    tcpdump_pid=
}

tcp_exchange() { # SERVER-ADDR CLIENT-SOURCE-PORT
    inB "${traffic[@]}" tcp-server "$1" 7000 &
    local server=$!
    sleep 0.3
    inA "${traffic[@]}" tcp-client "$1" 7000 "$2"
    wait "$server"
}

record() {
    local file="$1"
    echo "recording $file"
    topology
    case "$file" in
    tcp-ipv4.pcap)
        capture "$B" "$file" -i eth0 'arp or tcp'
        tcp_exchange 10.0.0.2 43210
        stop ;;
    udp-icmp-ipv4.pcap)
        capture "$B" "$file" -i eth0 'udp or icmp'
        inA ping -c 2 -i 0.2 -p 6e657473 10.0.0.2 >/dev/null
        inB "${traffic[@]}" udp-server 10.0.0.2 5353 &
        sleep 0.3
        inA "${traffic[@]}" udp-send 10.0.0.2 5353 ping?
        wait $!
        inA "${traffic[@]}" udp-send 10.0.0.2 9999 closed
        inA "${traffic[@]}" udp-send 10.0.0.2 9998 -3000
        stop ;;
    ipv6.pcap)
        capture "$B" "$file" -i eth0 ip6
        inA ping -6 -c 2 -i 0.2 fd00::2 >/dev/null
        tcp_exchange fd00::2 43211
        inA "${traffic[@]}" udp-send fd00::2 9999 closed
        inA "${traffic[@]}" udp-send fd00::2 9998 -3000
        inA "${traffic[@]}" udp6-opts fd00::2 9997
        stop ;;
    vxlan.pcap)
        local i
        for i in 1 2; do
            ip -n pk$i link add vx0 type vxlan id 42 local 10.0.0.$i remote 10.0.0.$((3 - i)) dstport 4789 dev eth0
            ip -n pk$i link set vx0 address 02:00:00:00:42:0$i
            ip -n pk$i addr add 10.42.0.$i/24 dev vx0
            ip -n pk$i link set vx0 up
        done
        inA ping -c 1 10.0.0.2 >/dev/null
        capture "$B" "$file" -i eth0 'udp port 4789'
        inA ping -c 2 -i 0.2 10.42.0.2 >/dev/null
        stop ;;
    sll.pcap | sll2.pcap)
        local y=LINUX_SLL
        [[ "$file" == sll2.pcap ]] && y=LINUX_SLL2
        capture "$A" "$file" -i any -y "$y" 'icmp or arp'
        inA ping -c 2 -i 0.2 10.0.0.2 >/dev/null
        stop ;;
    tun-raw.pcap)
        inA "${traffic[@]}" tun-hold tun0 5 &
        local holder=$!
        for _ in $(seq 100); do
            ip -n "$A" link show tun0 >/dev/null 2>&1 && break
            sleep 0.05
        done
        ip -n "$A" addr add 10.9.0.1/24 dev tun0
        ip -n "$A" link set tun0 up
        capture "$A" "$file" -i tun0
        inA ping -c 2 -i 0.2 -W 0.3 10.9.0.2 >/dev/null || true
        inA "${traffic[@]}" udp-send 10.9.0.2 53 tun
        stop
        kill "$holder" 2>/dev/null || true
        wait "$holder" 2>/dev/null || true ;;
    truncated.pcap)
        capture "$B" "$file" -i eth0 -s 44 tcp
        tcp_exchange 10.0.0.2 43212
        stop ;;
    *)
        echo "unknown file $file" >&2
        exit 2 ;;
    esac
}

files=("$@")
if ((${#files[@]} == 0)); then
    files=(tcp-ipv4.pcap udp-icmp-ipv4.pcap ipv6.pcap vxlan.pcap sll.pcap sll2.pcap tun-raw.pcap truncated.pcap)
fi
for f in "${files[@]}"; do
    record "$f"
done
