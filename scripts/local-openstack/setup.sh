#!/bin/bash
# Install (Debian packages, as root) and initialise a minimal OpenStack on 127.0.0.1:
# Keystone, Placement, Glance, Neutron (ML2, tenant VLANs, router plugin, a fake binding
# driver, no agents) and Nova (api, conductor, scheduler, compute with the fake virt driver),
# with MariaDB and RabbitMQ on private ports. State lives under .local-openstack/.
# Idempotent: installs only missing packages, initialises only once, then hands over to
# start.sh (which starts what is not running and writes .local-openstack/clouds.yaml).
# Usage: scripts/local-openstack/setup.sh [--reset]   (--reset: throw the state away first)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
# shellcheck source=../apt.sh
source "$HERE/../apt.sh"   # apt_update, apt_get (waiting for the locks), policy_rc_block/restore
lock_state
export DEBIAN_FRONTEND=noninteractive
PACKAGES="python3-nova python3-placement python3-keystone python3-glance python3-neutron
  python3-pymysql rabbitmq-server mariadb-server uwsgi-core uwsgi-plugin-python3
  python3-openstackclient curl jq bc
  nftables openssh-server cloud-init sudo"   # the last line: lab hosts (lab.sh)

if [ "${1:-}" = --reset ]; then "$HERE/stop.sh"; rm -rf "$DATA" "$ETC" "$RUN" "$LOS/bin" "$LOS/pyext"; fi
mkdir -p "$LOS" "$LOG" "$RUN" "$DATA"
echo "---- setup $(date -Is)" >> "$TIMINGS"
T_ALL=$(now)

# ---------------------------------------------------------------- install
do_install() {
  local missing=()
  for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { echo "setup: root needed to install ${missing[*]}"; return 1; }
    # no service of these packages may start at install time: we run our own daemons; later
    # packages' services must, so the block is lifted right after (and on any exit)
    policy_rc_block
    echo "installing ${missing[*]}"
    local rc=0
    { apt_update -q && apt_get -y -q install --no-install-recommends "${missing[@]}"; } > "$LOG/apt-install.log" 2>&1 || rc=$?
    policy_rc_restore
    [ "$rc" = 0 ] || { tail -20 "$LOG/apt-install.log"; return 1; }
  fi
  # paste .ini templates ship only in the *-common packages (daemon packages we skip): extract them
  if [ ! -f "$DATA/debs/x/usr/share/nova-common/api-paste.ini" ]; then
    rm -rf "$DATA/debs"; mkdir -p "$DATA/debs"
    ( cd "$DATA/debs" && apt_get download nova-common glance-common neutron-common >/dev/null 2>&1 &&
      for f in *.deb; do dpkg-deb -x "$f" x; done ) || { echo "setup: could not fetch the *-common packages"; return 1; }
  fi
}
step install do_install || exit 1

