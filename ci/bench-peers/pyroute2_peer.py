"""The pyroute2 peer of ci/bench (io.netns4j.bench.PeerBench).

One long-lived process: it reads commands on stdin, one a line, builds or tears
down a topology with pyroute2 and answers one line with the time it took,
measured inside this process (time.perf_counter_ns), so that the interpreter's
start-up and the pipe are not counted.

  build two PREFIX     namespaces PREFIX-c and PREFIX-s, a veth pair eth0-eth0,
                       10.0.0.1/24 and 10.0.0.2/24, lo and eth0 up, then waits
                       until both eth0 are operationally UP
  build star N PREFIX  namespace PREFIX-sw holding bridge br0 (up); N namespaces
                       PREFIX-h1..N, each with eth0 (10.0.X.Y/16, up, lo up)
                       whose peer pI is a port of br0 (up); waits until every
                       eth0 is operationally UP
  down                 closes the sockets and removes the namespaces it made
  quit

Answers "ok NANOS NAME..." (the namespaces) or "error MESSAGE".

It uses the fastest pyroute2 idiom known to the benchmark: pyroute2.netns.create
for each namespace, and one IPRoute socket opened inside each namespace
(netns.pushns/popns), rather than NetNS objects, which run a proxy process per
namespace. It only ever removes namespaces it created itself.
"""
import sys
import time

from pyroute2 import IPRoute, netns

made = []      # names of the namespaces this process created and not yet removed
sockets = []   # IPRoute sockets of the current topology


def make_ns(name):
    netns.create(name)
    made.append(name)
    netns.pushns(name)
    try:
        ipr = IPRoute()
    finally:
        netns.popns()
    sockets.append(ipr)
    return ipr


def index(ipr, ifname):
    return ipr.link_lookup(ifname=ifname)[0]


def up(ipr, ifname):
    ipr.link('set', index=index(ipr, ifname), state='up')


def wait_up(items, timeout=10.0):
    deadline = time.monotonic() + timeout
    pending = list(items)
    while pending:
        ipr, idx = pending[0]
        link = ipr.get_links(idx)[0]
        if link.get_attr('IFLA_OPERSTATE') == 'UP':
            pending.pop(0)
        elif time.monotonic() > deadline:
            raise RuntimeError('eth0 not operationally UP after %ss' % timeout)


def build_two(prefix):
    c, s = prefix + '-c', prefix + '-s'
    ipc = make_ns(c)
    ips = make_ns(s)
    ipc.link('add', ifname='eth0', kind='veth', peer={'ifname': 'eth0', 'net_ns_fd': s})
    waits = []
    for ipr, address in ((ipc, '10.0.0.1'), (ips, '10.0.0.2')):
        idx = index(ipr, 'eth0')
        ipr.addr('add', index=idx, address=address, prefixlen=24)
        ipr.link('set', index=idx, state='up')
        up(ipr, 'lo')
        waits.append((ipr, idx))
    wait_up(waits)


def build_star(n, prefix):
    sw = make_ns(prefix + '-sw')
    sw.link('add', ifname='br0', kind='bridge')
    br = index(sw, 'br0')
    sw.link('set', index=br, state='up')
    waits = []
    for i in range(1, n + 1):
        host = prefix + '-h%d' % i
        iph = make_ns(host)
        port = 'p%d' % i
        sw.link('add', ifname=port, kind='veth', peer={'ifname': 'eth0', 'net_ns_fd': host})
        sw.link('set', index=index(sw, port), master=br, state='up')
        idx = index(iph, 'eth0')
        iph.addr('add', index=idx, address='10.0.%d.%d' % (i // 250, i % 250 + 1), prefixlen=16)
        iph.link('set', index=idx, state='up')
        up(iph, 'lo')
        waits.append((iph, idx))
    wait_up(waits)


def down():
    while sockets:
        sockets.pop().close()
    while made:
        netns.remove(made.pop())


def main():
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == 'quit':
            break
        try:
            names = list(made)
            t0 = time.perf_counter_ns()
            if words[0] == 'build' and words[1] == 'two':
                build_two(words[2])
            elif words[0] == 'build' and words[1] == 'star':
                build_star(int(words[2]), words[3])
            elif words[0] == 'down':
                down()
            else:
                raise ValueError('unknown command: ' + line.strip())
            t1 = time.perf_counter_ns()
            names = names if words[0] == 'down' else made
            print('ok', t1 - t0, *names, flush=True)
        except Exception as e:  # answer, and leave nothing behind
            try:
                down()
            except Exception as e2:
                e = RuntimeError('%s; cleanup failed too: %s' % (e, e2))
            print('error', repr(e).replace('\n', ' '), flush=True)


if __name__ == '__main__':
    try:
        main()
    finally:
        down()
