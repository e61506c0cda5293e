#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Sets up, builds and runs every test: a normal build, then the same suite under
# AddressSanitizer + UndefinedBehaviorSanitizer. `--fast` skips the sanitizer build.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

./scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo
(cd build && ctest --output-on-failure -j"$(nproc)")

if [ "${1:-}" != "--fast" ]; then
  ./scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DSMDPP_SANITIZE=ON
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j"$(nproc)")
fi
