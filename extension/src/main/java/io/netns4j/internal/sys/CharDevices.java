package io.netns4j.internal.sys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Character devices without udev, for devices that live in a network namespace (a macvtap's {@code /dev/tapN}).
 *
 * <p>
 * Sysfs shows the network namespace of whoever mounted it, so {@code /sys} of the root mount namespace never lists a
 * test namespace's devices. {@link #readSysfs} therefore mounts a sysfs of its own from the calling thread, with the
 * mount API ({@code fsopen}, {@code fsconfig}, {@code fsmount}): the mount is attached nowhere, visible to no one, and
 * gone when its descriptor is closed, a moment later. {@link #open} opens a device by number through a node made with
 * {@code mknodat} in a private tmpfs mounted the same way, so neither {@code /dev} nor a temporary directory (often
 * mounted {@code nodev}) is touched; the tmpfs lives, unseen, as long as the opened descriptor.
 *
 * <p>
 * Needs Linux 5.2 (the mount API) and {@code CAP_SYS_ADMIN} over the namespace.
 */
public final class CharDevices {

    private static final long SYS_FSOPEN = 430;
    private static final long SYS_FSCONFIG = 431;
    private static final long SYS_FSMOUNT = 432;
    private static final int FSOPEN_CLOEXEC = 1;
    private static final int FSCONFIG_SET_STRING = 1;
    private static final int FSCONFIG_CMD_CREATE = 6;
    private static final int FSMOUNT_CLOEXEC = 1;
    private static final int MOUNT_ATTR_RDONLY = 0x1;
    private static final int MOUNT_ATTR_NOSUID = 0x2;
    private static final int MOUNT_ATTR_NODEV = 0x4;
    private static final int MOUNT_ATTR_NOEXEC = 0x8;
    private static final int S_IFCHR = 0020000;
    private static final String NODE = "dev";
    /** {@code _IOW('T', 202, int)} of {@code linux/if_tun.h}. */
    private static final long TUNSETIFF = 0x400454caL;
    private static final int IFF_TAP = 0x0002;
    private static final int IFF_NO_PI = 0x1000;
    /** {@code sizeof(struct ifreq)} and the offset of its {@code ifr_flags}, after the 16-byte name. */
    private static final int IFREQ_SIZE = 40;
    private static final int IFREQ_FLAGS = 16;

    private CharDevices() {
    }

    /** A device number, as sysfs writes it in a {@code dev} file: {@code 246:3}. */
    public record DeviceNumber(int major, int minor) {

        /** Parses {@code MAJOR:MINOR}. */
        public static DeviceNumber parse(String text) {
            String[] parts = text.strip().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("not a device number (MAJOR:MINOR): \"" + text.strip() + "\"");
            }
            return new DeviceNumber(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }

        /** glibc's {@code makedev(major, minor)}: the {@code dev_t} of this number. */
        public long dev() {
            long ma = major & 0xffffffffL;
            long mi = minor & 0xffffffffL;
            return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
        }

        @Override
        public String toString() {
            return major + ":" + minor;
        }
    }

    /**
     * Reads a file of sysfs as the calling thread's network namespace sees it, e.g. {@code class/macvtap/tap5/dev},
     * from a sysfs mounted for this one read (read-only, attached nowhere).
     */
    public static String readSysfs(String relativePath) {
        try (Fd mount = mount("sysfs", MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC,
                false); Fd file = openAt(mount, relativePath, Sys.O_RDONLY, "sysfs " + relativePath)) {
            byte[] buf = new byte[4096];
            int n = Sys.read(file, buf);
            return new String(buf, 0, n, StandardCharsets.US_ASCII);
        }
    }

    /**
     * Opens character device {@code device} with {@code flags} ({@code O_CLOEXEC} is added) through a node in a private
     * tmpfs. The calling thread's namespaces are the opener's, as if it had opened {@code /dev/...}.
     *
     * @param what
     *            what the device is, for the descriptor's and errors' texts
     */
    public static Fd open(DeviceNumber device, int flags, String what) {
        try (Fd tmpfs = mount("tmpfs", MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC, true)) {
            int rc = LibC.mknodat(tmpfs.get(), NODE, S_IFCHR | 0600, device.dev());
            if (rc < 0) {
                throw new SyscallException(
                        "mknodat(private tmpfs, \"" + NODE + "\", S_IFCHR, " + device + ") for " + what, errno());
            }
            return openAt(tmpfs, NODE, flags, what + " (" + device + ")");
        }
    }

    /**
     * Turns off the {@code virtio_net_hdr} that a macvtap queue puts before every frame by default: {@code ioctl(fd,
     * TUNSETIFF, {flags IFF_TAP | IFF_NO_PI})} (macvtap ignores the name). Without the header the kernel also splits
     * large segments and completes checksums before handing frames over, so that each frame read is one that could be
     * on a wire.
     */
    public static void tapWithoutVnetHeader(Fd tap) {
        byte[] ifreq = new byte[IFREQ_SIZE];
        ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder()).putShort(IFREQ_FLAGS, (short) (IFF_TAP | IFF_NO_PI));
        if (LibC.ioctl(tap.get(), TUNSETIFF, ifreq) < 0) {
            throw new SyscallException("ioctl(" + tap + ", TUNSETIFF, {flags IFF_TAP | IFF_NO_PI})", errno());
        }
    }

    /**
     * The major number of the character devices that {@code /proc/devices} lists under {@code name} (e.g.
     * {@code "macvtap"}), or empty if the kernel has none (the driver is not loaded).
     */
    public static Optional<Integer> characterMajor(String name) {
        try {
            boolean character = false;
            for (String line : Files.readAllLines(Path.of("/proc/devices"))) {
                if (line.startsWith("Character devices:")) {
                    character = true;
                } else if (line.startsWith("Block devices:")) {
                    character = false;
                } else if (character) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length == 2 && f[1].equals(name)) {
                        return Optional.of(Integer.parseInt(f[0]));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Why {@link #readSysfs} and {@link #open} cannot work here, or empty if they can: asks the kernel for a tmpfs
     * context ({@code fsopen}) and lets it go.
     */
    public static Optional<String> unavailabilityCause() {
        long fd = LibC.syscall(SYS_FSOPEN, "tmpfs", FSOPEN_CLOEXEC);
        if (fd < 0) {
            int e = errno();
            return Optional.of("fsopen(\"tmpfs\") failed: " + Errno.describe(e)
                    + (e == Errno.ENOSYS.number() ? " (the mount API needs Linux 5.2)" : ""));
        }
        Sys.closeFd((int) fd, "fsopen(\"tmpfs\")");
        return Optional.empty();
    }

    /** A new filesystem of {@code type}, mounted nowhere: its root as a descriptor. */
    private static Fd mount(String type, int attributes, boolean small) {
        String call = "fsopen(\"" + type + "\")";
        try (Fd context = new Fd(check(LibC.syscall(SYS_FSOPEN, type, FSOPEN_CLOEXEC), call), call)) {
            if (small) {
                check(LibC.syscall(SYS_FSCONFIG, context.get(), FSCONFIG_SET_STRING, "size", "64k", 0),
                        "fsconfig(" + type + ", size=64k)");
                check(LibC.syscall(SYS_FSCONFIG, context.get(), FSCONFIG_SET_STRING, "mode", "0700", 0),
                        "fsconfig(" + type + ", mode=0700)");
            }
            check(LibC.syscall(SYS_FSCONFIG, context.get(), FSCONFIG_CMD_CREATE, null, null, 0),
                    "fsconfig(" + type + ", FSCONFIG_CMD_CREATE)");
            String mountCall = "fsmount(" + type + ")";
            return new Fd(check(LibC.syscall(SYS_FSMOUNT, context.get(), FSMOUNT_CLOEXEC, attributes), mountCall),
                    "private " + type + " mount");
        }
    }

    private static Fd openAt(Fd dir, String path, int flags, String what) {
        int fd = LibC.openat(dir.get(), path, flags | Sys.O_CLOEXEC, 0);
        if (fd < 0) {
            throw new SyscallException("openat(" + dir + ", \"" + path + "\") for " + what, errno());
        }
        return new Fd(fd, what);
    }

    private static int check(long rc, String call) {
        if (rc < 0) {
            throw new SyscallException(call, errno());
        }
        return (int) rc;
    }

    /** The errno of the last call, as JNA kept it. */
    private static int errno() {
        return com.sun.jna.Native.getLastError();
    }
}
