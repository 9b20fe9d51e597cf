// Cloud-init user-data for one node: a `stack` user, devstack's local.conf for the node's role,
// and a script that installs devstack once the run step has copied the secrets file onto the
// node (so no password is ever in user-data, which the console log and the metadata service
// show to anyone who can read them). The controller also waits for every compute node and
// maps them to cells, as devstack's multinode job does after the subnodes are stacked.
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
}

export const STACK_DONE = '/var/lib/tempest-gate/stack.done';
export const STACK_FAILED = '/var/lib/tempest-gate/stack.failed';

function stackScript(o: UserDataOptions): string {
  const repo = o.devstackRepo ?? 'https://opendev.org/openstack/devstack';
  const branch = o.devstackBranch ?? 'master';
  return `#!/bin/bash
# Installs devstack as the stack user once ${SECRETS_PATH} exists (the run step copies it).
set -u
mkdir -p /var/lib/tempest-gate
for i in $(seq 1 3600); do [ -s ${SECRETS_PATH} ] && break; sleep 1; done
[ -s ${SECRETS_PATH} ] || { echo "no ${SECRETS_PATH} after an hour" > ${STACK_FAILED}; exit 1; }
chown stack:stack ${SECRETS_PATH}
if [ ! -d /opt/stack/devstack ]; then
  sudo -u stack -H git clone --depth 1 --branch '${branch}' '${repo}' /opt/stack/devstack || { echo clone > ${STACK_FAILED}; exit 1; }
fi
cp /etc/tempest-gate/local.conf /opt/stack/devstack/local.conf
chown stack:stack /opt/stack/devstack/local.conf
if sudo -u stack -H bash -c 'cd /opt/stack/devstack && ./stack.sh' > /var/log/tempest-gate-stack.log 2>&1; then
  date -Is > ${STACK_DONE}
else
  echo "stack.sh failed: see /var/log/tempest-gate-stack.log" > ${STACK_FAILED}; exit 1
fi
`;
}

function discoverScript(computeNodes: number): string {
  return `#!/bin/bash
# Map every compute node to a cell once all ${computeNodes} report (devstack's discover_hosts step).
set -u
source /opt/stack/devstack/openrc admin admin >/dev/null
for i in $(seq 1 1800); do
  n=$(openstack compute service list --service nova-compute -f value -c Host 2>/dev/null | sort -u | wc -l)
  [ "$n" -ge ${computeNodes} ] && break; sleep 2
done
/usr/local/bin/nova-manage cell_v2 discover_hosts --verbose
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
  const runcmd: (string | string[])[] = [['mkdir', '-p', '/var/lib/tempest-gate'], ['sh', '-c', 'nohup /usr/local/bin/tempest-gate-stack >/var/log/tempest-gate-stack.out 2>&1 &']];
  if (o.role === 'controller') {
    files.push({ path: '/usr/local/bin/tempest-gate-discover-hosts', content: discoverScript(o.computeNodes), permissions: '0755' });
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
