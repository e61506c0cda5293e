#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# scaleout_test.sh CASE SMDPP TESTDATA WORKDIR EUICC_SIM MNO_SIM CLUSTER_SH: horizontal
# scale-out on PostgreSQL, end to end: several `smdpp serve` processes with some roles
# each (--roles) share one database and one data directory (PKI, keys) on a private
# PostgreSQL cluster (tests/pg/cluster.sh, in a directory under /tmp), with the software eUICC
# spreading one download's ES9+ calls over two instances (euicc-sim --connect A
# --connect B) and mno-sim as the operator's callback endpoint; the outbox goes through a
# NATS JetStream server (--bus: a relay and two dispatchers). Also: one instance rides out
# a restart of its database.
set -euo pipefail
case_name=$1 smdpp=$2 testdata=$3 work=$4 sim=$5 mno=$6
cluster=$(cd "$(dirname "$7")" && pwd)/$(basename "$7") # the harness changes directory

# The private cluster, in a fresh directory under /tmp (named in WORKDIR/pgdir): wherever
# the build is (a 0700 home, a long path), the cluster's owner (as root: the user
# postgres) gets through to it and its socket path fits in a sockaddr_un. A cluster
# left behind by an earlier run that was killed (SIGKILL: no EXIT trap) is stopped first.
if [ -f "$work/pgdir" ]; then bash "$cluster" stop "$(cat "$work/pgdir")" --remove || true; fi
pgdir=$(mktemp -d /tmp/smdpp-scaleout.XXXXXX)
chmod 755 "$pgdir"

# shellcheck source=harness.sh
source "$(dirname "$0")/harness.sh"
# shellcheck source=operator.sh
source "$(dirname "$0")/operator.sh"
echo "$pgdir" >pgdir
# Also at exit: the cluster stopped and removed, after the servers are killed. A
# termination signal exits through the EXIT trap too (it would not run otherwise).
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  bash "$cluster" stop "$pgdir" --remove || true
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP
set -o errtrace # say which command failed, also inside functions
trap 'echo "FAIL: line $LINENO: $BASH_COMMAND" >&2' ERR

# PostgreSQL's client binaries, found as cluster.sh finds the server's.
pg_bin=${PG_BIN:-}
if [ -z "$pg_bin" ]; then
  if [ -x /usr/lib/postgresql/15/bin/psql ]; then
    pg_bin=/usr/lib/postgresql/15/bin
  else
    pg_bin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
fi

# Starts the cluster and creates the database smdp; sets url (exported as
# SMDPP_DATABASE: every smdpp command below reads it).
start_database() {
  bash "$cluster" start "$pgdir"
  # As root too: trust authentication, user smdpp, through the socket.
  "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 "$(cat "$pgdir/url")" -c 'CREATE DATABASE smdp'
  url=$(sed 's|/postgres?|/smdp?|' "$pgdir/url")
  export SMDPP_DATABASE=$url
}

declare -A pid es9 es2 admin # by instance name

# start_serve NAME ARGS...: `smdpp serve ARGS` on the shared database with an admin port,
# output in NAME.out / NAME.log; waits for its first line. Sets pid[NAME], es9[NAME],
# es2[NAME] (empty without that listener) and admin[NAME].
start_serve() {
  local name=$1
  shift
  "$smdpp" serve --database "$url" --admin-listen 127.0.0.1:0 "$@" >"$name.out" 2>>"$name.log" &
  pid[$name]=$!
  pids+=("$!")
  wait_for 10 grep -qs 'admin on port' "$name.out"
  es9[$name]=$(sed -n 's|.*ES9+ on https://127.0.0.1:\([0-9]*\)/.*|\1|p' "$name.out")
  es2[$name]=$(sed -n 's|.*ES2+ on https://127.0.0.1:\([0-9]*\)/.*|\1|p' "$name.out")
  admin[$name]=$(sed -n 's|.*admin on port \([0-9]*\).*|\1|p' "$name.out")
}

# downloadOrder + confirmOrder (released) over ES2+; sets iccid and matching_id.
order() {
  iccid=$(es2 downloadOrder '"profileType":"demo-gtp"' | field iccid)
  [ -n "$iccid" ] || { echo "FAIL: downloadOrder gave no ICCID"; exit 1; }
  es2 confirmOrder "\"iccid\":\"$iccid\",\"releaseFlag\":true" >confirm.json
  grep -q '"status":"Executed-Success"' confirm.json || { cat confirm.json; exit 1; }
  matching_id=$(field matchingId <confirm.json)
}

