package io.netns4j.internal.nftables;

import io.netns4j.internal.netlink.Message;
import io.netns4j.internal.netlink.Nl;
import io.netns4j.testsupport.RecordedExchange;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One recorded nf_tables exchange under {@code src/test/resources/nftables/}: what {@code nft} (or
 * {@code resend-acked.py}) sent in one {@code sendmsg}/{@code sendto} and the datagrams the kernel answered, as strace
 * saw them, with what {@code nft} printed (see {@code nftables/README.md}; the file is read by
 * {@link RecordedExchange}).
 */
final class NftFixture {

    final String name;
    /** The command of the first comment line. */
    final String command;
    /** The whole request datagram: for a batch, every message from begin to end. */
    final byte[] request;
    /** The kernel's answer, one entry per datagram. */
    final List<byte[]> answers;
    /** The lines after {@code # nft printed:}, without the comment prefix. */
    final List<String> printed;

    private NftFixture(String name, String command, byte[] request, List<byte[]> answers, List<String> printed) {
        this.name = name;
        this.command = command;
        this.request = request;
        this.answers = answers;
        this.printed = printed;
    }

    static NftFixture load(String name) {
        RecordedExchange recorded = RecordedExchange.load("/nftables/" + name + ".txt");
        List<String> printed = new ArrayList<>();
        boolean inPrinted = false;
        for (String raw : recorded.notes()) {
            if (inPrinted && raw.startsWith("#   ")) {
                printed.add(raw.substring(4));
            } else if (inPrinted && raw.equals("#")) {
                printed.add("");
            } else {
                inPrinted = raw.strip().equals("# nft printed:");
            }
        }
        return new NftFixture(name, recorded.command(), recorded.request(), recorded.answers(), List.copyOf(printed));
    }

    /** The messages of the request, in order. */
    List<Message> requestMessages() {
        return Message.parseAll(request, request.length);
    }

    /** The sequence number of the request's first message (host order). */
    int firstSeq() {
        return ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
    }

    /** Every message of every answer datagram, in order. */
    List<Message> answerMessages() {
        return answers.stream().flatMap(a -> Message.parseAll(a, a.length).stream()).toList();
    }

    /**
     * The request as netns4j sends it: {@code NLM_F_ACK} added to every message between {@code NFNL_MSG_BATCH_BEGIN}
     * and {@code NFNL_MSG_BATCH_END} (nft 1.0.6 asks for no ACKs; netns4j asks for one per message).
     */
    byte[] requestWithAcks() {
        byte[] copy = request.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        while (pos + Nl.NLMSG_HDRLEN <= copy.length) {
            int len = b.getInt(pos);
            int type = Short.toUnsignedInt(b.getShort(pos + 4));
            if (type != Nft.NFNL_MSG_BATCH_BEGIN && type != Nft.NFNL_MSG_BATCH_END) {
                b.putShort(pos + 6, (short) (b.getShort(pos + 6) | Nl.NLM_F_ACK));
            }
            pos += (len + 3) & ~3;
        }
        return copy;
    }

    /**
     * The expression listings {@code nft --debug=netlink} printed, one per rule, in order: the {@code [ ... ]} lines
     * that follow each {@code FAMILY TABLE CHAIN} line.
     */
    List<List<String>> debugRules() {
        List<List<String>> out = new ArrayList<>();
        List<String> current = null;
        for (String line : printed) {
            if (line.startsWith("  [")) {
                if (current == null) {
                    current = new ArrayList<>();
                    out.add(current);
                }
                current.add(line.strip());
            } else {
                current = null;
            }
        }
        return out;
    }

    /** Bytes as hex, 16 to a line and 4 to a group, so that an assertion's diff points at the byte. */
    static String hex(byte[] bytes) {
        return RecordedExchange.hex(bytes);
    }

    @Override
    public String toString() {
        return name + " (" + command + ")";
    }
}