# ---------------------------------------------------------------- configs (rewritten every time)
ksauth() { # [keystone_authtoken]-style body for a service user
  cat <<EOT
www_authenticate_uri = $KS
auth_url = $KS
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $PW
region_name = RegionOne
EOT
}
write_configs() {
  mkdir -p "$ETC"/{keystone,placement,glance,neutron,nova} "$DATA"/{glance/images,nova/instances,lock,rabbit}
  cp "$DATA/debs/x/usr/share/nova-common/api-paste.ini" "$ETC/nova/api-paste.ini"
  sed -i "s#/etc/nova/healthcheck_disable#$ETC/nova/healthcheck_disable#" "$ETC/nova/api-paste.ini"
  cp "$DATA/debs/x/usr/share/glance-common/glance-api-paste.ini" "$ETC/glance/"
  cp "$DATA/debs/x/usr/share/neutron-common/api-paste.ini" "$ETC/neutron/"
  # password_hash_rounds: bcrypt's minimum; every password auth costs ~0.3 s otherwise
  cat > "$ETC/keystone/keystone.conf" <<EOT
[DEFAULT]
log_file = $LOG/keystone.log
[database]
connection = $DBURL/keystone
[identity]
password_hash_rounds = 4
[token]
provider = fernet
[fernet_tokens]
key_repository = $ETC/keystone/fernet-keys
[fernet_receipts]
key_repository = $ETC/keystone/fernet-keys
[credential]
key_repository = $ETC/keystone/credential-keys
EOT
  cat > "$ETC/placement/placement.conf" <<EOT
[DEFAULT]
log_file = $LOG/placement.log
[placement_database]
connection = $DBURL/placement
[api]
auth_strategy = keystone
[keystone_authtoken]
$(ksauth placement)
EOT
  cat > "$ETC/glance/glance-api.conf" <<EOT
[DEFAULT]
bind_host = $HOSTIP
bind_port = $P_GLANCE
workers = 1
log_file = $LOG/glance-api.log
enabled_backends = fs:file
[glance_store]
default_backend = fs
[fs]
filesystem_store_datadir = $DATA/glance/images
[os_glance_staging_store]
filesystem_store_datadir = $DATA/glance/staging
[os_glance_tasks_store]
filesystem_store_datadir = $DATA/glance/tasks
[database]
connection = $DBURL/glance
[paste_deploy]
flavor = keystone
config_file = $ETC/glance/glance-api-paste.ini
[oslo_concurrency]
lock_path = $DATA/lock
[keystone_authtoken]
$(ksauth glance)
EOT
  cat > "$ETC/neutron/neutron.conf" <<EOT
[DEFAULT]
bind_host = $HOSTIP
bind_port = $P_NEUTRON
core_plugin = ml2
service_plugins = router
auth_strategy = keystone
api_workers = 1
rpc_workers = 0
rpc_state_report_workers = 0
api_paste_config = $ETC/neutron/api-paste.ini
transport_url = rabbit://guest:guest@$HOSTIP:$P_RABBIT/
notify_nova_on_port_status_changes = false
notify_nova_on_port_data_changes = false
log_file = $LOG/neutron-server.log
state_path = $DATA/neutron
[database]
connection = $DBURL/neutron
[oslo_concurrency]
lock_path = $DATA/lock
[keystone_authtoken]
$(ksauth neutron)
[ml2]
type_drivers = flat,vlan
tenant_network_types = vlan
mechanism_drivers = tgfakebind
extension_drivers = port_security
[ml2_type_flat]
flat_networks = *
[ml2_type_vlan]
network_vlan_ranges = physnet1:100:2999
EOT
  cat > "$ETC/nova/nova.conf" <<EOT
[DEFAULT]
host = $COMPUTE_HOST
my_ip = $HOSTIP
state_path = $DATA/nova
instances_path = $DATA/nova/instances
transport_url = rabbit://guest:guest@$HOSTIP:$P_RABBIT/
compute_driver = fake.FakeDriver
enabled_apis = osapi_compute
osapi_compute_listen = $HOSTIP
osapi_compute_listen_port = $P_NOVA
osapi_compute_workers = 1
log_dir = $LOG
use_rootwrap_daemon = false
allow_resize_to_same_host = True
[api]
auth_strategy = keystone
[wsgi]
api_paste_config = $ETC/nova/api-paste.ini
[api_database]
connection = $DBURL/nova_api
[database]
connection = $DBURL/nova
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = 5
[oslo_concurrency]
lock_path = $DATA/lock
[oslo_messaging_notifications]
driver = noop
[vnc]
enabled = false
[keystone_authtoken]
$(ksauth nova)
[placement]
$(ksauth placement)
valid_interfaces = public
[neutron]
$(ksauth neutron)
valid_interfaces = public
[glance]
valid_interfaces = public
[cinder]
os_region_name = RegionOne
EOT
}
# Console scripts of the python3-* packages come with the daemon packages we skip: generate
# wrappers from their entry points. And a 15-line ML2 driver that binds every port (no agents
# here): without it nova fails every server with a NIC with PortBindingFailed.
make_bins() {
  mkdir -p "$LOS/bin"
  for ep in glance-manage=glance.cmd.manage glance-api=glance.cmd.api \
            neutron-db-manage=neutron.db.migration.cli neutron-server=neutron.cmd.eventlet.server \
            nova-manage=nova.cmd.manage nova-api=nova.cmd.api nova-conductor=nova.cmd.conductor \
            nova-scheduler=nova.cmd.scheduler nova-compute=nova.cmd.compute; do
    printf '#!/usr/bin/python3\nimport sys\nfrom %s import main\nsys.exit(main())\n' "${ep#*=}" > "$LOS/bin/${ep%%=*}"
    chmod +x "$LOS/bin/${ep%%=*}"
  done
  mkdir -p "$LOS/pyext/tgfakebind-0.1.dist-info"
  cat > "$LOS/pyext/tgfakebind.py" <<'EOT'
# ML2 mechanism driver for a test cloud with no agents: binds every port on any host.
from neutron_lib.api.definitions import portbindings
from neutron_lib import constants
from neutron_lib.plugins.ml2 import api


class FakeBindDriver(api.MechanismDriver):
    def initialize(self):
        pass

    def bind_port(self, context):
        for segment in context.segments_to_bind:
            context.set_binding(segment[api.ID], portbindings.VIF_TYPE_OVS,
                                {portbindings.CAP_PORT_FILTER: True},
                                status=constants.PORT_STATUS_ACTIVE)
            return
EOT
  printf 'Metadata-Version: 2.1\nName: tgfakebind\nVersion: 0.1\n' > "$LOS/pyext/tgfakebind-0.1.dist-info/METADATA"
  printf '[neutron.ml2.mechanism_drivers]\ntgfakebind = tgfakebind:FakeBindDriver\n' > "$LOS/pyext/tgfakebind-0.1.dist-info/entry_points.txt"
}
step write_configs write_configs || exit 1
step make_bins make_bins || exit 1
step lab_write lab_write || exit 1
if [ -n "${LOCAL_OPENSTACK_POST_CONFIG:-}" ]; then
  step post_config bash -c "$LOCAL_OPENSTACK_POST_CONFIG" || exit 1
