# shellcheck shell=bash
# apt helpers for the setup scripts (sourced, not run). A fresh VM is often still in
# unattended-upgrades or cloud-init's own apt run when these scripts start: they wait for the
# locks instead of failing at once.
# APT_LOCK_WAIT: seconds to wait for a lock (default 900); APT_LOCK_POLL: seconds between tries
# of `apt-get update` (default 5).

APT_LOCK_WAIT=${APT_LOCK_WAIT:-900}
APT_LOCK_POLL=${APT_LOCK_POLL:-5}

# apt-get waiting for dpkg's lock (install, remove, download): apt's own DPkg::Lock::Timeout.
apt_get() {
  apt-get -o DPkg::Lock::Timeout="$APT_LOCK_WAIT" "$@"
}

# `apt-get update [options]`. DPkg::Lock::Timeout does not cover the package lists' lock that
# update takes (apt 2.6 still fails at once, "Could not get lock .../lists/lock"), so it is tried
# again while that is the only error, until APT_LOCK_WAIT has passed.
apt_update() {
  local deadline=$((SECONDS + APT_LOCK_WAIT)) out rc said=
  while :; do
    out=$(LC_ALL=C apt-get -o DPkg::Lock::Timeout="$APT_LOCK_WAIT" "$@" update 2>&1) && rc=0 || rc=$?
    if [ "$rc" = 0 ]; then
      [ -z "$out" ] || printf '%s\n' "$out"
      return 0
    fi
    if ! grep -q '^E: Could not get lock' <<<"$out" || [ "$SECONDS" -ge "$deadline" ]; then
      printf '%s\n' "$out" >&2
      [ "$SECONDS" -ge "$deadline" ] && echo "apt: the package lists stayed locked for ${APT_LOCK_WAIT}s" >&2
      return "$rc"
    fi
    [ -n "$said" ] || { echo "apt: the package lists are locked by another apt; waiting up to ${APT_LOCK_WAIT}s" >&2; said=1; }
    sleep "$APT_LOCK_POLL"
  done
}

# Packages installed between policy_rc_block and policy_rc_restore start no service (the local
# OpenStack runs its own daemons): /usr/sbin/policy-rc.d answers 101 ("action forbidden").
# Left behind, it would silently stop every later package's service from starting, so it is
# removed on restore and on any exit (EXIT trap; INT and TERM exit through it). One that was
# already there (e.g. a container image's) is the machine's: kept as it is. One carrying our
# marker is a leftover of a run that was killed outright (SIGKILL): ours, so removed.
POLICY_RC_D=${POLICY_RC_D:-/usr/sbin/policy-rc.d}
POLICY_RC_MARK='# tempest-gate setup: no service starts while it installs packages'
_policy_rc_ours=

policy_rc_block() {
  if [ -e "$POLICY_RC_D" ] && ! grep -qxF "$POLICY_RC_MARK" "$POLICY_RC_D" 2>/dev/null; then
    return 0
  fi
  trap policy_rc_restore EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  _policy_rc_ours=1
  printf '#!/bin/sh\n%s\nexit 101\n' "$POLICY_RC_MARK" > "$POLICY_RC_D"
  chmod 755 "$POLICY_RC_D"
}

policy_rc_restore() {
  [ -n "$_policy_rc_ours" ] || return 0
  rm -f "$POLICY_RC_D"
  _policy_rc_ours=
  trap - EXIT INT TERM
}
