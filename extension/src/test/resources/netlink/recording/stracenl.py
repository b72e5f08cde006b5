"""What strace2fixture.py and ../../nftables/recording/strace2nft.py share: reading the netlink calls out of strace's
output and writing their bytes as a fixture's hex block."""
import re
import struct


def calls(stderr):
    """The sendmsg/sendto/recvmsg calls in the stderr of strace -f -xx -e write=all -e read=all, in order, as
    (TAG, LINE, BYTES): TAG is send:N, recv:N or peek:N (each kind counted on its own), LINE the call's strace line."""
    found = []
    cur = None
    for line in stderr.splitlines():
        m = re.match(r'^\s*\|\s+[0-9a-f]{5}\s+((?:[0-9a-f]{2}\s{1,2})+)', line)
        if m and cur is not None:
            cur[2].extend(bytes.fromhex(x) for x in m.group(1).split())
            continue
        m = re.match(r'^(?:\[pid\s+\d+\]\s+)?(sendmsg|sendto|recvmsg)\(', line)
        if m:
            kind = 'send' if m.group(1).startswith('send') else 'recv'
            if 'MSG_PEEK' in line:
                kind = 'peek'
            cur = [kind, line, []]
            found.append(cur)
        elif not line.startswith(' *'):
            cur = None
    out = []
    counters = {}
    for kind, line, data in found:
        n = counters.get(kind, 0)
        counters[kind] = n + 1
        data = b''.join(data)
        if kind == 'send':
            data = whole_messages(data)
        out.append((f'{kind}:{n}', line, data))
    return out


def whole_messages(data):
    """strace dumps the whole iovec; keep the netlink messages (nlmsg_len) only."""
    pos = 0
    while pos + 16 <= len(data):
        ln = struct.unpack_from('<I', data, pos)[0]
        if ln < 16 or pos + ln > len(data):
            break
        pos += (ln + 3) & ~3
    return data[:min(pos, len(data))]


def fd_of(line):
    """The socket of a call's strace line."""
    return re.search(r'\((\d+),', line).group(1)


def nlmsg_type(data):
    """The nlmsg_type of the first message."""
    return struct.unpack_from('<H', data, 4)[0]


def write_hex(f, data):
    """Writes bytes as a fixture's hex block: 16 to a line, then a blank line."""
    h = data.hex()
    for i in range(0, len(h), 32):
        f.write(' '.join(h[j:j + 2] for j in range(i, min(i + 32, len(h)), 2)) + '\n')
    f.write('\n')
