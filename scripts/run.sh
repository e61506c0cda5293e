#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Quick start, command 1: sets up, builds, and runs the SM-DP+ on embedded defaults.
# On first run it creates a demo SGP.22 test PKI (var/pki, both curves), a demo operator
# with its own CA and client certificate (var/mno), and registers demo profiles (TS.48
# test profiles from testdata/) in var/smdpp.db; then it serves ES9+ on
# https://127.0.0.1:8443, ES2+ on https://127.0.0.1:8444 and the admin port on
# http://127.0.0.1:8080 until Ctrl-C, after printing the commands that order a profile
# over ES2+, receive the operator's callbacks and download into the software eUICC.
# With --hsm (first argument), the SM-DP+ private keys move into a SoftHSM2 token in
# var/hsm (scripts/hsm_token.sh; once: from then on the server always uses the token).
# Extra arguments go to `smdpp serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
hsm=0
if [ "${1:-}" = --hsm ]; then hsm=1; shift; fi
./scripts/setup.sh
./scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo
smdpp=./build/apps/smdpp/smdpp
profiles=testdata/profiles/pysim-upp

[ -f var/pki/README ] || "$smdpp" pki init --out var/pki
[ -f var/pki/nist/ci.pem ] || openssl x509 -inform der -in var/pki/nist/ci.der -out var/pki/nist/ci.pem
./scripts/mno_certs.sh var/mno  # the demo operator's CA, ES2+ client and callback certificates
if [ ! -f var/smdpp.db ]; then
  for p in TS48V5-SAIP2-3-NOBERTLV-UNIQUE TS48V4-SAIP2-3-NOBERTLV-UNIQUE \
           TS48V3-SAIP2-3-NOBERTLV-UNIQUE TS48V2-SAIP2-3-NOBERTLV-UNIQUE; do
    "$smdpp" profile add --package "$profiles/$p.der" --no-qr --profile-name "$p" >/dev/null
  done
  "$smdpp" profile add --package "$profiles/TS48V5-SAIP2-3-BERTLV-SUCI-UNIQUE.der" --no-qr \
    --profile-name "TS48 v5 with confirmation code 1234" --confirmation-code 1234 >/dev/null
  # The operator flow: an operator, a template, its profile type, 1,000 subscriptions, two
  # orders. Its callbacks go to https://localhost:9443 (mno-sim, see below).
  "$smdpp" operator add --name demo-mno --client-cn es2.demo-mno.example \
    --client-ca var/mno/ca.pem --callback-url https://localhost:9443 --callback-ca var/mno/ca.pem
  "$smdpp" keys init >/dev/null
  "$smdpp" template add --name ts48v7 \
    --package testdata/profiles/gsma-ts48-v7/TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der
  "$smdpp" type add --name demo-gtp --template ts48v7 --variables iccid,imsi,ki,opc,pin1,puk1 \
    --service-provider "Demo MNO" --profile-name "Demo subscription" --low-stock 100 \
    --precompute 2 --operator demo-mno
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
echo "== Order over ES2+ as the operator demo-mno (README \"ES2+ for operators\"): =="
echo "  ./build/tools/mno-sim/mno-sim --listen 127.0.0.1:9443 --cert var/mno/server.pem \\"
echo "    --key var/mno/server.key.pem --client-ca var/pki/nist/ci.der --record var/callbacks.jsonl"
echo "  curl --cert var/mno/client.pem --key var/mno/client.key.pem --cacert var/pki/nist/ci.pem \\"
echo "    --resolve testsmdpplus1.example.com:8444:127.0.0.1 -H 'Content-Type: application/json' \\"
echo "    https://testsmdpplus1.example.com:8444/gsma/rsp2/es2plus/downloadOrder -d \\"
echo "    '{\"header\":{\"functionRequesterIdentifier\":\"demo-mno\",\"functionCallIdentifier\":\"1\"},\"profileType\":\"demo-gtp\"}'"
echo
token=()
if [ "$hsm" = 1 ] && [ ! -f var/hsm/serve.args ]; then ./scripts/hsm_token.sh var/hsm var/pki; fi
if [ -f var/hsm/serve.args ]; then
  echo "== The SM-DP+ private keys are in the SoftHSM2 token of var/hsm (README \"Security\") =="
  # shellcheck source=/dev/null
  source var/hsm/env
  mapfile -t token <var/hsm/serve.args
fi
exec "$smdpp" serve "${token[@]}" "$@"
