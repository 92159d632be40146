#!/usr/bin/env bash
# Entrypoint of the local postgres:17 image; follows the official image's docker-entrypoint.sh.
set -Eeo pipefail

file_env() {
  local var=$1 file_var="${1}_FILE" def=${2:-}
  if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
    echo >&2 "error: both $var and $file_var are set (but are exclusive)"; exit 1
  fi
  local val=$def
  if [ -n "${!var:-}" ]; then val=${!var}; elif [ -n "${!file_var:-}" ]; then val=$(<"${!file_var}"); fi
  export "$var"="$val"
  unset "$file_var"
}

docker_process_sql() {
  local runner=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
  [ -z "$POSTGRES_DB" ] || runner+=(--dbname "$POSTGRES_DB")
  PGHOST= PGHOSTADDR= "${runner[@]}" "$@"
}

docker_process_init_files() {
  local f
  for f; do
    case "$f" in
      *.sh)
        if [ -x "$f" ]; then printf '%s: running %s\n' "$0" "$f"; "$f"
        else printf '%s: sourcing %s\n' "$0" "$f"; . "$f"; fi ;;
      *.sql) printf '%s: running %s\n' "$0" "$f"; docker_process_sql -f "$f"; echo ;;
      *.sql.gz) printf '%s: running %s\n' "$0" "$f"; gunzip -c "$f" | docker_process_sql; echo ;;
      *) printf '%s: ignoring %s\n' "$0" "$f" ;;
    esac
  done
}

want_help() {
  local arg
  for arg; do case "$arg" in -'?' | --help | --describe-config | -V | --version) return 0 ;; esac; done
  return 1
}

init_database() {
  file_env POSTGRES_PASSWORD
  file_env POSTGRES_USER postgres
  file_env POSTGRES_DB "$POSTGRES_USER"
  file_env POSTGRES_INITDB_ARGS
  : "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
  if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
    cat >&2 <<'MSG'
Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".
       Or set POSTGRES_HOST_AUTH_METHOD=trust to allow all connections without a password.
MSG
    exit 1
  fi

  local initdb_args=(--username="$POSTGRES_USER")
  [ -z "${POSTGRES_INITDB_WALDIR:-}" ] || initdb_args+=(--waldir "$POSTGRES_INITDB_WALDIR")
  if [ -n "$POSTGRES_PASSWORD" ]; then
    eval 'initdb "${initdb_args[@]}" --pwfile=<(printf "%s\n" "$POSTGRES_PASSWORD") '"$POSTGRES_INITDB_ARGS"
  else
    eval 'initdb "${initdb_args[@]}" '"$POSTGRES_INITDB_ARGS"
  fi
  {
    echo
    [ "$POSTGRES_HOST_AUTH_METHOD" != trust ] || echo '# warning trust is enabled for all connections'
    echo "host all all all $POSTGRES_HOST_AUTH_METHOD"
  } >>"$PGDATA/pg_hba.conf"

  export PGPASSWORD="${PGPASSWORD:-$POSTGRES_PASSWORD}"
  local server_args=("${@:2}")
  PGUSER="${PGUSER:-$POSTGRES_USER}" pg_ctl -D "$PGDATA" -w \
    -o "$(printf '%q ' "${server_args[@]}" -c listen_addresses= -p "${PGPORT:-5432}")" start

  if [ "$POSTGRES_DB" != postgres ]; then
    local exists
    exists=$(POSTGRES_DB= docker_process_sql --dbname postgres --set db="$POSTGRES_DB" --tuples-only \
      <<<"SELECT 1 FROM pg_database WHERE datname = :'db' ;")
    [ -n "$exists" ] || POSTGRES_DB= docker_process_sql --dbname postgres --set db="$POSTGRES_DB" \
      <<<'CREATE DATABASE :"db" ;'
  fi
  echo
  docker_process_init_files /docker-entrypoint-initdb.d/*

  PGUSER="${PGUSER:-$POSTGRES_USER}" pg_ctl -D "$PGDATA" -m fast -w stop
  unset PGPASSWORD
  echo
  echo 'PostgreSQL init process complete; ready for start up.'
  echo
}

[ "${1:0:1}" != - ] || set -- postgres "$@"

if [ "$1" = postgres ] && ! want_help "$@"; then
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$PGDATA"
    chown postgres:postgres "$PGDATA"
    chmod 700 "$PGDATA" || :
    mkdir -p /var/run/postgresql
    chown postgres:postgres /var/run/postgresql
    chmod 3777 /var/run/postgresql
    exec gosu postgres "${BASH_SOURCE[0]}" "$@"
  fi
  if [ -s "$PGDATA/PG_VERSION" ]; then
    printf '\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n'
  else
    init_database "$@"
  fi
fi

exec "$@"
