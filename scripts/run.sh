#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Sets up, builds and runs the main job on embedded defaults. Until the ES9+ server
# exists (next issue) the main job is the ES8+ demo: a fresh SGP.22 test PKI in ./var/pki,
# then a TS.48 test profile bound for a demo eUICC and installed by the software eUICC.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo
[ -f var/pki/README ] || ./build/apps/smdpp/smdpp pki init --out var/pki
exec ./build/apps/smdpp/smdpp demo --pki var/pki "$@"
