# Shared settings of the local OpenStack scripts (sourced, not run).
# Everything lives under $LOS (default: <repo>/.local-openstack, git-ignored):
#   etc/ data/ logs/ run/ bin/ pyext/ clouds.yaml timings.log
# Parameters (the defaults are the test cloud on 127.0.0.1 that CI uses; the lab's devstack
# stand-in, scripts/lab/devstack, sets them to run one inside a node):
#   LOCAL_OPENSTACK_DIR           the state folder
#   LOCAL_OPENSTACK_HOST          the address every service listens on and the catalog names (127.0.0.1)
#   LOCAL_OPENSTACK_PASSWORD      every user's and the database's password (secret)
#   LOCAL_OPENSTACK_LOGDIR        where the services log ($LOS/logs)
#   LOCAL_OPENSTACK_COMPUTE_HOST  nova-compute's host name (fakecompute1)
#   LOCAL_OPENSTACK_POST_CONFIG   a command setup.sh runs after writing the configs, before any
#                                 service starts (devstack's post-config phase); none by default
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LOS=${LOCAL_OPENSTACK_DIR:-$REPO/.local-openstack}
ETC=$LOS/etc; DATA=$LOS/data; RUN=$LOS/run; LOG=${LOCAL_OPENSTACK_LOGDIR:-$LOS/logs}
PW=${LOCAL_OPENSTACK_PASSWORD:-secret}
HOSTIP=${LOCAL_OPENSTACK_HOST:-127.0.0.1}
COMPUTE_HOST=${LOCAL_OPENSTACK_COMPUTE_HOST:-fakecompute1}
# Private ports, so a real keystone on :5000 or a mysqld on :3306 never collides with ours.
P_MYSQL=33306; P_RABBIT=35672; P_RABBIT_DIST=35673; P_EPMD=34369
P_KEYSTONE=35357; P_PLACEMENT=38778; P_GLANCE=39292; P_NEUTRON=39696; P_NOVA=38774
DBURL="mysql+pymysql://os:$PW@$HOSTIP:$P_MYSQL"
KS=http://$HOSTIP:$P_KEYSTONE/v3
TIMINGS=$LOS/timings.log
export PATH=$LOS/bin:$PATH
# Daemons in start order; stop.sh walks it backwards.
SERVICES="mysqld epmd rabbitmq keystone placement glance-api neutron-server nova-api nova-conductor nova-scheduler nova-compute"
# Lab hosts (servers of the lab image are real SSH hosts): lab_* functions
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"

now() { date +%s.%N; }
# one script at a time on a state folder (setup, start and stop may be called concurrently by
# several test runners): an exclusive lock held until the script exits
lock_state() {
  [ "${LOCAL_OPENSTACK_LOCKED:-}" = "$LOS" ] && return 0   # a parent script holds it for us
  mkdir -p "$LOS"
  exec 9>"$LOS/.lock"
  flock -w 900 9 || { echo "another local-openstack script holds $LOS/.lock"; exit 1; }
  export LOCAL_OPENSTACK_LOCKED=$LOS
}
# step NAME cmd... : run and record the wall time in timings.log
step() {
  local name=$1; shift
  local t0; t0=$(now)
  echo "=== [$(date +%T)] $name"
  "$@"; local rc=$?
  printf '%-24s %7.1fs rc=%s\n' "$name" "$(echo "$(now) - $t0" | bc)" "$rc" | tee -a "$TIMINGS"
  return $rc
}

