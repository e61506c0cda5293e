#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# cluster.sh up|down|status|smoke: a multi-node SM-DP+ on this machine (README "Running
# several instances"), in $SMDPP_CLUSTER_DIR (default /tmp/smdpp-cluster), from the build
# in $SMDPP_BUILD (default ./build; run scripts/build.sh first):
#   PostgreSQL (tests/pg/cluster.sh, as an unprivileged user, Unix socket only),
#   NATS with JetStream, two ES9+ fronts (a, b), one ES2+ front (e), one relay (r), two
#   dispatchers that also run housekeeping (d1, d2), HAProxy in TCP mode in front of the
#   ES9+ and ES2+ fronts (send-proxy-v2; TLS ends in smdpp, so ES2+ mutual TLS works),
#   and mno-sim as the operator's callback endpoint.
# Ports from $SMDPP_CLUSTER_PORT (default 18400): +0 ES9+ and +1 ES2+ through HAProxy,
# +10.. the instances' listeners, +20.. their admin ports, +30 NATS (+32 its monitoring
# port: /jsz), +31 mno-sim.
# `up` sets everything up on a fresh directory (our PKI, the operator demo-mno with its
# type demo-gtp and $SMDPP_CLUSTER_SUBSCRIPTIONS subscriptions, default 50; eUICC
# identities for the EIDs in $SMDPP_CLUSTER_EIDS, comma-separated, besides pki init's
# own; $SMDPP_CLUSTER_SERVE_ARGS added to every instance) and waits until every instance
# is ready. `kill NAME` (SIGKILL), `start NAME` and `restart NAME` act on one part: an
# instance (a b e r d1 d2), nats, haproxy, mno, or pg (PostgreSQL, fast shutdown). `smoke`
# orders over ES2+ through HAProxy, downloads with the software eUICC through HAProxy
# and waits for the operator's two callbacks; it exits non-zero otherwise. `down` stops
# everything and removes the directory. As root, the SM-DP+ processes, NATS and HAProxy
# run as `nobody` (binaries copied into the directory), PostgreSQL as `postgres`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${SMDPP_CLUSTER_DIR:-/tmp/smdpp-cluster}
build=$(cd "${SMDPP_BUILD:-$root/build}" && pwd)
base=${SMDPP_CLUSTER_PORT:-18400}
es9_lb=$((base)) es2_lb=$((base + 1)) nats_port=$((base + 30)) mno_port=$((base + 31))
nats_monitor=$((base + 32))
read -r -a serve_args <<<"${SMDPP_CLUSTER_SERVE_ARGS:-}"
declare -A listen=([a]=$((base + 10)) [b]=$((base + 11)) [e]=$((base + 12)))
declare -A admin=([a]=$((base + 20)) [b]=$((base + 21)) [e]=$((base + 22)) [r]=$((base + 23))
  [d1]=$((base + 24)) [d2]=$((base + 25)))
instances=(a b e r d1 d2)
address=testsmdpplus1.example.com

die() { echo "cluster.sh: $*" >&2; exit 1; }
wait_for() { # wait_for SECONDS WHAT CMD...
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || die "timed out waiting for $what"
    sleep 0.2
  done
}
# As root, the processes run as `nobody` (they need no privilege: ports > 1024).
run_as=()
[ "$(id -u)" -ne 0 ] || run_as=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
give() { [ "$(id -u)" -ne 0 ] || chown -R nobody:nogroup "$@"; } # give PATH...: to `nobody`
# spawn NAME CMD...: CMD in the background (as run_as), output in DIR/NAME.log, PID in
# DIR/NAME.pid.
spawn() {
  local name=$1
  shift
  (cd "$dir" && exec setsid "${run_as[@]}" "$@" >>"$dir/$name.log" 2>&1) &
  echo $! >"$dir/$name.pid"
}
alive() { [ -f "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }
ready() { curl -sf --max-time 2 "http://127.0.0.1:$1/readyz" >/dev/null; }
db_url() { sed 's|/postgres?|/smdp?|' "$dir/pg/url"; }

smdpp() { (cd "$dir" && "${run_as[@]}" "$dir/bin/smdpp" "$@"); }

start_instance() { # start_instance NAME ROLES ARGS...: the fronts need no bus
  local name=$1 roles=$2
  shift 2
  case $roles in es9 | es2) ;; *) set -- --bus "nats://127.0.0.1:$nats_port" "$@" ;; esac
  spawn "$name" "$dir/bin/smdpp" serve --database "$(db_url)" --roles "$roles" \
    --admin-listen "127.0.0.1:${admin[$name]}" "${serve_args[@]}" "$@"
}

