/**
 * Captured packets for tests: a pure-Java decoder, matchers that describe what a test expects to see on the wire, and
 * pcap files that tcpdump, tshark and Wireshark open.
 *
 * <h2>Decoding</h2> {@link io.netns4j.packet.Packet#decode Packet.decode} turns a captured frame (Ethernet, raw IP or
 * Linux cooked) into layers: Ethernet, VLAN tags, ARP, IPv4/IPv6 (with IPv6 extension headers crossed), ICMP/ICMPv6,
 * TCP, UDP, and the tunnels ipip, sit, GRE and VXLAN, whose inner packet is a {@code Packet} of its own. Decoding never
 * throws; a truncated or malformed frame yields the layers that are complete. {@code Packet.toString()} is a one-line
 * summary in tcpdump's manner.
 *
 * <h2>Matching</h2> {@link io.netns4j.packet.Matchers} builds {@link io.netns4j.packet.PacketMatcher}s:
 * {@code tcp().dstPort(7000).syn()}, {@code icmp().echoRequest()}, {@code vxlan().inner(arp().request())}. Matchers
 * look at a packet's outermost layers; tunnels are entered explicitly with {@code .inner(...)}.
 *
 * <h2>Files</h2> {@link io.netns4j.packet.PcapWriter} writes classic pcap with nanosecond timestamps;
 * {@link io.netns4j.packet.PcapReader} reads those and tcpdump's.
 * <p>
 * Nothing here needs root, native code or a kernel: the package is plain Java over byte arrays.
 */
package io.netns4j.packet;
