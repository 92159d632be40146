#!/usr/bin/env bash
# Takes a backup of the running system now (every database and the media files) into BACKUP_DIR (default ./backups)
# and prints its name; the `backup` service of docker-compose.yml does the same on a schedule
# (`docker compose --profile backup up -d`). Extra arguments go to every `docker compose`, as for `up`:
#
#   scripts/backup.sh
#   scripts/backup.sh -f docker-compose.yml -f docker-compose.prod.yml --env-file /etc/zviewer/production.env
set -euo pipefail
cd "$(dirname "$0")/.."
compose=(docker compose "$@")

[ -n "$("${compose[@]}" ps --quiet --status running postgres)" ] || { echo "backup: postgres is not running" >&2; exit 1; }
mkdir -p "${BACKUP_DIR:-./backups}"
"${compose[@]}" run --rm --no-deps -T backup backup
