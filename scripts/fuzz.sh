#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# fuzz.sh [TARGET [SECONDS]]: builds the libFuzzer targets of fuzz/ with clang 16
# (ASan + UBSan, -DSMDPP_FUZZ=ON) and runs TARGET (der, es9, es2, saip, pki; default:
# all, one after the other) for SECONDS each (default 600) on a copy of its committed
# corpus fuzz/corpus/TARGET, then merges back into that corpus a minimised set of its
# inputs and the new ones (named seeds kept). Crashes are left in $BUILD_DIR/run/TARGET/artifacts/ and stop the
# script with a non-zero status. See FUZZING.md.
# Environment: BUILD_DIR (default <repo>/build-fuzz), JOBS (build parallelism, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
build=${BUILD_DIR:-$repo/build-fuzz}
all_targets=(der es9 es9_asn1 es2 saip pki)
target=${1:-all}
seconds=${2:-600}
if [ "$target" = all ]; then
  targets=("${all_targets[@]}")
elif [[ " ${all_targets[*]} " == *" $target "* ]]; then
  targets=("$target")
else
  echo "fuzz.sh: unknown target '$target' (one of: ${all_targets[*]}, all)" >&2
  exit 2
fi

# clang 16 and its runtimes (libFuzzer, ASan, UBSan), with the project's packages.
"$repo/scripts/setup.sh" clang-16 libclang-rt-16-dev

if [ ! -f "$build/build.ninja" ]; then
  CC=clang-16 CXX=clang++-16 cmake -G Ninja -S "$repo" -B "$build" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSMDPP_FUZZ=ON -DSMDPP_BUILD_APPS=OFF -DBUILD_TESTING=OFF
fi
cmake --build "$build" -j "${JOBS:-2}" --target "${targets[@]/%/_fuzz}"

# Longest input each target is given: a few certificates, a JSON body with a BF38
# inside, a profile package.
max_len() {
  case $1 in
    der | pki) echo 4096 ;;
    es2) echo 2048 ;;
    es9) echo 8192 ;;
    saip) echo 16384 ;;
  esac
}

status=0
for t in "${targets[@]}"; do
  work=$build/run/$t
  corpus=$repo/fuzz/corpus/$t
  rm -rf "$work/corpus"
  mkdir -p "$work/artifacts"
  cp -r "$corpus" "$work/corpus"
  before=$(find "$corpus" -type f | wc -l)
  echo "fuzz.sh: $t for ${seconds}s, corpus $before files, log $work/fuzz.log"
  if ! "$build/fuzz/${t}_fuzz" -max_total_time="$seconds" -max_len="$(max_len "$t")" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
    "$work/corpus" > "$work/fuzz.log" 2>&1; then
    echo "fuzz.sh: $t FAILED, see $work/fuzz.log and $work/artifacts/" >&2
    status=1
  fi
  grep -E "DONE|stat::" "$work/fuzz.log" || true
  # Minimised merge back: the named seeds stay; of the rest (the committed inputs and
  # this run's), a set covering every edge (-use_counters=0 keeps it small: ~300 files).
  merged=$work/merged
  rm -rf "$merged" && mkdir -p "$merged"
  find "$corpus" -type f -regextype posix-extended ! -regex '.*/[0-9a-f]{40}' -exec cp {} "$merged/" \;
  if "$build/fuzz/${t}_fuzz" -set_cover_merge=1 -use_counters=0 -max_len="$(max_len "$t")" \
    -timeout=10 -rss_limit_mb=2048 "$merged" "$corpus" "$work/corpus" > "$work/merge.log" 2>&1; then
    rm -rf "$corpus" && cp -r "$merged" "$corpus"
  else
    echo "fuzz.sh: $t merge FAILED, see $work/merge.log" >&2
    status=1
  fi
  echo "fuzz.sh: $t corpus $before -> $(find "$corpus" -type f | wc -l) files"
done
exit $status
