"""scripts/lab/lab-host: the lab hosts of a local OpenStack (see host.py).

  lab-host list [--json]          every lab host: server id, name, address, running, boot status
  lab-host console ID             its console log (what Nova's console output returns)
  lab-host exec ID -- CMD...      run CMD inside it as root (its namespaces and root)
  lab-host cleanup [ID...]        remove those hosts; with no ID every lab host, every tgl-*
                                  namespace, the floating-IP NAT table and the bridge
Exit codes: 0 done, 1 failed, 2 bad usage, 3 no such host.
"""
import json
import os
import sys

from . import host


def main(argv):
    if len(argv) < 3 or argv[1] != '--state':
        return usage()
    state, args = argv[2], argv[3:]
    cmd = args[0] if args else 'list'
    try:
        if cmd == 'list':
            hosts = host.list_hosts(state)
            if '--json' in args[1:]:
                print(json.dumps(hosts, indent=1))
                return 0
            if not hosts:
                print('no lab hosts in %s' % state)
            for h in hosts:
                print('%s  %-24s %-15s %-7s %s' % (h['id'], h['name'], ','.join(h['ips']), 'running' if h['running'] else 'stopped', h['status']))
            return 0
        if cmd in ('console', 'exec'):
            if len(args) < 2:
                return usage()
            sid = find(state, args[1])
            if sid is None:
                print('lab-host: no lab host %s in %s' % (args[1], state), file=sys.stderr)
                return 3
            if cmd == 'console':
                sys.stdout.write(host.console(state, sid))
                return 0
            rest = args[2:]
            if rest[:1] == ['--']:
                rest = rest[1:]
            if not rest:
                return usage()
            argv2 = host.exec_argv(state, sid, rest)
            os.execvp(argv2[0], argv2)
        if cmd == 'cleanup':
            if len(args) > 1:
                for x in args[1:]:
                    sid = find(state, x)
                    if sid is None:
                        print('lab-host: no lab host %s in %s' % (x, state), file=sys.stderr)
                        return 3
                    host.destroy(state, sid)
                    print('removed lab host %s' % sid)
                return 0
            n = len(host.list_hosts(state))
            host.cleanup_all(state)
            print('removed %d lab host(s), the lab bridge and the floating-IP NAT' % n)
            return 0
    except host.LabError as e:
        print('lab-host %s: %s' % (cmd, e), file=sys.stderr)
        return 1
    return usage()


def find(state, ref):
    """A host by server id, its 12-character prefix or its server name."""
    hosts = host.list_hosts(state)
    for h in hosts:
        if h['id'] == ref or (len(ref) >= 8 and h['id'].replace('-', '').startswith(ref.replace('-', ''))):
            return h['id']
    named = [h['id'] for h in hosts if h['name'] == ref]
    return named[0] if len(named) == 1 else None


def usage():
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
