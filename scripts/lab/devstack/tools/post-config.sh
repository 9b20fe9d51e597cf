#!/usr/bin/env bash
# tools/post-config.sh: devstack's post-config phase on the controller. The local OpenStack's
# setup.sh runs it (LOCAL_OPENSTACK_POST_CONFIG) once the configs are written and before any
# service starts: local.conf's [[post-config|$FILE]] sections, the stand-in's own settings, what a
# deployed checkout carries (its policy), and the plugins' post-config.
set -o errexit -o errtrace
TOP_DIR=$(cd "$(dirname "$0")/.." && pwd)
SUDO=""
source "$TOP_DIR/functions"
ENABLED_SERVICES=key,n-api,n-cpu,n-cond,n-sch,placement-api,placement-client,g-api,q-svc,mysql,rabbit,tempest
# shellcheck disable=SC1091
source "$TOP_DIR/.localrc.auto"
source "$TOP_DIR/stackrc"
source "$TOP_DIR/lib/projects"
trap 'echo "post-config failed: full log in $LOGFILE"' ERR

# devstack leaves the periodic host discovery off ([scheduler] discover_hosts_in_cells_interval
# = -1): a subnode's compute is mapped to a cell only by nova-manage cell_v2 discover_hosts, run
# on the controller once the subnodes are stacked. The local OpenStack's own 5 s would hide a
# missed discover_hosts.
iniset "$NOVA_CONF" scheduler discover_hosts_in_cells_interval -1
# and, as devstack does, Nova sends a service token with the user's (nova-status checks it)
iniset "$NOVA_CONF" service_user send_service_user_token True
for kv in auth_url="$KEYSTONE_SERVICE_URI" auth_type=password username=nova password="$ADMIN_PASSWORD" \
    project_name=service user_domain_name=Default project_domain_name=Default; do
    iniset "$NOVA_CONF" service_user "${kv%%=*}" "${kv#*=}"
done
merge_config_group "$TOP_DIR/local.conf" post-config
apply_checkout_configs
run_plugins stack post-config
