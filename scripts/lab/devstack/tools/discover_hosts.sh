#!/usr/bin/env bash
# tools/discover_hosts.sh: as devstack's, run on the controller once the subnodes are stacked:
# maps every compute node that registered to a cell.
TOP_DIR=$(cd "$(dirname "$0")/.." && pwd)
DATA_DIR=${DATA_DIR:-/opt/stack/data}
[[ -r $TOP_DIR/.localrc.auto ]] && DATA_DIR=$(bash -c 'source "$1" >/dev/null 2>&1; echo "${DATA_DIR:-${DEST:-/opt/stack}/data}"' _ "$TOP_DIR/.localrc.auto")
exec "$DATA_DIR/venv/bin/nova-manage" cell_v2 discover_hosts --verbose