# start_part NAME: starts one part (again) as `up` did.
start_part() {
  case $1 in
    a | b) start_instance "$1" es9 --listen "127.0.0.1:${listen[$1]}" --proxy-protocol-from 127.0.0.1 ;;
    e) start_instance e es2 --es2-listen "127.0.0.1:${listen[e]}" --proxy-protocol-from 127.0.0.1 ;;
    r) start_instance r relay ;;
    d1 | d2) start_instance "$1" dispatcher,housekeeping --outbox-backoff 1 --outbox-lease 10 ;;
    nats) spawn nats nats-server -js -sd "$dir/nats" -a 127.0.0.1 -p "$nats_port" -m "$nats_monitor" ;;
    mno) spawn mno "$dir/bin/mno-sim" --listen "127.0.0.1:$mno_port" --cert var/mno/server.pem \
      --key var/mno/server.key.pem --client-ca var/pki/nist/ci.der --record "$dir/callbacks.jsonl" ;;
    haproxy) spawn haproxy haproxy -db -f "$dir/haproxy.cfg" ;;
    pg) bash "$root/tests/pg/cluster.sh" start "$dir/pg" >/dev/null ;;
    *) die "no part '$1'" ;;
  esac
}

# kill_part NAME [SIGNAL]: SIGKILL by default; pg: a fast shutdown.
kill_part() {
  if [ "$1" = pg ]; then
    bash "$root/tests/pg/cluster.sh" stop "$dir/pg"
    return
  fi
  alive "$1" || return 0
  local pid
  pid=$(cat "$dir/$1.pid")
  kill "-${2:-KILL}" "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
}

up() {
  [ ! -e "$dir" ] || die "$dir exists: run 'cluster.sh down' first"
  for b in apps/smdpp/smdpp tools/euicc-sim/euicc-sim tools/mno-sim/mno-sim; do
    [ -x "$build/$b" ] || die "no $build/$b: build first (scripts/build.sh build)"
  done
  command -v haproxy >/dev/null || die "haproxy is not installed (scripts/setup.sh)"
  command -v nats-server >/dev/null || die "nats-server is not installed (scripts/setup.sh)"
  mkdir -p "$dir/bin" "$dir/var"
  chmod 755 "$dir"
  cp "$build/apps/smdpp/smdpp" "$build/tools/euicc-sim/euicc-sim" "$build/tools/mno-sim/mno-sim" \
    "$dir/bin/"

  bash "$root/tests/pg/cluster.sh" start "$dir/pg" >/dev/null
  psql_bin=$(dirname "$(find /usr/lib/postgresql -name psql -type f | sort -V | tail -1)")
  "$psql_bin/psql" -X -q -v ON_ERROR_STOP=1 "$(cat "$dir/pg/url")" -c 'CREATE DATABASE smdp'

  # Our PKI, the operator's certificates, the operator and its stock: the data directory
  # (var/) that every instance shares.
  local eids=()
  [ -z "${SMDPP_CLUSTER_EIDS:-}" ] || eids=(--eid "$SMDPP_CLUSTER_EIDS")
  (cd "$dir" && "$dir/bin/smdpp" pki init --out var/pki "${eids[@]}" >/dev/null &&
    openssl x509 -inform der -in var/pki/nist/ci.der -out var/pki/nist/ci.pem &&
    "$root/scripts/mno_certs.sh" var/mno >/dev/null)
  touch "$dir/callbacks.jsonl"
  mkdir -p "$dir/nats"
  give "$dir/bin" "$dir/var" "$dir/nats" "$dir/callbacks.jsonl"
  smdpp db migrate --database "$(db_url)" >/dev/null
  export SMDPP_DATABASE
  SMDPP_DATABASE=$(db_url)
  smdpp operator add --name demo-mno --client-cn es2.demo-mno.example \
    --client-ca var/mno/ca.pem --callback-url "https://localhost:$mno_port" \
    --callback-ca var/mno/ca.pem >/dev/null
  smdpp keys init >/dev/null
  cp "$root/testdata/profiles/gsma-ts48-v7/TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der" "$dir/var/"
  give "$dir/var"
  smdpp template add --name ts48v7 --package var/TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der >/dev/null
  smdpp type add --name demo-gtp --template ts48v7 --variables iccid,imsi,ki,opc,pin1,puk1 \
    --operator demo-mno >/dev/null
  "$root/scripts/gen_subscriptions.sh" "${SMDPP_CLUSTER_SUBSCRIPTIONS:-50}" >"$dir/var/subs.csv"
  give "$dir/var/subs.csv"
  smdpp inventory import --type demo-gtp --csv var/subs.csv --no-progress >/dev/null

  local name
  for name in nats mno "${instances[@]}"; do start_part "$name"; done

  cat >"$dir/haproxy.cfg" <<EOF
# HAProxy in TCP mode: TLS ends in smdpp (ES2+ mutual TLS needs the client's certificate);
# PROXY v2 tells the fronts the client's address (smdpp serve --proxy-protocol-from).
global
  maxconn 4096
defaults
  mode tcp
  timeout connect 5s
  timeout client 70s
  timeout server 70s
frontend es9
  bind 127.0.0.1:$es9_lb
  default_backend es9_fronts
backend es9_fronts
  balance roundrobin
  server a 127.0.0.1:${listen[a]} send-proxy-v2 check check-send-proxy inter 2s
  server b 127.0.0.1:${listen[b]} send-proxy-v2 check check-send-proxy inter 2s
frontend es2
  bind 127.0.0.1:$es2_lb
  default_backend es2_fronts
backend es2_fronts
  server e 127.0.0.1:${listen[e]} send-proxy-v2 check check-send-proxy inter 2s
EOF
  start_part haproxy
  for name in "${instances[@]}"; do wait_for 30 "instance $name" ready "${admin[$name]}"; done
  echo "cluster up in $dir: ES9+ https://$address:$es9_lb (127.0.0.1), ES2+ :$es2_lb;" \
    "PostgreSQL $(db_url); NATS nats://127.0.0.1:$nats_port"
}

