#!/usr/bin/env bash
# Replaces the replicas of one scalable service one at a time, with containers made from its current image and
# settings, while the service keeps serving: start one new replica and wait until it is healthy (and so registered
# UP in Eureka), then stop one old replica, which drains before it shuts down (see zviewer.shutdown.drain-delay).
# Plain `docker compose up` would recreate all replicas at once.
#
#   scripts/rolling-update.sh media-service                  # after `docker compose build media-service`
#   scripts/rolling-update.sh media-service -p zviewer-e2e   # extra arguments go to every `docker compose`
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 SERVICE [docker compose options]" >&2; exit 2; }
service=$1
shift
cd "$(dirname "$0")/.."
compose=(docker compose "$@")

old=$("${compose[@]}" ps --quiet "$service")
[ -n "$old" ] || { echo "rolling-update: no running $service" >&2; exit 1; }
replicas=$(wc -l <<<"$old")
for container in $old; do
	"${compose[@]}" up --detach --no-deps --no-recreate --scale "$service=$((replicas + 1))" --wait "$service" >/dev/null
	# docker stop waits the container's stop_grace_period before it would kill it.
	docker stop "$container" >/dev/null
	docker rm "$container" >/dev/null
	echo "rolling-update: replaced ${container:0:12} ($service)"
done
