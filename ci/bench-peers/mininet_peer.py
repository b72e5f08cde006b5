"""The Mininet peer of ci/bench (io.netns4j.bench.PeerBench).

Mininet keeps its switches and the switch ends of its links in the network
namespace it runs in, so ci/bench always starts this script inside a private
namespace of its own (ip netns exec bench-mininet-PID-...), never in the host's.
Linux bridge switches (LinuxBridge, brctl), no controller, no Open vSwitch.

One long-lived process: it reads commands on stdin, one a line, and answers one
line with the time it took, measured inside this process
(time.perf_counter_ns), so that the interpreter's start-up is not counted.

  build two      hosts h1 and h2 joined by one link (10.0.0.1/8, 10.0.0.2/8):
                 Mininet(...).build() then start()
  build star N   switch s1 (a Linux bridge) and N hosts, each linked to s1
  ping           from h1 to h2: `ping -c1 -W1` repeated until one reply
  down           net.stop()
  quit

Answers "ok NANOS" or "error MESSAGE". It never runs `mn -c`.
"""
import sys
import time

from mininet.log import setLogLevel
from mininet.net import Mininet
from mininet.nodelib import LinuxBridge
from mininet.topo import Topo

net = None


class Two(Topo):
    def build(self):
        self.addLink(self.addHost('h1'), self.addHost('h2'))


class Star(Topo):
    def build(self, n=4):
        switch = self.addSwitch('s1')
        for i in range(1, n + 1):
            self.addLink(self.addHost('h%d' % i), switch)


def build(topo):
    global net
    net = Mininet(topo=topo, controller=None, switch=LinuxBridge, build=False, waitConnected=False)
    net.build()
    net.start()


def ping():
    h1, h2 = net.get('h1', 'h2')
    deadline = time.monotonic() + 10
    while ' 0% packet loss' not in h1.cmd('ping -c1 -W1 %s' % h2.IP()):
        if time.monotonic() > deadline:
            raise RuntimeError('no reply from h2 after 10 s')


def down():
    global net
    if net is not None:
        n, net = net, None
        n.stop()


def main():
    setLogLevel('error')
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == 'quit':
            break
        try:
            t0 = time.perf_counter_ns()
            if words[:2] == ['build', 'two']:
                build(Two())
            elif words[:2] == ['build', 'star']:
                build(Star(n=int(words[2])))
            elif words[0] == 'ping':
                ping()
            elif words[0] == 'down':
                down()
            else:
                raise ValueError('unknown command: ' + line.strip())
            t1 = time.perf_counter_ns()
            print('ok', t1 - t0, flush=True)
        except Exception as e:
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
