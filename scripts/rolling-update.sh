#!/usr/bin/env bash
# Replaces the replicas of one scalable service one at a time, with containers made from its current image and
# settings, while the service keeps serving: start one new replica and wait until it is healthy (and so registered
# UP in Eureka), then stop one old replica, which drains before it shuts down (see zviewer.shutdown.drain-delay).
# Plain `docker compose up` would recreate all replicas at once.
#
# Gated on health: a new replica that does not become healthy within WAIT_TIMEOUT seconds (default 180) is removed,
# the old replicas it was to replace keep serving, and the script fails.
#
# The Eureka server and the config server run as one instance each and are recreated in place instead: a second one
# beside the first would share its name in Docker's DNS without sharing its registry. Nothing fails while either is
# away: every application keeps the registry it last fetched and the configuration it already has, a new Eureka
# server answers no registry fetch until the instances have registered again (wait-time-in-ms-when-sync-empty), and
# the instances register again at their next heartbeat. A service that publishes a fixed host port (the gateway of
# docker-compose.yml) cannot run a second replica beside the first; the script says so and changes nothing. In the
# production overlay only the edge publishes a port, and the gateway is rolled like any other service (see README.md
# for how far that is from zero failed requests).
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
wait_timeout=${WAIT_TIMEOUT:-180}

old=$("${compose[@]}" ps --quiet "$service")
[ -n "$old" ] || { echo "rolling-update: no running $service" >&2; exit 1; }
case "$service" in
discovery-server | config-server)
	"${compose[@]}" up --detach --no-deps --force-recreate --wait --wait-timeout "$wait_timeout" "$service" \
		>/dev/null || { echo "rolling-update: the new $service did not become healthy" >&2; exit 1; }
	echo "rolling-update: recreated $service in place (one instance by design)"
	exit 0
	;;
esac
published=$(docker inspect --format '{{range $port, $bindings := .HostConfig.PortBindings}}{{range $bindings}}{{if .HostPort}}{{$port}} {{end}}{{end}}{{end}}' $old | sort -u | tr -d '\n')
if [ -n "$published" ]; then
	echo "rolling-update: $service publishes host port(s) ${published% }, which a second replica cannot bind; nothing changed." >&2
	echo "rolling-update: run it behind the edge of the production overlay (docker-compose.prod.yml), where it can be rolled." >&2
	exit 1
fi
replicas=$(wc -l <<<"$old")
for container in $old; do
	before=$("${compose[@]}" ps --all --quiet "$service")
	if ! "${compose[@]}" up --detach --no-deps --no-recreate --scale "$service=$((replicas + 1))" --wait \
		--wait-timeout "$wait_timeout" "$service" >/dev/null; then
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
