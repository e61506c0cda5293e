#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# build.sh <build-dir> [cmake options...]: configure (once) and build with Ninja.
set -euo pipefail
dir=$1
shift
cd "$(dirname "$0")/.."
[ -f "$dir/build.ninja" ] || cmake -S . -B "$dir" -G Ninja "$@"
cmake --build "$dir" -j"$(nproc)"
