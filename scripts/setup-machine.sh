#!/usr/bin/env bash
# Install the Debian packages the tests use as real parts and oracles, then start the local
# OpenStack the provisioning tests talk to (run as root, or with sudo). Re-runnable: installs and
# starts only what is missing. --no-cloud skips the local OpenStack.
set -euo pipefail

packages=(
  # Oracles for the result engine: python-subunit, testtools, junitxml, stestr.
  python3-subunit subunit python3-testtools python3-junitxml python3-stestr
  # Oracles and real parts for provisioning: openstacksdk (credential resolution), cloud-init (user-data schema).
  python3-openstacksdk cloud-init
  # JUnit XML from another tool (pytest --junitxml) for the JUnit reader's tests.
  python3-pytest
  # The HTML report is checked in a real headless browser (driven by playwright-core).
  chromium
  # Runner (issue 7): real sshd in the test namespaces, real Tempest, ip netns, GNU tail/tar/gzip.
  openssh-server openssh-client tempest iproute2 coreutils tar gzip
  # Baselines (issue 4): promoted to a branch of a real git repository with the git CLI.
  git
  # The Zuul job, run by ansible-playbook as an emulated executor (synchronize needs rsync), and linted.
  ansible ansible-lint yamllint rsync
  # Lab hosts (servers of the local cloud's lab image are real SSH hosts): floating IPs NATed by nft; sudo for user-data.
  nftables sudo
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-machine: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Waits for the apt and dpkg locks: a fresh VM may still be in unattended-upgrades.
  # shellcheck source=apt.sh
  source "$(dirname "$0")/apt.sh"
  apt_update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup-machine: Debian packages ready"

if [ "${1:-}" != "--no-cloud" ]; then
  # Keystone, Placement, Glance, Neutron and Nova (fake virt driver) on 127.0.0.1: docs/local-openstack.md.
  bash "$(dirname "$0")/local-openstack/start.sh"
fi
