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
