#!/usr/bin/env bash
# unstack.sh: tempest-gate's lab stand-in for devstack's unstack.sh. Stops what stack.sh started
# on this node (the local OpenStack, or the subnode's nova-compute), by the PIDs and start times
# they recorded; the state stays ($DATA_DIR), as devstack's unstack.sh keeps /opt/stack.
TOP_DIR=$(cd "$(dirname "$0")" && pwd)
[[ $EUID -eq 0 ]] || exec sudo -n "$0" "$@"
SUDO=""
source "$TOP_DIR/functions"
ENABLED_SERVICES=key,n-api,n-cpu,n-cond,n-sch,placement-api,placement-client,g-api,q-svc,mysql,rabbit,tempest
if [[ -r $TOP_DIR/.localrc.auto ]]; then
    # shellcheck disable=SC1091
    source "$TOP_DIR/.localrc.auto" > /dev/null 2>&1 || true
fi
source "$TOP_DIR/stackrc"
for state in "$COMPUTE_STATE" "$LOCAL_OPENSTACK_STATE"; do
    [[ -d $state/run ]] || continue
    LOCAL_OPENSTACK_DIR=$state LOCAL_OPENSTACK_LOGDIR=$LOGDIR bash "$TOP_DIR/lib/local-openstack/stop.sh"
done
