#!/usr/bin/env bash
# Backs up and restores ZViewer Cloud's data: every service's database (pg_dump, custom format) and the media volume
# (a tar of the files). Runs inside the `backup` container of docker-compose.yml (the postgres image: pg_dump,
# pg_restore, tar, sha256sum), which sees the database server as PGHOST and the media volume at MEDIA_DIR.
#
#   zviewer-backup.sh schedule        a backup now and then every BACKUP_INTERVAL_SECONDS, keeping BACKUP_KEEP
#   zviewer-backup.sh backup          one backup, then the retention
#   zviewer-backup.sh list            the complete backups, oldest first
#   zviewer-backup.sh restore NAME    replaces every database and the media files with those of backup NAME
#                                     (`latest` for the newest); nothing may write meanwhile (scripts/restore.sh
#                                     stops the services first)
#
# A backup is a directory BACKUP_DIR/zviewer-<UTC time>: one <database>.dump per database, media.tar and SHA256SUMS
# over them. It is written under a temporary name and renamed when complete, so a backup cut short is never listed,
# restored or counted by the retention. The databases are dumped before the media files: a file is stored before the
# row that names it is committed, so every file a dumped row names is in the backup (a file without a row may be too,
# an upload that was not finished; restoring it is harmless).
set -euo pipefail

BACKUP_DIR=${BACKUP_DIR:-/backups}
MEDIA_DIR=${MEDIA_DIR:-/var/lib/zviewer/media}
DATABASES=${BACKUP_DATABASES:-auth media comments payments admin}
BACKUP_KEEP=${BACKUP_KEEP:-14}
BACKUP_INTERVAL_SECONDS=${BACKUP_INTERVAL_SECONDS:-21600}

log() {
	echo "zviewer-backup: $*" >&2
}

complete_backups() {
	find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name 'zviewer-*' ! -name '*.partial' -printf '%f\n' | sort
}

backup() {
	local name partial started
	started=$(date +%s)
	name="zviewer-$(date -u +%Y%m%dT%H%M%SZ)"
	while [ -e "$BACKUP_DIR/$name" ]; do
		sleep 1
		name="zviewer-$(date -u +%Y%m%dT%H%M%SZ)"
	done
	partial="$BACKUP_DIR/$name.partial"
	rm -rf "$partial"
	mkdir -p "$partial"
	for database in $DATABASES; do
		pg_dump --format=custom --compress=6 --dbname="$database" --file="$partial/$database.dump"
	done
	tar --create --file="$partial/media.tar" --directory="$MEDIA_DIR" --numeric-owner .
	(cd "$partial" && sha256sum -- *.dump media.tar >SHA256SUMS)
	mv "$partial" "$BACKUP_DIR/$name"
	log "backup $name complete in $(($(date +%s) - started)) s ($(du -sh "$BACKUP_DIR/$name" | cut -f1))"
	prune
	echo "$name"
}

prune() {
	local backups count
	mapfile -t backups < <(complete_backups)
	count=${#backups[@]}
	for ((i = 0; i < count - BACKUP_KEEP; i++)); do
		rm -rf "${BACKUP_DIR:?}/${backups[i]}"
		log "removed ${backups[i]} (keeping the newest $BACKUP_KEEP)"
	done
	# Backups cut short (a stopped container, a full disk) older than a day.
	find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '*.partial' -mmin +1440 -exec rm -rf {} +
}

restore() {
	local name=${1:?usage: zviewer-backup.sh restore NAME|latest} directory
	if [ "$name" = latest ]; then
		name=$(complete_backups | tail -n 1)
		[ -n "$name" ] || { log "no backup in $BACKUP_DIR"; exit 1; }
	fi
	directory="$BACKUP_DIR/$name"
	[ -f "$directory/SHA256SUMS" ] || { log "$directory is not a complete backup"; exit 1; }
	(cd "$directory" && sha256sum --check --quiet SHA256SUMS) || { log "$name is damaged: checksums differ"; exit 1; }
	for database in $DATABASES; do
		# The database exists (the server's first start creates it, see postgres/initdb); its tables are replaced in
		# one transaction, so a failed restore leaves it as it was.
		pg_restore --clean --if-exists --exit-on-error --single-transaction --dbname="$database" \
			"$directory/$database.dump"
		log "restored database $database"
	done
	find "$MEDIA_DIR" -mindepth 1 -delete
	tar --extract --file="$directory/media.tar" --directory="$MEDIA_DIR" --numeric-owner --same-owner \
		--same-permissions
	log "restored the media files; $name restored"
}

case "${1:-}" in
schedule)
	log "a backup every $BACKUP_INTERVAL_SECONDS s into $BACKUP_DIR, keeping $BACKUP_KEEP"
	# docker stop ends the wait at once; a backup under way finishes first (within the stop grace period).
	trap 'stopping=1; kill "$sleeper" 2>/dev/null || true' TERM INT
	stopping=0
	while [ "$stopping" = 0 ]; do
		backup >/dev/null || log "backup failed; next attempt in $BACKUP_INTERVAL_SECONDS s"
		[ "$stopping" = 0 ] || break
		sleep "$BACKUP_INTERVAL_SECONDS" &
		sleeper=$!
		wait "$sleeper" || true
	done
	;;
backup) backup ;;
list) complete_backups ;;
restore) restore "${2:-}" ;;
*)
	echo "usage: zviewer-backup.sh schedule|backup|list|restore NAME|latest" >&2
	exit 2
	;;
esac
