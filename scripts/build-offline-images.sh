#!/usr/bin/env bash
# Builds local images named like the official debian:trixie-slim, postgres:17, eclipse-temurin:25-jdk,
# busybox:1.37, rabbitmq:4.0-management, redis:8.0 and nginx:1.26, and the monitoring images (Prometheus,
# Alertmanager, the PostgreSQL and Redis exporters, Zipkin), from Debian 13 packages, the host's Temurin 25 and, for
# Zipkin, its server jar from Maven Central, so
# that unchanged Dockerfiles and compose files naming them work offline. Only for machines that reach no
# container registry; images that already exist locally are left alone. Needs a running engine
# (scripts/install-docker.sh) and root for debootstrap.
set -euo pipefail
cd "$(dirname "$0")/../offline-images"

mirror=$(awk '$1 == "URIs:" && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
[ -n "$mirror" ] || { echo "build-offline-images.sh: no Debian mirror in debian.sources" >&2; exit 1; }
jdk=${TEMURIN_25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

logged() {
  "$@" >"$tmp/log" 2>&1 || { tail -n 40 "$tmp/log" >&2; echo "build-offline-images.sh: failed: $*" >&2; exit 1; }
}

build() {
  local image=$1 start=$SECONDS
  shift
  if docker image inspect "$image" >/dev/null 2>&1; then echo "$image: present"; return; fi
  "$@"
  echo "$image: built in $((SECONDS - start)) s"
}

debian_slim() {
  command -v debootstrap >/dev/null || { logged apt-get -q update; logged apt-get install -y -q debootstrap; }
  local root=$tmp/rootfs
  logged debootstrap --variant=minbase trixie "$root" "$mirror"
  printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
    'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' \
    'path-include /usr/share/locale/locale.alias' >"$root/etc/dpkg/dpkg.cfg.d/docker"
  local clean='rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true'
  printf '%s\n' "DPkg::Post-Invoke { \"$clean\"; };" "APT::Update::Post-Invoke { \"$clean\"; };" \
    'Dir::Cache::pkgcache "";' 'Dir::Cache::srcpkgcache "";' >"$root/etc/apt/apt.conf.d/docker-clean"
  echo 'Acquire::Languages "none";' >"$root/etc/apt/apt.conf.d/docker-no-languages"
  find "$root/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
  find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
  rm -rf "$root"/usr/share/{man,info}/* "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin \
    "$root"/var/cache/apt/archives/*.deb "$root"/dev/*
  : >"$root/etc/resolv.conf"
  : >"$root/etc/hostname"
  tar --numeric-owner -C "$root" -c . | docker import --change 'CMD ["bash"]' - debian:trixie-slim >/dev/null
  rm -rf "$root"
}

docker_build() {
  local image=$1 dockerfile=$2 context=$3
  logged docker build --build-arg DEBIAN_MIRROR="$mirror" -t "$image" -f "$dockerfile" "$context"
}

temurin_jdk() {
  mkdir -p "$tmp/temurin"
  cp -rL "$jdk" "$tmp/temurin/jdk"
  docker_build eclipse-temurin:25-jdk eclipse-temurin/Dockerfile "$tmp/temurin"
  rm -rf "$tmp/temurin"
}

# Zipkin's own server, the jar its official image runs, fetched with the project's Maven wrapper.
zipkin() {
  mkdir -p "$tmp/zipkin"
  logged env JAVA_HOME="$jdk" ../mvnw -B -q dependency:copy -Dartifact=io.zipkin:zipkin-server:3.5.1:jar:exec \
    -DoutputDirectory="$tmp/zipkin" -Dmdep.stripVersion=true -Dmdep.stripClassifier=true
  mv "$tmp/zipkin/zipkin-server.jar" "$tmp/zipkin/zipkin.jar"
  cp zipkin/Dockerfile "$tmp/zipkin/"
  docker_build openzipkin/zipkin:3.5.1 "$tmp/zipkin/Dockerfile" "$tmp/zipkin"
  rm -rf "$tmp/zipkin"
}

build debian:trixie-slim debian_slim
build postgres:17 docker_build postgres:17 postgres/Dockerfile postgres
build eclipse-temurin:25-jdk temurin_jdk
build busybox:1.37 docker_build busybox:1.37 busybox/Dockerfile busybox
build rabbitmq:4.0-management docker_build rabbitmq:4.0-management rabbitmq/Dockerfile rabbitmq
build redis:8.0 docker_build redis:8.0 redis/Dockerfile redis
build nginx:1.26 docker_build nginx:1.26 nginx/Dockerfile nginx
build prom/prometheus:v2.53.3 docker_build prom/prometheus:v2.53.3 prometheus/Dockerfile prometheus
build prom/alertmanager:v0.28.1 docker_build prom/alertmanager:v0.28.1 alertmanager/Dockerfile alertmanager
build prometheuscommunity/postgres-exporter:v0.17.1 \
  docker_build prometheuscommunity/postgres-exporter:v0.17.1 postgres-exporter/Dockerfile postgres-exporter
build oliver006/redis_exporter:v1.69.0 docker_build oliver006/redis_exporter:v1.69.0 redis-exporter/Dockerfile redis-exporter
build openzipkin/zipkin:3.5.1 zipkin
