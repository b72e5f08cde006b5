package io.netns4j.packet;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Bytes a payload must contain, and how to say so. */
final class PayloadPattern {

    private final byte[] bytes;
    private final String text;

    private PayloadPattern(byte[] bytes, String text) {
        this.bytes = bytes;
        this.text = text;
    }

    static PayloadPattern of(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("bytes must not be null");
        }
        return new PayloadPattern(bytes.clone(), "0x" + HexFormat.of().formatHex(bytes));
    }

    static PayloadPattern of(String s) {
        if (s == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        return new PayloadPattern(s.getBytes(StandardCharsets.UTF_8), quote(s));
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
            case '"':
                sb.append("\\\"");
                break;
            case '\\':
                sb.append("\\\\");
                break;
            case '\n':
                sb.append("\\n");
                break;
            case '\r':
                sb.append("\\r");
                break;
            case '\t':
                sb.append("\\t");
                break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    boolean foundIn(byte[] payload) {
        outer: for (int i = 0; i + bytes.length <= payload.length; i++) {
            for (int j = 0; j < bytes.length; j++) {
                if (payload[i + j] != bytes[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** {@code containing "hello"} or {@code containing 0x68656c6c6f}. */
    @Override
    public String toString() {
        return "containing " + text;
    }
}