# alive PID: exists and is not a zombie
alive() { [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }
# running NAME: the PID recorded in run/NAME.pid is alive and still the process we started
running() {
  local f=$RUN/$1.pid pid st
  [ -f "$f" ] || return 1
  read -r pid st < "$f"
  alive "$pid" && [ "$(awk '{print $22}' "/proc/$pid/stat" 2>/dev/null)" = "$st" ]
}

# same_netns_oldest PID... : the earliest started of these processes that share our network namespace
same_netns_oldest() {
  local me pid best='' best_st='' st
  me=$(readlink /proc/self/ns/net)
  for pid in "$@"; do
    [ "$(readlink "/proc/$pid/ns/net" 2>/dev/null)" = "$me" ] || continue
    st=$(awk '{print $22}' "/proc/$pid/stat" 2>/dev/null) || continue
    [ -n "$st" ] || continue
    if [ -z "$best" ] || [ "$st" -lt "$best_st" ]; then best=$pid; best_st=$st; fi
  done
  echo "$best"
}

# daemon NAME cmd... : start in its own session; run/NAME.pid holds "PID STARTTIME" so that
# stop.sh never signals a recycled PID.
daemon() {
  local name=$1; shift
  mkdir -p "$RUN" "$LOG"
  if running "$name"; then echo "already running: $name"; return 0; fi
  # the same command already runs but its record was lost (a crash of this script, a state
  # copied from elsewhere): adopt its process group instead of starting a second copy. Only a
  # process in this network namespace: another instance in a namespace of its own (the lab's
  # nodes) may run the very same command line (epmd, rabbitmq-server), and is not ours.
  local pattern found
  pattern=$(printf '%s' "$*" | sed 's/[][\.*^$+?(){}|]/\\&/g')
  found=$(same_netns_oldest $(pgrep -f -- "$pattern" 2>/dev/null))
  if [ -n "$found" ]; then
    local pg; pg=$(awk '{print $5}' "/proc/$found/stat")
    echo "$pg $(awk '{print $22}' "/proc/$pg/stat")" > "$RUN/$name.pid"
    echo "adopted $name (process group $pg was already running it)"
    return 0
  fi
  # 9>&-: the daemon must not inherit (and so hold forever) the state lock
  setsid nohup "$@" >"$LOG/$name.out" 2>&1 < /dev/null 9>&- &
  local pid=$!
  echo "$pid $(awk '{print $22}' "/proc/$pid/stat")" > "$RUN/$name.pid"
  echo "started $name pid $pid"
}

wait_http() { # wait_http URL [timeout-seconds]
  local url=$1 to=${2:-120} i=0
  until curl -s -o /dev/null -m 5 "$url"; do
    i=$((i+1)); [ $i -ge $((to*2)) ] && { echo "timeout waiting for $url"; return 1; }
    sleep 0.5
  done
  echo "up: $url"
}

mysql_root() { mariadb --protocol=socket -S "$RUN/mysqld.sock" -uroot "$@"; }

get_token() { # get_token [user] [project] -> $TOKEN (project-scoped)
  local user=${1:-admin} project=${2:-admin}
  TOKEN=$(curl -s -i -m 20 -H 'Content-Type: application/json' -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"'"$user"'","domain":{"id":"default"},"password":"'$PW'"}}},"scope":{"project":{"name":"'"$project"'","domain":{"id":"default"}}}}}' \
    "$KS/auth/tokens" | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}' | tr -d '\r')
  [ -n "$TOKEN" ]
}

