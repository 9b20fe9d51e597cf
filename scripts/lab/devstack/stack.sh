#!/usr/bin/env bash
# stack.sh: tempest-gate's lab stand-in for devstack's stack.sh. NOT devstack.
#
# Devstack itself cannot run in the lab (its repositories and PyPI are out of reach), so this
# keeps devstack's contract and deploys real OpenStack services from Debian's packages instead:
#   - it reads ./local.conf as devstack does: [[local|localrc]] is sourced (enable_service,
#     disable_service, disable_all_services, enable_plugin work), [[post-config|$FILE]] is merged
#     into the services' configs before they start, [[test-config|$TEMPEST_CONFIG]] into
#     tempest.conf;
#   - on a controller (the database, the queue, Keystone, the APIs enabled) it runs the project's
#     local OpenStack (lib/local-openstack, a copy of scripts/local-openstack) on HOST_IP:
#     MariaDB, RabbitMQ, Keystone, Placement, Glance, Neutron, Nova with the fake virt driver;
#   - on a subnode (n-cpu and no controller service) it runs a nova-compute (fake driver) that
#     joins the controller's database, queue, Keystone and Placement at SERVICE_HOST, and waits
#     until the controller's Nova lists it, as devstack's is_nova_ready does;
#   - the projects it deploys are cloned as devstack clones them where local.conf points one at
#     git (<PROJECT>_REPO / <PROJECT>_BRANCH, LIBS_FROM_GIT, enable_plugin), with devstack's
#     ERROR_ON_CLONE rule; $LOGDIR/deployed-projects.json says what was deployed from where;
#   - it fails as devstack fails: "[ERROR] <file>:<line> <message>", "stack.sh failed: full log
#     in $LOGFILE", "Error on exit", a non-zero exit status.
# What it does not do (and devstack does): install from source, OVN/OVS, Cinder, Swift, TLS,
# Apache; its services listen on the local OpenStack's ports, not devstack's. docs/lab-devstack.md.

set -o errexit -o errtrace
TOP_DIR=$(cd "$(dirname "$0")" && pwd)
STACK_START=$SECONDS

# devstack runs as a user with sudo; the stand-in's services are root's (the local OpenStack runs
# its daemons as root), so it carries on as root and hands the workspace back to that user
if [[ $EUID -ne 0 ]]; then
    sudo -n true 2>/dev/null || { echo "[ERROR] $0: the stand-in needs passwordless sudo (as devstack's stack user has)" >&2; exit 1; }
    exec sudo -n STACK_USER="$(id -un)" "$0" "$@"
fi
STACK_USER=${STACK_USER:-root}
SUDO=""

source "$TOP_DIR/functions"

[[ -r $TOP_DIR/local.conf ]] || die $LINENO "no $TOP_DIR/local.conf: write one ([[local|localrc]] and the rest) before running stack.sh"

# devstack's default services, for a local.conf that does not choose
ENABLED_SERVICES=key,n-api,n-cpu,n-cond,n-sch,placement-api,placement-client,g-api,q-svc,mysql,rabbit,tempest
extract_localrc_section "$TOP_DIR/local.conf" "$TOP_DIR/.localrc.auto"
# localrc may source other files (tempest-gate's sources the node's secrets): any command of it
# that fails is fatal here (devstack would go on and prompt for the passwords it lacks)
# shellcheck disable=SC1091
bash -c 'set -o errexit; source "$1/functions"; source "$1/.localrc.auto"' _ "$TOP_DIR" > /dev/null ||
    die $LINENO "$TOP_DIR/local.conf: its [[local|localrc]] section failed to load (a file it sources is missing?)"
# shellcheck disable=SC1091
source "$TOP_DIR/.localrc.auto"
source "$TOP_DIR/stackrc"

mkdir -p "$LOGDIR" "$DATA_DIR"
[[ $STACK_USER == root ]] || chown "$STACK_USER" "$LOGDIR" "$DATA_DIR" 2>/dev/null || true
: > "$LOGDIR/error.log"
rm -f "$DATA_DIR/applied-configs.tsv"
# everything to the console and to LOGFILE, as devstack's output filter does
exec 3>&1 4>&2
exec > >(tee -a "$LOGFILE") 2>&1
TEE_PID=$!

