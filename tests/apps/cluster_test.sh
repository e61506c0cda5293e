#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# cluster_test.sh CLUSTER_SH BUILD_DIR: scripts/cluster.sh end to end: up (PostgreSQL,
# NATS, six SM-DP+ instances, HAProxy, mno-sim), status, smoke (an ES2+ order and a
# download through HAProxy, the callbacks through the bus), down; in a fresh directory
# under /tmp, on ports no other test picks (20000-25031; chaos_test.sh takes 26000-31031;
# both below the ephemeral range).
set -euo pipefail
script=$1
export SMDPP_BUILD=$2
SMDPP_CLUSTER_DIR=$(mktemp -u /tmp/smdpp-cluster-test.XXXXXX)
export SMDPP_CLUSTER_DIR
export SMDPP_CLUSTER_PORT=$((20000 + RANDOM % 5000))
trap 'bash "$script" down' EXIT
bash "$script" up
bash "$script" status
bash "$script" smoke
# down, then nothing is left: no directory, no process.
bash "$script" down
trap - EXIT
[ ! -e "$SMDPP_CLUSTER_DIR" ] || { echo "FAIL: $SMDPP_CLUSTER_DIR left behind"; exit 1; }
if pgrep -f "$SMDPP_CLUSTER_DIR" >/dev/null; then
  pgrep -fa "$SMDPP_CLUSTER_DIR"
  echo "FAIL: processes left behind"
  exit 1
fi
