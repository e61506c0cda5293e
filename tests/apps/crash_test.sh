#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# crash_test.sh CASE SMDPP TESTDATA WORKDIR EUICC_SIM MNO_SIM: crash safety of `smdpp serve`.
# Several software eUICCs download continuously (one loop each, all competing for the same
# unbound orders) while the SM-DP+ is killed with SIGKILL at random moments and restarted
# on the same database and ports. Afterwards, with a short --session-ttl:
# - no profile is on two eUICCs, no eUICC holds an ICCID twice;
# - every order ends Installed (or Downloaded: the BPP was issued, SGP.22 §3.1.3.3, but
#   the crash ate the response; the eUICC never saw it), none stays held by a dead
#   session: after the TTL every failed download succeeds when retried;
# - the SM-DP+ records each installation exactly once, on the eUICC that holds it
#   (profiles.state/eid, one ProfileInstallationResult row per ICCID);
# - every notification still pending on a card is accepted after the restart, and the
#   operator (mno-sim) gets points 3 and 4 (SGP.22 §5.3.5 HandleDownloadProgressInfo)
#   with Executed-Success exactly once per ICCID, after deduplication by
#   functionCallIdentifier (the outbox delivers at least once).
set -euo pipefail
case_name=$1 smdpp=$2 testdata=$3 work=$4 sim=$5 mno=$6
# shellcheck source=harness.sh
source "$(dirname "$0")/harness.sh"

readonly n_sims=4 n_orders=${CRASH_TEST_ORDERS:-40} n_kills=5 session_ttl=4
es9_connect=  # 127.0.0.1:<port> once the server runs
# shellcheck source=cards.sh
source "$(dirname "$0")/cards.sh"
installation_duplicates() {
  sqlite3 var/smdpp.db "SELECT iccid, COUNT(*) FROM notifications WHERE iccid IS NOT NULL
    GROUP BY iccid HAVING COUNT(*) > 1"
}

setup() {
  local i
  for ((i = 0; i < n_sims; i++)); do eids+=("$(eid_for "$i")"); done
  "$smdpp" pki init --out var/pki --curves nist --eid "$(IFS=,; echo "${eids[*]}")" >/dev/null
  "$scripts/mno_certs.sh" var/mno >/dev/null
  "$mno" --listen 127.0.0.1:0 --cert var/mno/server.pem --key var/mno/server.key.pem \
    --client-ca var/pki/nist/ci.der --record callbacks.jsonl >mno.out 2>mno.log &
  pids+=("$!")
  wait_for 10 grep -q 'listening' mno.out
  local mno_port
  mno_port=$(sed -n 's|.*https://127.0.0.1:\([0-9]*\)$|\1|p' mno.out)
  "$smdpp" operator add --name demo-mno --client-cn es2.demo-mno.example \
    --client-ca var/mno/ca.pem --callback-url "https://localhost:$mno_port" \
    --callback-ca var/mno/ca.pem >/dev/null
  "$smdpp" keys init >/dev/null
  "$smdpp" template add --name gtp7 --package "$profile" >/dev/null
  "$smdpp" type add --name demo-gtp --template gtp7 --variables iccid,imsi,ki,opc,pin1,puk1 \
    --operator demo-mno >/dev/null
  "$scripts/gen_subscriptions.sh" "$n_orders" >subs.csv
  "$smdpp" inventory import --type demo-gtp --csv subs.csv --no-progress >/dev/null
  : >codes
  mkdir -p done
}

# Creates the orders one by one while the cards download and the server crashes (the
# command writes the same database); appends "ICCID ACTIVATION-CODE" lines to codes.
produce_orders() {
  local i out
  for ((i = 0; i < n_orders; i++)); do
    out=$("$smdpp" order add --type demo-gtp --no-qr)
    echo "$(sed -n 's/^ICCID \([0-9]*\) .*/\1/p' <<<"$out") $(sed -n 's/^activation code: //p' <<<"$out")" >>codes
    sleep 0.1
  done
}

healthy() { curl -sf --max-time 2 "http://127.0.0.1:$admin_port/healthz" >/dev/null; }

start_serve() {  # first start: ephemeral ports; restarts reuse them. Sets serve_pid.
  local listen=127.0.0.1:${es9_port:-0} es2=127.0.0.1:${es2_port:-0} admin=127.0.0.1:${admin_port:-0}
  : >serve.out
  "$smdpp" serve --listen "$listen" --es2-listen "$es2" --admin-listen "$admin" \
    --session-ttl "$session_ttl" --housekeeping 0 --outbox-poll-ms 100 --outbox-backoff 1 \
    --outbox-max-backoff 2 --outbox-lease 2 --log-level warn >serve.out 2>>serve.log &
  serve_pid=$!
  pids+=("$serve_pid")
  wait_for 60 grep -q 'admin on port' serve.out || { cat serve.out; tail serve.log; exit 1; }
  es9_port=$(sed -n 's|.*ES9+ on https://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.out)
  es2_port=$(sed -n 's|.*ES2+ on https://[^:]*:\([0-9]*\)/.*|\1|p' serve.out)
  admin_port=$(sed -n 's|.*admin on port \([0-9]*\).*|\1|p' serve.out)
  es9_connect=127.0.0.1:$es9_port
  wait_for 60 healthy
}

# Waits (up to 3 s) until some card is between AuthenticateClient and sending the
# installation notification: the window where a crash loses the most.
aimed_moment() {
  local deadline=$((SECONDS + 3))
  while [ "$SECONDS" -lt "$deadline" ]; do
    tail -qn1 var/sim*.out 2>/dev/null |
      grep -qE '^(authenticateClient|profile: ICCID|getBoundProfilePackage|bound profile|installed on)' && return
    sleep 0.02
  done
}


case $case_name in
  crash_sigkill_during_downloads_keeps_orders_consistent)
    setup
    echo "[${SECONDS}s] set up"
    start_serve
    produce_orders &
    producer=$!
    pids+=("$producer")
    for ((i = 0; i < n_sims; i++)); do
      sim_loop "$i" &
      pids+=("$!")
      loop_pids+=("$!")
    done
    for ((k = 1; k <= n_kills; k++)); do
      sleep "$((1 + RANDOM % 3)).$((RANDOM % 10))"
      if [ $((k % 2)) -eq 0 ]; then
        # Every other kill aims: frozen (SIGSTOP) while a card is mid-download, so the
        # requests in flight stay unanswered, then killed. The others fall anywhere.
        aimed_moment
        kill -STOP "$serve_pid"
        sleep 0.5
      fi
      kill -9 "$serve_pid"
      wait "$serve_pid" 2>/dev/null || true
      echo "[${SECONDS}s] kill $k: $(downloaded) of $n_orders downloaded"
      sleep "0.$((RANDOM % 10))"
      start_serve
    done
    wait "$producer"
    stop_loops 30 "${loop_pids[@]}"
    sleep "$((session_ttl + 1))"
    retry_released
    wait_for 30 nothing_pending || true
    echo "[${SECONDS}s] retried; checking"
    check_invariants
    kill -TERM "$serve_pid"
    wait "$serve_pid"
    if [ "$violations" -ne 0 ]; then
      echo "FAIL: $violations violation(s); work directory $work"
      exit 1
    fi
    ;;
  *)
    echo "unknown case $case_name"
    exit 2
    ;;
esac
echo "PASS $case_name"
