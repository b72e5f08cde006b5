package io.netns4j.internal.sys;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Direct-mapped libc functions. Thin and unchecked: {@link Sys} wraps each with a check of its result that throws a
 * {@link SyscallException} naming the call and the errno.
 */
final class LibC {

    static {
        Native.register("c");
    }

    private LibC() {
    }

    static native int unshare(int flags);

    static native int setns(int fd, int nstype);

    static native int open(String path, int flags, int mode);

    static native int close(int fd);

    static native long read(int fd, byte[] buf, long count);

    static native long write(int fd, byte[] buf, long count);

    static native int socket(int domain, int type, int protocol);

    static native int bind(int fd, byte[] addr, int addrlen);

    static native int getsockname(int fd, byte[] addr, int[] addrlen);

    static native int setsockopt(int fd, int level, int optname, int[] optval, int optlen);

    static native int getsockopt(int fd, int level, int optname, int[] optval, int[] optlen);

    static native Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

    static native int munmap(Pointer addr, long length);

    static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen);

    static native long recvfrom(int fd, byte[] buf, long len, int flags, byte[] addr, int[] addrlen);

    static native int poll(Pointer fds, long nfds, int timeout);

    static native int eventfd(int initval, int flags);

    static native int pipe2(int[] fds, int flags);

    static native int kill(int pid, int sig);

    static native int mount(String source, String target, String fstype, long flags, Pointer data);

    static native int umount2(String target, int flags);

    static native int waitpid(int pid, int[] status, int options);

    static native int posix_spawnp(int[] pid, String file, Pointer fileActions, Pointer attr, Pointer argv,
            Pointer envp);

    static native int posix_spawn_file_actions_init(Pointer fa);

    static native int posix_spawn_file_actions_destroy(Pointer fa);

    static native int posix_spawn_file_actions_adddup2(Pointer fa, int fd, int newfd);

    static native int posix_spawn_file_actions_addclosefrom_np(Pointer fa, int from);

    static native int posix_spawn_file_actions_addchdir_np(Pointer fa, String path);

    static native int posix_spawnattr_init(Pointer attr);

    static native int posix_spawnattr_destroy(Pointer attr);

    static native int posix_spawnattr_setflags(Pointer attr, short flags);

    static native int posix_spawnattr_setsigmask(Pointer attr, Pointer sigmask);

    static native int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigmask);

    static native int sigemptyset(Pointer set);

    static native int sigfillset(Pointer set);

    // Character devices without udev (CharDevices).

    static native int openat(int dirfd, String path, int flags, int mode);

    static native int mknodat(int dirfd, String path, int mode, long dev);

    /** {@code ioctl(fd, request, buf)} with a buffer copied in and out (a {@code struct ifreq}...). */
    static native int ioctl(int fd, long request, byte[] arg);

    /**
     * {@code syscall(2)} for the mount API, which glibc wraps only from 2.36 on: {@code fsopen(fsname, flags)}. Its
     * numbers (430 to 432) are the same on every architecture but alpha.
     */
    static native long syscall(long number, String fsname, int flags);

    /** {@code syscall(SYS_fsconfig, fd, cmd, key, value, aux)}. */
    static native long syscall(long number, int fd, int cmd, String key, String value, int aux);

    /** {@code syscall(SYS_fsmount, fd, flags, attrFlags)}. */
    static native long syscall(long number, int fd, int flags, int attrFlags);

    // TUN/TAP queues (Tun): ioctls taking a pointer or a value, reads and writes through native buffers.

    static native int ioctl(int fd, long request, Pointer arg);

    static native int ioctl(int fd, long request, long arg);

    static native long read(int fd, Pointer buf, long count);

    static native long write(int fd, Pointer buf, long count);
}
