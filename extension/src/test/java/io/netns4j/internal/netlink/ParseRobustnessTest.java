package io.netns4j.internal.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Message#parseAll(byte[], int)}, {@link Attributes#parse(ByteBuffer, int, int)} and the message decoders never
 * throw, whatever the bytes: every truncation and many corruptions of every recorded datagram, and random garbage. A
 * length that runs past the end ends the list, as in the kernel's own parser.
 */
class ParseRobustnessTest {

    /** {@code rtgenmsg}/none, {@code ifaddrmsg}, {@code rtmsg}, {@code ifinfomsg}, {@code tcmsg}. */
    private static final int[] FAMILY_HEADER_LENGTHS = { 0, 8, 12, 16, 20 };
    private static final Psched PSCHED = new Psched(1000, 64, 1_000_000);

    /**
     * The fixtures run here: all but the three netem requests that carry an 8 KiB distribution table. Those are
     * {@code qdisc-replace-netem-delay}'s structure plus one opaque attribute, and would double the time of the
     * byte-by-byte tests.
     */
    private static final List<String> FIXTURES = Fixture.ALL.stream().filter(n -> !n.equals("qdisc-replace-netem-all")
            && !n.equals("qdisc-replace-netem-pareto") && !n.equals("qdisc-replace-netem-paretonormal")).toList();

    /** Every datagram of every fixture: iproute2's request and each answer. */
    private static List<byte[]> recordedDatagrams() {
        List<byte[]> out = new ArrayList<>();
        for (String name : FIXTURES) {
            Fixture fx = Fixture.load(name);
            out.add(fx.request);
            out.addAll(fx.answers);
        }
        return out;
    }

    /** Parses a datagram as a reader would and reads every attribute, nested ones three levels deep. */
    private static void walk(byte[] data, int length) {
        try {
            for (Message m : Message.parseAll(data, length)) {
                assertThat(m.length()).isBetween(Nl.NLMSG_HDRLEN, length);
                for (int h : FAMILY_HEADER_LENGTHS) {
                    walk(m.attributes(h), 3);
                }
                // The decoders read what is there and never fail on a short or corrupt message.
                LinkMessage.decode(m);
                AddressMessage.decode(m);
                RouteMessage.decode(m);
                NeighMessage.decode(m).describe("eth0");
                QdiscMessage q = QdiscMessage.decode(m, PSCHED);
                q.toString();
                m.errorCode();
                m.extendedAckMessage();
            }
        } catch (RuntimeException e) {
            fail("threw on " + length + " bytes:\n" + Fixture.hex(Arrays.copyOf(data, length)), e);
        }
    }

    private static void walk(Attributes a, int depth) {
        for (int type = 0; type <= 64; type++) {
            if (!a.has(type)) {
                continue;
            }
            a.bytes(type);
            a.string(type);
            a.u32(type, 0);
            a.u8(type, 0);
            ByteBuffer payload = a.get(type);
            if (depth > 0) {
                walk(a.nested(type), depth - 1);
                // a veth peer or similar: a family header, then attributes
                walk(Attributes.parse(payload, Math.min(16, payload.limit()), payload.limit()), depth - 1);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyTruncationOfEveryRecordedDatagram() {
        return FIXTURES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Fixture fx = Fixture.load(name);
            List<byte[]> datagrams = new ArrayList<>(fx.answers);
            datagrams.add(fx.request);
            for (byte[] d : datagrams) {
                List<Message> whole = Message.parseAll(d, d.length);
                for (int length = 0; length <= d.length; length++) {
                    walk(d, length);
                    List<Message> cut = Message.parseAll(d, length);
                    assertThat(cut.size()).isLessThanOrEqualTo(whole.size());
                    for (int i = 0; i < cut.size(); i++) {
                        assertThat(cut.get(i).length()).isEqualTo(whole.get(i).length());
                        assertThat(cut.get(i).type()).isEqualTo(whole.get(i).type());
                    }
                }
            }
        }));
    }

    /** Every byte of every recorded datagram set in turn to values that make lengths zero, tiny, odd or huge. */
    @Test
    void everyByteCorrupted() {
        byte[] values = { 0x00, 0x01, 0x03, 0x05, (byte) 0x7f, (byte) 0x80, (byte) 0xff };
        for (byte[] d : recordedDatagrams()) {
            for (int i = 0; i < d.length; i++) {
                byte[] copy = d.clone();
                for (byte v : values) {
                    copy[i] = v;
                    walk(copy, copy.length);
                }
            }
        }
    }

    @Test
    void randomCorruptionsOfRecordedDatagrams() {
        Random random = new Random(4711);
        List<byte[]> datagrams = recordedDatagrams();
        for (int round = 0; round < 20_000; round++) {
            byte[] copy = datagrams.get(random.nextInt(datagrams.size())).clone();
            for (int n = 1 + random.nextInt(8); n > 0; n--) {
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            }
            walk(copy, random.nextInt(copy.length + 1));
        }
    }

    @Test
    void randomGarbage() {
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            if (garbage.length >= 4 && random.nextBoolean()) {
                // a plausible message length, so that parsing goes on into the attributes
                ByteBuffer.wrap(garbage).order(ByteOrder.LITTLE_ENDIAN).putInt(0, random.nextInt(garbage.length + 1));
            }
            walk(garbage, garbage.length);
        }
    }

    @Test
    void degenerateAttributeLengthsEndTheList() {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 8).putShort((short) 1).putInt(7); // a good one
        b.putShort((short) 2).putShort((short) 2).putInt(9); // nla_len below the 4-byte header
        b.putShort((short) 8).putShort((short) 3).putInt(11);
        Attributes a = Attributes.parse(b, 0, 24);
        assertThat(a.u32(1, -1)).isEqualTo(7);
        assertThat(a.has(2)).isFalse();
        assertThat(a.has(3)).as("nothing after a bad length is trusted").isFalse();

        b.putShort(8, (short) 0xffff);
        assertThat(Attributes.parse(b, 0, 24).has(2)).as("a length past the end").isFalse();
        assertThat(Attributes.parse(b, 0, 3).has(1)).as("fewer than 4 bytes").isFalse();
        assertThat(Attributes.parse(b, 24, 24).has(1)).isFalse();
        assertThat(Attributes.parse(b, 30, 24).has(1)).as("offset past the end").isFalse();
    }

    @Test
    void shortAttributesReadAsAbsent() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 6).putShort((short) Nl.IFLA_MTU).put((byte) 1).put((byte) 2);
        Attributes a = Attributes.parse(b, 0, 8);
        assertThat(a.u32(Nl.IFLA_MTU, -1)).as("2 bytes are not a u32").isEqualTo(-1);
        assertThat(a.u8(Nl.IFLA_MTU, -1)).isEqualTo(1);
        assertThat(a.nested(Nl.IFLA_MTU).has(0)).isFalse();
        assertThat(a.nested(Nl.IFLA_IFNAME).has(0)).as("absent nests are empty").isFalse();
        assertThat(a.string(Nl.IFLA_IFNAME)).isNull();
        assertThat(a.bytes(Nl.IFLA_IFNAME)).isNull();
    }
}
