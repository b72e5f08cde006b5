#!/usr/bin/env python3
"""Runs one nft command under strace in a fresh network namespace (unshare -n) and turns its netlink traffic into a
fixture (see ../README.md).

  strace2nft.py 'nft ...'                                  prints every sendmsg/sendto/recvmsg with its bytes
  strace2nft.py 'nft ...' --write FILE --pick P [--setup 'sh commands'] [--stdout] [--note=TEXT]...

The namespace is made for the command and vanishes with it; --setup runs in it first (e.g. to create a veth pair or a
table to list). P is batch (the sendmsg of the batch and the answers after it), req=TYPE (the last request of that
nlmsg_type, NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_*, and the answers to it on the same socket, up to its next request)
or first=TYPE (the same for the first). Every .nft file named on the command line is copied into the fixture.
--stdout copies what nft printed. Needs root, strace and nft."""
import os
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'netlink', 'recording'))
from stracenl import calls, fd_of, nlmsg_type, write_hex  # noqa: E402

cmd = sys.argv[1]
setup = sys.argv[sys.argv.index('--setup') + 1] if '--setup' in sys.argv else 'true'
script = setup + '\nexec strace -f -xx -s 65536 -e trace=sendmsg,sendto,recvmsg -e write=all -e read=all -- ' + cmd
p = subprocess.run(['unshare', '-n', 'sh', '-ec', script], capture_output=True, text=True)
out = calls(p.stderr)
if '--write' not in sys.argv:
    for tag, line, data in out:
        print(tag, line[:300])
        print('   ', data.hex())
    print('stdout:', p.stdout.strip()[:3000])
    print('stderr tail:', '\n'.join(l for l in p.stderr.splitlines() if not l.startswith((' |', ' *', 'send', 'recv')))[-2000:])
    print('rc:', p.returncode)
    sys.exit(0)

fn = sys.argv[sys.argv.index('--write') + 1]
pick = sys.argv[sys.argv.index('--pick') + 1]
if pick == 'batch':
    reqi = next(i for i, o in enumerate(out) if o[1].startswith(('sendmsg', '[pid')) and 'sendmsg(' in o[1])
else:
    t = int(pick.split('=')[1], 0)
    cands = [i for i, o in enumerate(out) if o[0].startswith('send') and nlmsg_type(o[2]) == t]
    reqi = cands[0] if pick.startswith('first=') else cands[-1]
picks = [out[reqi]]
for o in out[reqi + 1:]:
    if fd_of(o[1]) != fd_of(out[reqi][1]):
        continue
    if o[0].startswith('send'):
        break
    if o[0].startswith('recv') and o[2]:
        picks.append(o)
ver = subprocess.run(['nft', '--version'], capture_output=True, text=True).stdout.strip()
kern = subprocess.run(['uname', '-r'], capture_output=True, text=True).stdout.strip()
notes = [a[len('--note='):] for a in sys.argv if a.startswith('--note=')]
with open(fn, 'w') as f:
    f.write(f'# command: {cmd}\n')
    f.write(f'# {ver}; kernel: {kern}; in a fresh `unshare -n` namespace; recorded with'
            f' strace -f -xx -s 65536 -e trace=sendmsg,sendto,recvmsg -e write=all -e read=all\n')
    if setup != 'true':
        f.write('# set up first in the same namespace:\n')
        for l in setup.splitlines():
            f.write(f'#   {l}\n')
    for n in notes:
        f.write(f'# {n}\n')
    for word in shlex.split(cmd):
        if word.endswith('.nft'):
            f.write(f'# {word}:\n')
            for l in open(word).read().rstrip().splitlines():
                f.write(f'#   {l}\n')
    if '--stdout' in sys.argv:
        f.write('# nft printed:\n')
        for l in p.stdout.rstrip().splitlines():
            f.write(f'#   {l}\n')
    if p.returncode != 0:
        f.write(f'# nft exited with {p.returncode}; it printed on stderr:\n')
        for l in p.stderr.splitlines():
            if not l.startswith((' |', ' *', 'send', 'recv', '+++', '---', '[pid')):
                f.write(f'#   {l}\n')
    for tag, line, data in picks:
        f.write(f"# {'request (' + line.split('(')[0] + ')' if tag.startswith('send') else 'kernel answer (recvmsg)'}: {tag}\n")
        write_hex(f, data)
print('wrote', fn, 'rc', p.returncode)
