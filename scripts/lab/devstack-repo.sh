#!/usr/bin/env bash
# Make the lab's devstack: a bare git repository that the nodes clone exactly as they would clone
# opendev's devstack (the gate's `devstack-repo` input / `provision --devstack-repo`). It holds
# the stand-in (scripts/lab/devstack: stack.sh, unstack.sh, the local.conf reader), a copy of the
# project's local OpenStack scripts (lib/local-openstack, lib/apt.sh) and the three *-common
# Debian packages whose paste files those scripts need (files/debs), for nodes with no mirror.
# Re-runnable: the same sources make the same commit on branch master. docs/lab-devstack.md.
#
# Usage: scripts/lab/devstack-repo.sh [BARE_REPO]    (default: .local-openstack/lab/devstack.git;
# /var/tmp/tempest-gate-lab-<hash>/devstack.git for a checkout under /tmp)
# Prints the repository's path on its last line. The .debs are taken from $LAB_DEVSTACK_DEBS
# (default .local-openstack/lab/debs), else from the local OpenStack's state
# ($LOCAL_OPENSTACK_DIR/data/debs), else downloaded with apt-get into the former.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# A lab host has a /tmp of its own: a checkout under /tmp (a CI clone) keeps the repository the
# nodes clone outside it, in a folder named after the checkout.
DEFAULT_OUT=$REPO/.local-openstack/lab/devstack.git
case "$REPO" in
  /tmp | /tmp/*) DEFAULT_OUT=/var/tmp/tempest-gate-lab-$(printf %s "$REPO" | sha256sum | cut -c1-12)/devstack.git ;;
esac
OUT=${1:-$DEFAULT_OUT}
DEBS=${LAB_DEVSTACK_DEBS:-$REPO/.local-openstack/lab/debs}
LOS_DEBS=${LOCAL_OPENSTACK_DIR:-$REPO/.local-openstack}/data/debs
PACKAGES="nova-common glance-common neutron-common"
umask 022

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tree=$work/tree
mkdir -p "$tree/lib/local-openstack" "$tree/files/debs"
cp -a "$HERE/devstack/." "$tree/"
cp "$REPO"/scripts/local-openstack/*.sh "$tree/lib/local-openstack/"
cp "$REPO/scripts/apt.sh" "$tree/lib/apt.sh"
printf 'local.conf\n.localrc.auto\n' > "$tree/.gitignore"

for p in $PACKAGES; do
  deb=""
  for dir in "$DEBS" "$LOS_DEBS"; do
    found=$(compgen -G "$dir/${p}_*.deb" | sort | tail -1 || true)
    [ -n "$found" ] && { deb=$found; break; }
  done
  if [ -z "$deb" ]; then
    mkdir -p "$DEBS"
    (cd "$DEBS" && apt-get download "$p" > /dev/null) || { echo "devstack-repo: could not download $p (no mirror?): put its .deb in $DEBS" >&2; exit 1; }
    deb=$(compgen -G "$DEBS/${p}_*.deb" | sort | tail -1)
  fi
  cp "$deb" "$tree/files/debs/"
done

# one commit of the tree, with a fixed author and date: the same sources give the same commit
export GIT_AUTHOR_NAME="tempest-gate lab" GIT_AUTHOR_EMAIL="lab@tempest-gate.invalid"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"
git -C "$tree" init -q -b master
git -C "$tree" add -A
git -C "$tree" commit -q -m "tempest-gate's lab stand-in for devstack (not devstack: docs/lab-devstack.md in tempest-gate)"

if [ ! -d "$OUT" ]; then
  mkdir -p "$(dirname "$OUT")"
  git init -q --bare -b master "$OUT"
fi
git -C "$tree" push -q -f "$OUT" master:master
# The nodes clone as devstack's stack user, and git refuses a repository owned by someone else
# ("detected dubious ownership") unless it is a safe.directory of the cloning user or the system.
# (LAB_DEVSTACK_SAFE_DIRECTORY=0 skips it: the tests clone as root, the owner.)
if [ "${LAB_DEVSTACK_SAFE_DIRECTORY:-1}" != 0 ] && ! git config --system --get-all safe.directory 2> /dev/null | grep -qxF "$OUT"; then
  if [ -w /etc/gitconfig ] || [ ! -e /etc/gitconfig -a -w /etc ]; then
    git config --system --add safe.directory "$OUT"
  else
    echo "devstack-repo: not root, so $OUT is not a system safe.directory: clones by another user will be refused" >&2
  fi
fi
echo "devstack-repo: $(git -C "$OUT" rev-parse --short master) on master" >&2
echo "$OUT"
