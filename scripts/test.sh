#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Sets up, builds and runs every test: a normal build, clang-tidy over the sources,
# then the same suite under AddressSanitizer + UndefinedBehaviorSanitizer.
# `--fast` skips clang-tidy and the sanitizer build.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

./scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo
(cd build && ctest --output-on-failure -j"$(nproc)")

if [ "${1:-}" != "--fast" ]; then
  echo "== clang-tidy"
  ./scripts/tidy.sh build
  ./scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DSMDPP_SANITIZE=ON
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j"$(nproc)")
fi
