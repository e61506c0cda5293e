#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The benchmark matrix of BENCHMARKS.md (not part of the tests: numbers, not verdicts).
# Builds load_bench (RelWithDebInfo, build-bench/), then runs, for P-256 and
# brainpoolP256r1, session-key and PPK binding, at concurrency 1, 8 and 64; the server
# pinned to CPU 0 with the generator on CPU 1; each curve at half its maximum rate; and,
# with --memory, a 10-minute run at half the maximum rate sampling the server's memory;
# with --postgresql, only the store comparison: P-256 session-key downloads at concurrency
# 1, 8 and 64 on SQLite and on PostgreSQL (a cluster of its own, tests/pg/cluster.sh; a
# fresh database per run), with the round trips per download; its table rows go to
# bench-results/table-postgresql.md; with --cluster, only the scale-out comparison:
# P-256 session-key downloads at concurrency 8 and 64 on one process with SQLite, then
# through HAProxy on the local cluster of scripts/cluster.sh (two ES9+ fronts, an ES2+
# front, a relay, two dispatchers, PostgreSQL, NATS), with the CPU per download of every
# role; its rows go to bench-results/table-cluster.md.
# Results: bench-results/results.jsonl (one JSON object per run, appended) and
# bench-results/table.md (the table rows).
#
#   scripts/bench.sh [--memory | --postgresql | --cluster] [--downloads N]
# BENCH_BUILD=DIR uses (and updates) another build directory than build-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
memory=0
postgresql=0
cluster=0
downloads=400
while [ $# -gt 0 ]; do
  case $1 in
    --memory) memory=1 ;;
    --postgresql) postgresql=1 ;;
    --cluster) cluster=1 ;;
    --downloads) downloads=$2; shift ;;
    *) echo "usage: scripts/bench.sh [--memory | --postgresql | --cluster] [--downloads N]" >&2
       exit 2 ;;
  esac
  shift
done
./scripts/setup.sh
build=${BENCH_BUILD:-build-bench}
./scripts/build.sh "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSMDPP_BUILD_BENCH=ON
mkdir -p bench-results
out=bench-results/results.jsonl
table=bench-results/table.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

header() {  # the table's header rows, into a fresh $table
  echo "| curve | binding | concurrency | rate | pinned | downloads/s | server CPU ms/download | floor ms | ratio | p99 ms iA / aC / gBPP / hN | max ms iA / aC / gBPP / hN | errors | RSS MiB |" > "$table"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|" >> "$table"
}

row=row  # the prefix of the rows load_bench prints that go to $table
run() {  # run ARGS...: one load_bench run; its table row goes to $table
  "$build/bench/load_bench" --smdpp "$build/apps/smdpp/smdpp" --testdata testdata \
    --work "$work/run" --json "$out" "$@" 2> "$work/log" > /dev/null || { cat "$work/log"; exit 1; }
  grep '^load_bench: .*downloads/s' "$work/log"
  sed -n "s/^$row: //p" "$work/log" >> "$table"
}

if [ "$cluster" = 1 ]; then
  table=bench-results/table-cluster.md
  row=roles-row
  echo "| setup | concurrency | downloads/s | p99 ms iA / aC / gBPP / hN | ES9+ fronts | ES2+ front | relay | dispatchers | PostgreSQL | NATS | HAProxy | mno-sim | all SM-DP+ parts | load generator | DB round trips | drained s | errors |" > "$table"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|" >> "$table"
  for c in 8 64; do
    run --curve nist --binding session-keys --concurrency "$c" --downloads "$downloads"
  done
  export SMDPP_CLUSTER_DIR="$work/cluster" SMDPP_CLUSTER_PORT=18600 SMDPP_BUILD="$build"
  export SMDPP_CLUSTER_SUBSCRIPTIONS=$((2 * (downloads + 16) + 10))
  trap 'scripts/cluster.sh down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  chmod 755 "$work"  # the cluster runs as unprivileged users, which must reach it
  scripts/cluster.sh up
  for c in 8 64; do
    run --cluster "$SMDPP_CLUSTER_DIR" --cluster-port "$SMDPP_CLUSTER_PORT" --curve nist \
      --concurrency "$c" --downloads "$downloads"
  done
  echo "results: $out; table: $table"
  exit 0
fi

if [ "$postgresql" = 1 ]; then
  table=bench-results/table-postgresql.md
  header
  trap 'bash tests/pg/cluster.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  chmod 755 "$work"  # the cluster runs as an unprivileged user, which must reach it
  bash tests/pg/cluster.sh start "$work/pg" >/dev/null
  cluster=$(cat "$work/pg/url")
  n=0
  for c in 1 8 64; do
    run --curve nist --binding session-keys --concurrency "$c" --downloads "$downloads"
    n=$((n + 1))
    psql -q "$cluster" -c "CREATE DATABASE bench$n" >/dev/null
    run --curve nist --binding session-keys --concurrency "$c" --downloads "$downloads" \
      --database "${cluster/\/postgres\?//bench$n?}"
  done
  echo "results: $out; table: $table"
  exit 0
fi
header
for curve in nist brp; do
  n=$downloads
  [ "$curve" = brp ] && n=$((downloads / 2))
  for binding in session-keys ppk; do
    for c in 1 8 64; do
      run --curve "$curve" --binding "$binding" --concurrency "$c" --downloads "$n"
    done
    run --curve "$curve" --binding "$binding" --concurrency 64 --downloads "$n" \
      --server-cpu 0 --client-cpu 1
  done
  # Half the maximum throughput (the unpinned 64-way session-key run of this curve).
  best=$(grep "\"curve\":\"$curve\"" "$out" | grep '"binding":"session-keys"' |
         grep '"concurrency":64' | grep '"server_cpu":-1' | tail -1 |
         sed -n 's/.*"downloads_per_s":\([0-9.]*\).*/\1/p')
  half=$(awk -v b="$best" 'BEGIN { printf "%.0f", b / 2 }')
  run --curve "$curve" --binding session-keys --concurrency 64 --downloads "$n" --rate "$half"
  if [ "$memory" = 1 ] && [ "$curve" = nist ]; then
    run --curve nist --binding session-keys --concurrency 64 --duration 600 --rate "$half" \
      --sample 30
  fi
done
echo "results: $out; table: $table"
