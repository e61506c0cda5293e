#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Sets up, builds and runs every test: a normal build, clang-tidy over the sources,
# then the same suite under AddressSanitizer + UndefinedBehaviorSanitizer, then the
# tests labelled `concurrent` under ThreadSanitizer.
# `--fast` skips clang-tidy and the sanitizer builds.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
# stage NAME: prints the stage's name and the minutes spent so far, for CI's log.
stage() { printf '== %s (at %d:%02d)\n' "$1" $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)); }
stage setup
./scripts/setup.sh
./scripts/check_layout.sh

stage "build (RelWithDebInfo)"
./scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo
stage tests
(cd build && ctest --output-on-failure -j"$(nproc)")

if [ "${1:-}" != "--fast" ]; then
  # clang-tidy over what changed since the last commit whose whole tree passed it
  # (.ci/tidy-base; `scripts/tidy.sh build` checks everything: run it before moving the base).
  stage clang-tidy
  ./scripts/tidy.sh build --since "$(cat .ci/tidy-base)"
  # A unity build of the libraries and programs (tests stay one file per unit,
  # tests/CMakeLists.txt lists the sources that need their own): a third of the compile
  # time; ASan and UBSan instrument the same code either way. Without the asn1c oracle
  # (its cross-checks of our encodings ran in the normal build): a minute less. Without
  # the PostgreSQL, NATS and SoftHSM2 tests either (the same code runs its SQLite suite here). Debug
  # information as line tables only (-g1): all a sanitizer report's stack needs, and a
  # seventh less compile time.
  stage "build (Debug, ASan+UBSan)"
  ./scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
    -DSMDPP_SANITIZE=ON -DCMAKE_UNITY_BUILD=ON -DSMDPP_ASN1C_ORACLE=OFF -DSMDPP_PG_TESTS=OFF \
    -DSMDPP_NATS_TESTS=OFF -DSMDPP_HSM_TESTS=OFF
  stage "tests (ASan+UBSan)"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j"$(nproc)")

  # ThreadSanitizer over the tests labelled `concurrent` only (tests/CMakeLists.txt): just
  # their binaries (target concurrent_tests), as a unity build to keep the stage short.
  # setarch -R: without ASLR, as TSan's fixed memory layout can clash with a randomised
  # mmap base on newer kernels ("unexpected memory mapping"). Twice as many jobs as cores:
  # these tests mostly wait on sockets and the dispatcher's polling.
  stage "build (ThreadSanitizer, tests labelled concurrent)"
  [ -f build-tsan/build.ninja ] ||
    cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
      -DSMDPP_TSAN=ON -DCMAKE_UNITY_BUILD=ON
  cmake --build build-tsan --target concurrent_tests -j"$(nproc)"
  stage "tests (ThreadSanitizer)"
  (cd build-tsan && TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/../tests/tsan.supp" \
     setarch "$(uname -m)" -R ctest -L concurrent --output-on-failure -j"$((2 * $(nproc)))")
fi
stage done
