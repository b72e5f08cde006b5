package io.netns4j.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One netlink exchange recorded with strace, as the fixture files under {@code src/test/resources/netlink/} and
 * {@code src/test/resources/nftables/} hold it (each directory's {@code README.md} describes its files and the
 * {@code recording/} scripts that made them).
 *
 * <p>
 * A fixture file is {@code #} comment lines (the first {@code # command: ...} line says which command made it) and
 * blocks of hex bytes; a block follows a {@code # request ...} line (what the program sent in one call) or a
 * {@code # kernel answer ...} line (one datagram the kernel sent back). What the comments mean beyond that is up to the
 * codec's own fixture class.
 *
 * @param command
 *            the command of the first {@code # command: } line
 * @param request
 *            the bytes of the request block
 * @param answers
 *            the kernel's answer, one entry per datagram
 * @param notes
 *            every line that is not hex, in order and as written: the comment lines and the blank ones
 */
public record RecordedExchange(String command, byte[] request, List<byte[]> answers, List<String> notes) {

    private static final HexFormat HEX = HexFormat.of();

    /** Reads a fixture file from the class path; fails if it is missing, has no command or request, or stray hex. */
    public static RecordedExchange load(String resource) {
        String text;
        try (InputStream in = RecordedExchange.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String command = null;
        byte[] request = null;
        List<byte[]> answers = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        StringBuilder block = null;
        boolean blockIsRequest = false;
        for (String raw : (text + "\n# end").split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty()) {
                if (block != null && block.length() > 0) {
                    byte[] bytes = HEX.parseHex(block);
                    if (blockIsRequest) {
                        request = bytes;
                    } else {
                        answers.add(bytes);
                    }
                    block = null;
                }
                if (line.startsWith("# command: ") && command == null) {
                    command = line.substring("# command: ".length());
                } else if (line.startsWith("# request")) {
                    block = new StringBuilder();
                    blockIsRequest = true;
                } else if (line.startsWith("# kernel answer")) {
                    block = new StringBuilder();
                    blockIsRequest = false;
                }
                notes.add(raw);
                continue;
            }
            if (block == null) {
                throw new IllegalStateException(resource + ": hex outside a request or answer block: " + line);
            }
            block.append(line.replace(" ", ""));
        }
        if (command == null || request == null) {
            throw new IllegalStateException(resource + ": no command line or no request");
        }
        notes.remove(notes.size() - 1);
        return new RecordedExchange(command, request, List.copyOf(answers), List.copyOf(notes));
    }

    /** Bytes as hex, 16 to a line and 4 to a group, so that an assertion's diff points at the byte. */
    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append(i % 16 == 0 ? "\n" : i % 4 == 0 ? "  " : " ");
            }
            sb.append(HEX.toHexDigits(bytes[i]));
        }
        return sb.toString();
    }
}
