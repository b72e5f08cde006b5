#!/usr/bin/env python3
"""resend-acked.py OUT FIXTURE [FIXTURE...] [--setup 'sh commands'] [--note=TEXT]...

Takes the batches nft sent in the given fixtures (their NFNL_MSG_BATCH_BEGIN/END dropped), joins their messages into
one batch, sets NLM_F_ACK on every message between BATCH_BEGIN and BATCH_END (nft 1.0.6 sets it on none), numbers
them consecutively and sends the batch in a fresh `unshare -n` namespace (after --setup) on a NETLINK_NETFILTER socket
with NETLINK_EXT_ACK and NETLINK_CAP_ACK on, as netns4j opens it. Records the request and every datagram the kernel
answered. No nft is involved in the sending."""
import os
import socket
import struct
import subprocess
import sys

SOL_NETLINK, NETLINK_CAP_ACK, NETLINK_EXT_ACK = 270, 10, 11
NETLINK_NETFILTER = 12
NLM_F_ACK = 0x04
BATCH_BEGIN, BATCH_END = 0x10, 0x11

if os.environ.get('RESEND_INSIDE') != '1':
    args = sys.argv[1:]
    setup = args[args.index('--setup') + 1] if '--setup' in args else 'true'
    env = dict(os.environ, RESEND_INSIDE='1')
    script = setup + '\nexec python3 "$0" "$@"'
    sys.exit(subprocess.run(['unshare', '-n', 'sh', '-ec', script, sys.argv[0]] + args, env=env).returncode)

args = sys.argv[1:]
setup = args[args.index('--setup') + 1] if '--setup' in args else None
notes = [a[len('--note='):] for a in args if a.startswith('--note=')]
positional = []
skip = False
for a in args:
    if skip:
        skip = False
        continue
    if a == '--setup':
        skip = True
        continue
    if not a.startswith('--'):
        positional.append(a)
dst, sources = positional[0], positional[1:]


def first_block(path):
    blocks, cur = [], []
    for line in open(path):
        line = line.strip()
        if line.startswith('#') or not line:
            if cur:
                blocks.append(bytes.fromhex(''.join(cur)))
                cur = []
            continue
        cur.append(line.replace(' ', ''))
    if cur:
        blocks.append(bytes.fromhex(''.join(cur)))
    return blocks[0]


def messages(data):
    pos, out = 0, []
    while pos + 16 <= len(data):
        ln = struct.unpack_from('<I', data, pos)[0]
        out.append(bytearray(data[pos:pos + ln]))
        pos += (ln + 3) & ~3
    return out


all_msgs = [m for src in sources for m in messages(first_block(src))]
begin = next(m for m in all_msgs if struct.unpack_from('<H', m, 4)[0] == BATCH_BEGIN)
end = next(m for m in all_msgs if struct.unpack_from('<H', m, 4)[0] == BATCH_END)
body = [m for m in all_msgs if struct.unpack_from('<H', m, 4)[0] not in (BATCH_BEGIN, BATCH_END)]
seq = 1000
batch = b''
for m in [begin] + body + [end]:
    m = bytearray(m)
    t = struct.unpack_from('<H', m, 4)[0]
    if t not in (BATCH_BEGIN, BATCH_END):
        struct.pack_into('<H', m, 6, struct.unpack_from('<H', m, 6)[0] | NLM_F_ACK)
    struct.pack_into('<I', m, 8, seq)
    seq += 1
    batch += bytes(m) + b'\0' * (-len(m) % 4)
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
s.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
s.bind((0, 0))
s.sendto(batch, (0, 0))
s.setblocking(False)
answers = []
while True:
    try:
        answers.append(s.recv(65536))
    except BlockingIOError:
        break
kern = subprocess.run(['uname', '-r'], capture_output=True, text=True).stdout.strip()
with open(dst, 'w') as f:
    f.write(f"# command: python3 resend-acked.py {' '.join(a.split('/')[-1] for a in [dst] + sources)}\n")
    f.write(f'# kernel: {kern}; the batch of {", ".join(a.split("/")[-1] for a in sources)} (nft) sent again with'
            ' NLM_F_ACK on each message and sequence numbers from 1000, on a socket with NETLINK_EXT_ACK and'
            ' NETLINK_CAP_ACK on, as netns4j opens it; no nft involved\n')
    if setup:
        f.write('# set up first in the same fresh `unshare -n` namespace:\n')
        for l in setup.splitlines():
            f.write(f'#   {l}\n')
    for n in notes:
        f.write(f'# {n}\n')
    for title, data in [('request (sendto)', batch)] + [('kernel answer (recv)', a) for a in answers]:
        f.write(f'# {title}\n')
        h = data.hex()
        for i in range(0, len(h), 32):
            f.write(' '.join(h[j:j + 2] for j in range(i, min(i + 32, len(h)), 2)) + '\n')
        f.write('\n')
print('wrote', dst, len(answers), 'answers')
