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

# ---- Module boundaries (README "Layout"). check_in PATHS MESSAGE PATTERN [SKIP]: like
# check, but only in the files whose path matches the extended regex PATHS (and not SKIP).
check_in() {
  local paths=$1 message=$2 pattern=$3 skip=${4:-'^$'} hits
  hits=$(files | grep -zE -e "$paths" | grep -zEv -e "$skip" |
    xargs -0 -r grep -nHIE -e "$pattern" -- || true)
  if [ -n "$hits" ]; then
    printf '%s\n' "$hits"
    echo "check_layout: $message" >&2
    failed=1
  fi
}
inc='^#include [<"]'
# Rule 2: core speaks its own language; the bindings, the front and the stores sit
# outside it, and so does JSON.
check_in '^src/core/' "src/core must not include a binding, the server, HTTP, the store or JSON" \
  "${inc}(es9|es2|json|server|http|bus|store)/|${inc}nlohmann/"
# Rule 3: the JSON edge knows core's vocabulary only, not the bindings built on it.
check_in '^src/json/' "src/json must not include es9/, es2/, bus/, server/, store/ or http/" \
  "${inc}(es9|es2|bus|server|store|http)/"
# Rule 4: the bindings and the dispatcher do not reach up into the front or sideways.
check_in '^src/(es9|es9_asn1|es2)/' \
  "src/es9, src/es9_asn1 and src/es2 must not include server/, bus/, store/ or http/" \
  "${inc}(server|bus|store|http)/"
check_in '^src/bus/' "src/bus must not include server/, es9/ or es2/" "${inc}(server|es9|es2)/"
check_in '^src/(der|base|crypto|asn1|pki|saip|binding)/' \
  "the inner modules must not include core, the bindings, the store or the front" \
  "${inc}(core|json|es9|es2|store|server|bus|http)/"
# Rule 5: a module's internal headers (named *_internal.h or *_impl.h, or opening with
# "Internal to src/<module>" / "Internal helpers") are included by that module and by
# tests only.
for header in $(files | tr '\0' '\n' | grep -E '^src/[a-z0-9_]+/[a-z0-9_]+\.h$'); do
  module=${header#src/}
  module=${module%%/*}
  case "$header" in
    *_internal.h | *_impl.h) ;;
    *) sed -n '2,3p' "$header" | grep -qE '^// Internal (to src/|helpers)' || continue ;;
  esac
  check_in '^(src|apps|tools|bench|fuzz)/' "${header} is internal to src/${module}" \
    "${inc}${header#src/}\"" "^src/${module}/"
done

exit "$failed"
