# Lab hosts of the local OpenStack (sourced by lib.sh, not run): servers booted from the lab
# image are real SSH hosts (scripts/lab/tglab, docs/local-openstack.md "Lab hosts").
# LOCAL_OPENSTACK_LAB=0: plain fake driver, no lab image (e.g. a local OpenStack inside a node).
#   lab_write            nova-lab.conf + the tglab package in pyext/ + the nova-compute wrapper
#   lab_args             extra nova-compute arguments (none without nova-lab.conf)
#   lab_restart_changed  stop nova-compute if its lab code or config changed (start.sh restarts it)
#   lab_image            the lab images `tg-lab` and `tg-lab-nossh` (no sshd) in Glance, once
#   lab_cleanup          remove every lab host, the NAT table and the bridge
LAB_SRC=$REPO/scripts/lab
# Not $LOS/lab itself: a lab host hides the state folder, and its neighbours there (devstack.git,
# debs) are what the nodes clone.
LAB_STATE=$LOS/lab/hosts
LAB_IMAGE=tg-lab
LAB_CONF=$ETC/nova/nova-lab.conf

lab_enabled() { [ "${LOCAL_OPENSTACK_LAB:-1}" = 1 ]; }

lab_write() {
  if ! lab_enabled; then rm -f "$LAB_CONF"; return 0; fi
  # a copy, so nova-compute never runs code from a work tree that goes away
  rm -rf "$LOS/pyext/tglab.new"; mkdir -p "$LOS/pyext"
  cp -r "$LAB_SRC/tglab" "$LOS/pyext/tglab.new" && rm -rf "$LOS/pyext/tglab.new/__pycache__" || return 1
  rm -rf "$LOS/pyext/tglab"; mv "$LOS/pyext/tglab.new" "$LOS/pyext/tglab"
  cat > "$LAB_CONF" <<EOT
# Written by scripts/local-openstack/lab.sh: nova-compute's driver makes lab hosts of lab images.
[DEFAULT]
compute_driver = tglab.nova_driver.LabDriver
[tglab]
state_dir = $LAB_STATE
EOT
  # Nova imports compute_driver from nova.virt only: make the package importable as nova.virt.tglab
  cat > "$LOS/bin/nova-compute" <<EOT
#!/usr/bin/python3
import sys
sys.path.insert(0, '$LOS/pyext')
import tglab
sys.modules['nova.virt.tglab'] = tglab
from nova.cmd.compute import main
sys.exit(main())
EOT
  chmod +x "$LOS/bin/nova-compute"
}

lab_args() { [ -f "$LAB_CONF" ] && echo "--config-file $LAB_CONF"; }

lab_sum() { { cat "$LAB_CONF" "$LOS/bin/nova-compute" 2>/dev/null; cat "$LOS"/pyext/tglab/*.py 2>/dev/null; } | md5sum | cut -c1-32; }

# setup.sh only (start.sh is called by every test file, from several work trees: it never restarts)
lab_restart_changed() {
  local now; now=$(lab_sum)
  [ -f "$RUN/lab.sum" ] && [ "$(cat "$RUN/lab.sum")" = "$now" ] && return 0
  if running nova-compute; then
    local pid st; read -r pid st < "$RUN/nova-compute.pid"
    echo "lab: nova-compute's driver or its config changed: restarting nova-compute"
    kill -TERM -- -"$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.2; done
    kill -KILL -- -"$pid" 2>/dev/null
    rm -f "$RUN/nova-compute.pid"
  fi
  echo "$now" > "$RUN/lab.sum"
}

lab_image() {
  lab_enabled || return 0
  get_token admin admin || return 1
  # tg-lab-nossh: the same host without sshd (tg_lab_sshd=false): port 22 refuses, the console
  # still shows the host keys (the gate's "SSH refused" case, test/lab/gate-e2e.test.ts)
  lab_image_one "$LAB_IMAGE" '' && lab_image_one "$LAB_IMAGE-nossh" ',"tg_lab_sshd":"false"'
}

lab_image_one() {
  local name=$1 props=$2
  local H=(-s -m 60 -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json') GL=http://$HOSTIP:$P_GLANCE/v2 img
  img=$(curl "${H[@]}" "$GL/images?name=$name" | jq -r '[.images[] | select(.status=="active")][0].id // empty')
  [ -n "$img" ] && { echo "lab image $name: $img"; return 0; }
  [ -f "$DATA/tiny.img" ] || head -c 1048576 /dev/zero > "$DATA/tiny.img"
  # tg_lab: the driver makes a lab host; tg_lab_user: cloud-init's default user (the Action's `ubuntu`)
  img=$(curl "${H[@]}" -d '{"name":"'"$name"'","disk_format":"raw","container_format":"bare","visibility":"public","tg_lab":"true","tg_lab_user":"ubuntu","os_distro":"ubuntu"'"$props"'}' "$GL/images" | jq -r .id)
  [ -n "$img" ] && [ "$img" != null ] || { echo "lab image $name: Glance did not make it"; return 1; }
  curl -s -m 60 -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/octet-stream' -X PUT --data-binary @"$DATA/tiny.img" \
    "$GL/images/$img/file" -o /dev/null -w "lab image $name upload %{http_code}\n"
}

lab_cleanup() {
  [ -x "$LAB_SRC/lab-host" ] && [ "$(id -u)" = 0 ] || return 0
  LOCAL_OPENSTACK_DIR=$LOS "$LAB_SRC/lab-host" cleanup
}
