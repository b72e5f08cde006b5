package io.netns4j.packet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The pcaps recorded on a real kernel (see {@code src/test/resources/packet/README.md}). */
final class Recordings {

    /** One recorded file, and the tshark fields not compared for it (with the reason in the README). */
    record Recording(String name, Set<String> notCompared) {

        Path pcap() {
            return resource(name);
        }

        Path tsv() {
            return resource(name.replace(".pcap", ".tshark.tsv"));
        }

        List<Packet> packets() {
            try {
                return PcapReader.read(pcap());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Recording> ALL = List.of(new Recording("tcp-ipv4.pcap", Set.of()),
            new Recording("udp-icmp-ipv4.pcap", Set.of()), new Recording("ipv6.pcap", Set.of()),
            new Recording("vxlan.pcap", Set.of()), new Recording("sll.pcap", Set.of()),
            new Recording("sll2.pcap", Set.of()), new Recording("tun-raw.pcap", Set.of()),
            // tshark shows the ports and sequence number of the 8 TCP header bytes captured; we show no TCP layer.
            new Recording("truncated.pcap", Set.of("tcp.")));

    private Recordings() {
    }

    static Recording named(String name) {
        return ALL.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    static List<Packet> packets(String name) {
        return named(name).packets();
    }

    static Path resource(String name) {
        URL url = Recordings.class.getResource("/packet/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource packet/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
