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
violations=0
violation() { echo "VIOLATION: $*"; violations=$((violations + 1)); }

eid_for() {  # eid_for N: 89049032 + 22 digits + the check digits (mod 97 = 1, SGP.29)
  local body digits r=0 i
  body=$(printf '89049032%022d' "$((1000 + $1))")
  digits=${body}00
  for ((i = 0; i < 32; i++)); do r=$(((r * 10 + ${digits:i:1}) % 97)); done
  printf '%s%02d' "$body" "$((98 - r))"
}

eids=()
card() {  # card SIM COMMAND ARGS...: euicc-sim COMMAND as card SIM (its EID, its state)
  local i=$1 cmd=$2
  shift 2
  "$sim" "$cmd" --pki var/pki --eid "${eids[$i]}" --state "var/sim$i" "$@"
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
  wait_for 60 healthy
}

download() {  # download SIM ICCID CODE: one attempt; on success marks done/ICCID
  if card "$1" download "$3" --connect "127.0.0.1:$es9_port" >"var/sim$1.out" 2>&1; then
    echo "$2" >>"var/sim$1.installed"
    touch "done/$2"
    return 0
  fi
  cat "var/sim$1.out" >>"var/sim$1.failures"
  return 1
}

sim_loop() {  # sim_loop SIM: rounds over the open orders, in its own random order, until stop
  local iccid code
  while [ ! -e stop ]; do
    while read -r iccid code; do
      [ -e stop ] && return 0
      [ -e "done/$iccid" ] && continue
      [ -e "var/sim$1.refused.$iccid" ] && continue
      download "$1" "$iccid" "$code" && continue
      # The SM-DP+ refused (the order is bound to another eUICC, SGP.22 8.1.1/3.8 or
      # 8.2/3.7 while its session lives): leave it; the final retry settles it.
      grep -q 'subjectCode' "var/sim$1.out" && touch "var/sim$1.refused.$iccid"
      sleep 0.$((RANDOM % 3))
    done < <(shuf codes)
    sleep 0.2
  done
}

sim_profiles() {  # sim_profiles SIM: the ICCIDs installed on the card, one a line
  card "$1" list | sed -n 's/^  ICCID \([0-9]*\).*/\1/p'
}
sim_pending() { card "$1" list | sed -n 's/^pending notifications: //p'; }
sim_eid() { echo "${eids[$1]}"; }
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


# "ICCID POINT" once per distinct functionCallIdentifier of an Executed-Success callback.
success_callbacks() {
  [ -f callbacks.jsonl ] || return 0
  grep '"status":"Executed-Success"' callbacks.jsonl |
    sed -n 's/.*"functionCallIdentifier":"\([^"]*\)".*"iccid":"\([0-9]*\)","notificationPointId":\([0-9]*\).*/\1 \2 \3/p' |
    sort -u | cut -d' ' -f2,3
}

