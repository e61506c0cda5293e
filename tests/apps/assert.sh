# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
# Sourced by the tests/apps/*.sh cases (directly or through harness.sh).

# refute CMD...: CMD must fail. A bare `! CMD` never stops a `set -e` script, so a check
# written that way cannot fail.
refute() {
  if "$@"; then
    echo "FAIL: succeeded: $*"
    exit 1
  fi
}

# expect_rc RC CMD...: runs CMD (its output in $work/out), fails unless it exits with RC.
expect_rc() {
  local want=$1 rc=0
  shift
  "$@" >"$work/out" 2>&1 || rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "FAIL: '$*' exited $rc, expected $want"; cat "$work/out"; exit 1
  fi
}
