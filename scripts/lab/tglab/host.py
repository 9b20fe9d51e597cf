"""Make, start, stop, list and remove lab hosts (root only; Python 3 standard library only).

A lab host stands in for the guest of one Nova server:
- a network namespace tgl-<id> whose eth0 (a veth, with the Neutron port's MAC and fixed IP and
  a default route to the subnet's gateway) has its other end on the bridge tglab0 in the root
  namespace; the bridge holds each subnet's gateway address (it stands in for the router);
- a state folder <state>/<server uuid>/ (0700): spec.json, the overlay's upper and work dirs,
  console.log (what Nova's console output returns), boot.log, pid;
- a process tree in its own PID, mount, UTS and IPC namespaces rooted at boot.py (its PID 1):
  the machine's / as a copy-on-write overlay, the real cloud-init on the server's user-data, and a
  real sshd. Killing the tree's unshare parent kills PID 1 (PR_SET_PDEATHSIG), and with it every
  process of the host's PID namespace.

The nova driver, the Neutron floating-IP plugin and scripts/lab/lab-host all go through here.
"""
import ipaddress
import json
import os
import shutil
import signal
import subprocess
import sys
import time

BRIDGE = 'tglab0'
NFT_TABLE = 'tglab'
NS_PREFIX = 'tgl-'
PYTHON = '/usr/bin/python3'  # the Debian python, with the yaml module cloud-init uses
SSHD = '/usr/sbin/sshd'
CLOUD_INIT = '/usr/bin/cloud-init'


class LabError(Exception):
    pass


