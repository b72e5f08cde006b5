#!/usr/bin/env python3
"""Runs one ip command under strace inside a named namespace and turns the netlink traffic into a fixture.

  strace2fixture.py NS 'ip ...'                      prints every sendmsg/sendto/recvmsg with its bytes
  strace2fixture.py NS 'ip ...' --write FILE --pick P [--stdout] [--note=TEXT]...

P is send:N[,recv:M...] (strace order), req=TYPE (the last request of that nlmsg_type and the answers to it on the
same socket, up to that socket's next request) or first=TYPE (the same for the first request of that type).
--stdout copies what ip printed into the fixture as comments. Needs root, strace and iproute2."""
import shlex
import subprocess
import sys
from stracenl import calls, fd_of, nlmsg_type, write_hex
ns, cmd = sys.argv[1], sys.argv[2]
argv = ["ip", "netns", "exec", ns, "strace", "-f", "-xx", "-s", "4096",
        "-e", "trace=sendmsg,sendto,recvmsg", "-e", "write=all", "-e", "read=all", "--"] + shlex.split(cmd)
p = subprocess.run(argv, capture_output=True, text=True)
out = calls(p.stderr)
if '--write' not in sys.argv:
    for tag, line, data in out:
        print(tag, line[:400])
        print('   ', data.hex())
    print('stdout:', p.stdout.strip()[:2000]); print('rc:', p.returncode)
    sys.exit(0)
fn = sys.argv[sys.argv.index('--write') + 1]
picks = sys.argv[sys.argv.index('--pick') + 1].split(',')
ver = subprocess.run(["ip", "-V"], capture_output=True, text=True).stdout.strip()
kern = subprocess.run(["uname", "-r"], capture_output=True, text=True).stdout.strip()
notes = [a[len('--note='):] for a in sys.argv if a.startswith('--note=')]
with open(fn, 'w') as f:
    f.write(f"# command: ip netns exec {ns} {cmd}\n")
    f.write(f"# iproute2: {ver}; kernel: {kern}; recorded with strace -f -xx -e trace=sendmsg,sendto,recvmsg -e write=all -e read=all\n")
    for n in notes:
        f.write(f"# {n}\n")
    if '--stdout' in sys.argv:
        f.write("# ip printed:\n")
        for l in p.stdout.rstrip().splitlines():
            f.write(f"#   {l}\n")
    if picks[0].startswith('req=') or picks[0].startswith('first='):
        t = int(picks[0].split('=')[1])
        cands = [i for i, o in enumerate(out) if o[0].startswith('send') and nlmsg_type(o[2]) == t]
        reqi = cands[0] if picks[0].startswith('first=') else cands[-1]
        fd = fd_of(out[reqi][1])
        seq = out[reqi][2][8:12]
        picks = [out[reqi][0]]
        for o in out[reqi+1:]:
            if fd_of(o[1]) != fd:
                continue
            if o[0].startswith('send'):
                break
            if o[0].startswith('recv') and o[2][8:12] == seq:
                picks.append(o[0])
    for pk in picks:
        tag, line, data = next(o for o in out if o[0] == pk)
        f.write(f"# {'request (sendmsg)' if tag.startswith('send') else 'kernel answer (recvmsg)'}: {tag}\n")
        write_hex(f, data)
print('wrote', fn, 'rc', p.returncode)
