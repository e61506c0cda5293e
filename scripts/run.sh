#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Quick start, command 1: sets up, builds, and runs the SM-DP+ on embedded defaults.
# On first run it creates a demo SGP.22 test PKI (var/pki, both curves) and registers
# demo profiles (TS.48 test profiles from ../shared/testdata) in var/smdpp.db; then it
# serves ES9+ on https://127.0.0.1:8443 and the admin port on http://127.0.0.1:8080
# until Ctrl-C, after printing the command that downloads a profile into the software
# eUICC. Extra arguments go to `smdpp serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo
smdpp=./build/apps/smdpp/smdpp
profiles=../shared/testdata/profiles/pysim-upp

[ -f var/pki/README ] || "$smdpp" pki init --out var/pki
if [ ! -f var/smdpp.db ]; then
  for p in TS48V5-SAIP2-3-NOBERTLV-UNIQUE TS48V4-SAIP2-3-NOBERTLV-UNIQUE \
           TS48V3-SAIP2-3-NOBERTLV-UNIQUE TS48V2-SAIP2-3-NOBERTLV-UNIQUE; do
    "$smdpp" profile add --package "$profiles/$p.der" --no-qr --profile-name "$p" >/dev/null
  done
  "$smdpp" profile add --package "$profiles/TS48V5-SAIP2-3-BERTLV-SUCI-UNIQUE.der" --no-qr \
    --profile-name "TS48 v5 with confirmation code 1234" --confirmation-code 1234 >/dev/null
  # The operator flow: a template, a profile type, 1,000 subscriptions, two orders.
  "$smdpp" keys init >/dev/null
  "$smdpp" template add --name ts48v7 \
    --package ../shared/testdata/profiles/gsma-ts48-v7/TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der
  "$smdpp" type add --name demo-gtp --template ts48v7 --variables iccid,imsi,ki,opc,pin1,puk1 \
    --service-provider "Demo MNO" --profile-name "Demo subscription" --low-stock 100 \
    --precompute 2
  ./scripts/gen_subscriptions.sh 1000 > var/demo-subscriptions.csv
  "$smdpp" inventory import --type demo-gtp --csv var/demo-subscriptions.csv --no-progress
  for _ in 1 2; do "$smdpp" order add --type demo-gtp --no-qr >/dev/null; done
fi

echo
echo "== Demo profiles (smdpp profile list) =="
"$smdpp" profile list | grep -v "  Available  " || true
echo
echo "== Stock (smdpp inventory show) =="
"$smdpp" inventory show
ac=$("$smdpp" profile list | sed -n 's/^ *activation code: \(1\$[^$]*\$[^$]*\)$/\1/p' | head -1)
echo
echo "== Download one into the software eUICC, in another terminal: =="
if [ -n "$ac" ]; then
  echo "  ./build/tools/euicc-sim/euicc-sim download '$ac' --connect 127.0.0.1:8443"
else
  echo "  (no Released profile left: register one with ./build/apps/smdpp/smdpp profile add --package FILE)"
fi
echo "  (--curve brp for the brainpoolP256r1 eUICC; the \$\$1 codes need --confirmation-code 1234)"
echo
exec "$smdpp" serve "$@"
