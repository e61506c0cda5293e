#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Guards the repository layout against regressions:
#   rule 1: the repository is self-contained for its data. No file may refer to the folder
#           `shared` beside the checkout (parent dir + /shared), which used to hold the test
#           data, the ASN.1 modules and SGP22-CODES.md: they live in testdata/ and docs/ now,
#           and a clone alone must build, test and run the demo.
#   further rules: see extra_rules below.
#
# Checks every tracked file and every untracked file git does not ignore, as they are in
# the working tree (binary files are skipped). Prints each offence as file:line:text, then
# what the rule asks for on stderr, and exits 1; exits 0 when every rule holds.
#
# Usage: scripts/check_layout.sh   (from anywhere inside a git checkout; no arguments)
set -euo pipefail
top=$(git -C "$(dirname "$0")" rev-parse --show-toplevel 2>/dev/null) ||
  { echo "check_layout: not inside a git checkout" >&2; exit 2; }
cd "$top"

failed=0

# The files to check, NUL-separated: tracked (still present) and untracked-not-ignored.
files() {
  git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do
      [ -f "$f" ] && printf '%s\0' "$f"
    done
}

# check MESSAGE PATTERN [SKIP]: every line matching the extended regex PATTERN is an
# offence, in every file whose path does not match the extended regex SKIP. This script
# is not skipped: build each PATTERN so that its own text here does not match it.
check() {
  local message=$1 pattern=$2 skip=${3:-'^$'} hits
  hits=$(files | grep -zEv -e "$skip" | xargs -0 -r grep -nHIE -e "$pattern" -- || true)
  if [ -n "$hits" ]; then
    printf '%s\n' "$hits"
    echo "check_layout: $message" >&2
    failed=1
  fi
}

# ---- Rule 1: no reference to the shared folder beside the checkout. The pattern is
# assembled from pieces, so this file's text never contains it.
dotdot='\.\.'
check "refers to the folder beside the checkout: use testdata/ (test data, ASN.1) or docs/" \
  "${dotdot}/shared"

# ---- Further rules ---------------------------------------------------------------------
# To be added by the src/core refactoring (what src/core may include, names that moved, ...):
# one `check "what to do instead" 'extended regex' ['paths to skip, extended regex']` line
# each, with the pattern assembled so that this file does not match it.
extra_rules() {
  : # rules for src/core go here
}
extra_rules

exit "$failed"
