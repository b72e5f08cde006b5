#!/usr/bin/env python3
"""capped-ack.py FIXTURE_IN FIXTURE_OUT: sends the request recorded in FIXTURE_IN (an iproute2 recording) on an rtnetlink
socket with NETLINK_EXT_ACK and NETLINK_CAP_ACK on (as netns4j's RtnlClient opens it) and records the kernel's answer.
Run it inside the throw-away namespace: ip netns exec fx1 python3 capped-ack.py IN OUT"""
import socket, sys, subprocess
SOL_NETLINK, NETLINK_CAP_ACK, NETLINK_EXT_ACK = 270, 10, 11
src, dst = sys.argv[1], sys.argv[2]
blocks, cur = [], []
for line in open(src):
    line = line.strip()
    if line.startswith('#') or not line:
        if cur:
            blocks.append(bytes.fromhex(''.join(cur))); cur = []
        continue
    cur.append(line.replace(' ', ''))
if cur:
    blocks.append(bytes.fromhex(''.join(cur)))
req = blocks[0]
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
s.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
s.bind((0, 0))
s.sendto(req, (0, 0))
ans = s.recv(65536)
kern = subprocess.run(["uname", "-r"], capture_output=True, text=True).stdout.strip()
with open(dst, 'w') as f:
    f.write(f"# command: ip netns exec fx1 python3 capped-ack.py {src.split('/')[-1]} {dst.split('/')[-1]}\n")
    f.write(f"# kernel: {kern}; the request of {src.split('/')[-1]} (iproute2) sent again on a socket with NETLINK_EXT_ACK and NETLINK_CAP_ACK on, as netns4j opens it; no iproute2 involved\n")
    for title, data in (("request (sendto)", req), ("kernel answer (recv)", ans)):
        f.write(f"# {title}\n")
        h = data.hex()
        for i in range(0, len(h), 32):
            f.write(' '.join(h[j:j+2] for j in range(i, min(i+32, len(h)), 2)) + '\n')
        f.write('\n')
print('wrote', dst)
