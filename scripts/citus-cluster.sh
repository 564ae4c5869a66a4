#!/usr/bin/env bash
# A throw-away Citus cluster on this machine: a coordinator and two workers, each its own
# PostgreSQL 15 server (initdb into a temporary folder, run as the `postgres` user).
#   scripts/citus-cluster.sh start [DIR] [PORT]   coordinator on PORT (default 9700), workers PORT+1, PORT+2
#   scripts/citus-cluster.sh stop  [DIR]
#   scripts/citus-cluster.sh createdb NAME [PORT]   one more database with citus, on every node
# Prints the coordinator's URL on start. The database `balai` exists on every node with the
# citus extension; the coordinator knows the workers. Needs Citus installed (../shared/citus).
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:-/tmp/balai-citus}
port=${3:-9700}
bin=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }

case "$cmd" in
start)
  mkdir -p "$dir"; chown postgres "$dir"
  for i in 0 1 2; do
    p=$((port + i)); d="$dir/node$i"
    if [ ! -d "$d" ]; then
      as_pg "$bin/initdb" -D "$d" -A trust -U postgres --no-sync >/dev/null
      cat >> "$d/postgresql.conf" <<CONF
port = $p
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
shared_preload_libraries = 'citus'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
max_worker_processes = 64
CONF
    fi
    as_pg "$bin/pg_ctl" -D "$d" -l "$d.log" -w start >/dev/null
  done
  for i in 0 1 2; do
    p=$((port + i))
    psql -h 127.0.0.1 -p "$p" -U postgres -d postgres -qAt -c "select 1 from pg_database where datname = 'balai'" | grep -q 1 \
      || psql -h 127.0.0.1 -p "$p" -U postgres -d postgres -qc "create database balai"
    psql -h 127.0.0.1 -p "$p" -U postgres -d balai -qc "create extension if not exists citus"
  done
  psql -h 127.0.0.1 -p "$port" -U postgres -d balai -qAt >/dev/null <<SQL
select citus_set_coordinator_host('127.0.0.1', $port);
select citus_add_node('127.0.0.1', $((port + 1)));
select citus_add_node('127.0.0.1', $((port + 2)));
SQL
  echo "postgres://postgres@127.0.0.1:$port/balai"
  ;;
createdb)
  name=${2:?database name}; port=${3:-9700}
  for i in 0 1 2; do
    psql -h 127.0.0.1 -p $((port + i)) -U postgres -d postgres -qc "create database $name"
    psql -h 127.0.0.1 -p $((port + i)) -U postgres -d "$name" -qc "create extension citus"
  done
  psql -h 127.0.0.1 -p "$port" -U postgres -d "$name" -qAt >/dev/null <<SQL
select citus_set_coordinator_host('127.0.0.1', $port);
select citus_add_node('127.0.0.1', $((port + 1)));
select citus_add_node('127.0.0.1', $((port + 2)));
SQL
  echo "postgres://postgres@127.0.0.1:$port/$name"
  ;;
stop)
  for i in 0 1 2; do
    [ -d "$dir/node$i" ] && as_pg "$bin/pg_ctl" -D "$dir/node$i" -m fast -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop [DIR] [PORT]" >&2; exit 2 ;;
esac
