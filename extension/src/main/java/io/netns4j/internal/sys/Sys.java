package io.netns4j.internal.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.util.List;
import java.util.Map;

/**
 * Checked wrappers of the libc calls netns4j needs. Each throws a {@link SyscallException} that names the call, its
 * arguments and the errno, e.g. {@code setns(fd 12, CLONE_NEWNET) failed: EPERM (Operation not permitted)}.
 *
 * <p>
 * Namespace-sensitive calls ({@link #unshareNetwork()}, {@link #socket}, {@link #spawn}) act on the calling thread's
 * network namespace; the runtime layer decides which thread makes them.
 */
public final class Sys {

    public static final int CLONE_NEWNET = 0x40000000;
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;

    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    /** {@code recv} flag: do not block. */
    public static final int MSG_DONTWAIT = 0x40;

    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    /** Like {@code SO_SNDBUF}, past {@code net.core.wmem_max}; needs {@code CAP_NET_ADMIN}. */
    public static final int SO_SNDBUFFORCE = 32;
    /** Like {@code SO_RCVBUF}, past {@code net.core.rmem_max}; needs {@code CAP_NET_ADMIN}. */
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SOL_NETLINK = 270;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;
    public static final int NETLINK_GET_STRICT_CHK = 12;
    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_ICMPV6 = 58;

    public static final short POLLIN = 0x1;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;

    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;
    public static final int WNOHANG = 1;

    private static final int EFD_CLOEXEC = 0x80000;
    private static final int EFD_NONBLOCK = 0x800;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final short POSIX_SPAWN_SETSID = 0x80;
    private static final long SIGSET_SIZE = 128;
    private static final long SPAWN_STRUCT_SIZE = 512;

    private Sys() {
    }

    /** Loads the native library; call once from the root namespace before any namespace exists. */
    public static void load() {
        LibC.close(-1);
    }

    private static int errno() {
        return Native.getLastError();
    }

    private static int check(int rc, String call) {
        if (rc < 0) {
            throw new SyscallException(call, errno());
        }
        return rc;
    }

    /** {@code unshare(CLONE_NEWNET)}: moves the calling thread into a new network namespace. */
    public static void unshareNetwork() {
        check(LibC.unshare(CLONE_NEWNET), "unshare(CLONE_NEWNET)");
    }

    /** {@code setns(fd, CLONE_NEWNET)}: moves the calling thread into the namespace of {@code fd}. */
    public static void setns(Fd ns) {
        int fd = ns.get();
        check(LibC.setns(fd, CLONE_NEWNET), "setns(fd " + fd + ", CLONE_NEWNET)");
    }

    /** {@code open(path, flags | O_CLOEXEC)}. */
    public static Fd open(String path, int flags) {
        int fd = check(LibC.open(path, flags | O_CLOEXEC, 0), "open(\"" + path + "\")");
        return new Fd(fd, path);
    }

    static void closeFd(int fd, String what) {
        if (LibC.close(fd) < 0) {
            int e = errno();
            if (e != Errno.EINTR.number()) {
                throw new SyscallException("close(fd " + fd + ", " + what + ")", e);
            }
        }
    }

    /** {@code read(fd, buf, len)}; returns the count read, 0 at end of file. */
    public static int read(Fd fd, byte[] buf) {
        return (int) checkLong(LibC.read(fd.get(), buf, buf.length), "read(" + fd + ")");
    }

    /** {@code write(fd, buf, len)}; returns the count written. */
    public static int write(Fd fd, byte[] buf, int len) {
        byte[] b = len == buf.length ? buf : java.util.Arrays.copyOf(buf, len);
        return (int) checkLong(LibC.write(fd.get(), b, len), "write(" + fd + ")");
    }

    private static long checkLong(long rc, String call) {
        if (rc < 0) {
            throw new SyscallException(call, errno());
        }
        return rc;
    }

    /** {@code socket(domain, type | SOCK_CLOEXEC, protocol)} in the calling thread's namespace. */
    public static Fd socket(int domain, int type, int protocol, String what) {
        int fd = check(LibC.socket(domain, type | SOCK_CLOEXEC, protocol),
                "socket(" + domain + ", " + type + ", " + protocol + ") for " + what);
        return new Fd(fd, what);
    }

