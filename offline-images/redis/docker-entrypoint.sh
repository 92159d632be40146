#!/usr/bin/env bash
# Entrypoint of the local redis:8.0 image; follows the official image's docker-entrypoint.sh.
set -e

# first arg is `-f` or `--some-option`, or first arg is `something.conf`
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi

# allow the container to be started with `--user`
if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
  find . \! -user redis -exec chown redis '{}' +
  exec gosu redis "${BASH_SOURCE[0]}" "$@"
fi

# set an appropriate umask (if one isn't set already)
[ "$(umask)" != 0022 ] || umask 0077

# The official image compiles redis with protected-mode off by default; Debian's keeps it on. Turn it off
# unless the config file (or a file it includes) sets it; later arguments still override this one.
sets_protected_mode() {
  local file=$1 inc
  grep -qiE '^[[:space:]]*protected-mode[[:space:]]' "$file" 2>/dev/null && return 0
  for inc in $(awk 'tolower($1) == "include" { print $2 }' "$file" 2>/dev/null); do
    grep -qiE '^[[:space:]]*protected-mode[[:space:]]' "$inc" 2>/dev/null && return 0
  done
  return 1
}
if [ "$1" = redis-server ]; then
  case ${2:-} in
    -v | --version | -h | --help | --test-memory | --check-system | -) ;; # `-`: config on stdin, left as is
    '' | --*) set -- redis-server --protected-mode no "${@:2}" ;;
    *) sets_protected_mode "$2" || set -- redis-server "$2" --protected-mode no "${@:3}" ;;
  esac
fi

exec "$@"