def _run(argv, check=True, stdin=None):
    p = subprocess.run(argv, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if check and p.returncode != 0:
        raise LabError('%s: %s' % (' '.join(argv), (p.stderr or p.stdout).strip() or 'exit %d' % p.returncode))
    return p.stdout


def short_id(server_id):
    return server_id.replace('-', '')[:12]


def netns_name(server_id):
    return NS_PREFIX + short_id(server_id)


def veth_name(server_id, index):
    # 15 characters at most (IFNAMSIZ); "tgl" never collides with test/run/lab.ts's tgh/tgn links
    return 'tgl%s%d' % (server_id.replace('-', '')[:11], index)


def host_dir(state, server_id):
    return os.path.join(state, server_id)


def unavailable():
    """Why lab hosts cannot be made here, or None."""
    if os.geteuid() != 0:
        return 'lab hosts need root (network namespaces, mounts)'
    for path, pkg in ((SSHD, 'openssh-server'), (CLOUD_INIT, 'cloud-init'), ('/usr/sbin/nft', 'nftables'), ('/usr/bin/unshare', 'util-linux')):
        if not os.path.exists(path):
            return '%s is missing (Debian package %s; scripts/setup-machine.sh installs it)' % (path, pkg)
    return None


# ---------------------------------------------------------------- processes

def _start_time(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            fields = f.read().rsplit(')', 1)[1].split()
    except (OSError, IndexError):
        return None
    if fields[0] == 'Z':
        return None
    return fields[19]  # field 22 of stat: start time since boot, tells a recycled PID apart


def _read_pid(d):
    try:
        with open(os.path.join(d, 'pid')) as f:
            pid, start = f.read().split()
        return int(pid), start
    except (OSError, ValueError):
        return None, None


def running(d):
    """The host's unshare parent (and so its PID 1) is alive: the pid recorded, not a recycled one."""
    pid, start = _read_pid(d)
    return pid is not None and _start_time(pid) == start


def init_pid(d):
    """PID (in the root namespace) of the host's PID 1, the only child of its unshare parent."""
    pid, _ = _read_pid(d)
    if pid is None or not running(d):
        return None
    try:
        for tid in os.listdir('/proc/%d/task' % pid):
            with open('/proc/%d/task/%s/children' % (pid, tid)) as f:
                kids = f.read().split()
            if kids:
                return int(kids[0])
    except OSError:
        return None
    return None


def netns_pids(ns):
    out = _run(['ip', 'netns', 'pids', ns], check=False)
    return [int(x) for x in out.split()]


def netns_exists(ns):
    return os.path.exists('/run/netns/' + ns)


# ---------------------------------------------------------------- bridge and floating IPs

def _addresses():
    """{ifname: [ip_interface...]} of the root namespace (IPv4)."""
    out = {}
    for line in _run(['ip', '-o', '-4', 'addr', 'show']).splitlines():
        f = line.split()
        out.setdefault(f[1], []).append(ipaddress.ip_interface(f[3]))
    return out


def ensure_bridge(gateways):
    """The bridge exists, is up, and holds each gateway ("10.0.0.1/24"); refuses a network that
    overlaps one of the machine's own (it would cut the machine off)."""
    if not os.path.exists('/sys/class/net/' + BRIDGE):
        _run(['ip', 'link', 'add', BRIDGE, 'type', 'bridge'], check=False)  # a concurrent spawn may win
        if not os.path.exists('/sys/class/net/' + BRIDGE):
            raise LabError('could not make the bridge %s' % BRIDGE)
    _run(['ip', 'link', 'set', BRIDGE, 'up'])
    # forwarding on the bridge only (hairpin: a lab host reaching another one's floating IP)
    with open('/proc/sys/net/ipv4/conf/%s/forwarding' % BRIDGE, 'w') as f:
        f.write('1')
    have = _addresses()
    for gw in gateways:
        want = ipaddress.ip_interface(gw)
        if want in have.get(BRIDGE, []):
            continue
        for ifname, addrs in have.items():
            for a in addrs:
                if a.network.overlaps(want.network) and not (ifname == BRIDGE and a.network == want.network):
                    raise LabError('the lab network %s overlaps %s on %s: lab hosts would cut the machine off' % (want.network, a, ifname))
        if any(a.network == want.network for a in have.get(BRIDGE, [])):
            continue  # another gateway of the same network is already there
        try:
            _run(['ip', 'addr', 'add', str(want), 'dev', BRIDGE])
        except LabError:
            if want not in _addresses().get(BRIDGE, []):  # else a concurrent spawn added it first
                raise
        have.setdefault(BRIDGE, []).append(want)


def set_floating_ips(pairs, gateways):
    """NAT each floating IP to its fixed IP on the root namespace, as Neutron's L3 agent does in a
    router namespace: [(floating, fixed)], gateways of the external subnets ("172.24.4.1/24", so
    the range is routed to the bridge). The whole table is replaced in one nft transaction; with no
    pairs it is deleted."""
    script = ['add table ip %s' % NFT_TABLE, 'delete table ip %s' % NFT_TABLE]
    if pairs:
        ensure_bridge(gateways)
        dnat = ''.join('    ip daddr %s dnat to %s\n' % (ipaddress.ip_address(f), ipaddress.ip_address(x)) for f, x in sorted(pairs))
        script.append(
            'table ip %s {\n' % NFT_TABLE
            + '  chain prerouting {\n    type nat hook prerouting priority dstnat; policy accept;\n' + dnat + '  }\n'
            + '  chain output {\n    type nat hook output priority -100; policy accept;\n' + dnat + '  }\n'
            + '  chain postrouting {\n    type nat hook postrouting priority srcnat; policy accept;\n'
            + '    iifname "%s" oifname "%s" ct status dnat masquerade\n  }\n}' % (BRIDGE, BRIDGE)
        )
    _run(['nft', '-f', '-'], stdin='\n'.join(script) + '\n')


# ---------------------------------------------------------------- hosts

def _write_json(path, doc):
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(doc, f, indent=1)
    os.replace(tmp, path)


def read_spec(d):
    with open(os.path.join(d, 'spec.json')) as f:
        return json.load(f)


def read_spec_safe(state, server_id):
    """The host's spec, or None when the server has no lab host."""
    try:
        return read_spec(host_dir(state, server_id))
    except (OSError, ValueError):
        return None


def create(state, spec, wait_s=30.0):
    """Make and boot the host described by spec (see nova_driver.spec_for). Idempotent: a host
    already running is left as it is."""
    why = unavailable()
    if why:
        raise LabError(why)
    sid = spec['id']
    d = host_dir(state, sid)
    if running(d):
        return
    os.makedirs(state, mode=0o700, exist_ok=True)
    os.makedirs(d, mode=0o700, exist_ok=True)
    spec = dict(spec, netns=netns_name(sid), state=state)
    _write_json(os.path.join(d, 'spec.json'), spec)
    try:
        _make_netns(spec)
        start(state, sid, wait_s)
    except Exception:
        destroy(state, sid)
        raise


def _make_netns(spec):
    sid, ns = spec['id'], spec['netns']
    gateways = ['%s/%d' % (ip['gateway'], ip['prefixlen']) for nic in spec['nics'] for ip in nic['ips'] if ip.get('gateway')]
    ensure_bridge(gateways)
    if netns_exists(ns):
        _run(['ip', 'netns', 'del', ns], check=False)
    _run(['ip', 'netns', 'add', ns])
    nse = ['ip', 'netns', 'exec', ns]
    _run(nse + ['ip', 'link', 'set', 'lo', 'up'])
    default = None
    for i, nic in enumerate(spec['nics']):
        outer, inner = veth_name(sid, i), 'tgx%s%d' % (short_id(sid)[:10], i)
        _run(['ip', 'link', 'del', outer], check=False)
        _run(['ip', 'link', 'add', outer, 'type', 'veth', 'peer', 'name', inner])
        _run(['ip', 'link', 'set', inner, 'netns', ns])
        _run(['ip', 'link', 'set', outer, 'master', BRIDGE, 'up'])
        dev = 'eth%d' % i
        _run(nse + ['ip', 'link', 'set', inner, 'name', dev])
        if nic.get('mac'):
            _run(nse + ['ip', 'link', 'set', dev, 'address', nic['mac']])
        for ip in nic['ips']:
            _run(nse + ['ip', 'addr', 'add', '%s/%d' % (ip['address'], ip['prefixlen']), 'dev', dev])
            if default is None and ip.get('gateway'):
                default = (ip['gateway'], dev)
        _run(nse + ['ip', 'link', 'set', dev, 'up'])
    if default:
        _run(nse + ['ip', 'route', 'add', 'default', 'via', default[0], 'dev', default[1]])


def start(state, server_id, wait_s=30.0):
    """Boot the host (its network namespace made): PID 1 mounts its root and runs cloud-init."""
    d = host_dir(state, server_id)
    if running(d):
        return
    spec = read_spec(d)
    for name in ('status', 'pid'):
        try:
            os.unlink(os.path.join(d, name))
        except FileNotFoundError:
            pass
    pkg_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {'PATH': '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'PYTHONPATH': pkg_parent, 'LANG': 'C.UTF-8'}
    with open(os.path.join(d, 'boot.log'), 'ab') as log, open(os.devnull, 'rb') as null:
        p = subprocess.Popen(
            ['ip', 'netns', 'exec', spec['netns'], 'unshare', '--mount', '--uts', '--ipc', '--pid', '--fork', '--kill-child=SIGKILL',
             '--propagation', 'private', PYTHON, '-m', 'tglab.boot', d],
            stdin=null, stdout=log, stderr=log, env=env, cwd='/',
            start_new_session=True,  # not in nova-compute's process group: stopping nova-compute leaves hosts running
            close_fds=True,
        )
    start_time = None
    for _ in range(100):
        start_time = _start_time(p.pid)
        if start_time:
            break
        time.sleep(0.01)
    with open(os.path.join(d, 'pid'), 'w') as f:
        f.write('%d %s\n' % (p.pid, start_time))
    # wait until PID 1 has its root: a failure there (mounts) fails the spawn with its reason
    deadline = time.monotonic() + wait_s
    while True:
        status = read_status(d)
        if status and status != 'starting':
            break
        if p.poll() is not None:
            break
        if time.monotonic() > deadline:
            raise LabError('lab host %s did not start within %d s' % (server_id, wait_s))
        time.sleep(0.05)
    status = read_status(d)
    if status.startswith('failed') or p.poll() is not None:
        raise LabError('lab host %s did not boot: %s' % (server_id, status or _tail(os.path.join(d, 'boot.log'))))


def _tail(path, n=5):
    try:
        with open(path, errors='replace') as f:
            return ' / '.join(f.read().strip().splitlines()[-n:])
    except OSError:
        return ''


def read_status(d):
    try:
        with open(os.path.join(d, 'status')) as f:
            return f.read().strip()
    except OSError:
        return ''


def stop(state, server_id, wait_s=15.0):
    """Kill every process of the host (its PID namespace, and anything else in its network namespace)."""
    d = host_dir(state, server_id)
    pid, _ = _read_pid(d)
    if pid is not None:
        if running(d):
            try:
                os.kill(pid, signal.SIGKILL)  # PR_SET_PDEATHSIG takes PID 1, and the kernel the whole PID namespace
            except ProcessLookupError:
                pass
        try:
            os.waitpid(pid, 0)  # reaped when the caller started it (the same nova-compute): no zombie left
        except ChildProcessError:
            pass
    ns = netns_name(server_id)
    if netns_exists(ns):
        deadline = time.monotonic() + wait_s
        while True:
            left = netns_pids(ns)
            if not left:
                break
            if time.monotonic() > deadline:
                raise LabError('processes %s of lab host %s did not go away' % (left, server_id))
            for p in left:  # entered from outside (ip netns exec, nsenter): not in the PID namespace
                try:
                    os.kill(p, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.05)
    try:
        os.unlink(os.path.join(d, 'pid'))
    except FileNotFoundError:
        pass


def destroy(state, server_id):
    """Remove the host: processes, network namespace (its veths go with it), state folder."""
    stop(state, server_id)
    ns = netns_name(server_id)
    if netns_exists(ns):
        _run(['ip', 'netns', 'del', ns])
    for i in range(8):
        if os.path.exists('/sys/class/net/' + veth_name(server_id, i)):
            _run(['ip', 'link', 'del', veth_name(server_id, i)], check=False)
    d = host_dir(state, server_id)
    if os.path.isdir(d):
        shutil.rmtree(d)


def list_hosts(state):
    out = []
    try:
        names = sorted(os.listdir(state))
    except FileNotFoundError:
        return out
    for sid in names:
        d = host_dir(state, sid)
        try:
            spec = read_spec(d)
        except (OSError, ValueError):
            continue
        out.append({
            'id': sid,
            'name': spec.get('name'),
            'hostname': spec.get('hostname'),
            'netns': spec.get('netns'),
            'ips': [ip['address'] for nic in spec.get('nics', []) for ip in nic['ips']],
            'running': running(d),
            'status': read_status(d),
        })
    return out


def orphan_netns():
    """Network namespaces named like lab hosts (tgl-*), whatever state folder made them."""
    try:
        return sorted(n for n in os.listdir('/run/netns') if n.startswith(NS_PREFIX))
    except FileNotFoundError:
        return []


def cleanup_all(state):
    """Remove every lab host of this state folder, every tgl-* namespace, the floating-IP NAT and
    the bridge: nothing of the lab is left on the machine."""
    for h in list_hosts(state):
        destroy(state, h['id'])
    for ns in orphan_netns():
        for p in netns_pids(ns):
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        while netns_pids(ns) and time.monotonic() < deadline:
            time.sleep(0.05)
        _run(['ip', 'netns', 'del', ns], check=False)
    if os.path.exists('/usr/sbin/nft'):
        _run(['nft', 'delete', 'table', 'ip', NFT_TABLE], check=False)
    if os.path.exists('/sys/class/net/' + BRIDGE):
        _run(['ip', 'link', 'del', BRIDGE], check=False)
    # state folders whose spec could not be read
    if os.path.isdir(state):
        for sid in os.listdir(state):
            d = host_dir(state, sid)
            if os.path.isdir(d) and not running(d):
                shutil.rmtree(d, ignore_errors=True)


def console(state, server_id):
    try:
        with open(os.path.join(host_dir(state, server_id), 'console.log'), errors='replace') as f:
            return f.read()
    except FileNotFoundError:
        return ''


def exec_argv(state, server_id, argv):
    """argv run inside the host as root (all its namespaces, its root), for lab-host exec."""
    pid = init_pid(host_dir(state, server_id))
    if pid is None:
        raise LabError('lab host %s is not running' % server_id)
    return ['nsenter', '-t', str(pid), '--mount', '--uts', '--ipc', '--net', '--pid', '--root', '--wd'] + list(argv)


if __name__ == '__main__':
    sys.exit('use scripts/lab/lab-host')