    /** {@code bind(fd, addr)}. */
    public static void bind(Fd fd, byte[] sockaddr) {
        check(LibC.bind(fd.get(), sockaddr, sockaddr.length), "bind(" + fd + ")");
    }

    /** {@code getsockname(fd)}; returns the raw socket address. */
    public static byte[] getsockname(Fd fd, int size) {
        byte[] addr = new byte[size];
        int[] len = { size };
        check(LibC.getsockname(fd.get(), addr, len), "getsockname(" + fd + ")");
        return java.util.Arrays.copyOf(addr, len[0]);
    }

    /** {@code setsockopt(fd, level, name, values, 4 * values.length)}: an option that is a struct of ints. */
    public static void setsockopt(Fd fd, int level, int name, int[] values, String optionName) {
        check(LibC.setsockopt(fd.get(), level, name, values, 4 * values.length),
                "setsockopt(" + fd + ", " + optionName + ")");
    }

    /** {@code getsockopt(fd, level, name, values, &len)}: an option that is a struct of {@code count} ints. */
    public static int[] getsockopt(Fd fd, int level, int name, int count, String optionName) {
        int[] values = new int[count];
        int[] len = { 4 * count };
        check(LibC.getsockopt(fd.get(), level, name, values, len), "getsockopt(" + fd + ", " + optionName + ")");
        return values;
    }

    /** {@code setsockopt(fd, level, name, &value, sizeof(int))}. */
    public static void setsockopt(Fd fd, int level, int name, int value, String optionName) {
        check(LibC.setsockopt(fd.get(), level, name, new int[] { value }, 4),
                "setsockopt(" + fd + ", " + optionName + ", " + value + ")");
    }

    /** {@code sendto(fd, buf, len, 0, addr)}; {@code addr} may be null. */
    public static int sendto(Fd fd, byte[] buf, int len, byte[] addr) {
        byte[] b = len == buf.length ? buf : java.util.Arrays.copyOf(buf, len);
        long rc = LibC.sendto(fd.get(), b, len, 0, addr, addr == null ? 0 : addr.length);
        return (int) checkLong(rc, "sendto(" + fd + ", " + len + " bytes)");
    }

    /**
     * {@code recvfrom(fd, buf, len, flags, addr)}; returns the datagram's length, which is larger than the buffer when
     * {@code MSG_TRUNC} is among the flags and the datagram did not fit.
     */
    public static int recvfrom(Fd fd, byte[] buf, int flags, byte[] addr) {
        int[] addrlen = { addr == null ? 0 : addr.length };
        long rc = LibC.recvfrom(fd.get(), buf, buf.length, flags, addr, addr == null ? null : addrlen);
        return (int) checkLong(rc, "recvfrom(" + fd + ")");
    }

    /**
     * Receives one datagram within {@code timeoutMillis}: its length, or -1 if none arrived. A datagram already queued
     * (an rtnetlink answer, which the kernel queues within the send; an echo reply between namespaces of one machine)
     * is taken at once, without a poll first. Errors other than the timeout throw.
     */
    public static int receive(Fd fd, byte[] buf, int flags, int timeoutMillis) {
        long rc = LibC.recvfrom(fd.get(), buf, buf.length, flags | MSG_DONTWAIT, null, null);
        if (rc >= 0 || errno() != Errno.EAGAIN.number()) {
            return (int) checkLong(rc, "recvfrom(" + fd + ")");
        }
        if (pollIn(timeoutMillis, fd)[0] == 0) {
            return -1;
        }
        return recvfrom(fd, buf, flags, null);
    }