check_invariants() {
  local i iccid state eid holder
  # 1. No ICCID on two cards, none twice on one card.
  for ((i = 0; i < n_sims; i++)); do sim_profiles "$i" | sed "s/\$/ $i/"; done >installed.all
  for iccid in $(cut -d' ' -f1 installed.all | sort | uniq -d); do
    violation "ICCID $iccid installed more than once: $(grep "^$iccid " installed.all | tr '\n' ' ')"
  done
  # 2./3. Every order Installed on the card that holds it (or Downloaded, held by none).
  declare -A states bound_eid holders
  "$smdpp" profile list >profiles.out
  while read -r iccid state eid _; do
    states[$iccid]=$state bound_eid[$iccid]=${eid#eid=}
  done <profiles.out
  while read -r iccid i; do holders[$iccid]=$i; done <installed.all
  local installed_rows=0
  while read -r iccid _; do
    state=${states[$iccid]:-missing} eid=${bound_eid[$iccid]:--} holder=${holders[$iccid]:-}
    case $state in
      Installed)
        installed_rows=$((installed_rows + 1))
        if [ -z "$holder" ]; then
          violation "ICCID $iccid Installed at the SM-DP+ (eid $eid) but on no card"
        elif [ "$eid" != "${eids[$holder]}" ]; then
          violation "ICCID $iccid Installed for eid $eid but on card $holder (${eids[$holder]})"
        fi
        ;;
      Downloaded)
        if [ -n "$holder" ]; then
          violation "ICCID $iccid on card $holder but Downloaded (installation not recorded)"
        else
          echo "note: ICCID $iccid Downloaded: its BPP was issued, the crash lost the response"
        fi
        ;;
      *) violation "ICCID $iccid ends in state '$state' (eid $eid)" ;;
    esac
  done <codes
  [ "$installed_rows" -eq "$(wc -l <installed.all)" ] ||
    violation "$installed_rows profiles Installed at the SM-DP+, $(wc -l <installed.all) on cards"
  # Each ProfileInstallationResult recorded once (a card's seqNumber is unique per EID).
  local dup
  dup=$(sqlite3 var/smdpp.db "SELECT iccid, COUNT(*) FROM notifications WHERE iccid IS NOT NULL
        GROUP BY iccid HAVING COUNT(*) > 1")
  [ -z "$dup" ] || violation "installation results recorded twice: $dup"
  # 4. Nothing pending anywhere; the operator's callbacks once per point.
  for ((i = 0; i < n_sims; i++)); do
    [ "$(sim_pending "$i")" = 0 ] || violation "card $i still has pending notifications"
  done
  nothing_pending || violation "outbox still pending: $("$smdpp" outbox list --state pending)"
  declare -A count
  while read -r iccid p; do count[$iccid.$p]=$((${count[$iccid.$p]:-0} + 1)); done \
    < <(success_callbacks)
  for iccid in "${!states[@]}"; do
    [ "${states[$iccid]}" = Installed ] || continue
    for p in 3 4; do
      [ "${count[$iccid.$p]:-0}" -eq 1 ] ||
        violation "ICCID $iccid: ${count[$iccid.$p]:-0} distinct point-$p callbacks (want 1)"
    done
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
      echo "[${SECONDS}s] kill $k: $(ls done | wc -l) of $n_orders downloaded"
      sleep "0.$((RANDOM % 10))"
      start_serve
    done
    wait "$producer"
    # Let the loops finish what the crashes interrupted (bounded), then stop them.
    deadline=$((SECONDS + 30))
    while [ "$(ls done | wc -l)" -lt "$n_orders" ] && [ "$SECONDS" -lt "$deadline" ]; do
      sleep 0.5
    done
    touch stop
    for p in "${loop_pids[@]}"; do wait "$p" || true; done
    echo "[${SECONDS}s] loops done: $(ls done | wc -l) of $n_orders downloaded"
    # After the session TTL no order is held: every card sends what it still owes, then
    # retries its failed downloads; orders bound to none are retried by card 0.
    sleep "$((session_ttl + 1))"
    for ((i = 0; i < n_sims; i++)); do
      card "$i" notify --connect "127.0.0.1:$es9_port" >>notify.out 2>&1 ||
        violation "card $i: notify failed: $(tail -3 notify.out)"
    done
    "$smdpp" profile list >profiles.out
    while read -r iccid code; do
      line=$(grep "^$iccid " profiles.out)
      [[ $line == *"  Released  "* ]] || continue
      eid=$(sed -n 's/.* eid=\([0-9-]*\).*/\1/p' <<<"$line")
      holder=0
      for ((i = 0; i < n_sims; i++)); do [ "$(sim_eid "$i")" = "$eid" ] && holder=$i; done
      if download "$holder" "$iccid" "$code"; then
        echo "retried ICCID $iccid on card $holder: installed"
      else
        violation "retrying ICCID $iccid (eid $eid) on card $holder failed: $(tail -2 "var/sim$holder.out")"
      fi
    done <codes
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
