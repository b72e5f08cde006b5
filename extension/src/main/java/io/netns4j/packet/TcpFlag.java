package io.netns4j.packet;

/** One TCP header flag, in the order of its bit, lowest first. */
public enum TcpFlag {
    /** No more data from the sender. */
    FIN(0x01, 'F'),
    /** Synchronise sequence numbers: opens a connection. */
    SYN(0x02, 'S'),
    /** Reset the connection. */
    RST(0x04, 'R'),
    /** Push the data to the application. */
    PSH(0x08, 'P'),
    /** The acknowledgment number is valid. */
    ACK(0x10, '.'),
    /** The urgent pointer is valid. */
    URG(0x20, 'U'),
    /** ECN echo. */
    ECE(0x40, 'E'),
    /** Congestion window reduced. */
    CWR(0x80, 'W');

    private final int bit;
    private final char letter;

    TcpFlag(int bit, char letter) {
        this.bit = bit;
        this.letter = letter;
    }

    /** The flag's bit in the header's flags byte. */
    public int bit() {
        return bit;
    }

    /** The letter tcpdump prints for this flag: {@code S}, {@code .} for ACK, {@code W} for CWR. */
    public char letter() {
        return letter;
    }
}
