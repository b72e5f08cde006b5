#!/usr/bin/env bash
# write-tshark-fields.sh — writes, next to each pcap of extension/src/test/resources/packet/, FILE.tshark.tsv:
# what tshark (the independent decoder the tests compare with) prints of each frame, one line per frame.
# The field list must stay equal to io.netns4j.packet.Tshark.FIELDS (a test checks that it is).
# Needs tshark. Usage:  write-tshark-fields.sh [file.pcap ...]   (default: every *.pcap there)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$(dirname "$here")"

fields=(frame.time_epoch frame.len frame.cap_len sll.pkttype sll.hatype sll.halen sll.src.eth sll.etype sll.ifindex
    eth.src eth.dst eth.type ieee8021ad.priority ieee8021ad.dei ieee8021ad.id ieee8021ah.etype vlan.priority vlan.dei
    vlan.id vlan.etype arp.opcode arp.src.hw_mac arp.src.proto_ipv4 arp.dst.hw_mac arp.dst.proto_ipv4 ip.version
    ip.hdr_len ip.dsfield ip.len ip.id ip.flags.df ip.flags.mf ip.frag_offset ip.ttl ip.proto ip.src ip.dst
    ipv6.tclass ipv6.plen ipv6.nxt ipv6.hlim ipv6.src ipv6.dst ipv6.hopopts.nxt ipv6.routing.nxt ipv6.fraghdr.nxt
    ipv6.fraghdr.offset ipv6.fraghdr.more ipv6.fraghdr.ident ipv6.dstopts.nxt icmp.type icmp.code icmp.ident icmp.seq
    icmp.mtu icmpv6.type icmpv6.code icmpv6.echo.identifier icmpv6.echo.sequence_number icmpv6.mtu
    icmpv6.nd.ns.target_address icmpv6.nd.na.target_address tcp.srcport tcp.dstport tcp.seq_raw tcp.ack_raw
    tcp.hdr_len tcp.flags tcp.window_size_value tcp.len udp.srcport udp.dstport udp.length gre.proto gre.checksum
    gre.key gre.sequence_number vxlan.flags vxlan.vni)

args=()
for f in "${fields[@]}"; do
    args+=(-e "$f")
done

files=("$@")
if ((${#files[@]} == 0)); then
    files=("$out"/*.pcap)
fi
for f in "${files[@]}"; do
    [[ "$f" == /* ]] || f="$out/$f"
    tshark -n -r "$f" -o ip.defragment:FALSE -o ipv6.defragment:FALSE -o tcp.desegment_tcp_streams:FALSE \
        -T fields -E header=y -E separator=/t -E occurrence=a -E aggregator=, -E quote=n "${args[@]}" \
        >"${f%.pcap}.tshark.tsv" 2>/dev/null
    echo "wrote ${f%.pcap}.tshark.tsv"
done
