"""PID 1 of a lab host: python3 -m tglab.boot <host state folder>

Started by host.start inside the host's network namespace and fresh PID, mount, UTS and IPC
namespaces. It boots the host the way a cloud image does, with the machine's own programs:
- root: the machine's / as an overlay (writes go to <state>/upper), fresh /proc, /sys (this
  network namespace's), a small /dev of its own whose console is a FIFO copied to console.log
  (what Nova's console output shows), tmpfs /run, /tmp in the state folder; the lab's state
  folders are hidden from the host;
- hostname from the server;
- the real cloud-init (Debian's) on a NoCloud seed holding the server's user-data and its
  keypair's public key: init stage (write_files, users and groups, fresh SSH host keys), config
  stage (runcmd is written), sshd started (as systemd would, after cloud-init's init stage), final
  stage (runcmd runs, host key fingerprints to the console, final message). With the spec's
  sshd false (image property tg_lab_sshd=false) no sshd is started: port 22 refuses.
Then it reaps orphans for ever. Status for host.start in <state>/status.
"""
import json
import os
import resource
import signal
import socket
import stat
import subprocess
import sys
import threading
import time

PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
SEED = '/var/lib/cloud/seed/nocloud-net'

# Only modules that make sense on a host sharing the machine's packages and network set up from
# outside; the rest of Debian's list would edit apt sources, locales or partitions, or wait for a
# network that is not there. Packages are not installed (no mirror reachable): boot.py checks
# that the machine has them and says so on the console.
CLOUD_CFG = """\
# Written by tempest-gate's lab host boot (scripts/lab/tglab/boot.py)
datasource_list: [NoCloud]
network: {config: disabled}
manage_etc_hosts: true
system_info:
  default_user:
    name: %(user)s
    lock_passwd: true
    gecos: Lab default user
    groups: [adm, sudo]
    sudo: ["ALL=(ALL) NOPASSWD:ALL"]
    shell: /bin/bash
cloud_init_modules: [bootcmd, write-files, set_hostname, update_hostname, update_etc_hosts, users-groups, ssh]
cloud_config_modules: [runcmd]
cloud_final_modules: [write-files-deferred, scripts-per-once, scripts-per-boot, scripts-per-instance, scripts-user,
  ssh-authkey-fingerprints, keys-to-console, final-message]
"""