# download ICCID MATCHING_ID SIM-ARGS...: the software eUICC downloads; the profile is
# installed (sim.out: its output).
download() {
  local expected=$1 mid=$2
  shift 2
  timeout 60 "$sim" download "1\$testsmdpplus1.example.com\$$mid" --state var/sim "$@" >sim.out
  grep -q "^installed ICCID $expected" sim.out || { cat sim.out; exit 1; }
}

# The notification points received for ICCID $1, deduplicated by functionCallIdentifier,
# in arrival order, e.g. "3 4".
points() {
  [ -f callbacks.jsonl ] || return 0
  grep "\"iccid\":\"$1\"" callbacks.jsonl | while read -r line; do
    local id=${line##*\"functionCallIdentifier\":\"}
    echo "${id%%\"*} $(sed -n 's/.*"notificationPointId":\([0-9]*\).*/\1/p' <<<"$line")"
  done | awk '!seen[$1]++ { printf "%s%s", sep, $2; sep = " " }'
}
points_are() { [ "$(points "$1")" = "$2" ]; } # points_are ICCID "3 4"

admin_get() { # admin_get PORT PATH: the body; the HTTP status in $admin_status
  local out
  out=$(curl -sS --max-time 5 -w '\n%{http_code}' "http://127.0.0.1:$1$2") || out=$'\n000'
  admin_status=${out##*$'\n'}
  admin_body=${out%$'\n'*}
}
readyz_is() { # readyz_is PORT STATUS
  admin_get "$1" /readyz
  [ "$admin_status" = "$2" ]
}
# es9_calls PORT [FUNCTION]: the ES9+ calls (of that function) an instance served
# (smdp_es9_requests_total, summed over its labels).
es9_calls() {
  admin_get "$1" /metrics
  awk -v f="function=\"${2:-}\"" '/^smdp_es9_requests_total[{ ]/ && ($0 ~ f || f == "function=\"\"") {
    n += $NF
  } END { printf "%d\n", n }' <<<"$admin_body"
}
metric() { # metric PORT NAME [LABELS]: a metric summed over its series (with LABELS, e.g.
  # 'outcome="attempted"', over those that have them); 0 when absent
  admin_get "$1" /metrics
  awk -v name="$2" -v labels="${3:-}" 'index($1, name) == 1 &&
    (length($1) == length(name) || substr($1, length(name) + 1, 1) == "{") &&
    index($1, labels) { v += $NF } END { printf "%d\n", v }' <<<"$admin_body"
}

# A NATS server with JetStream on a free port, its storage in the cluster's directory;
# sets bus (its URL).
start_bus() {
  nats-server -js -sd "$pgdir/nats" -a 127.0.0.1 -p -1 -l "$pgdir/nats.log" &
  pids+=("$!")
  wait_for 10 grep -qs 'Listening for client connections' "$pgdir/nats.log"
  bus=nats://$(sed -n 's/.*Listening for client connections on \([0-9.:]*\).*/\1/p' \
    "$pgdir/nats.log" | head -1)
}

