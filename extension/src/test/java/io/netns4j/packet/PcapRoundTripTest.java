package io.netns4j.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netns4j.packet.Recordings.Recording;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PcapWriter} writes what tshark and tcpdump read back, with the same packets, timestamps to the nanosecond and
 * decoded fields; {@link PcapReader} reads it back and reads tcpdump's own files.
 */
class PcapRoundTripTest {

    @TempDir
    Path dir;

    /** The recorded packets of a file, re-stamped with timestamps whose nanoseconds matter. */
    private static List<Packet> restamped(Recording r) {
        List<Packet> out = new ArrayList<>();
        List<Packet> packets = r.packets();
        for (int i = 0; i < packets.size(); i++) {
            Packet p = packets.get(i);
            Instant t = Instant.ofEpochSecond(1_700_000_000L + i, 123_456_789L + i);
            out.add(Packet.decode(p.linkType(), p.frame(), p.originalLength(), t, null, null));
        }
        return out;
    }

    @Test
    @DisplayName("writing and reading back gives the same packets, timestamps to the nanosecond")
    void readBack() throws IOException {
        for (Recording r : Recordings.ALL) {
            List<Packet> packets = restamped(r);
            Path file = dir.resolve(r.name());
            PcapWriter.write(file, packets.get(0).linkType(), PcapWriter.DEFAULT_SNAP_LENGTH, packets);
            try (PcapReader reader = PcapReader.open(file)) {
                assertThat(reader.nanosecondTimestamps()).isTrue();
                assertThat(reader.linkType()).isEqualTo(packets.get(0).linkType());
                assertThat(reader.snapLength()).isEqualTo(PcapWriter.DEFAULT_SNAP_LENGTH);
                assertThat(reader.version()).isEqualTo("2.4");
                assertThat(reader.readAll()).as(r.name()).isEqualTo(packets);
            }
        }
    }

    @Test
    @DisplayName("tshark reads our files: same packet count, timestamps to the nanosecond, same decoded fields")
    void tsharkReadsThem() throws IOException {
        assumeTrue(Tshark.available(), "tshark is not installed");
        for (Recording r : Recordings.ALL) {
            List<Packet> packets = restamped(r);
            Path file = dir.resolve(r.name());
            PcapWriter.write(file, packets.get(0).linkType(), PcapWriter.DEFAULT_SNAP_LENGTH, packets);
            List<Map<String, String>> witness = Tshark.fields(file, Tshark.FIELDS);
            assertThat(witness).hasSameSizeAs(packets);
            assertThat(witness.get(1).get("frame.time_epoch")).isEqualTo("1700000001.123456790");
            Tshark.assertAgrees("our " + r.name(), packets, witness, r.notCompared());
        }
    }

    @Test
    @DisplayName("tcpdump reads our files: one line per packet, with the nanosecond timestamp")
    void tcpdumpReadsThem() throws IOException {
        assumeTrue(tcpdumpAvailable(), "tcpdump is not installed");
        List<Packet> packets = restamped(Recordings.named("tcp-ipv4.pcap"));
        Path file = dir.resolve("tcp.pcap");
        PcapWriter.write(file, LinkType.ETHERNET, PcapWriter.DEFAULT_SNAP_LENGTH, packets);
        String out = Tshark.run(List.of("tcpdump", "-nn", "--nano", "-tt", "-r", file.toString()));
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSameSizeAs(packets);
        assertThat(lines.get(0)).startsWith("1700000000.123456789 ARP, Request who-has 10.0.0.2 tell 10.0.0.1");
        assertThat(lines.get(2))
                .startsWith("1700000002.123456791 IP 10.0.0.1.43210 > 10.0.0.2.7000: Flags [S], seq " + "1393546845");
    }