# ---- daemons (used by setup.sh on first start and by start.sh afterwards)
# The services' ports lie in Linux's ephemeral range (32768-60999 by default): an outgoing
# connection of one service (to the database, to Keystone) can be given the port another is
# about to listen on, which then fails to bind (seen once on a lab controller: nova-api "Could
# not bind to ...:38774: Address already in use", the stack failing after its 180 s wait).
# Reserved, the kernel never hands them out. The setting is per network namespace (a lab node's
# own), is added to what is reserved already, and needs root; without it the race stays, said once.
reserve_ports() {
  local f=/proc/sys/net/ipv4/ip_local_reserved_ports have
  local ours="$P_MYSQL,$P_EPMD,$P_RABBIT,$P_RABBIT_DIST,$P_KEYSTONE,$P_PLACEMENT,$P_GLANCE,$P_NEUTRON,$P_NOVA"
  have=$(cat "$f" 2>/dev/null) || return 0
  { [ -w "$f" ] && echo "${have:+$have,}$ours" > "$f"; } 2>/dev/null ||
    echo "note: could not reserve the service ports ($ours) from the ephemeral range (not root?)"
  return 0
}
start_mysqld() {
  reserve_ports   # before the first daemon, so that none of their connections takes a service port
  daemon mysqld /usr/sbin/mariadbd --no-defaults --user=root --datadir="$DATA/mysql" \
     --socket="$RUN/mysqld.sock" --port=$P_MYSQL --bind-address=$HOSTIP --pid-file="$DATA/mysqld.pidfile" \
     --innodb-buffer-pool-size=128M --performance-schema=OFF --skip-name-resolve \
     --max-connections=500 --log-error="$LOG/mysqld.err" \
     --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci
  for _ in $(seq 1 120); do mysql_root -e 'select 1' >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "mariadb did not come up"; return 1
}
rabbit_env() {
  export HOME=$DATA/rabbit ERL_EPMD_PORT=$P_EPMD \
    RABBITMQ_NODENAME=tgfake@localhost RABBITMQ_NODE_IP_ADDRESS=$HOSTIP RABBITMQ_NODE_PORT=$P_RABBIT \
    RABBITMQ_DIST_PORT=$P_RABBIT_DIST RABBITMQ_MNESIA_BASE=$DATA/rabbit/mnesia \
    RABBITMQ_LOG_BASE=$LOG/rabbit RABBITMQ_CONFIG_FILE=$DATA/rabbit/rabbitmq RABBITMQ_ENABLED_PLUGINS_FILE=$DATA/rabbit/enabled_plugins \
    RABBITMQ_PID_FILE=$DATA/rabbit/rabbit.pidfile RABBITMQ_CONF_ENV_FILE=/dev/null RABBITMQ_ADVANCED_CONFIG_FILE=$DATA/rabbit/advanced.config
}
start_rabbit() {
  ( rabbit_env
    mkdir -p "$DATA/rabbit"; echo '[].' > "$DATA/rabbit/enabled_plugins"
    # guest may log in only over loopback by default: on another address, let it in from there
    if [ "$HOSTIP" != 127.0.0.1 ]; then echo 'loopback_users = none' > "$DATA/rabbit/rabbitmq.conf"; fi
    daemon epmd /usr/bin/epmd -port $P_EPMD
    daemon rabbitmq /usr/lib/rabbitmq/bin/rabbitmq-server )
  for _ in $(seq 1 120); do (echo > /dev/tcp/$HOSTIP/$P_RABBIT) 2>/dev/null && return 0; sleep 0.5; done
  echo "rabbitmq did not come up"; return 1
}
# Two single-threaded workers, as devstack runs its uwsgi services (processes, no threads): Debian
# 12's oslo.log (5.0.1) swaps logging's locks for eventlet's green ones whenever eventlet has been
# imported (oslo.concurrency imports it), and two native threads of one worker logging at once can
# then fail with "greenlet.error: cannot switch to a different thread" and leave the lock held:
# every later request hangs. Seen on placement (its listen queue full, every thread asleep).
uw() { # uw NAME PORT WSGIFILE : serve a WSGI script with uwsgi
  daemon "$1" uwsgi --plugin python3 --master --processes 2 --threads 1 --http-socket $HOSTIP:"$2" \
     --wsgi-file "$3" --die-on-term --lazy-apps --buffer-size 65535 --enable-threads --thunder-lock \
     --add-header 'Connection: close'
}
start_keystone() {
  OS_KEYSTONE_CONFIG_FILES=$ETC/keystone/keystone.conf uw keystone $P_KEYSTONE /usr/bin/keystone-wsgi-public
  wait_http "$KS" 120
}
start_services() {
  OS_PLACEMENT_CONFIG_DIR=$ETC/placement uw placement $P_PLACEMENT /usr/bin/placement-api
  daemon glance-api glance-api --config-file "$ETC/glance/glance-api.conf"
  PYTHONPATH=$LOS/pyext daemon neutron-server neutron-server --config-file "$ETC/neutron/neutron.conf"
  for s in api conductor scheduler; do
    daemon nova-$s nova-$s --config-file "$ETC/nova/nova.conf"
  done
  # shellcheck disable=SC2046 # lab_args: nothing, or "--config-file .../nova-lab.conf"
  daemon nova-compute nova-compute --config-file "$ETC/nova/nova.conf" $(lab_args)
  wait_http http://$HOSTIP:$P_PLACEMENT/ 120 && wait_http http://$HOSTIP:$P_GLANCE/ 120 && \
  wait_http http://$HOSTIP:$P_NEUTRON/ 180 && wait_http http://$HOSTIP:$P_NOVA/ 180
}
# until_or_timeout DEADLINE LOG WHAT CMD...: CMD once a second until it succeeds; once $SECONDS
# reaches DEADLINE, say WHAT did not happen and show the end of LOG (the service that did not answer).
until_or_timeout() {
  local deadline=$1 log=$2 what=$3; shift 3
  until "$@"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "wait_compute: timeout: $what (see $log)"
      tail -n 20 "$log"
      return 1
    fi
    sleep 1
  done
}
nova_services_up() { # the conductor, the scheduler and the compute service
  local n
  n=$(curl -s -m 10 -H "X-Auth-Token: $TOKEN" http://$HOSTIP:$P_NOVA/v2.1/os-services | jq '[.services[] | select(.state=="up")] | length' 2>/dev/null)
  [ "${n:-0}" -ge 3 ]
}
compute_in_placement() {
  local n
  n=$(curl -s -m 10 -H "X-Auth-Token: $TOKEN" -H 'OpenStack-API-Version: placement 1.10' http://$HOSTIP:$P_PLACEMENT/resource_providers | jq '.resource_providers|length' 2>/dev/null)
  [ "${n:-0}" -ge 1 ]
}
# wait until nova-compute reports up and its node is a resource provider in placement. One bound
# for the whole wait, WAIT_COMPUTE_SECONDS (default 300: it takes 3-21 s here, ~15x that on two
# loaded cores), not one per poll: a hung service used to hold a start for over half an hour (120
# and 60 polls, each allowed 10 s).
wait_compute() {
  local deadline=$((SECONDS + ${WAIT_COMPUTE_SECONDS:-300}))
  get_token admin admin || { echo "wait_compute: keystone gave no token"; tail -n 20 "$LOG/keystone.out"; return 1; }
  until_or_timeout "$deadline" "$LOG/nova-compute.out" "fewer than 3 nova services up" nova_services_up || return 1
  nova-manage --config-file "$ETC/nova/nova.conf" cell_v2 discover_hosts >/dev/null || { echo "wait_compute: nova-manage cell_v2 discover_hosts failed"; return 1; }
  until_or_timeout "$deadline" "$LOG/placement.out" "no compute node in placement" compute_in_placement
}
write_clouds_yaml() {
  # Written aside and renamed: test files read it while other test files call start.sh.
  cat > "$LOS/clouds.yaml.tmp.$$" <<EOT
# Written by scripts/local-openstack (a local test cloud; these are throwaway passwords).
clouds:
  tg-local:
    auth:
      auth_url: $KS
      username: demo
      password: $PW
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
  tg-local-admin:
    auth:
      auth_url: $KS
      username: admin
      password: $PW
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
EOT
  mv -f "$LOS/clouds.yaml.tmp.$$" "$LOS/clouds.yaml"
}
