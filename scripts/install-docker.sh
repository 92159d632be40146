#!/usr/bin/env bash
# Installs and starts a Docker engine with the Compose v2 and Buildx plugins on a Debian 12 host without
# systemd, from the Debian 13 "trixie" packages docker.io, docker-compose and docker-buildx of the host's
# own Debian mirror. Only for machines that reach no container registry nor Docker's package repository.
# Safe to re-run: does nothing when all three answer, and only starts the daemon when it is just stopped.
set -euo pipefail

engine_up() { docker info >/dev/null 2>&1; }
compose_ok() { docker compose version 2>/dev/null | grep -Eq 'version v?2\.'; }
buildx_ok() { docker buildx version >/dev/null 2>&1; }

engine_up && compose_ok && buildx_ok && exit 0
[ "$(id -u)" -eq 0 ] || { echo "install-docker.sh: run as root" >&2; exit 1; }

pkgs=()
command -v dockerd >/dev/null || pkgs+=(docker.io)
compose_ok || pkgs+=(docker-compose)
buildx_ok || pkgs+=(docker-buildx)

if ((${#pkgs[@]})); then
  mirror=$(awk '$1 == "URIs:" && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
  [ -n "$mirror" ] || { echo "install-docker.sh: no Debian mirror in debian.sources" >&2; exit 1; }
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  chmod 755 "$tmp"
  mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial"
  echo "deb $mirror trixie main" >"$tmp/trixie.list"
  apt_trixie=(apt-get -qq -o Dir::Etc::SourceList="$tmp/trixie.list" -o Dir::Etc::SourceParts=/dev/null
    -o Dir::State::Lists="$tmp/lists" -o Dir::Cache="$tmp/cache" -o APT::Sandbox::User=root)
  "${apt_trixie[@]}" update
  (cd "$tmp" && "${apt_trixie[@]}" download "${pkgs[@]}")
  if [[ " ${pkgs[*]} " == *" docker.io "* ]]; then
    apt-get -qq update
    (cd "$tmp" && DEBIAN_FRONTEND=noninteractive apt-get -qq install -y ./docker.io_*.deb >/dev/null)
  fi
  for deb in "$tmp"/docker-compose_*.deb "$tmp"/docker-buildx_*.deb; do
    [ ! -e "$deb" ] || dpkg -x "$deb" /
  done
fi

if ! engine_up; then
  pgrep -x dockerd >/dev/null || { setsid dockerd >/var/log/dockerd.log 2>&1 </dev/null & }
  for _ in $(seq 60); do engine_up && break; sleep 1; done
fi
engine_up || { echo "install-docker.sh: dockerd does not answer, see /var/log/dockerd.log" >&2; exit 1; }
compose_ok && buildx_ok || { echo "install-docker.sh: docker compose v2 or buildx missing" >&2; exit 1; }
echo "docker engine $(docker version -f '{{.Server.Version}}'), $(docker compose version --short), buildx $(docker buildx version | awk '{print $2}')"
