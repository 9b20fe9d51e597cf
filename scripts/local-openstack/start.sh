#!/bin/bash
# Start the local OpenStack (whatever of it is not running), wait until Nova's compute node
# is usable, and write .local-openstack/clouds.yaml (clouds tg-local = demo member,
# tg-local-admin = admin). First time: runs setup.sh (install + initialise, root) instead.
# Prints the clouds.yaml path on its last line. Idempotent; a no-op when all is up.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
lock_state
[ -f "$DATA/initialized" ] || exec "$HERE/setup.sh"
T0=$(now)
all_up=1
for s in $SERVICES; do running "$s" || all_up=0; done
if [ $all_up = 0 ]; then
  step start_mysqld start_mysqld || exit 1
  step start_rabbit start_rabbit || exit 1
  step start_keystone start_keystone || exit 1
  step start_services start_services || exit 1
  step wait_compute wait_compute || exit 1
else
  # already running: only check that the APIs answer
  wait_http "$KS" 30 >/dev/null && wait_http http://$HOSTIP:$P_NOVA/ 30 >/dev/null && wait_http http://$HOSTIP:$P_NEUTRON/ 30 >/dev/null || exit 1
fi
write_clouds_yaml
printf '%-24s %7.1fs\n' start_total "$(echo "$(now) - $T0" | bc)" | tee -a "$TIMINGS"
echo "$LOS/clouds.yaml"
