// Cloud-init user-data for one node: a `stack` user, devstack's local.conf for the node's role,
// and a script that installs devstack once the run step has copied the secrets file onto the
// node (so no password is ever in user-data, which the console log and the metadata service
// show to anyone who can read them). The run step decides the order, as devstack's multinode
// job does: it gives the controller its secrets first, each subnode its own once the controller
// is stacked, then maps the computes to cells with the controller's discover-hosts script.
// test/provision/user-data.test.ts checks the output with cloud-init's own schema check.
import { stringify } from 'yaml';
import type { NodeRole } from './plan.ts';
import { renderLocalConf, SECRETS_PATH, type LocalConfOptions } from './local-conf.ts';

export interface UserDataOptions extends LocalConfOptions {
  role: NodeRole;
  /** the devstack git repository and branch to install */
  devstackRepo?: string;
  devstackBranch?: string;
  /** the run id, written to /etc/tempest-gate/run-id for the logs */
  runId: string;
  /**
   * How long the stack script waits for the secrets before it gives up (default 6 h): a subnode
   * gets them only once the controller is stacked, and the run step's own timeout decides first.
   */
  secretsWaitSeconds?: number;
}

export const STACK_DONE = '/var/lib/tempest-gate/stack.done';
export const STACK_FAILED = '/var/lib/tempest-gate/stack.failed';
/** On the controller: maps every compute to a cell (run it as root once all subnodes are stacked). */
export const DISCOVER_HOSTS_COMMAND = '/usr/local/bin/tempest-gate-discover-hosts';
/**
 * What the subnodes need from the stacked controller before they stack: devstack's CA (tls-proxy
 * is on in the multinode job), which Zuul's sync-devstack-data copies the same way.
 */
export const CONTROLLER_SHARED_PATHS: readonly string[] = ['/opt/stack/data/ca-bundle.pem', '/opt/stack/data/CA'];

function stackScript(o: UserDataOptions): string {
  const repo = o.devstackRepo ?? 'https://opendev.org/openstack/devstack';
  const branch = o.devstackBranch ?? 'master';
  const wait = Math.max(1, Math.floor(o.secretsWaitSeconds ?? 21_600));
  return `#!/bin/bash
# Installs devstack as the stack user once ${SECRETS_PATH} exists (the run step copies it).
set -u
mkdir -p /var/lib/tempest-gate
for i in $(seq 1 ${wait}); do [ -s ${SECRETS_PATH} ] && break; sleep 1; done
[ -s ${SECRETS_PATH} ] || { echo "no ${SECRETS_PATH} after ${wait} s" > ${STACK_FAILED}; exit 1; }
chown stack:stack ${SECRETS_PATH}
# An image may already have /opt/stack, owned by root (cloud-init leaves an existing home as it
# is): devstack's stack user must own it, as devstack's create-stack-user.sh makes it.
install -d -o stack -g stack /opt/stack
if [ ! -d /opt/stack/devstack ]; then
  # the clone's own error goes to the stack log, whose last lines the run step shows on failure
  sudo -u stack -H git clone --depth 1 --branch '${branch}' '${repo}' /opt/stack/devstack > /var/log/tempest-gate-stack.log 2>&1 || {
    echo "git clone of devstack failed: see /var/log/tempest-gate-stack.log" > ${STACK_FAILED}; exit 1; }
fi
cp /etc/tempest-gate/local.conf /opt/stack/devstack/local.conf
chown stack:stack /opt/stack/devstack/local.conf
if sudo -u stack -H bash -c 'cd /opt/stack/devstack && ./stack.sh' >> /var/log/tempest-gate-stack.log 2>&1; then
  date -Is > ${STACK_DONE}
else
  echo "stack.sh failed: see /var/log/tempest-gate-stack.log" > ${STACK_FAILED}; exit 1
fi
`;
}

function discoverScript(computeNodes: number): string {
  return `#!/bin/bash
# Map every compute node to a cell (devstack's tools/discover_hosts.sh, run after the subnodes
# are stacked): again until all ${computeNodes} are mapped, for a nova-compute that registers late.
set -u
export PATH="/opt/stack/data/venv/bin:/usr/local/bin:$PATH"
command -v nova-manage >/dev/null || { echo "nova-manage not found (is devstack done on this node?)" >&2; exit 1; }
for i in $(seq 1 60); do
  sudo -u stack -H env PATH="$PATH" nova-manage cell_v2 discover_hosts --verbose || exit 1
  n=$(sudo -u stack -H env PATH="$PATH" nova-manage cell_v2 list_hosts 2>/dev/null | awk -F'|' 'NF > 3 { print $4 }' | sed 's/ //g' | grep -v '^Hostname$' | grep -c .)
  echo "computes mapped to cells: $n of ${computeNodes}"
  [ "$n" -ge ${computeNodes} ] && exit 0
  sleep 10
done
echo "only $n of ${computeNodes} computes were mapped to cells after 10 minutes: is nova-compute running on every subnode?" >&2
exit 1
`;
}

/** The #cloud-config document for one node. */
export function renderUserData(o: UserDataOptions): string {
  const files: Record<string, unknown>[] = [
    { path: '/etc/tempest-gate/run-id', content: `${o.runId}\n`, permissions: '0644' },
    { path: '/etc/tempest-gate/role', content: `${o.role}\n`, permissions: '0644' },
    { path: '/etc/tempest-gate/local.conf', content: renderLocalConf(o), permissions: '0644' },
    { path: '/usr/local/bin/tempest-gate-stack', content: stackScript(o), permissions: '0755' },
  ];
  const runcmd: (string | string[])[] = [
    ['mkdir', '-p', '/var/lib/tempest-gate'],
    ['sh', '-c', 'nohup /usr/local/bin/tempest-gate-stack >/var/log/tempest-gate-stack.out 2>&1 &'],
  ];
  if (o.role === 'controller') {
    files.push({ path: DISCOVER_HOSTS_COMMAND, content: discoverScript(o.computeNodes), permissions: '0755' });
  }
  const doc = {
    users: ['default', { name: 'stack', homedir: '/opt/stack', shell: '/bin/bash', sudo: 'ALL=(ALL) NOPASSWD:ALL', lock_passwd: true }],
    package_update: true,
    packages: ['git', 'sudo'],
    write_files: files,
    runcmd,
  };
  return `#cloud-config\n${stringify(doc, { lineWidth: 0 })}`;
}
