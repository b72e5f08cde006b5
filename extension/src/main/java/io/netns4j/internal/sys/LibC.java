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
}