case $case_name in
  scaleout_two_es9_fronts_and_an_es2_instance_on_postgresql)
    start_database
    setup_pki
    # Before `smdpp db migrate`: serve refuses the database, and says what to run.
    rc=0
    timeout 20 "$smdpp" serve --database "$url" --listen 127.0.0.1:0 --es2-listen 127.0.0.1:0 \
      --admin-listen off >unmigrated.out 2>unmigrated.err || rc=$?
    if [ "$rc" -eq 0 ] || [ "$rc" -eq 124 ]; then
      echo "FAIL: serve exit $rc before migrate"
      exit 1
    fi
    grep -q 'smdpp db migrate' unmigrated.err || { cat unmigrated.err; exit 1; }
    refute "$smdpp" db status >/dev/null 2>&1
    "$smdpp" db migrate --database "$url" >migrate.out
    grep -q '^PostgreSQL database' migrate.out || { cat migrate.out; exit 1; }
    start_mno 0
    setup_operator "$mno_port"

    # The relay role needs a bus to relay to.
    rc=0
    "$smdpp" serve --roles relay --admin-listen off >relay.out 2>relay.err || rc=$?
    if [ "$rc" -ne 2 ] || ! grep -q 'relay role needs --bus' relay.err; then
      cat relay.err
      exit 1
    fi

    # A and B: ES9+ only. C: ES2+, housekeeping, the relay and a dispatcher; D: a second
    # dispatcher. One data directory; the outbox through the bus.
    start_bus
    start_serve a --roles es9 --listen 127.0.0.1:0
    start_serve b --roles es9 --listen 127.0.0.1:0
    start_serve c --roles es2,dispatcher,housekeeping,relay --es2-listen 127.0.0.1:0 \
      --bus "$bus" --outbox-backoff 1 --outbox-lease 3 --housekeeping 1
    start_serve d --roles dispatcher --bus "$bus" --outbox-backoff 1 --outbox-lease 3
    if [ -z "${es9[a]}" ] || [ -n "${es2[a]}" ] || [ -z "${es9[b]}" ] || [ -n "${es2[b]}" ] ||
      [ -n "${es9[c]}" ] || [ -z "${es2[c]}" ]; then
      cat a.out b.out c.out
      exit 1
    fi
    refute grep -q 'ES9+' c.out
    for name in a b c d; do wait_for 10 readyz_is "${admin[$name]}" 200; done
    es2_port=${es2[c]}

    # Each download's calls alternate: initiateAuthentication and getBoundProfilePackage
    # on A, authenticateClient and handleNotification on B.
    iccids=()
    for _ in 1 2 3; do
      order
      download "$iccid" "$matching_id" --connect "127.0.0.1:${es9[a]}" --connect "127.0.0.1:${es9[b]}"
      iccids+=("$iccid")
    done
    [ "$(printf '%s\n' "${iccids[@]}" | sort -u | wc -l)" -eq 3 ]
    # C's dispatcher delivers each download's notification points.
    for i in "${iccids[@]}"; do wait_for 20 points_are "$i" "3 4"; done
    wait_for 10 nothing_pending
    "$smdpp" outbox list --state delivered | grep -c handleDownloadProgressInfo | grep -qx 6
    # Through the bus: C relayed the six callbacks (and the orders' domain events), the
    # dispatchers C and D attempted them.
    [ "$(metric "${admin[c]}" smdp_bus_published_total 'stream="outbox"')" -eq 6 ]
    [ "$(metric "${admin[c]}" smdp_bus_published_total 'stream="events"')" -gt 0 ]
    attempted=$(($(metric "${admin[c]}" smdp_bus_consumed_total 'outcome="attempted"') +
      $(metric "${admin[d]}" smdp_bus_consumed_total 'outcome="attempted"')))
    echo "callbacks attempted by the dispatchers C and D together: $attempted"
    [ "$attempted" -eq 6 ]
    "$smdpp" profile list >list.out
    for i in "${iccids[@]}"; do
      grep -q "^$i  Installed" list.out || { grep "$i" list.out; exit 1; }
    done

    # Both fronts served ES9+ calls (two each per download), C none; each talked to
    # PostgreSQL.
    calls="$(es9_calls "${admin[a]}") $(es9_calls "${admin[b]}") $(es9_calls "${admin[c]}")"
    echo "ES9+ calls served by A, B, C: $calls"
    [ "$calls" = "6 6 0" ]
    # One session, two instances: A created it, B authenticated the eUICC in it, A bound
    # the package, B took the installation notification.
    for f in initiateAuthentication authenticateClient getBoundProfilePackage handleNotification; do
      calls="$(es9_calls "${admin[a]}" "$f") $(es9_calls "${admin[b]}" "$f")"
      case $f in
        initiateAuthentication | getBoundProfilePackage) [ "$calls" = "3 0" ] ;;
        *) [ "$calls" = "0 3" ] ;;
      esac || { echo "FAIL: $f calls on A, B: $calls"; exit 1; }
    done
    for name in a b c; do
      [ "$(metric "${admin[$name]}" smdp_db_round_trips_total)" -gt 0 ]
    done
    "$smdpp" db status --database "$url" >status.out
    # Every command honoured the PostgreSQL URL: no SQLite file appeared in the data dir.
    [ ! -e var/smdpp.db ] || { echo "FAIL: var/smdpp.db was created"; exit 1; }
    for p in "${pid[a]}" "${pid[b]}" "${pid[c]}" "${pid[d]}" "$mno_pid"; do kill -TERM "$p"; done
    for p in "${pid[a]}" "${pid[b]}" "${pid[c]}" "${pid[d]}" "$mno_pid"; do wait "$p"; done
    ;;
  scaleout_front_survives_a_database_restart)
    start_database
    "$smdpp" db migrate >/dev/null
    setup_pki
    setup_operator 9 # callbacks: no dispatcher runs here
    start_serve s --roles es9,es2 --listen 127.0.0.1:0 --es2-listen 127.0.0.1:0
    es2_port=${es2[s]}
    wait_for 10 readyz_is "${admin[s]}" 200
    order
    download "$iccid" "$matching_id" --connect "127.0.0.1:${es9[s]}" -v
    # A well-formed initiateAuthentication body (replayed below with curl).
    sed -n '/^> initiateAuthentication /{n;p;q}' sim.out >initiate.json
    grep -q '"euiccChallenge"' initiate.json || { cat sim.out; exit 1; }
    order # released before the database goes away; downloaded after it returns
    second=$iccid second_mid=$matching_id

    bash "$cluster" stop "$pgdir"
    stopped=$(date +%s%N)
    wait_for 5 readyz_is "${admin[s]}" 503
    echo "not ready $((($(date +%s%N) - stopped) / 1000000)) ms after the database stopped"
    grep -q '^not ready: ' <<<"$admin_body" || { echo "$admin_body"; exit 1; }
    refute grep -qi 'postgresql://' <<<"$admin_body" # the URL stays out of the answer
    readyz_is "${admin[s]}" 503
    admin_get "${admin[s]}" /healthz # alive all the same
    [ "$admin_status" = 200 ]
    # ES9+ with the store unavailable: HTTP 200 and an SGP.22 failure, within the
    # timeout. Observed: functionExecutionStatus {"status":"Failed","statusCodeData":
    # {"reasonCode":"4.2","subjectCode":"1.2",...}}, i.e. core::kExecutionError
    # (rsp_common.cc store_fault) from InitiateAuthentication's create_session.
    curl -sS --max-time 10 -w '\n%{http_code}\n' --cacert var/pki/nist/ci.pem \
      --resolve "testsmdpplus1.example.com:${es9[s]}:127.0.0.1" \
      -H 'Content-Type: application/json;charset=UTF-8' -H 'X-Admin-Protocol: gsma/rsp/v2.2.0' \
      "https://testsmdpplus1.example.com:${es9[s]}/gsma/rsp2/es9plus/initiateAuthentication" \
      -d @initiate.json >es9_down.out
    [ "$(tail -1 es9_down.out)" = 200 ] || { cat es9_down.out; exit 1; }
    grep -q '"status":"Failed"' es9_down.out || { cat es9_down.out; exit 1; }
    grep -q '"reasonCode":"4.2","subjectCode":"1.2"' es9_down.out || { cat es9_down.out; exit 1; }
    # The eUICC's download of the released order fails at its first call, the same way.
    rc=0
    timeout 30 "$sim" download "1\$testsmdpplus1.example.com\$$second_mid" --state var/sim \
      --connect "127.0.0.1:${es9[s]}" >sim_down.out 2>&1 || rc=$?
    [ "$rc" -eq 1 ] || { echo "FAIL: euicc-sim exit $rc"; cat sim_down.out; exit 1; }
    if ! grep -q '^failed at ES9+.InitiateAuthentication: .*\[subjectCode 1.2, reasonCode 4.2\]' \
      sim_down.out; then
      cat sim_down.out
      exit 1
    fi
    # ES2+ answers promptly too (curl fails otherwise): 503 with Retry-After, as the
    # operator cannot be identified without the database (a refusal, 403, would blame the
    # caller's certificate).
    es2_status=$(
      curl -sS --max-time 10 -o es2_down.out -w '%{http_code}' --cert var/mno/client.pem \
        --key var/mno/client.key.pem --cacert var/pki/nist/ci.pem \
        --resolve "testsmdpplus1.example.com:$es2_port:127.0.0.1" \
        -H 'Content-Type: application/json' -H 'X-Admin-Protocol: gsma/rsp/v2.5.0' \
        "https://testsmdpplus1.example.com:$es2_port/gsma/rsp2/es2plus/downloadOrder" \
        -d '{"header":{"functionRequesterIdentifier":"demo-mno","functionCallIdentifier":"down"},"profileType":"demo-gtp"}'
    )
    [ "$es2_status" = 503 ] || { echo "FAIL: ES2+ without the database: HTTP $es2_status"; exit 1; }
    refute grep -q 'Executed-Success' es2_down.out
    kill -0 "${pid[s]}" # still running

    # The database returns (same data): ready again by itself, and downloads work.
    bash "$cluster" start "$pgdir"
    started=$(date +%s%N)
    wait_for 10 readyz_is "${admin[s]}" 200
    echo "ready again $((($(date +%s%N) - started) / 1000000)) ms after the database started"
    download "$second" "$second_mid" --connect "127.0.0.1:${es9[s]}"
    order
    download "$iccid" "$matching_id" --connect "127.0.0.1:${es9[s]}"
    kill -TERM "${pid[s]}"
    wait "${pid[s]}"
    ;;
  *)
    echo "unknown case $case_name"
    exit 2
    ;;
esac
echo "PASS $case_name"
