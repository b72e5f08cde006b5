package io.netns4j.internal.runtime;

import io.netns4j.internal.netlink.Message;
import io.netns4j.internal.netlink.MessageWriter;
import io.netns4j.internal.netlink.NetlinkException;
import io.netns4j.internal.sys.Fd;
import io.netns4j.internal.sys.Sys;
import io.netns4j.internal.sys.SyscallException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * A netlink socket (rtnetlink, or another protocol such as nfnetlink) of one namespace (the namespace of the thread
 * that opened it) and the request/answer exchange over it. Usable from any thread; requests are serialised.
 */
final class RtnlClient implements AutoCloseable {

    private static final int NETLINK_ROUTE = 0;
    private static final int MSG_TRUNC = 0x20;
    private static final int ANSWER_TIMEOUT_MS = 10_000;

    private final Fd fd;
    /** The namespace's name, for messages; set when a namespace made ahead gets its name. */
    private volatile String namespace;
    /**
     * Where answers are received: one per thread rather than per socket (a thousand namespaces would otherwise hold 64
     * MB of them); what is kept of an answer is copied out before the method returns.
     */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[64 * 1024]);
    private int seq = 1;
    /** The socket buffer sizes asked for so far by {@link #sendBatch}; 0 while the defaults are in place. */
    private int sendBuffer;
    private int receiveBuffer;

    private RtnlClient(Fd fd, String namespace) {
        this.fd = fd;
        this.namespace = namespace;
    }

    /** Names the namespace in this socket's messages from now on. */
    void namespaceName(String name) {
        this.namespace = name;
    }

    /** Opens a socket in the calling thread's namespace, with extended ACKs on. */
    static RtnlClient open(String namespace) {
        return open(namespace, NETLINK_ROUTE, "rtnetlink");
    }

    /**
     * Opens a netlink socket of another protocol (e.g. 12, {@code NETLINK_NETFILTER}) in the calling thread's
     * namespace.
     */
    static RtnlClient open(String namespace, int protocol, String what) {
        Fd fd = Sys.socket(Sys.AF_NETLINK, Sys.SOCK_RAW, protocol, what + " socket of namespace " + namespace);
        try {
            Sys.setsockopt(fd, Sys.SOL_NETLINK, Sys.NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
            Sys.setsockopt(fd, Sys.SOL_NETLINK, Sys.NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK");
            return new RtnlClient(fd, namespace);
        } catch (RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    /** Sends a request that the kernel acknowledges; throws {@link NetlinkException} on refusal. */
    synchronized void ack(MessageWriter request) {
        exchange(request, null);
    }

    /** Sends a request answered by one message (a GET), and returns it. */
    synchronized Message getOne(MessageWriter request) {
        List<Message> out = new ArrayList<>();
        exchange(request, out);
        if (out.isEmpty()) {
            throw new NetlinkException(request.description() + " in namespace " + namespace, 0, "no answer");
        }
        return out.get(0);
    }

    /**
     * Sends a dump request and returns every answer message. A GET with {@code NLM_F_ACK} ends with an ACK, a dump with
     * {@code NLMSG_DONE}: both end the exchange.
     */
    synchronized List<Message> dump(MessageWriter request) {
        List<Message> out = new ArrayList<>();
        exchange(request, out);
        return out;
    }

    /** Reserves {@code count} consecutive sequence numbers for one batch and returns the first. */
    synchronized int reserveSeqs(int count) {
        int first = seq;
        seq += count;
        return first;
    }

    /**
     * Sends several messages as one datagram (an nfnetlink batch, numbered {@code first} to {@code last} from
     * {@link #reserveSeqs(int)}) and returns the kernel's {@code NLMSG_ERROR} answers to them, ACKs and errors, in the
     * order they came. Returns once every message {@code awaited} has been answered; after an error, as soon as nothing
     * more is queued: nfnetlink processes a batch, and queues every answer to it, within the send itself, so a message
     * left unanswered then (one after a malformed one) will never be.
     *
     * @param description
     *            what the batch does, for the errors of the exchange itself (timeout, oversized answer)
     */
    synchronized List<Message> sendBatch(byte[] datagram, int first, int last, IntPredicate awaited,
            String description) {
        Set<Integer> pending = new HashSet<>();
        for (int s = first; s <= last; s++) {
            if (awaited.test(s)) {
                pending.add(s);
            }
        }
        byte[] buffer = BUFFERS.get();
        growBuffers(datagram.length, pending.size());
        Sys.sendto(fd, datagram, datagram.length, null);
        List<Message> out = new ArrayList<>();
        boolean refused = false;
        while (!pending.isEmpty()) {
            int n = Sys.receive(fd, buffer, MSG_TRUNC, refused ? 0 : ANSWER_TIMEOUT_MS);
            if (n < 0) {
                if (refused) {
                    break;
                }
                throw new NetlinkException(description + " in namespace " + namespace, 110,
                        "no answer from the kernel within " + ANSWER_TIMEOUT_MS + " ms to " + pending.size() + " of "
                                + (last - first + 1) + " messages");
            }
            if (n > buffer.length) {
                throw new NetlinkException(description + " in namespace " + namespace, 90,
                        "answer of " + n + " bytes does not fit the " + buffer.length + "-byte buffer");
            }
            for (Message m : Message.parseAll(buffer, n)) {
                if (!m.isError() || m.seq() < first || m.seq() > last) {
                    continue;
                }
                out.add(copy(m));
                pending.remove(m.seq());
                refused |= m.errorCode() != 0;
            }
        }
        return out;
    }

    /**
     * Makes room for a batch: netlink refuses a datagram larger than the send buffer ({@code EMSGSIZE}), and drops the
     * answers that overflow the receive buffer, each ACK taking about a kilobyte of it (with the default buffers of
     * about 208 KB, a batch of more than 200 KB, or of a few hundred acknowledged messages, is too large). Forces the
     * sizes, as {@code nft} does, where the process may; asks for them within the system's limits otherwise.
     */
    private void growBuffers(int datagramBytes, int answers) {
        int send = datagramBytes + 64 * 1024;
        if (send > sendBuffer && datagramBytes > 128 * 1024) {
            setBuffer(Sys.SO_SNDBUFFORCE, Sys.SO_SNDBUF, send);
            sendBuffer = send;
        }
        int receive = answers * 1024 + 128 * 1024;
        if (receive > receiveBuffer && answers > 100) {
            setBuffer(Sys.SO_RCVBUFFORCE, Sys.SO_RCVBUF, receive);
            receiveBuffer = receive;
        }
    }

    private void setBuffer(int force, int plain, int bytes) {
        try {
            Sys.setsockopt(fd, Sys.SOL_SOCKET, force, bytes,
                    force == Sys.SO_SNDBUFFORCE ? "SO_SNDBUFFORCE" : "SO_RCVBUFFORCE");
        } catch (SyscallException e) {
            // Without CAP_NET_ADMIN: as much as net.core.wmem_max / rmem_max allow.
            Sys.setsockopt(fd, Sys.SOL_SOCKET, plain, bytes, plain == Sys.SO_SNDBUF ? "SO_SNDBUF" : "SO_RCVBUF");
        }
    }

    private void exchange(MessageWriter request, List<Message> answers) {
        int mySeq = seq++;
        byte[] msg = request.build(mySeq);
        byte[] buffer = BUFFERS.get();
        Sys.sendto(fd, msg, msg.length, null);
        while (true) {
            int n = Sys.receive(fd, buffer, MSG_TRUNC, ANSWER_TIMEOUT_MS);
            if (n < 0) {
                throw new NetlinkException(request.description() + " in namespace " + namespace, 110,
                        "no answer from the kernel within " + ANSWER_TIMEOUT_MS + " ms");
            }
            if (n > buffer.length) {
                throw new NetlinkException(request.description() + " in namespace " + namespace, 90,
                        "answer of " + n + " bytes does not fit the " + buffer.length + "-byte buffer");
            }
            for (Message m : Message.parseAll(buffer, n)) {
                if (m.seq() != mySeq) {
                    continue;
                }
                if (m.isError()) {
                    int code = m.errorCode();
                    if (code != 0) {
                        throw new NetlinkException(request.description() + " in namespace " + namespace, code,
                                m.extendedAckMessage());
                    }
                    return;
                }
                if (m.isDone()) {
                    return;
                }
                if (answers != null) {
                    answers.add(copy(m));
                }
            }
        }
    }

    private static Message copy(Message m) {
        byte[] b = new byte[m.length()];
        m.buffer().duplicate().get(b);
        return Message.parseAll(b, b.length).get(0);
    }

    @Override
    public void close() {
        fd.close();
    }
}