def sh(*argv):
    p = subprocess.run(list(argv), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        raise RuntimeError('%s: %s' % (' '.join(argv), p.stdout.strip()))


class Boot:
    def __init__(self, d):
        self.d = d
        with open(os.path.join(d, 'spec.json')) as f:
            self.spec = json.load(f)
        self.dfd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)  # the state folder, still reachable after chroot
        self.console = os.open(os.path.join(d, 'console.log'), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def status(self, text):
        fd = os.open('status.tmp', os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600, dir_fd=self.dfd)
        os.write(fd, (text + '\n').encode())
        os.close(fd)
        os.rename('status.tmp', 'status', src_dir_fd=self.dfd, dst_dir_fd=self.dfd)

    def say(self, text):
        os.write(self.console, ('[tglab] %s\n' % text).encode())

    # ------------------------------------------------------------ root
    def make_root(self):
        d = self.d
        root, upper, work, tmp = (os.path.join(d, x) for x in ('root', 'upper', 'work', 'tmp'))
        for x in (root, upper, work, tmp):
            os.makedirs(x, exist_ok=True)
        os.chmod(tmp, 0o1777)
        sh('mount', '--make-rprivate', '/')
        sh('mount', '-t', 'overlay', 'overlay', '-o', 'lowerdir=/,upperdir=%s,workdir=%s' % (upper, work), root)
        sh('mount', '-t', 'proc', 'proc', root + '/proc')
        sh('mount', '-t', 'sysfs', 'sysfs', root + '/sys')
        sh('mount', '-t', 'tmpfs', '-o', 'mode=755,size=65536k,nosuid', 'tmpfs', root + '/run')
        sh('mount', '--bind', tmp, root + '/tmp')
        self.make_dev(root + '/dev')
        # the lab's state folders (other hosts' disks) are not the host's business
        state = self.spec['state']
        if os.path.isdir(root + state):
            sh('mount', '-t', 'tmpfs', '-o', 'ro,size=4k,mode=700', 'tmpfs', root + state)
        os.chroot(root)
        os.chdir('/')
        for x in ('/run/sshd', '/run/lock'):
            os.makedirs(x, exist_ok=True)
        os.chmod('/run/sshd', 0o755)
        self.start_syslog()

    def start_syslog(self):
        """/dev/log into the host's /var/log/syslog: cloud-init prints the host key fingerprints
        with `logger -s`, which fails without a syslog socket (sshd logs there too)."""
        s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        s.bind('/dev/log')
        os.chmod('/dev/log', 0o666)
        os.makedirs('/var/log', exist_ok=True)
        out = os.open('/var/log/syslog', os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640)

        def copy():
            while True:
                msg = s.recv(65536).rstrip(b'\0\n')
                os.write(out, msg + b'\n')

        threading.Thread(target=copy, daemon=True).start()

    def make_dev(self, dev):
        sh('mount', '-t', 'tmpfs', '-o', 'mode=755,size=1024k,nosuid', 'tmpfs', dev)
        for name, major, minor in (('null', 1, 3), ('zero', 1, 5), ('full', 1, 7), ('random', 1, 8), ('urandom', 1, 9), ('tty', 5, 0)):
            os.mknod(os.path.join(dev, name), stat.S_IFCHR | 0o666, os.makedev(major, minor))
            os.chmod(os.path.join(dev, name), 0o666)
        for x in ('pts', 'shm', 'mqueue'):
            os.makedirs(os.path.join(dev, x))
        sh('mount', '-t', 'devpts', '-o', 'newinstance,ptmxmode=0666,mode=620,gid=5', 'devpts', dev + '/pts')
        os.symlink('pts/ptmx', dev + '/ptmx')
        sh('mount', '-t', 'tmpfs', '-o', 'mode=1777,nosuid,nodev', 'tmpfs', dev + '/shm')
        for name, target in (('fd', '/proc/self/fd'), ('stdin', '/proc/self/fd/0'), ('stdout', '/proc/self/fd/1'), ('stderr', '/proc/self/fd/2')):
            os.symlink(target, os.path.join(dev, name))
        # /dev/console: cloud-init writes its key fingerprints there; a FIFO read into console.log
        os.mkfifo(dev + '/console', 0o600)
        self.console_fifo = os.open(dev + '/console', os.O_RDWR)  # RDWR: never EOF, writers never block on open
        threading.Thread(target=self.copy_console, daemon=True).start()

    def copy_console(self):
        while True:
            chunk = os.read(self.console_fifo, 65536)
            if chunk:
                os.write(self.console, chunk)

    # ------------------------------------------------------------ cloud-init
    def seed(self):
        spec = self.spec
        os.makedirs(SEED, exist_ok=True)
        meta = {'instance-id': spec['id'], 'local-hostname': spec['hostname']}
        if spec.get('public_keys'):
            meta['public-keys'] = spec['public_keys']
        with open(os.path.join(SEED, 'meta-data'), 'w') as f:
            json.dump(meta, f)  # JSON is YAML
        with open(os.path.join(SEED, 'user-data'), 'wb') as f:
            f.write(self.user_data())
        open(os.path.join(SEED, 'vendor-data'), 'w').close()
        os.makedirs('/etc/cloud/cloud.cfg.d', exist_ok=True)
        with open('/etc/cloud/cloud.cfg.d/90-tglab.cfg', 'w') as f:
            f.write(CLOUD_CFG % {'user': spec.get('default_user') or 'ubuntu'})
        # First boot: the machine's own host keys are in the lower layer, and every host gets fresh
        # ones (cloud-init's ssh_deletekeys does the same). A reboot keeps the host's.
        if not os.path.exists('/var/lib/cloud/instances/' + spec['id']):
            for name in os.listdir('/etc/ssh'):
                if name.startswith('ssh_host_'):
                    os.unlink(os.path.join('/etc/ssh', name))

    def user_data(self):
        import base64
        raw = self.spec.get('user_data')
        return base64.b64decode(raw) if raw else b''

    def check_packages(self):
        """cloud-init would install `packages:`; here the host has the machine's: say which are there."""
        try:
            import yaml
            doc = yaml.safe_load(self.user_data().decode('utf-8', 'replace'))
        except Exception:  # not cloud-config (a script, MIME): cloud-init says what it thinks of it
            return
        if not isinstance(doc, dict) or not doc.get('packages'):
            return
        names = [p if isinstance(p, str) else str(p[0]) for p in doc['packages'] if p]
        missing = [n for n in names if subprocess.run(['dpkg-query', '-W', '-f=${Status}', n], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout != 'install ok installed']
        if missing:
            self.say('packages %s are not on this machine, and a lab host installs none: install them on the machine (scripts/setup-machine.sh)' % ', '.join(missing))
        else:
            self.say('packages %s: the machine\'s (a lab host installs none)' % ', '.join(names))

    def run(self, *argv):
        env = {'PATH': PATH, 'HOME': '/root', 'LANG': 'C.UTF-8', 'TERM': 'linux'}
        return subprocess.run(list(argv), stdin=subprocess.DEVNULL, stdout=self.console, stderr=self.console, env=env).returncode

    def boot(self):
        self.status('starting')
        try:
            self.make_root()
            socket.sethostname(self.spec['hostname'])
            self.seed()
        except Exception as e:  # noqa: BLE001 - the reason goes to host.start, which fails the spawn
            self.status('failed: %s' % e)
            sys.exit(1)
        self.status('booting')
        t0 = time.monotonic()
        rc = self.run('cloud-init', 'init')
        self.run('cloud-init', 'modules', '--mode', 'config')
        self.check_packages()
        if self.spec.get('sshd') is False:
            # the image's tg_lab_sshd=false: a guest whose sshd is down; cloud-init still prints
            # the host keys, so whoever connects has keys to trust and finds port 22 closed
            self.say('sshd not started (image property tg_lab_sshd=false): connections to port 22 are refused')
            self.run('cloud-init', 'modules', '--mode', 'final')
            self.status('ready, without sshd' if rc == 0 else 'ready, without sshd (cloud-init init exited %d)' % rc)
        elif self.run('/usr/sbin/sshd') != 0:  # forks into the background; reaped below
            self.status('failed: sshd did not start (see the console)')
        else:
            self.run('cloud-init', 'modules', '--mode', 'final')
            self.status('ready' if rc == 0 else 'ready (cloud-init init exited %d)' % rc)
        cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.say('booted in %.1f s (%.1f s of CPU)' % (time.monotonic() - t0, cpu.ru_utime + cpu.ru_stime))

    def reap(self):
        while True:
            try:
                os.wait()
            except ChildProcessError:
                time.sleep(1)


def main():
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))  # PID 1: leaving takes every process of the host along
    b = Boot(sys.argv[1])
    b.boot()
    b.reap()


if __name__ == '__main__':
    main()
