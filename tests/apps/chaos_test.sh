#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# chaos_test.sh CLUSTER_SH BUILD_DIR WORKDIR TESTDATA: the local cluster (scripts/cluster.sh:
# PostgreSQL, NATS, two ES9+ fronts, an ES2+ front, a relay, two dispatchers, HAProxy)
# under continuous ES2+ orders and downloads through HAProxy, while it loses, one after
# the other: an ES9+ front (SIGKILL), a dispatcher (SIGKILL), the relay (SIGKILL), the
# NATS server (restart) and PostgreSQL (fast shutdown, restart); each comes back. A
# download in flight on a failing part fails cleanly and the card tries again.
# Afterwards the invariants of crash_test.sh hold (tests/apps/cards.sh): no ICCID on two
# cards; every order Installed on the card the database names (or Downloaded, held by
# none: the response was lost); one installation result per ICCID; points 3 and 4 at the
# operator once each after deduplication by functionCallIdentifier; nothing pending in
# the outbox, on the cards, or in the bus's outbox stream.
set -euo pipefail
cluster=$1 build=$2 work=$3 testdata=$4
smdpp=$build/apps/smdpp/smdpp sim=$build/tools/euicc-sim/euicc-sim
# shellcheck source=harness.sh
source "$(dirname "$0")/harness.sh"
# shellcheck source=cards.sh
source "$(dirname "$0")/cards.sh"

readonly n_sims=4 n_orders=${CHAOS_TEST_ORDERS:-45} session_ttl=4
for ((i = 0; i < n_sims; i++)); do eids+=("$(eid_for "$i")"); done

SMDPP_CLUSTER_DIR=$(mktemp -u /tmp/smdpp-chaos.XXXXXX)
export SMDPP_CLUSTER_DIR SMDPP_BUILD=$build SMDPP_CLUSTER_SUBSCRIPTIONS=$n_orders
export SMDPP_CLUSTER_PORT=$((26000 + RANDOM % 5000)) # cluster_test.sh takes 20000-25031
SMDPP_CLUSTER_EIDS=$(IFS=,; echo "${eids[*]}")
export SMDPP_CLUSTER_EIDS SMDPP_CLUSTER_SERVE_ARGS="--session-ttl $session_ttl --log-level warn"
trap 'for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; bash "$cluster" down' EXIT
bash "$cluster" up
cdir=$SMDPP_CLUSTER_DIR
card_pki=$cdir/var/pki
es9_connect=127.0.0.1:$SMDPP_CLUSTER_PORT
es2_port=$((SMDPP_CLUSTER_PORT + 1))
SMDPP_DATABASE=$(sed 's|/postgres?|/smdp?|' "$cdir/pg/url")
export SMDPP_DATABASE
ln -s "$cdir/callbacks.jsonl" callbacks.jsonl
psql=$(find /usr/lib/postgresql -name psql -type f | sort -V | tail -1)
installation_duplicates() {
  "$psql" -X -At "$SMDPP_DATABASE" -c "SELECT iccid, count(*) FROM notifications
    WHERE iccid IS NOT NULL GROUP BY iccid HAVING count(*) > 1"
}
: >codes
mkdir -p done var

es2() { # es2 FUNCTION JSON-FIELDS: through HAProxy as demo-mno; the response body
  curl -sS --max-time 20 --cert "$cdir/var/mno/client.pem" --key "$cdir/var/mno/client.key.pem" \
    --cacert "$cdir/var/pki/nist/ci.pem" --resolve "testsmdpplus1.example.com:$es2_port:127.0.0.1" \
    -H 'Content-Type: application/json' -H 'X-Admin-Protocol: gsma/rsp/v2.5.0' \
    "https://testsmdpplus1.example.com:$es2_port/gsma/rsp2/es2plus/$1" \
    -d "{\"header\":{\"functionRequesterIdentifier\":\"demo-mno\",\"functionCallIdentifier\":\"c-$RANDOM$RANDOM$RANDOM\"},$2}" ||
    true
}
field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

# Orders over ES2+, one by one, about one a second, each call retried while a part is
# down (for at most 90 s in all): appends "ICCID CODE" lines to codes. A downloadOrder
# whose answer was lost leaves an order no card sees (and one subscription fewer).
produce_orders() {
  local n=0 iccid matching_id deadline=$((SECONDS + 90))
  while [ "$n" -lt "$n_orders" ] && [ "$SECONDS" -lt "$deadline" ]; do
    iccid=$(es2 downloadOrder '"profileType":"demo-gtp"' | field iccid)
    [ -n "$iccid" ] || { sleep 0.3 && continue; }
    matching_id=
    while [ -z "$matching_id" ] && [ "$SECONDS" -lt "$deadline" ]; do
      matching_id=$(es2 confirmOrder "\"iccid\":\"$iccid\",\"releaseFlag\":true" | field matchingId)
      [ -n "$matching_id" ] || sleep 0.3
    done
    [ -n "$matching_id" ] || break
    echo "$iccid 1\$testsmdpplus1.example.com\$$matching_id" >>codes
    n=$((n + 1))
    sleep 0.8 # a steady trickle over the whole run: each event meets traffic
  done
}

# Messages left in the bus's outbox stream (from NATS's monitoring port).
bus_outbox_messages() {
  curl -sf --max-time 2 "http://127.0.0.1:$((SMDPP_CLUSTER_PORT + 32))/jsz?accounts=true&streams=true" |
    awk '/"name": "SMDP_OUTBOX"/ { f = 1 } f && /"messages":/ { gsub(/[^0-9]/, ""); print; exit }'
}
bus_outbox_empty() { [ "$(bus_outbox_messages)" = 0 ]; }

echo "[${SECONDS}s] cluster up"
produce_orders &
producer=$!
pids+=("$producer")
loop_pids=()
for ((i = 0; i < n_sims; i++)); do
  sim_loop "$i" &
  pids+=("$!")
  loop_pids+=("$!")
done
for event in "kill a" "kill d1" "kill r" "restart nats" "restart pg"; do
  sleep "$((3 + RANDOM % 2)).$((RANDOM % 10))"
  read -r action part <<<"$event"
  if [ "$action" = kill ]; then
    bash "$cluster" kill "$part"
    sleep 1
    bash "$cluster" start "$part"
  elif [ "$part" = pg ]; then
    bash "$cluster" kill pg # a fast shutdown
    sleep 1
    bash "$cluster" start pg
  else
    bash "$cluster" restart "$part"
  fi
  echo "[${SECONDS}s] $event: $(downloaded) downloaded, $(wc -l <codes) ordered"
done
wait "$producer"
stop_loops 60 "${loop_pids[@]}"
[ "$(wc -l <codes)" -ge $((n_orders * 2 / 3)) ] ||
  violation "only $(wc -l <codes) of $n_orders orders could be placed"
# The cards' loops did the work (the final retry below only settles what a failure left).
[ "$(downloaded)" -ge $(($(wc -l <codes) / 2)) ] ||
  violation "only $(downloaded) of $(wc -l <codes) downloads succeeded under chaos"
bash "$cluster" status || violation "a part did not come back"
sleep "$((session_ttl + 1))"
retry_released
wait_for 30 nothing_pending || true
wait_for 20 bus_outbox_empty || violation "bus outbox stream holds $(bus_outbox_messages) messages"
echo "[${SECONDS}s] retried; checking"
check_invariants
if [ "$violations" -ne 0 ]; then
  cp "$cdir"/*.log . 2>/dev/null || true
  echo "FAIL: $violations violation(s); work directory $work (with the cluster's logs)"
  exit 1
fi
echo "PASS chaos"