    private static boolean tcpdumpAvailable() {
        try {
            Process p = new ProcessBuilder("tcpdump", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    @DisplayName("the snap length cuts frames and keeps their original length, as tshark confirms")
    void snapLength() throws IOException {
        List<Packet> packets = restamped(Recordings.named("tcp-ipv4.pcap"));
        Path file = dir.resolve("cut.pcap");
        PcapWriter.write(file, LinkType.ETHERNET, 60, packets);
        List<Packet> back = PcapReader.read(file);
        assertThat(back.get(2).capturedLength()).isEqualTo(60);
        assertThat(back.get(2).originalLength()).isEqualTo(74);
        assertThat(back.get(2).isTruncated()).isTrue();
        assertThat(back.get(2).tcp()).isEmpty(); // 60 - 34 = 26 of the SYN's 40 header bytes
        assertThat(back.get(0).isTruncated()).isFalse(); // ARP: 42 bytes
        if (Tshark.available()) {
            List<Map<String, String>> witness = Tshark.fields(file, List.of("frame.len", "frame.cap_len"));
            assertThat(witness.get(2)).containsEntry("frame.len", "74").containsEntry("frame.cap_len", "60");
        }
    }

    @Nested
    @DisplayName("the bytes written")
    class Layout {

        @Test
        void headerAndRecord() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] frame = HandBuilt.IPIP.bytes();
            Packet p = Packet.decode(LinkType.ETHERNET, frame, 1000, Instant.ofEpochSecond(0x01020304, 999_999_999),
                    "eth0", Direction.OUTGOING);
            try (PcapWriter w = PcapWriter.open(out, LinkType.ETHERNET, 65535)) {
                w.write(p);
                assertThat(w.packetsWritten()).isEqualTo(1);
                assertThat(w.linkType()).isEqualTo(LinkType.ETHERNET);
                assertThat(w.snapLength()).isEqualTo(65535);
            }
            ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(b.getInt(0)).isEqualTo(0xa1b23c4d);
            assertThat(Arrays.copyOf(out.toByteArray(), 4)).containsExactly(0x4d, 0x3c, 0xb2, 0xa1);
            assertThat(b.getShort(4)).isEqualTo((short) 2);
            assertThat(b.getShort(6)).isEqualTo((short) 4);
            assertThat(b.getInt(8)).isZero(); // thiszone
            assertThat(b.getInt(12)).isZero(); // sigfigs
            assertThat(b.getInt(16)).isEqualTo(65535);
            assertThat(b.getInt(20)).isEqualTo(1);
            assertThat(b.getInt(24)).isEqualTo(0x01020304);
            assertThat(b.getInt(28)).isEqualTo(999_999_999);
            assertThat(b.getInt(32)).isEqualTo(frame.length);
            assertThat(b.getInt(36)).isEqualTo(1000);
            assertThat(Arrays.copyOfRange(out.toByteArray(), 40, out.size())).isEqualTo(frame);
        }

        @Test
        void streamingFlushesAndClosesOnce() throws IOException {
            Path file = dir.resolve("stream.pcap");
            PcapWriter w = PcapWriter.open(file, LinkType.RAW_IP, 100);
            w.write(HandBuilt.RAW_GRE.decode());
            w.flush();
            assertThat(PcapReader.read(file)).hasSize(1);
            w.close();
            w.close();
            assertThatThrownBy(() -> w.write(HandBuilt.RAW_GRE.decode())).isInstanceOf(IOException.class)
                    .hasMessage("pcap writer is closed");
        }

        @Test
        void refusesWhatAClassicPcapCannotHold() throws IOException {
            try (PcapWriter w = PcapWriter.open(new ByteArrayOutputStream(), LinkType.ETHERNET, 100)) {
                assertThatThrownBy(() -> w.write(HandBuilt.RAW_GRE.decode()))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("packet of link type RAW_IP cannot go into a ETHERNET pcap file");
                Packet before1970 = Packet.decode(LinkType.ETHERNET, HandBuilt.IPIP.bytes(), 0,
                        Instant.ofEpochSecond(-1), null, null);
                assertThatThrownBy(() -> w.write(before1970)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("does not fit a pcap record (1970 to 2106)");
            }
            assertThatThrownBy(() -> PcapWriter.open(new ByteArrayOutputStream(), LinkType.ETHERNET, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("snapLength must be positive: 0");
        }
    }

    @Nested
    @DisplayName("reading")
    class Reading {

        @Test
        void tcpdumpsMicrosecondFiles() throws IOException {
            try (PcapReader r = PcapReader.open(Recordings.named("tcp-ipv4.pcap").pcap())) {
                assertThat(r.nanosecondTimestamps()).isFalse();
                assertThat(r.linkType()).isEqualTo(LinkType.ETHERNET);
                Packet first = r.next().orElseThrow();
                assertThat(first.timestamp().getNano() % 1000).isZero();
            }
        }

        @Test
        void bigEndianMicroseconds() throws IOException {
            byte[] frame = HandBuilt.RAW_GRE.bytes();
            ByteBuffer b = ByteBuffer.allocate(24 + 16 + frame.length).order(ByteOrder.BIG_ENDIAN);
            b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(101);
            b.putInt(1_700_000_000).putInt(654_321).putInt(frame.length).putInt(frame.length + 5).put(frame);
            try (PcapReader r = PcapReader.open(new ByteArrayInputStream(b.array()))) {
                assertThat(r.nanosecondTimestamps()).isFalse();
                Packet p = r.next().orElseThrow();
                assertThat(p.timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 654_321_000L));
                assertThat(p.linkType()).isEqualTo(LinkType.RAW_IP);
                assertThat(p.originalLength()).isEqualTo(frame.length + 5);
                assertThat(p.gre()).isPresent();
                assertThat(r.next()).isEmpty();
            }
        }

        @Test
        void refusesWhatIsNotClassicPcap() {
            assertThatThrownBy(() -> read(
                    new byte[] { 0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }))
                            .isInstanceOf(IOException.class).hasMessageStartingWith("a pcapng file");
            assertThatThrownBy(() -> read(new byte[24])).isInstanceOf(IOException.class)
                    .hasMessage("not a pcap file: magic number 0x00000000");
            assertThatThrownBy(() -> read(new byte[10])).isInstanceOf(EOFException.class)
                    .hasMessage("pcap file ends inside the pcap file header (10 of 24 bytes)");
            byte[] linkType105 = header(105);
            assertThatThrownBy(() -> read(linkType105)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("unsupported link type 105");
        }

        @Test
        void aFileEndingInsideARecordIsAnError() throws IOException {
            byte[] whole = Files.readAllBytes(Recordings.named("tcp-ipv4.pcap").pcap());
            byte[] cut = Arrays.copyOf(whole, whole.length - 3);
            try (PcapReader r = PcapReader.open(new ByteArrayInputStream(cut))) {
                assertThatThrownBy(r::readAll).isInstanceOf(EOFException.class)
                        .hasMessage("pcap file ends inside a record of 66 bytes (63 of 66 bytes)");
            }
        }

        @Test
        void legacyRawLinkTypesAreRawIp() throws IOException {
            for (int dlt : new int[] { 12, 14, 101 }) {
                try (PcapReader r = PcapReader.open(new ByteArrayInputStream(header(dlt)))) {
                    assertThat(r.linkType()).isEqualTo(LinkType.RAW_IP);
                    assertThat(r.next()).isEmpty();
                }
            }
        }

        private byte[] header(int linkType) {
            return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0xa1b2c3d4).putShort((short) 2)
                    .putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType).array();
        }

        private List<Packet> read(byte[] bytes) throws IOException {
            try (PcapReader r = PcapReader.open(new ByteArrayInputStream(bytes))) {
                return r.readAll();
            }
        }
    }

    @Test
    @DisplayName("every link type survives the round trip")
    void everyLinkType() throws IOException {
        for (LinkType type : LinkType.values()) {
            Path file = dir.resolve(type + ".pcap");
            Packet p = Packet.decode(type, new byte[] { 1, 2, 3 }, 3, Instant.ofEpochSecond(1), null, null);
            PcapWriter.write(file, type, 10, List.of(p));
            assertThat(PcapReader.read(file)).containsExactly(p);
        }
        assertThat(Set.of(LinkType.values())).hasSize(4);
    }
}