function exit_trap {
    local r=$?
    set +o xtrace
    if [[ $r -ne 0 ]]; then
        echo "Error on exit"
    fi
    # let the log catch up before the caller reads it
    exec 1>&3 2>&4
    wait "$TEE_PID" 2>/dev/null || true
    exit $r
}
trap exit_trap EXIT
function err_trap {
    local r=$?
    set +o xtrace
    echo "${0##*/} failed: full log in $LOGFILE"
    exit $r
}
trap err_trap ERR

ROLE=$(standin_role)
echo "stack.sh: tempest-gate's lab stand-in for devstack (docs/lab-devstack.md), $(date -Is)"
echo "stack.sh: host $(hostname -s), HOST_IP=$HOST_IP, SERVICE_HOST=$SERVICE_HOST, role $ROLE"
echo "stack.sh: ENABLED_SERVICES=$ENABLED_SERVICES"
[[ -n $HOST_IP ]] || die $LINENO "Could not determine host ip address. See local.conf for suggestions on setting HOST_IP."
not_deployed=""
for s in ${ENABLED_SERVICES//,/ }; do
    [[ " $STANDIN_NOT_DEPLOYED " == *" $s "* ]] && not_deployed="$not_deployed $s"
done
[[ -z $not_deployed ]] || echo "stack.sh: enabled but not deployed by the stand-in:$not_deployed"
case $ROLE in
    controller)
        [[ $SERVICE_HOST == "$HOST_IP" ]] || warn $LINENO "SERVICE_HOST=$SERVICE_HOST is not this node ($HOST_IP), but its services are a controller's: deploying a controller here"
        ;;
    subnode)
        [[ $SERVICE_HOST != "$HOST_IP" ]] || die $LINENO "n-cpu without a controller's services, and SERVICE_HOST is this node ($HOST_IP): set SERVICE_HOST to the controller's address"
        ;;
    *) die $LINENO "nothing to deploy: none of the stand-in's services is enabled (ENABLED_SERVICES=$ENABLED_SERVICES)" ;;
esac

source "$TOP_DIR/lib/projects"
source "$TOP_DIR/lib/controller"
source "$TOP_DIR/lib/compute"

# ---------------------------------------------------------------- projects
echo_summary "Checking out the projects"
checkout_projects
record_projects
run_plugins stack pre-install
run_plugins stack install

# ---------------------------------------------------------------- services
if [[ $ROLE == controller ]]; then
    echo_summary "Starting the controller (the local OpenStack on $HOST_IP)"
    deploy_controller
    run_plugins stack extra
    if is_service_enabled tempest; then
        echo_summary "Configuring Tempest in $TEMPEST_DIR"
        configure_tempest
        merge_config_group "$TOP_DIR/local.conf" test-config
        run_plugins stack test-config
        [[ $STACK_USER == root ]] || chown -R "$STACK_USER" "$TEMPEST_DIR"
    fi
    # devstack's last check of a controller: Nova's own view of its cells and computes
    echo_summary "nova-status upgrade check"
    "$DATA_DIR/venv/bin/nova-status" upgrade check || [[ $? == 1 ]] || die $LINENO "nova-status upgrade check failed"
else
    echo_summary "Starting nova-compute, joining the controller at $SERVICE_HOST"
    deploy_compute
    run_plugins stack extra
fi

record_projects --quiet
for p in $CLONED_DIRS; do [[ $STACK_USER == root ]] || chown -R "$STACK_USER" "$p"; done
echo ""
echo "This is your host IP address: $HOST_IP"
if [[ $ROLE == controller ]]; then
    echo "Keystone is serving at $KEYSTONE_SERVICE_URI/"
    echo "The default users are: admin and demo"
fi
echo "Deployed (repository, branch, commit): $LOGDIR/deployed-projects.json"
echo_summary "stack.sh completed in $((SECONDS - STACK_START)) seconds."
