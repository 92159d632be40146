#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh or the scheduled `backup` service: every database and the media files
# become those of the backup, also on a new machine or after the volumes were lost. The services are stopped while
# it runs; afterwards the system is started with the same arguments and the script waits until it is healthy.
# Extra arguments go to every `docker compose`, as for `up`:
#
#   scripts/restore.sh latest
#   scripts/restore.sh zviewer-20261127T183000Z --profile monitoring
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 BACKUP|latest [docker compose options]" >&2; exit 2; }
backup=$1
shift
cd "$(dirname "$0")/.."
compose=(docker compose "$@")

echo "restore: stopping the services" >&2
"${compose[@]}" stop
# A new volume is initialised first: its roles and empty databases (postgres/initdb), which the restore fills.
"${compose[@]}" up --detach --wait postgres
# As root with the capabilities to give every file back to its owner, also where the backup service runs
# unprivileged (docker-compose.prod.yml).
"${compose[@]}" run --rm --no-deps -T --user 0:0 --cap-add CHOWN --cap-add DAC_OVERRIDE --cap-add FOWNER \
	backup restore "$backup"
echo "restore: starting the system" >&2
"${compose[@]}" up --detach --wait
echo "restore: $backup restored, the system is healthy" >&2
