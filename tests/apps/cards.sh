# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash disable=SC2154  # sim, smdpp, n_sims, es9_connect: set by the case
# Sourced by the cases where software eUICCs download continuously while parts of the
# SM-DP+ fail (crash_test.sh, chaos_test.sh), after harness.sh: the cards (euicc-sim with
# their own EIDs and state; identities from ${card_pki:-var/pki}), their download loops
# over the orders in `codes` ("ICCID ACTIVATION-CODE" lines) against $es9_connect, the
# final retry of what the failures left Released, and the invariants checked afterwards.
# The case defines installation_duplicates (ICCIDs whose installation result is
# recorded more than once, from its database).

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
  "$sim" "$cmd" --pki "${card_pki:-var/pki}" --eid "${eids[$i]}" --state "var/sim$i" "$@"
}

download() {  # download SIM ICCID CODE: one attempt; on success marks done/ICCID
  if card "$1" download "$3" --connect "$es9_connect" >"var/sim$1.out" 2>&1; then
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
  dup=$(installation_duplicates)
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

downloaded() { find done -type f | wc -l; } # how many orders a card has installed

# stop_loops SECONDS PID...: lets the download loops finish what the failures interrupted
# (until every order in codes is downloaded, at most SECONDS), then stops them.
stop_loops() {
  local deadline=$((SECONDS + $1)) p
  shift
  while [ "$(downloaded)" -lt "$(wc -l <codes)" ] && [ "$SECONDS" -lt "$deadline" ]; do
    sleep 0.5
  done
  touch stop
  for p in "$@"; do wait "$p" || true; done
  echo "[${SECONDS}s] loops done: $(downloaded) of $(wc -l <codes) downloaded"
}

# After the session TTL no order is held: every card sends what it still owes, then
# retries its failed downloads; orders bound to none are retried by card 0.
retry_released() {
  local i iccid code line eid holder
  for ((i = 0; i < n_sims; i++)); do
    card "$i" notify --connect "$es9_connect" >>notify.out 2>&1 ||
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
}
