package io.netns4j.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A copy of this JVM's class path that every user can read, for a child JVM that runs as another user (such as
 * {@code nobody}): the local Maven repository and the build directory may sit where only their owner can look (e.g.
 * under {@code /root}). A Surefire manifest-only jar is expanded into the entries its {@code Class-Path} names.
 */
public final class ReadableClassPath {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");

    private ReadableClassPath() {
    }

    /**
     * Copies every entry of this JVM's class path into {@code directory} (made readable and searchable by all, as are
     * the copies) and returns the class path of the copies.
     */
    public static String copyTo(Path directory) {
        try {
            Files.setPosixFilePermissions(directory, DIRECTORY);
            List<String> copies = new ArrayList<>();
            int n = 0;
            for (Path entry : entries()) {
                if (!Files.exists(entry)) {
                    continue;
                }
                Path target = directory.resolve(n++ + "-" + entry.getFileName());
                if (Files.isDirectory(entry)) {
                    copyTree(entry, target);
                } else {
                    Files.copy(entry, target, StandardCopyOption.COPY_ATTRIBUTES);
                    Files.setPosixFilePermissions(target, FILE);
                }
                copies.add(target.toString());
            }
            return String.join(java.io.File.pathSeparator, copies);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the class path to " + directory, e);
        }
    }

    /** The entries of this JVM's class path, with manifest-only jars replaced by what they name. */
    static List<Path> entries() throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String element : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(element).toAbsolutePath();
            String manifestClassPath = Files.isRegularFile(path) ? manifestClassPath(path) : null;
            if (manifestClassPath == null) {
                entries.add(path);
                continue;
            }
            for (String url : manifestClassPath.trim().split("\\s+")) {
                URI uri = path.toUri().resolve(url);
                entries.add(Path.of(uri));
            }
        }
        return entries;
    }

    private static String manifestClassPath(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path d = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(d);
                Files.setPosixFilePermissions(d, DIRECTORY);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path f = to.resolve(from.relativize(file).toString());
                Files.copy(file, f, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(f, FILE);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
