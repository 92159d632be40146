#!/usr/bin/env bash
# Entrypoint of the local rabbitmq:4.0-management image; follows the official image's docker-entrypoint.sh.
set -euo pipefail

# allow the container to be started with `--user`
if [[ "$1" == rabbitmq* ]] && [ "$(id -u)" = 0 ]; then
  if [ "$1" = rabbitmq-server ]; then
    find /var/lib/rabbitmq \! -user rabbitmq -exec chown rabbitmq '{}' +
  fi
  exec gosu rabbitmq "${BASH_SOURCE[0]}" "$@"
fi

# The CLI tools (also `docker exec ... rabbitmq-diagnostics` as root, through HOME) and the server share
# this cookie; create a random one per data volume instead of baking one into the image.
cookie=/var/lib/rabbitmq/.erlang.cookie
if [ -n "${RABBITMQ_ERLANG_COOKIE:-}" ]; then
  if [ -e "$cookie" ]; then
    [ "$(cat "$cookie" 2>/dev/null)" = "$RABBITMQ_ERLANG_COOKIE" ] ||
      printf '\nwarning: %s contents do not match RABBITMQ_ERLANG_COOKIE\n\n' "$cookie" >&2
  else
    (umask 077; printf '%s' "$RABBITMQ_ERLANG_COOKIE" >"$cookie")
  fi
  unset RABBITMQ_ERLANG_COOKIE
elif [ ! -s "$cookie" ] && [ -w /var/lib/rabbitmq ]; then
  (umask 077; head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 >"$cookie")
fi
[ ! -e "$cookie" ] || chmod 600 "$cookie" 2>/dev/null || :

# if the node's host name is a fully qualified one, use long names
if [ -z "${RABBITMQ_USE_LONGNAME:-}" ]; then
  case ${RABBITMQ_NODENAME:-} in *@*.*) export RABBITMQ_USE_LONGNAME=true ;; esac
fi

# Start the Erlang port mapper as rabbitmq now; otherwise a `docker exec rabbitmq-diagnostics` (as root)
# arriving before the node has started it would start it as root.
if [ "$1" = rabbitmq-server ]; then
  epmd -daemon || :
fi

exec "$@"
