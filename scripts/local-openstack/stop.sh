#!/bin/bash
# Stop every daemon of the local OpenStack, by the PIDs start.sh/setup.sh recorded (PID and
# start time, so a recycled PID is never signalled), after removing every lab host. State is
# kept: start.sh resumes it.
# Idempotent.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
lock_state
t0=$(now)
lab_cleanup   # lab hosts, their NAT table and bridge: nothing of them outlives the cloud
order=$(echo $SERVICES | tr ' ' '\n' | tac)
for n in $order; do
  f=$RUN/$n.pid; [ -f "$f" ] || continue
  read -r pid st < "$f"
  if running "$n"; then
    kill -TERM -- -"$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.2; done
    alive "$pid" && { kill -KILL -- -"$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null; }
    # leftovers of the process group (uwsgi workers, eventlet children)
    kill -KILL -- -"$pid" 2>/dev/null
    echo "stopped $n ($pid)"
  fi
  rm -f "$f"
done
[ -d "$LOS" ] && printf '%-24s %7.1fs\n' stop "$(echo "$(now) - $t0" | bc)" | tee -a "$TIMINGS"
exit 0
