package io.netns4j.internal.sys;

import java.util.HashMap;
import java.util.Map;

/**
 * Linux errno values with their symbols and texts, as {@code errno.h} and {@code strerror} give them, so that every
 * failure reads {@code EPERM (Operation not permitted)} and never "errno 1". Pure Java: the netlink codec uses it too.
 */
public enum Errno {
    EPERM(1, "Operation not permitted"), ENOENT(2, "No such file or directory"), ESRCH(3, "No such process"),
    EINTR(4, "Interrupted system call"), EIO(5, "Input/output error"), ENXIO(6, "No such device or address"),
    E2BIG(7, "Argument list too long"), ENOEXEC(8, "Exec format error"), EBADF(9, "Bad file descriptor"),
    ECHILD(10, "No child processes"), EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"), EACCES(13, "Permission denied"), EFAULT(14, "Bad address"),
    EBUSY(16, "Device or resource busy"), EEXIST(17, "File exists"), EXDEV(18, "Invalid cross-device link"),
    ENODEV(19, "No such device"), ENOTDIR(20, "Not a directory"), EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"), ENFILE(23, "Too many open files in system"), EMFILE(24, "Too many open files"),
    ENOTTY(25, "Inappropriate ioctl for device"), ENOSPC(28, "No space left on device"),
    EROFS(30, "Read-only file system"), EPIPE(32, "Broken pipe"), EDOM(33, "Numerical argument out of domain"),
    ERANGE(34, "Numerical result out of range"), EDEADLK(35, "Resource deadlock avoided"),
    ENAMETOOLONG(36, "File name too long"), ENOSYS(38, "Function not implemented"),
    ENOTEMPTY(39, "Directory not empty"), ELOOP(40, "Too many levels of symbolic links"),
    ENODATA(61, "No data available"), ETIME(62, "Timer expired"), ENOLINK(67, "Link has been severed"),
    EPROTO(71, "Protocol error"), EBADMSG(74, "Bad message"), EOVERFLOW(75, "Value too large for defined data type"),
    EMSGSIZE(90, "Message too long"), EPROTOTYPE(91, "Protocol wrong type for socket"),
    ENOPROTOOPT(92, "Protocol not available"), EPROTONOSUPPORT(93, "Protocol not supported"),
    ESOCKTNOSUPPORT(94, "Socket type not supported"), EOPNOTSUPP(95, "Operation not supported"),
    EPFNOSUPPORT(96, "Protocol family not supported"), EAFNOSUPPORT(97, "Address family not supported by protocol"),
    EADDRINUSE(98, "Address already in use"), EADDRNOTAVAIL(99, "Cannot assign requested address"),
    ENETDOWN(100, "Network is down"), ENETUNREACH(101, "Network is unreachable"),
    ECONNABORTED(103, "Software caused connection abort"), ECONNRESET(104, "Connection reset by peer"),
    ENOBUFS(105, "No buffer space available"), EISCONN(106, "Transport endpoint is already connected"),
    ENOTCONN(107, "Transport endpoint is not connected"), ETIMEDOUT(110, "Connection timed out"),
    ECONNREFUSED(111, "Connection refused"), EHOSTDOWN(112, "Host is down"), EHOSTUNREACH(113, "No route to host"),
    EALREADY(114, "Operation already in progress"), EINPROGRESS(115, "Operation now in progress");

    private static final Map<Integer, Errno> BY_NUMBER = new HashMap<>();

    static {
        for (Errno e : values()) {
            BY_NUMBER.put(e.number, e);
        }
    }

    private final int number;
    private final String text;

    Errno(int number, String text) {
        this.number = number;
        this.text = text;
    }

    /** The positive errno value. */
    public int number() {
        return number;
    }

    /** The text {@code strerror} gives for it. */
    public String text() {
        return text;
    }

    /**
     * Describes an errno value as {@code SYMBOL (text)}, e.g. {@code EPERM (Operation not permitted)}; an unknown value
     * reads {@code errno 300 (Unknown error)}. Negative values (as netlink reports them) are accepted too.
     */
    public static String describe(int errno) {
        Errno e = BY_NUMBER.get(Math.abs(errno));
        if (e == null) {
            return "errno " + Math.abs(errno) + " (Unknown error)";
        }
        return e.name() + " (" + e.text + ")";
    }

    /** The symbol of an errno value, e.g. {@code "EEXIST"}, or {@code "errno N"} if unknown. */
    public static String symbol(int errno) {
        Errno e = BY_NUMBER.get(Math.abs(errno));
        return e == null ? "errno " + Math.abs(errno) : e.name();
    }
}
