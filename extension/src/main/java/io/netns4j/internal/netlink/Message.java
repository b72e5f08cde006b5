package io.netns4j.internal.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One received netlink message: header fields and the whole message (header included) as a little-endian buffer.
 */
public record Message(int type, int flags, int seq, int portId, ByteBuffer buffer) {

    /** The messages in a datagram of {@code length} bytes; a truncated tail is dropped. */
    public static List<Message> parseAll(byte[] data, int length) {
        ByteBuffer buf = ByteBuffer.wrap(data, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        List<Message> out = new ArrayList<>();
        int pos = 0;
        while (pos + Nl.NLMSG_HDRLEN <= length) {
            int len = buf.getInt(pos);
            if (len < Nl.NLMSG_HDRLEN || pos + len > length) {
                break;
            }
            ByteBuffer one = ByteBuffer.wrap(data, pos, len).slice().order(ByteOrder.LITTLE_ENDIAN);
            out.add(new Message(Short.toUnsignedInt(buf.getShort(pos + 4)), Short.toUnsignedInt(buf.getShort(pos + 6)),
                    buf.getInt(pos + 8), buf.getInt(pos + 12), one));
            pos += (len + 3) & ~3;
        }
        return out;
    }

    public int length() {
        return buffer.limit();
    }

    /** The attributes that follow a family header of {@code familyHeaderLength} bytes. */
    public Attributes attributes(int familyHeaderLength) {
        return Attributes.parse(buffer, Nl.NLMSG_HDRLEN + familyHeaderLength, buffer.limit());
    }

    public boolean isError() {
        return type == Nl.NLMSG_ERROR;
    }

    public boolean isDone() {
        return type == Nl.NLMSG_DONE;
    }

    /**
     * For an {@code NLMSG_ERROR}: the (negative) errno, 0 for an ACK. The extended-ACK message, if any, is in
     * {@link #extendedAckMessage()}.
     */
    public int errorCode() {
        return buffer.limit() >= Nl.NLMSG_HDRLEN + 4 ? buffer.getInt(Nl.NLMSG_HDRLEN) : -74;
    }

    /**
     * The netlink header and a family header of {@code familyHeaderLength} bytes, zero-padded if the message is
     * shorter, so that decoders read what is there and never fail on a truncated message.
     */
    public ByteBuffer headers(int familyHeaderLength) {
        int need = Nl.NLMSG_HDRLEN + familyHeaderLength;
        if (buffer.limit() >= need) {
            return buffer;
        }
        ByteBuffer padded = ByteBuffer.allocate(need).order(ByteOrder.LITTLE_ENDIAN);
        padded.put(buffer.duplicate().position(0));
        return padded.clear();
    }

    /**
     * The kernel's own words for an error ({@code NLMSGERR_ATTR_MSG}), present when the socket has
     * {@code NETLINK_EXT_ACK} on; null if there are none.
     */
    public String extendedAckMessage() {
        Attributes tlvs = extendedAck();
        return tlvs == null ? null : tlvs.string(Nl.NLMSGERR_ATTR_MSG);
    }

    /**
     * Where in the refused request the kernel points ({@code NLMSGERR_ATTR_OFFS}: the offset of the bad attribute from
     * the start of the request's {@code nlmsghdr}); -1 if it does not. nf_tables points instead of writing words.
     */
    public int extendedAckOffset() {
        Attributes tlvs = extendedAck();
        return tlvs == null ? -1 : tlvs.u32(Nl.NLMSGERR_ATTR_OFFS, -1);
    }

    /** The extended-ACK attributes after the echoed request, or null. */
    private Attributes extendedAck() {
        if ((flags & Nl.NLM_F_ACK_TLVS) == 0) {
            return null;
        }
        if (buffer.limit() < Nl.NLMSG_HDRLEN + 4 + Nl.NLMSG_HDRLEN) {
            return null;
        }
        int origLength = buffer.getInt(Nl.NLMSG_HDRLEN + 4);
        int requestCopy = (flags & Nl.NLM_F_CAPPED) != 0 ? Nl.NLMSG_HDRLEN : origLength;
        if (requestCopy < Nl.NLMSG_HDRLEN) {
            return null;
        }
        int tlvStart = Nl.NLMSG_HDRLEN + 4 + ((requestCopy + 3) & ~3);
        if (tlvStart < 0 || tlvStart > buffer.limit()) {
            return null;
        }
        return Attributes.parse(buffer, tlvStart, buffer.limit());
    }
}
