# SPDX-License-Identifier: Apache-2.0
# Sourced by the tests/apps/*.sh cases that run `smdpp serve` with the software eUICC and
# mno-sim (es2_test.sh, crash_test.sh), after they set `work` and `testdata` from their
# arguments: a fresh work directory as the current one, the TS.48 v7 template, the
# background processes (append their PIDs to `pids`) killed at exit, and polling.

scripts=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../scripts" && pwd)
# shellcheck source=assert.sh
source "$(dirname "${BASH_SOURCE[0]}")/assert.sh"
rm -rf "$work" && mkdir -p "$work" && cd "$work"
profile=$testdata/profiles/gsma-ts48-v7/TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der
pids=()
trap 'for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done' EXIT

wait_for() {  # wait_for SECONDS CMD...: polls CMD every 0.1 s until it succeeds
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "FAIL: timed out waiting for: $*"; return 1; }
    sleep 0.1
  done
}

nothing_pending() { [ -z "$("$smdpp" outbox list --state pending)" ]; }  # the outbox is empty
