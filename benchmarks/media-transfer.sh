#!/usr/bin/env bash
# Issue 3's transfer measurement: a large video (default 480 MB, under the 500 MB limit) uploaded and downloaded
# through the gateway and straight to the media-service instance, on one stack in one run, with the gateway's memory
# sampled every 0.5 s meanwhile. Prints MB/s both ways and the gateway's memory before, at its peak and after.
#
#   benchmarks/media-transfer.sh [SIZE_MB]
#
# Needs the images built (docker compose build), Docker with Compose v2, curl and python3. It runs its own Compose
# project, zviewer-transfer (gateway on 127.0.0.1:28180, media-service directly on 127.0.0.1:28182), from
# docker-compose.yml plus benchmarks/compose.media-transfer.yml, and removes it at the end, also on failure. Load goes
# to 127.0.0.1 only; each transfer is bounded by curl's --max-time.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-480}
project=zviewer-transfer
export GATEWAY_PORT=28180 EUREKA_PORT=28181 TRANSFER_DIRECT_PORT=28182
gateway=http://127.0.0.1:$GATEWAY_PORT
direct=http://127.0.0.1:$TRANSFER_DIRECT_PORT
compose() { docker compose -p "$project" -f docker-compose.yml -f benchmarks/compose.media-transfer.yml "$@"; }
work=$(mktemp -d)
cleanup() { compose down -v --remove-orphans >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

# A real MP4 (the test clip) padded to the size: media-service takes the type from the content.
video=$work/video.mp4
cp services/media-service/src/test/resources/media/clip.mp4 "$video"
head -c $(( size_mb * 1024 * 1024 - $(stat -c %s "$video") )) /dev/urandom >>"$video"

echo "starting the stack ($project) ..." >&2
compose up -d --wait >/dev/null 2>&1
email="transfer-$(date +%s)@example.com"
password=transfer-password-1
curl -sf -o /dev/null --retry 10 --retry-delay 2 --retry-all-errors -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Transfer\"}" "$gateway/api/users"
token=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" \
  "$gateway/api/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
gateway_container=$(compose ps -q api-gateway)

memory() { docker stats --no-stream --format '{{.MemUsage}}' "$gateway_container" | awk '{print $1}'; }
to_mib() { python3 -c 'import re,sys; v,u=re.match(r"([\d.]+)(\w+)",sys.argv[1]).groups(); print(round(float(v)*{"B":1/1048576,"KiB":1/1024,"MiB":1,"GiB":1024}[u],1))' "$1"; }
# Samples the gateway's memory until the file $1 appears; prints the peak in MiB.
sample() {
  local peak=0 m
  while [ ! -e "$1" ]; do
    m=$(to_mib "$(memory)"); peak=$(python3 -c "print(max($peak, $m))"); sleep 0.5
  done
  echo "$peak"
}

# One transfer: $1 label, $2 base URL, $3 up|down, $4 media id (down). Prints "label MB/s peak-MiB [id]".
transfer() {
  local done=$work/done-$1 speed id=""
  sample "$done" >"$work/peak-$1" &
  if [ "$3" = up ]; then
    curl -sf --max-time 600 -o "$work/item-$1" -w '%{speed_upload}' -H "Authorization: Bearer $token" \
      -F "title=Transfer" -F "file=@$video;type=video/mp4" "$2/api/media" >"$work/speed-$1"
    id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/item-$1")
  else
    curl -sf --max-time 600 -o /dev/null -w '%{speed_download}' -H "Authorization: Bearer $token" \
      "$2/api/media/$4/content" >"$work/speed-$1"
  fi
  touch "$done"; wait
  speed=$(python3 -c "print(round($(cat "$work/speed-$1") / 1048576, 1))")
  echo "$1 $speed $(cat "$work/peak-$1") $id"
}

before=$(to_mib "$(memory)")
read -r _ up_gw peak_up_gw id_gw < <(transfer upload-gateway "$gateway" up)
read -r _ up_direct peak_up_direct id_direct < <(transfer upload-direct "$direct" up)
read -r _ down_gw peak_down_gw _ < <(transfer download-gateway "$gateway" down "$id_gw")
read -r _ down_direct peak_down_direct _ < <(transfer download-direct "$direct" down "$id_direct")
after=$(to_mib "$(memory)")

printf '\nA %s MB video, one media-service instance; gateway memory sampled every 0.5 s (docker stats)\n' "$size_mb"
printf '%-10s %16s %16s %8s %22s\n' transfer "gateway MB/s" "direct MB/s" ratio "gateway peak MiB"
printf '%-10s %16s %16s %8s %22s\n' upload "$up_gw" "$up_direct" \
  "$(python3 -c "print(round($up_gw / $up_direct, 2))")" "$peak_up_gw"
printf '%-10s %16s %16s %8s %22s\n' download "$down_gw" "$down_direct" \
  "$(python3 -c "print(round($down_gw / $down_direct, 2))")" "$peak_down_gw"
printf 'gateway memory: %s MiB before, %s MiB after (limit %s)\n' "$before" "$after" \
  "$(docker stats --no-stream --format '{{.MemUsage}}' "$gateway_container" | awk '{print $3}')"
