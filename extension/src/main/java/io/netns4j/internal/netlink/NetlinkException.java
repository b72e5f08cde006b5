package io.netns4j.internal.netlink;

import io.netns4j.internal.sys.Errno;

/**
 * The kernel refused a netlink request. The message says what was asked (as the equal {@code ip} command), the errno
 * symbol and text, and the kernel's extended-ACK words when it gave some:
 * {@code ip link add eth0 type veth ... failed: EEXIST (File exists); kernel: "..."}.
 */
public final class NetlinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String kernelMessage;

    public NetlinkException(String request, int errno, String kernelMessage) {
        this(request, errno, kernelMessage, null);
    }

    /**
     * @param detail
     *            more to say after the kernel's words (where the kernel points, what else it refused); may be null
     */
    public NetlinkException(String request, int errno, String kernelMessage, String detail) {
        super(request + " failed: " + Errno.describe(errno)
                + (kernelMessage == null || kernelMessage.isEmpty() ? "" : "; kernel: \"" + kernelMessage + "\"")
                + (detail == null || detail.isEmpty() ? "" : "; " + detail));
        this.errno = Math.abs(errno);
        this.kernelMessage = kernelMessage;
    }

    /** The positive errno. */
    public int errno() {
        return errno;
    }

    public boolean is(Errno e) {
        return errno == e.number();
    }

    /** The kernel's extended-ACK message, or null. */
    public String kernelMessage() {
        return kernelMessage;
    }
}