    /**
     * {@code poll} on the given descriptors for {@code POLLIN}; returns each descriptor's {@code revents}, all zero on
     * timeout. EINTR is retried. A negative timeout waits forever.
     */
    public static short[] pollIn(int timeoutMillis, Fd... fds) {
        try (Memory m = new Memory(8L * fds.length)) {
            for (int i = 0; i < fds.length; i++) {
                m.setInt(8L * i, fds[i].get());
                m.setShort(8L * i + 4, POLLIN);
                m.setShort(8L * i + 6, (short) 0);
            }
            int rc;
            do {
                rc = LibC.poll(m, fds.length, timeoutMillis);
            } while (rc < 0 && errno() == Errno.EINTR.number());
            check(rc, "poll(" + fds.length + " fds, " + timeoutMillis + " ms)");
            short[] revents = new short[fds.length];
            for (int i = 0; i < fds.length; i++) {
                revents[i] = m.getShort(8L * i + 6);
            }
            return revents;
        }
    }

    /** {@code eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)}: a descriptor to wake a {@link #pollIn}. */
    public static Fd eventfd(String what) {
        return new Fd(check(LibC.eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK), "eventfd() for " + what), what);
    }

    /** Makes an eventfd readable, waking every poll on it. */
    public static void signal(Fd eventfd) {
        byte[] one = { 1, 0, 0, 0, 0, 0, 0, 0 };
        checkLong(LibC.write(eventfd.get(), one, 8), "write(" + eventfd + ")");
    }

    /** {@code mount} flag: a bind mount. */
    public static final long MS_BIND = 4096;
    /** {@code umount2} flag: detach now, finish when the mount is no longer busy. */
    public static final int MNT_DETACH = 2;
    /** {@code umount2} flag: do not follow a symbolic link at the target. */
    public static final int UMOUNT_NOFOLLOW = 8;

    /**
     * {@code mount(source, target, NULL, MS_BIND, NULL)}: makes the file or directory {@code source} visible at
     * {@code target} as well, in the calling process's mount namespace. Equivalent to: {@code mount --bind source
     * target}.
     */
    public static void bindMount(String source, String target) {
        check(LibC.mount(source, target, null, MS_BIND, null),
                "mount(\"" + source + "\", \"" + target + "\", MS_BIND)");
    }

    /**
     * {@code umount2(target, flags)}; returns false if {@code target} is not a mount point (EINVAL) or does not exist
     * (ENOENT). Equivalent to: {@code umount [--lazy] target}.
     */
    public static boolean umount2(String target, int flags) {
        if (LibC.umount2(target, flags) < 0) {
            int e = errno();
            if (e == Errno.EINVAL.number() || e == Errno.ENOENT.number()) {
                return false;
            }
            throw new SyscallException(
                    "umount2(\"" + target + "\"" + ((flags & MNT_DETACH) != 0 ? ", MNT_DETACH" : "") + ")", e);
        }
        return true;
    }

    /** {@code kill(pid, sig)}; returns false if the process no longer exists (ESRCH). */
    public static boolean kill(int pid, int sig) {
        if (LibC.kill(pid, sig) < 0) {
            int e = errno();
            if (e == Errno.ESRCH.number()) {
                return false;
            }
            throw new SyscallException("kill(" + pid + ", " + sig + ")", e);
        }
        return true;
    }

    /**
     * {@code waitpid(pid, &status, options)}; returns the raw status, or -1 when {@code WNOHANG} was given and the
     * child has not changed state.
     */
    public static int waitpid(int pid, int options) {
        int[] status = new int[1];
        int rc;
        do {
            rc = LibC.waitpid(pid, status, options);
        } while (rc < 0 && errno() == Errno.EINTR.number());
        check(rc, "waitpid(" + pid + ")");
        return rc == 0 ? -1 : status[0];
    }

    /** Decodes a {@link #waitpid} status: the exit code, or 128 + signal for a killed process. */
    public static int exitCode(int status) {
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    /**
     * A child process started by {@link #spawn} or {@link #spawnWithoutOutput}, with the parent's ends of its standard
     * streams ({@code stdout} and {@code stderr} are null for the latter).
     */
    public record Spawned(int pid, Fd stdin, Fd stdout, Fd stderr) {
    }

    /**
     * Starts a program in the calling thread's network namespace, in a session of its own (so that its whole process
     * group can be signalled), with default signal dispositions, an empty signal mask, pipes for its standard streams
     * and no other inherited descriptor.
     *
     * @param command
     *            program and arguments; the program is looked up on {@code PATH}
     * @param environment
     *            the complete environment of the child
     * @param directory
     *            working directory, or null for the JVM's
     */
    public static Spawned spawn(List<String> command, Map<String, String> environment, String directory) {
        return spawn(command, environment, directory, true);
    }

    /**
     * As {@link #spawn}, but the child's standard output and error are {@code /dev/null}: for a child whose output
     * nobody reads. A pipe whose reading end is closed would kill such a child with SIGPIPE at its first write (a JVM
     * writes "Picked up JAVA_TOOL_OPTIONS: ..." to its standard error before anything else when that variable is set).
     */
    public static Spawned spawnWithoutOutput(List<String> command, Map<String, String> environment, String directory) {
        return spawn(command, environment, directory, false);
    }

    private static Spawned spawn(List<String> command, Map<String, String> environment, String directory,
            boolean output) {
        int[] in = pipe("stdin of " + command.get(0));
        int[] out;
        int[] err;
        if (output) {
            out = pipe("stdout of " + command.get(0));
            err = pipe("stderr of " + command.get(0));
        } else {
            // One descriptor of /dev/null, duplicated onto both: the child's ends; the parent has none.
            int devNull = check(LibC.open("/dev/null", O_WRONLY | O_CLOEXEC, 0), "open(\"/dev/null\")");
            out = new int[] { -1, devNull };
            err = new int[] { -1, devNull };
        }
        String[] env = environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        String call = "posix_spawnp(\"" + command.get(0) + "\")";
        try (Memory fa = new Memory(SPAWN_STRUCT_SIZE); Memory attr = new Memory(SPAWN_STRUCT_SIZE);
                Memory sigs = new Memory(SIGSET_SIZE)) {
            checkPosix(LibC.posix_spawn_file_actions_init(fa), call);
            checkPosix(LibC.posix_spawnattr_init(attr), call);
            try {
                checkPosix(LibC.posix_spawn_file_actions_adddup2(fa, in[0], 0), call);
                checkPosix(LibC.posix_spawn_file_actions_adddup2(fa, out[1], 1), call);
                checkPosix(LibC.posix_spawn_file_actions_adddup2(fa, err[1], 2), call);
                checkPosix(LibC.posix_spawn_file_actions_addclosefrom_np(fa, 3), call);
                if (directory != null) {
                    checkPosix(LibC.posix_spawn_file_actions_addchdir_np(fa, directory), call);
                }
                LibC.sigemptyset(sigs);
                checkPosix(LibC.posix_spawnattr_setsigmask(attr, sigs), call);
                LibC.sigfillset(sigs);
                checkPosix(LibC.posix_spawnattr_setsigdefault(attr, sigs), call);
                checkPosix(LibC.posix_spawnattr_setflags(attr,
                        (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)), call);
                int[] pid = new int[1];
                checkPosix(LibC.posix_spawnp(pid, command.get(0), fa, attr,
                        new StringArray(command.toArray(String[]::new)), new StringArray(env)), call);
                return new Spawned(pid[0], new Fd(in[1], "stdin of pid " + pid[0]),
                        output ? new Fd(out[0], "stdout of pid " + pid[0]) : null,
                        output ? new Fd(err[0], "stderr of pid " + pid[0]) : null);
            } catch (RuntimeException e) {
                closeQuietly(in[1]);
                if (output) {
                    closeQuietly(out[0]);
                    closeQuietly(err[0]);
                }
                throw e;
            } finally {
                LibC.posix_spawn_file_actions_destroy(fa);
                LibC.posix_spawnattr_destroy(attr);
                closeQuietly(in[0]);
                closeQuietly(out[1]);
                if (output) {
                    closeQuietly(err[1]);
                }
            }
        }
    }

    private static void closeQuietly(int fd) {
        LibC.close(fd);
    }

    private static int[] pipe(String what) {
        int[] fds = new int[2];
        check(LibC.pipe2(fds, O_CLOEXEC), "pipe2() for " + what);
        return fds;
    }

    private static void checkPosix(int rc, String call) {
        if (rc != 0) {
            throw new SyscallException(call, rc);
        }
    }

}