down() {
  local signal name
  for signal in TERM KILL; do
    for name in haproxy "${instances[@]}" mno nats; do
      if alive "$name"; then kill "-$signal" "$(cat "$dir/$name.pid")" 2>/dev/null || true; fi
    done
    [ "$signal" = KILL ] || sleep 1
  done
  [ ! -d "$dir/pg" ] || bash "$root/tests/pg/cluster.sh" stop "$dir/pg" --remove
  rm -rf "$dir"
}

status() {
  local rc=0
  for name in nats mno haproxy "${instances[@]}"; do
    if ! alive "$name"; then
      echo "$name: not running"
      rc=1
    elif [ -n "${admin[$name]:-}" ] && ! ready "${admin[$name]}"; then
      echo "$name: running, not ready (http://127.0.0.1:${admin[$name]}/readyz)"
      rc=1
    else
      echo "$name: running"
    fi
  done
  return $rc
}

es2_call() { # es2_call FUNCTION JSON-FIELDS: through HAProxy, as demo-mno
  curl -sS --max-time 20 --cert "$dir/var/mno/client.pem" --key "$dir/var/mno/client.key.pem" \
    --cacert "$dir/var/pki/nist/ci.pem" --resolve "$address:$es2_lb:127.0.0.1" \
    -H 'Content-Type: application/json' -H 'X-Admin-Protocol: gsma/rsp/v2.5.0' \
    "https://$address:$es2_lb/gsma/rsp2/es2plus/$1" \
    -d "{\"header\":{\"functionRequesterIdentifier\":\"demo-mno\",\"functionCallIdentifier\":\"smoke-$RANDOM$RANDOM\"},$2}"
}
field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }
points_of() { grep "\"iccid\":\"$1\"" "$dir/callbacks.jsonl" 2>/dev/null |
  sed -n 's/.*"notificationPointId":\([0-9]*\).*/\1/p' | sort -u | tr '\n' ' '; }
has_points() { [ "$(points_of "$1")" = "3 4 " ]; }

smoke() {
  status >/dev/null || { status; die "the cluster is not up"; }
  local iccid matching_id
  iccid=$(es2_call downloadOrder '"profileType":"demo-gtp"' | field iccid)
  [ -n "$iccid" ] || die "downloadOrder through HAProxy failed"
  matching_id=$(es2_call confirmOrder "\"iccid\":\"$iccid\",\"releaseFlag\":true" | field matchingId)
  [ -n "$matching_id" ] || die "confirmOrder through HAProxy failed"
  mkdir -p "$dir/sim"
  (cd "$dir" && timeout 60 "$dir/bin/euicc-sim" download "1\$$address\$$matching_id" \
    --state "$dir/sim" --connect "127.0.0.1:$es9_lb") >"$dir/smoke.out" ||
    { cat "$dir/smoke.out"; die "the download through HAProxy failed"; }
  grep -q "^installed ICCID $iccid" "$dir/smoke.out" || { cat "$dir/smoke.out"; die "not installed"; }
  wait_for 30 "the callbacks of $iccid (points 3 and 4)" has_points "$iccid"
  echo "smoke: ordered $iccid over ES2+, downloaded it through HAProxy, callbacks 3 and 4 arrived"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  smoke) smoke ;;
  kill) kill_part "${2:?NAME}" ;;
  start) start_part "${2:?NAME}" ;;
  restart)
    kill_part "${2:?NAME}" TERM
    start_part "$2"
    ;;
  *) die "usage: cluster.sh up|down|status|smoke|kill NAME|start NAME|restart NAME" ;;
esac
