package io.netns4j.internal.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.internal.sys.Errno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Message} on real kernel answers: ACKs, errors with and without an extended ACK (iproute2 turns
 * {@code NETLINK_EXT_ACK} on), and an error to a socket with {@code NETLINK_CAP_ACK} on as well, as netns4j's
 * {@code RtnlClient} opens it.
 */
class MessageTest {

    private static Message onlyAnswer(Fixture fx) {
        List<Message> all = fx.answerMessages();
        assertThat(all).as("answers of %s", fx).hasSize(1);
        return all.get(0);
    }

    /** EOPNOTSUPP, "Unknown device type": the error a kernel without a link kind gives (see DESIGN.md). */
    @Test
    void unknownLinkKind() {
        Fixture fx = Fixture.load("error-unknown-kind");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip link add nope0 type nosuchkind");
        Message m = onlyAnswer(fx);
        assertThat(m.isError()).isTrue();
        assertThat(m.flags() & Nl.NLM_F_ACK_TLVS).isNotZero();
        assertThat(m.flags() & Nl.NLM_F_CAPPED).as("the whole request is echoed").isZero();
        assertThat(m.errorCode()).isEqualTo(-Errno.EOPNOTSUPP.number());
        assertThat(m.extendedAckMessage()).isEqualTo("Unknown device type");

        NetlinkException e = new NetlinkException("ip link add nope0 type nosuchkind", m.errorCode(),
                m.extendedAckMessage());
        assertThat(e.errno()).isEqualTo(95);
        assertThat(e.is(Errno.EOPNOTSUPP)).isTrue();
        assertThat(e.kernelMessage()).isEqualTo("Unknown device type");
        assertThat(e).hasMessage("ip link add nope0 type nosuchkind failed: EOPNOTSUPP (Operation not supported);"
                + " kernel: \"Unknown device type\"");
    }

    /**
     * The same request sent on a socket with {@code NETLINK_CAP_ACK}: the kernel echoes only the request's header, sets
     * {@code NLM_F_CAPPED}, and the extended ACK follows at once.
     */
    @Test
    void unknownLinkKindCapped() {
        Fixture fx = Fixture.load("error-unknown-kind-capped");
        Message m = onlyAnswer(fx);
        assertThat(m.flags() & Nl.NLM_F_CAPPED).isNotZero();
        assertThat(m.flags() & Nl.NLM_F_ACK_TLVS).isNotZero();
        assertThat(m.length()).isEqualTo(Nl.NLMSG_HDRLEN + 4 + Nl.NLMSG_HDRLEN + 24);
        assertThat(m.errorCode()).isEqualTo(-Errno.EOPNOTSUPP.number());
        assertThat(m.extendedAckMessage()).isEqualTo("Unknown device type");
    }

    @Test
    void mtuBelowTheMinimum() {
        Fixture fx = Fixture.load("error-mtu-too-small");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip link set dev eth0 mtu 10");
        Message m = onlyAnswer(fx);
        assertThat(m.errorCode()).isEqualTo(-Errno.EINVAL.number());
        assertThat(m.extendedAckMessage()).isEqualTo("mtu less than device minimum");
    }

    @Test
    void addressThatExists() {
        Fixture fx = Fixture.load("error-addr-exists");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip addr add 10.9.0.1/24 dev eth0");
        Message m = onlyAnswer(fx);
        assertThat(m.errorCode()).isEqualTo(-Errno.EEXIST.number());
        assertThat(m.extendedAckMessage()).isEqualTo("ipv4: Address already assigned");
    }

    /** An error without an extended ACK: no {@code NLM_F_ACK_TLVS}, no message. */
    @Test
    void errorWithoutKernelMessage() {
        Fixture fx = Fixture.load("link-add-veth-peer-netns-up");
        Message m = onlyAnswer(fx);
        assertThat(m.flags() & Nl.NLM_F_ACK_TLVS).isZero();
        assertThat(m.errorCode()).isEqualTo(-Errno.ENOTCONN.number());
        assertThat(m.extendedAckMessage()).isNull();
    }

    /**
     * Over every fixture: each answer carries the request's sequence number, and each {@code NLMSG_ERROR} (an ACK when
     * its code is 0) echoes the request's header, as a reader that matches answers to requests relies on. The success
     * ACKs are capped and carry no message.
     */
    @TestFactory
    Stream<DynamicTest> everyErrorAndAckEchoesItsRequest() {
        return Fixture.ALL.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Fixture fx = Fixture.load(name);
            List<Message> answers = fx.answerMessages();
            assertThat(answers).as("answers of %s", fx).isNotEmpty();
            for (Message m : answers) {
                assertThat(m.seq()).isEqualTo(fx.seq());
                if (m.isError()) {
                    byte[] echoed = new byte[Nl.NLMSG_HDRLEN];
                    m.buffer().get(Nl.NLMSG_HDRLEN + 4, echoed);
                    assertThat(Fixture.hex(echoed)).isEqualTo(Fixture.hex(Arrays.copyOf(fx.request, Nl.NLMSG_HDRLEN)));
                    if (m.errorCode() == 0) {
                        assertThat(m.flags()).isEqualTo(Nl.NLM_F_CAPPED);
                        assertThat(m.extendedAckMessage()).isNull();
                    }
                }
            }
        }));
    }

    /** Several messages in one datagram, the last one cut short: the whole ones come out, the cut one is dropped. */
    @Test
    void parseAllSplitsADatagramAndDropsATruncatedTail() {
        Fixture fx = Fixture.load("link-dump");
        byte[] first = fx.answers.get(0);
        List<Message> whole = Message.parseAll(first, first.length);
        assertThat(whole.size()).isGreaterThan(1);
        int lastStart = first.length - whole.get(whole.size() - 1).length();
        assertThat(Message.parseAll(first, first.length - 1)).hasSize(whole.size() - 1);
        assertThat(Message.parseAll(first, lastStart + Nl.NLMSG_HDRLEN)).hasSize(whole.size() - 1);
        assertThat(Message.parseAll(first, lastStart)).hasSize(whole.size() - 1);
    }

    /** {@code parseAll} reads only the first {@code length} bytes of the array, as after a {@code recv}. */
    @Test
    void parseAllHonoursTheLength() {
        Fixture fx = Fixture.load("error-unknown-kind");
        byte[] answer = fx.answers.get(0);
        byte[] buffer = Arrays.copyOf(answer, 4096);
        Arrays.fill(buffer, answer.length, buffer.length, (byte) 0x7f);
        List<Message> ms = Message.parseAll(buffer, answer.length);
        assertThat(ms).hasSize(1);
        assertThat(ms.get(0).extendedAckMessage()).isEqualTo("Unknown device type");
    }

    /** Attribute types carry flag bits ({@code NLA_F_NESTED}) that {@link Attributes} masks off. */
    @Test
    void attributeFlagBitsAreIgnored() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 12).putShort((short) (Nl.IFLA_LINKINFO | Nl.NLA_F_NESTED));
        b.putShort((short) 7).putShort((short) Nl.IFLA_INFO_KIND).put(new byte[] { 'a', 'b', 0 });
        Attributes a = Attributes.parse(b, 0, 12);
        assertThat(a.nested(Nl.IFLA_LINKINFO).string(Nl.IFLA_INFO_KIND)).isEqualTo("ab");
    }
}
