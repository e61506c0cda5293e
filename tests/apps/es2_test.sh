#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# es2_test.sh CASE SMDPP TESTDATA WORKDIR EUICC_SIM MNO_SIM: the README's ES2+ flow as an
# operator runs it: `smdpp serve` as a process, curl with the operator's client
# certificate, the software eUICC, and mno-sim as the operator's callback endpoint.
set -euo pipefail
case_name=$1 smdpp=$2 testdata=$3 work=$4 sim=$5 mno=$6
# shellcheck source=harness.sh
source "$(dirname "$0")/harness.sh"
# shellcheck source=operator.sh
source "$(dirname "$0")/operator.sh"

serve_args=(--listen 127.0.0.1:0 --es2-listen 127.0.0.1:0 --admin-listen off --housekeeping 0
  --outbox-poll-ms 100 --outbox-backoff 1 --outbox-lease 3)
start_serve() {  # start_serve [ARGS...]: sets serve_pid, es9_port, es2_port
  "$smdpp" serve "${serve_args[@]}" "$@" >serve.out 2>>serve.log &
  serve_pid=$!
  pids+=("$serve_pid")
  wait_for 10 grep -q 'ES2+ on' serve.out
  es9_port=$(sed -n 's|.*ES9+ on https://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.out)
  es2_port=$(sed -n 's|.*ES2+ on https://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.out)
}

# downloadOrder + confirmOrder (released), then the software eUICC downloads (ARGS: more
# euicc-sim options; its state in $sim_state, default var/sim); sets iccid.
order_and_download() {
  iccid=$(es2 downloadOrder '"profileType":"demo-gtp"' | field iccid)
  [ -n "$iccid" ] || { echo "FAIL: downloadOrder gave no ICCID"; exit 1; }
  es2 confirmOrder "\"iccid\":\"$iccid\",\"releaseFlag\":true" >confirm.json
  grep -q '"status":"Executed-Success"' confirm.json || { cat confirm.json; exit 1; }
  local mid
  mid=$(field matchingId <confirm.json)
  "$sim" download "1\$testsmdpplus1.example.com\$$mid" --connect "127.0.0.1:$es9_port" \
    --state "${sim_state:-var/sim}" "$@" >sim.out
  grep -q "^installed ICCID $iccid" sim.out || { cat sim.out; exit 1; }
}

# The notification points received for $iccid, deduplicated by functionCallIdentifier, in
# arrival order, e.g. "3 4".
points() {
  [ -f callbacks.jsonl ] || return 0
  grep "\"iccid\":\"$iccid\"" callbacks.jsonl | while read -r line; do
    local id=${line##*\"functionCallIdentifier\":\"}
    echo "${id%%\"*} $(sed -n 's/.*"notificationPointId":\([0-9]*\).*/\1/p' <<<"$line")"
  done | awk '!seen[$1]++ { printf "%s%s", sep, $2; sep = " " }'
}
points_are() { [ "$(points)" = "$1" ]; }
pending_attempted() { "$smdpp" outbox list --state pending | grep -q 'attempts=[1-9]'; }

case $case_name in
  es2_lifecycle_over_https_with_callbacks)
    setup_pki
    start_mno 0
    setup_operator "$mno_port"
    start_serve
    order_and_download
    wait_for 20 points_are "3 4"
    grep "\"iccid\":\"$iccid\"" callbacks.jsonl | grep '"notificationPointId":4' >point4.json
    grep -q '"resultData":"' point4.json
    grep -q '"profileType":"demo-gtp"' point4.json
    grep -q '"functionRequesterIdentifier":"testsmdpplus1.example.com"' point4.json
    grep -q '"status":"Executed-Success"' point4.json
    "$smdpp" outbox list --state delivered | grep -c handleDownloadProgressInfo | grep -qx 2
    # releaseProfile after a confirm without release; cancelOrder back to Available.
    second=$(es2 downloadOrder '"profileType":"demo-gtp"' | field iccid)
    es2 confirmOrder "\"iccid\":\"$second\",\"releaseFlag\":false" | grep -q Executed-Success
    es2 releaseProfile "\"iccid\":\"$second\"" | grep -q Executed-Success
    es2 releaseProfile "\"iccid\":\"$second\"" | grep -q '"reasonCode":"3.5","subjectCode":"8.2.1"'
    es2 cancelOrder "\"iccid\":\"$second\",\"finalProfileStatusIndicator\":\"Available\"" |
      grep -q Executed-Success
    "$smdpp" profile list >list.out
    grep -q "^$second  Available" list.out || { grep "$second" list.out; exit 1; }
    # Refusals carry the SGP.22 codes; a caller without a client certificate gets no TLS.
    es2 confirmOrder '"iccid":"89000000000000000000","releaseFlag":true' >refused.json
    grep -q '"reasonCode":"3.9","subjectCode":"8.2.1"' refused.json || { cat refused.json; exit 1; }
    refute curl -sS --cacert var/pki/nist/ci.pem --resolve "testsmdpplus1.example.com:$es2_port:127.0.0.1" \
      "https://testsmdpplus1.example.com:$es2_port/gsma/rsp2/es2plus/downloadOrder" -d '{}' 2>err
    kill -TERM "$serve_pid"
    wait "$serve_pid"
    ;;
  es2_sigkill_between_state_change_and_delivery)
    # The operator's endpoint is down while the eUICC downloads: the callbacks wait in the
    # outbox. The SM-DP+ is killed (SIGKILL) and restarted, the endpoint comes back: each
    # callback arrives, once per notification point after deduplication, in order.
    setup_pki
    start_mno 0
    port=$mno_port
    kill -TERM "$mno_pid" && wait "$mno_pid"
    setup_operator "$port"
    start_serve
    order_and_download
    wait_for 20 pending_attempted
    kill -9 "$serve_pid"
    wait "$serve_pid" 2>/dev/null || true
    [ ! -s callbacks.jsonl ]
    start_mno "$port"
    start_serve
    wait_for 30 points_are "3 4"
    wait_for 10 nothing_pending
    kill -TERM "$serve_pid"
    wait "$serve_pid"
    ;;
  es2_with_every_private_key_in_a_softhsm_token)
    # SK.DPauth, SK.DPpb and the TLS keys of both curves in a SoftHSM2 token, their files
    # deleted: downloads on both curves (the token signs for ES9+, the BPP and the TLS
    # handshakes) and the callbacks (the token signs for our TLS client certificate).
    eids=(89049032000000000000000000100170 89049032000000000000000000100267)  # two cards
    setup_pki --eid "${eids[0]}" --eid "${eids[1]}"
    start_mno 0
    setup_operator "$mno_port"
    "$scripts/hsm_token.sh" hsm var/pki >/dev/null
    for k in var/pki/*/dpauth.key.pem var/pki/*/dppb.key.pem var/pki/*/tls.key.pem; do
      refute test -e "$k"
    done
    # shellcheck source=/dev/null
    source hsm/env
    mapfile -t token_args <hsm/serve.args
    start_serve "${token_args[@]}"
    order_and_download --eid "${eids[0]}"
    wait_for 20 points_are "3 4"
    sim_state=var/sim-brp order_and_download --curve brp --eid "${eids[1]}"
    wait_for 20 points_are "3 4"
    kill -TERM "$serve_pid" && wait "$serve_pid"
    # A wrong PIN: a clear failure, even with a terminal to prompt on.
    (umask 077 && echo 000000 >wrong-pin)
    wrong_args=("${token_args[@]}")
    wrong_args[3]=$work/wrong-pin  # after --pkcs11-module M --pkcs11-pin-file
    expect_rc 1 timeout 20 script -qec "$(printf '%q ' "$smdpp" serve "${serve_args[@]}" \
      "${wrong_args[@]}")" /dev/null
    grep -q 'PIN incorrect' out || { cat out; exit 1; }
    refute grep -q "$(cat hsm/pin)" serve.log serve.out out
    ;;
  *)
    echo "unknown case $case_name"
    exit 2
    ;;
esac
echo "PASS $case_name"