fi

if [ -f "$DATA/initialized" ]; then
  lab_restart_changed
  "$HERE/start.sh" || exit 1
  step lab_image lab_image || exit 1
  echo "$LOS/clouds.yaml"
  exit 0
fi

# ---------------------------------------------------------------- first initialisation
"$HERE/stop.sh" >/dev/null 2>&1
rm -rf "$DATA/mysql" "$DATA/rabbit/mnesia" "$ETC/keystone/fernet-keys" "$ETC/keystone/credential-keys"
init_mysql() {
  mkdir -p "$DATA/mysql"
  mariadb-install-db --user=root --datadir="$DATA/mysql" --auth-root-authentication-method=socket \
     --skip-test-db > "$LOG/mysql-install.log" 2>&1 || { tail "$LOG/mysql-install.log"; return 1; }
  start_mysqld || return 1
  mysql_root -e "CREATE USER 'os'@'%' IDENTIFIED BY '$PW'; GRANT ALL ON *.* TO 'os'@'%';" || return 1
  for db in keystone placement glance neutron nova_api nova nova_cell0; do
    mysql_root -e "CREATE DATABASE $db CHARACTER SET utf8mb4" || return 1
  done
}
step mariadb init_mysql || exit 1
step rabbitmq start_rabbit || { tail -20 "$LOG/rabbitmq.out"; exit 1; }

