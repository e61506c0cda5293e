# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash disable=SC2154  # smdpp, scripts, mno, profile: set by the sourcing case
# Sourced after harness.sh by the cases that play the operator (es2_test.sh,
# scaleout_test.sh): our PKI and the operator's certificates, the operator with its
# profile type and subscriptions, mno-sim as its callback endpoint, and its ES2+ calls
# with curl (to $es2_port).

# Our PKI (ARGS: more `pki init` options), and the operator's certificates from its own
# CA (scripts/mno_certs.sh).
setup_pki() {
  "$smdpp" pki init --out var/pki "$@" >/dev/null
  openssl x509 -inform der -in var/pki/nist/ci.der -out var/pki/nist/ci.pem
  "$scripts/mno_certs.sh" var/mno
}

# The operator demo-mno, its profile type and 20 subscriptions; callbacks to
# https://localhost:$1.
setup_operator() {
  "$smdpp" operator add --name demo-mno --client-cn es2.demo-mno.example \
    --client-ca var/mno/ca.pem --callback-url "https://localhost:$1" --callback-ca var/mno/ca.pem
  "$smdpp" keys init >/dev/null
  "$smdpp" template add --name gtp7 --package "$profile" >/dev/null
  "$smdpp" type add --name demo-gtp --template gtp7 --variables iccid,imsi,ki,opc,pin1,puk1 \
    --operator demo-mno >/dev/null
  "$scripts/gen_subscriptions.sh" 20 >subs.csv
  "$smdpp" inventory import --type demo-gtp --csv subs.csv --no-progress >/dev/null
}

start_mno() {  # start_mno PORT: mno-sim recording to callbacks.jsonl; sets mno_port
  "$mno" --listen "127.0.0.1:$1" --cert var/mno/server.pem --key var/mno/server.key.pem \
    --client-ca var/pki/nist/ci.der --record callbacks.jsonl >mno.out 2>mno.log &
  mno_pid=$!
  pids+=("$mno_pid")
  wait_for 10 grep -qs 'listening' mno.out
  mno_port=$(sed -n 's|.*https://127.0.0.1:\([0-9]*\)$|\1|p' mno.out)
}

es2() {  # es2 FUNCTION JSON-FIELDS: the README's curl call; prints the response body
  local call_id=$(($(cat call_id 2>/dev/null || echo 0) + 1))  # (also in a subshell)
  echo "$call_id" >call_id
  curl -sS --max-time 20 --cert var/mno/client.pem --key var/mno/client.key.pem \
    --cacert var/pki/nist/ci.pem --resolve "testsmdpplus1.example.com:$es2_port:127.0.0.1" \
    -H 'Content-Type: application/json' -H 'X-Admin-Protocol: gsma/rsp/v2.5.0' \
    "https://testsmdpplus1.example.com:$es2_port/gsma/rsp2/es2plus/$1" \
    -d "{\"header\":{\"functionRequesterIdentifier\":\"demo-mno\",\"functionCallIdentifier\":\"t-$call_id\"},$2}"
}

field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

