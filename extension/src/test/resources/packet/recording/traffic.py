#!/usr/bin/python3
"""Traffic for record-pcaps.sh: small, fixed exchanges whose packets the pcaps hold.

  traffic.py tcp-server ADDR PORT            accept one connection, read a line, answer "world\\n", close
  traffic.py tcp-client ADDR PORT SRCPORT    connect from SRCPORT, send "hello\\n", read the answer, close
  traffic.py udp-server ADDR PORT            answer one datagram with "pong"
  traffic.py udp-send ADDR PORT TEXT|-SIZE   send one datagram (TEXT, or SIZE bytes of 'x'), wait 0.3 s for an answer
  traffic.py udp6-opts ADDR PORT             send one IPv6 datagram with a hop-by-hop and a destination options header
  traffic.py tun-hold NAME SECONDS           create tun device NAME (IFF_TUN|IFF_NO_PI) and hold it open
"""
import fcntl
import os
import socket
import struct
import sys
import time


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def main(argv):
    cmd = argv[1]
    if cmd == "tcp-server":
        addr, port = argv[2], int(argv[3])
        s = socket.socket(family(addr), socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((addr, port))
        s.listen(1)
        c, _ = s.accept()
        c.recv(100)
        c.sendall(b"world\n")
        c.shutdown(socket.SHUT_WR)
        c.recv(100)
        c.close()
        s.close()
    elif cmd == "tcp-client":
        addr, port, sport = argv[2], int(argv[3]), int(argv[4])
        s = socket.socket(family(addr), socket.SOCK_STREAM)
        s.bind(("::" if ":" in addr else "0.0.0.0", sport))
        s.connect((addr, port))
        s.sendall(b"hello\n")
        while s.recv(100):
            pass
        s.close()
    elif cmd == "udp-server":
        addr, port = argv[2], int(argv[3])
        s = socket.socket(family(addr), socket.SOCK_DGRAM)
        s.bind((addr, port))
        _, peer = s.recvfrom(65535)
        s.sendto(b"pong", peer)
        s.close()
    elif cmd == "udp-send":
        addr, port, what = argv[2], int(argv[3]), argv[4]
        data = b"x" * int(what[1:]) if what.startswith("-") else what.encode()
        s = socket.socket(family(addr), socket.SOCK_DGRAM)
        s.settimeout(0.3)
        s.sendto(data, (addr, port))
        try:
            s.recv(65535)
        except OSError:
            pass
        s.close()
    elif cmd == "udp6-opts":
        addr, port = argv[2], int(argv[3])
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        # 8 bytes each: next header and length (filled in by the kernel), then a PadN option of 4 bytes.
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_HOPOPTS, bytes([0, 0, 1, 4, 0, 0, 0, 0]))
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_DSTOPTS, bytes([0, 0, 1, 4, 0, 0, 0, 0]))
        s.sendto(b"options", (addr, port))
        s.close()
    elif cmd == "tun-hold":
        name, seconds = argv[2], float(argv[3])
        fd = os.open("/dev/net/tun", os.O_RDWR)
        fcntl.ioctl(fd, 0x400454CA, struct.pack("16sH", name.encode(), 0x0001 | 0x1000))  # TUNSETIFF, IFF_TUN|IFF_NO_PI
        time.sleep(seconds)
        os.close(fd)
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv)
