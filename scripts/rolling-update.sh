#!/usr/bin/env bash
# Replaces the replicas of one scalable service one at a time, with containers made from its current image and
# settings, while the service keeps serving: start one new replica and wait until it is healthy (and so registered
# UP in Eureka), then stop one old replica, which drains before it shuts down (see zviewer.shutdown.drain-delay).
# Plain `docker compose up` would recreate all replicas at once.
#
# Gated on health: a new replica that does not become healthy within WAIT_TIMEOUT seconds (default 180) is removed,
# the old replicas it was to replace keep serving, and the script fails.
#
#   scripts/rolling-update.sh media-service                  # after `docker compose build media-service`
#   scripts/rolling-update.sh media-service -p zviewer-e2e   # extra arguments go to every `docker compose`
#   ZVIEWER_VERSION=1.4.0 scripts/rolling-update.sh media-service   # to the images of another version
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
	before=$("${compose[@]}" ps --all --quiet "$service")
	if ! "${compose[@]}" up --detach --no-deps --no-recreate --scale "$service=$((replicas + 1))" --wait \
		--wait-timeout "${WAIT_TIMEOUT:-180}" "$service" >/dev/null; then
		for started in $("${compose[@]}" ps --all --quiet "$service"); do
			grep -q "$started" <<<"$before" || docker rm --force "$started" >/dev/null
		done
		echo "rolling-update: a new $service replica did not become healthy; removed it, the replicas it was to replace serve" >&2
		exit 1
	fi
	# docker stop waits the container's stop_grace_period before it would kill it.
	docker stop "$container" >/dev/null
	docker rm "$container" >/dev/null
	echo "rolling-update: replaced ${container:0:12} ($service)"
done
