#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A throw-away PostgreSQL cluster for tests, reachable only through a Unix socket.
#
#   cluster.sh start DIR            initdb DIR/data if missing, then start the server (a no-op
#                                   when it already runs); writes its libpq URL to DIR/url:
#                                   postgresql://smdpp@/postgres?host=DIR/sock&port=5432
#   cluster.sh stop DIR [--remove]  stop the server if it runs (fast shutdown); --remove then
#                                   deletes DIR. Never an error when nothing runs or DIR is gone.
#
# Superuser `smdpp`, trust authentication, no TCP listener, durability off (fsync,
# synchronous_commit, full_page_writes): data survives a clean stop/start, not a machine crash.
# Server log: DIR/log (printed to stderr when start fails); initdb's output: DIR/initdb.log.
# As root (PostgreSQL refuses to run as root) the cluster belongs to the user `postgres`, or
# `nobody` without one: DIR is chowned to it, and every parent of DIR must let it through.
# Binaries: $PG_BIN, else /usr/lib/postgresql/15/bin, else the newest /usr/lib/postgresql/*/bin.
# Concurrent calls on one DIR are serialised (flock on DIR/.lock).
set -euo pipefail

die() { echo "cluster.sh: $*" >&2; exit 1; }
usage() { die "usage: cluster.sh start DIR | cluster.sh stop DIR [--remove]"; }

[ $# -ge 2 ] || usage
action=$1
dir=$2
remove=false
case "$action:${3:-}" in
  start: | stop:) ;;
  stop:--remove) remove=true ;;
  *) usage ;;
esac

bin=${PG_BIN:-}
if [ -z "$bin" ]; then
  if [ -x /usr/lib/postgresql/15/bin/pg_ctl ]; then
    bin=/usr/lib/postgresql/15/bin
  else
    bin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
fi
if [ ! -x "$bin/pg_ctl" ]; then
  die "PostgreSQL server binaries not found (install postgresql-15, or set PG_BIN)"
fi

# as_owner CMD...: CMD as the cluster's owner ($owner, set as root), directly otherwise. From /,
# which any user can enter, and with only descriptors 0-2: the server must not inherit the
# lock, nor a pipe that its caller waits on to close (CTest reads a test's output that way).
owner=""
as_owner() {
  (
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      [ "$fd" -le 2 ] || eval "exec $fd>&-"
    done
    cd /
    if [ -n "$owner" ]; then exec runuser -u "$owner" -- "$@"; else exec "$@"; fi
  )
}
# running: whether a server runs on DIR/data (pg_ctl status: 0 running, 3 stopped, 4 no dir).
running() {
  [ -f "$dir/data/PG_VERSION" ] && as_owner "$bin/pg_ctl" status -D "$dir/data" >/dev/null 2>&1
}

if [ "$action" = stop ]; then
  [ -d "$dir" ] || exit 0
  dir=$(cd "$dir" && pwd -P)
  # start makes DIR/.lock first thing: without it, no cluster was started here, and DIR is
  # removed only when empty (never an unrelated tree).
  if [ ! -e "$dir/.lock" ]; then
    if $remove; then
      [ -z "$(find "$dir" -mindepth 1 -maxdepth 1 -print -quit)" ] ||
        die "$dir is not a cluster directory: not removed"
      rmdir -- "$dir"
    fi
    exit 0
  fi
  exec 9>>"$dir/.lock"
  flock 9
  if [ -d "$dir/data" ]; then
    [ "$(id -u)" -ne 0 ] || owner=$(stat -c %U "$dir/data")
    if running; then
      as_owner "$bin/pg_ctl" stop -D "$dir/data" -m fast -w >/dev/null
    fi
  fi
  if $remove; then
    rm -rf -- "$dir"
  fi
  exit 0
fi

# ---- start
(umask 022 && mkdir -p "$dir") # 0755, and so are the parents it creates
dir=$(cd "$dir" && pwd -P)
# The path goes unquoted into the URL and postgres' options, and the socket's path must fit
# in sockaddr_un (107 bytes).
[[ "$dir" =~ ^[A-Za-z0-9._/+-]+$ ]] || die "$dir: only letters, digits and ._/+- are supported"
socket="$dir/sock/.s.PGSQL.5432"
[ ${#socket} -le 107 ] || die "$socket: longer than a Unix socket path may be (107 bytes)"
(umask 022 && mkdir -p "$dir/sock")
exec 9>>"$dir/.lock"
flock 9

if [ "$(id -u)" -eq 0 ]; then
  if [ -d "$dir/data" ]; then
    owner=$(stat -c %U "$dir/data")
  elif id -u postgres >/dev/null 2>&1; then
    owner=postgres
  else
    owner=nobody
  fi
  # Every parent must be traversable by the owner, or the server cannot reach its files.
  if ! runuser -u "$owner" -- test -x "$dir"; then
    p=""
    for part in $(tr / ' ' <<<"${dir#/}"); do # from the top: the first one it cannot pass
      p+=/$part
      runuser -u "$owner" -- test -x "$p" ||
        die "$p ($(stat -c %A "$p")) cannot be traversed by user $owner, who runs the" \
          "server for $dir: use a directory outside it"
    done
    die "user $owner cannot enter $dir"
  fi
  chown -R "$owner:" "$dir"
fi

if ! running; then
  if [ ! -d "$dir/data" ]; then
    as_owner "$bin/initdb" -D "$dir/data" -U smdpp --auth=trust -E UTF8 --no-locale --no-sync \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  fi
  opts="-k $dir/sock -c listen_addresses='' -p 5432 -c fsync=off -c synchronous_commit=off"
  opts+=" -c full_page_writes=off -c max_connections=300 -c shared_buffers=32MB"
  if ! as_owner "$bin/pg_ctl" start -w -D "$dir/data" -l "$dir/log" -o "$opts" >/dev/null; then
    echo "---- $dir/log" >&2
    cat "$dir/log" >&2 || true
    die "the server did not start"
  fi
fi
echo "postgresql://smdpp@/postgres?host=$dir/sock&port=5432" >"$dir/url.tmp"
mv -f "$dir/url.tmp" "$dir/url"