KM="keystone-manage --config-file $ETC/keystone/keystone.conf"
init_keystone() {
  $KM db_sync || return 1
  $KM fernet_setup --keystone-user root --keystone-group root || return 1
  $KM credential_setup --keystone-user root --keystone-group root || return 1
  $KM bootstrap --bootstrap-password $PW --bootstrap-admin-url "$KS" --bootstrap-public-url "$KS" \
     --bootstrap-internal-url "$KS" --bootstrap-region-id RegionOne || return 1
  start_keystone && get_token admin admin
}
step keystone init_keystone || { tail -30 "$LOG/keystone.out"; exit 1; }

ks_resources() {
  get_token admin admin || return 1
  local H=(-s -m 30 -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json')
  curl "${H[@]}" -d '{"project":{"name":"service","domain_id":"default"}}' "$KS/projects" >/dev/null
  curl "${H[@]}" -d '{"project":{"name":"demo","domain_id":"default"}}' "$KS/projects" >/dev/null
  local admin_role svc demo member_role duid
  admin_role=$(curl "${H[@]}" "$KS/roles?name=admin" | jq -r '.roles[0].id')
  svc=$(curl "${H[@]}" "$KS/projects?name=service" | jq -r '.projects[0].id')
  demo=$(curl "${H[@]}" "$KS/projects?name=demo" | jq -r '.projects[0].id')
  for u in nova placement glance neutron; do
    local uid; uid=$(curl "${H[@]}" -d '{"user":{"name":"'$u'","domain_id":"default","password":"'$PW'"}}' "$KS/users" | jq -r .user.id)
    curl "${H[@]}" -X PUT "$KS/projects/$svc/users/$uid/roles/$admin_role" -o /dev/null -w "role $u %{http_code}\n"
  done
  # the unprivileged user the tests and the product use (member of project demo)
  member_role=$(curl "${H[@]}" "$KS/roles?name=member" | jq -r '.roles[0].id')
  duid=$(curl "${H[@]}" -d '{"user":{"name":"demo","domain_id":"default","password":"'$PW'"}}' "$KS/users" | jq -r .user.id)
  curl "${H[@]}" -X PUT "$KS/projects/$demo/users/$duid/roles/$member_role" -o /dev/null -w "role demo %{http_code}\n"
  for s in "nova compute http://$HOSTIP:$P_NOVA/v2.1" "placement placement http://$HOSTIP:$P_PLACEMENT" \
           "glance image http://$HOSTIP:$P_GLANCE" "neutron network http://$HOSTIP:$P_NEUTRON"; do
    set -- $s
    local sid; sid=$(curl "${H[@]}" -d '{"service":{"name":"'$1'","type":"'$2'"}}' "$KS/services" | jq -r .service.id)
    for itf in public internal admin; do
      curl "${H[@]}" -d '{"endpoint":{"service_id":"'$sid'","interface":"'$itf'","url":"'$3'","region_id":"RegionOne"}}' "$KS/endpoints" -o /dev/null -w "endpoint $1 $itf %{http_code}\n"
    done
  done
}
step keystone_resources ks_resources || exit 1

step placement_db placement-manage --config-file "$ETC/placement/placement.conf" db sync || exit 1
step glance_db glance-manage --config-file "$ETC/glance/glance-api.conf" db_sync >> "$LOG/glance-manage.log" 2>&1 || exit 1
step neutron_db neutron-db-manage --config-file "$ETC/neutron/neutron.conf" upgrade heads >> "$LOG/neutron-db-manage.log" 2>&1 || { tail -20 "$LOG/neutron-db-manage.log"; exit 1; }
NM="nova-manage --config-file $ETC/nova/nova.conf"
nova_db() {
  $NM api_db sync || return 1
  $NM cell_v2 map_cell0 --database_connection "$DBURL/nova_cell0" || return 1
  $NM cell_v2 create_cell --name cell1 --verbose || return 1
  $NM db sync
}
step nova_db nova_db || exit 1
lab_sum > "$RUN/lab.sum"   # nova-compute starts below with the lab code as it is now
step start_services start_services || exit 1
step wait_compute wait_compute || exit 1

# ---------------------------------------------------------------- flavors, images, networks, quota
cloud_resources() {
  get_token admin admin || return 1
  local H=(-s -m 60 -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json')
  local NOVA=http://$HOSTIP:$P_NOVA/v2.1 GL=http://$HOSTIP:$P_GLANCE/v2 NET=http://$HOSTIP:$P_NEUTRON/v2.0
  curl "${H[@]}" -d '{"flavor":{"name":"m1.tiny","ram":64,"vcpus":1,"disk":1,"id":"1"}}' $NOVA/flavors -o /dev/null -w "flavor m1.tiny %{http_code}\n"
  curl "${H[@]}" -d '{"flavor":{"name":"m1.tiny-alt","ram":128,"vcpus":1,"disk":1,"id":"2"}}' $NOVA/flavors -o /dev/null -w "flavor m1.tiny-alt %{http_code}\n"
  curl "${H[@]}" -d '{"flavor":{"name":"ds2G","ram":2048,"vcpus":2,"disk":10,"id":"3"}}' $NOVA/flavors -o /dev/null -w "flavor ds2G %{http_code}\n"
  head -c 1048576 /dev/zero > "$DATA/tiny.img"
  local img img_name
  for img_name in tiny tiny-alt; do
    img=$(curl "${H[@]}" -d '{"name":"'$img_name'","disk_format":"raw","container_format":"bare","visibility":"public"}' $GL/images | jq -r .id)
    curl -s -m 60 -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/octet-stream' -X PUT --data-binary @"$DATA/tiny.img" \
      $GL/images/$img/file -o /dev/null -w "image $img_name upload %{http_code}\n"
  done
  local demo; demo=$(curl "${H[@]}" "$KS/projects?name=demo" | jq -r '.projects[0].id')
  # default nova quota is 10 instances / 20 cores per project: raise it for demo
  curl "${H[@]}" -X PUT -d '{"quota_set":{"instances":200,"cores":400,"ram":4194304}}' \
    $NOVA/os-quota-sets/$demo -o /dev/null -w "quota demo %{http_code}\n"
  # external network (floating IPs, router gateways) and demo's own network behind a router
  local pub psub priv psn rtr
  pub=$(curl "${H[@]}" -d '{"network":{"name":"public","router:external":true,"provider:network_type":"flat","provider:physical_network":"public"}}' $NET/networks | jq -r .network.id)
  psub=$(curl "${H[@]}" -d '{"subnet":{"name":"public-subnet","network_id":"'$pub'","cidr":"172.24.4.0/24","ip_version":4,"enable_dhcp":false}}' $NET/subnets | jq -r .subnet.id)
  priv=$(curl "${H[@]}" -d '{"network":{"name":"private","project_id":"'$demo'"}}' $NET/networks | jq -r .network.id)
  psn=$(curl "${H[@]}" -d '{"subnet":{"name":"private-subnet","network_id":"'$priv'","project_id":"'$demo'","cidr":"10.0.0.0/24","ip_version":4}}' $NET/subnets | jq -r .subnet.id)
  rtr=$(curl "${H[@]}" -d '{"router":{"name":"router1","project_id":"'$demo'","external_gateway_info":{"network_id":"'$pub'"}}}' $NET/routers | jq -r .router.id)
  curl "${H[@]}" -X PUT -d '{"subnet_id":"'$psn'"}' $NET/routers/$rtr/add_router_interface -o /dev/null -w "router interface %{http_code}\n"
  echo "public=$pub ($psub) private=$priv ($psn) router=$rtr"
  [ "$pub" != null ] && [ "$priv" != null ] && [ "$rtr" != null ]
}
step cloud_resources cloud_resources || exit 1
step lab_image lab_image || exit 1
touch "$DATA/initialized"
printf '%-24s %7.1fs\n' setup_total "$(echo "$(now) - $T_ALL" | bc)" | tee -a "$TIMINGS"
exec "$HERE/start.sh"
