#!/usr/bin/env bash
# Measures the targets of issue 8 ("fast and lean") on the composed system and prints one table per measurement:
# image sizes, stack time to healthy, per-service time to ready, health-check latency, gateway vs direct vs nginx,
# memory per container after the load, and (full mode, or --deploy) the deploy time from a fresh clone.
#
#   benchmarks/run.sh            # full: longer load runs, plus the deploy time from a fresh clone
#   benchmarks/run.sh --short    # CI: the same measurements with fewer and shorter runs, no deploy time
#   benchmarks/run.sh --short --deploy | --no-deploy
#   benchmarks/run.sh --deploy-only   # only the deploy time (BENCH_DEPLOY_REPO: what to clone, default this repository)
#
# Needs the jars and images built (./mvnw -DskipTests package && docker compose build), Docker with Compose v2, wrk,
# jq and curl. It runs its own Compose project, zviewer-bench (gateway on 127.0.0.1:28080, Eureka on 28761, nginx on
# 28090, auth-service directly on 28091), from docker-compose.yml plus benchmarks/compose.benchmark.yml and a copy of
# config-repo/, and removes it at the end, also on failure. Load goes to 127.0.0.1 only; every run is bounded in time.
# The output is also written to benchmarks/target/benchmark-report.txt, raw outputs to benchmarks/target/raw/.
# Exits non-zero only when a measurement could not be made, never because a number misses its target.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/benchmarks
TARGET=$BENCH/target
RAW=$TARGET/raw
REPORT=$TARGET/benchmark-report.txt
PROJECT=zviewer-bench
DEPLOY_PROJECT=zviewer-bench-deploy
DEPLOY_REPO=${BENCH_DEPLOY_REPO:-$ROOT}
JAVA_25=/usr/lib/jvm/temurin-25-jdk-amd64
# Single-instance services: their time to ready is the one of the cold start.
SINGLETONS=" discovery-server config-server "

mode=full
deploy=
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }
while [ $# -gt 0 ]; do
	case $1 in
	--short) mode=short ;;
	--full) mode=full ;;
	--deploy) deploy=yes ;;
	--no-deploy) deploy=no ;;
	--deploy-only) deploy=only ;;
	-h | --help) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
	shift
done
if [ "$mode" = short ]; then
	WARMUP_S=3 WARMUP_RUNS=3 ROUNDS=2 LOAD_S=4 MODERATE_S=4 BACKGROUND_STOP=yes SETTLE_S=10
	[ -n "$deploy" ] || deploy=no
else
	WARMUP_S=5 WARMUP_RUNS=8 ROUNDS=3 LOAD_S=15 MODERATE_S=10 BACKGROUND_STOP=no SETTLE_S=60
	[ -n "$deploy" ] || deploy=yes
fi
# Load shapes, the same for the three targets: as many requests as LOAD_CONNECTIONS connections carry (throughput),
# and MODERATE_CONNECTIONS connections that each wait THINK_MS before every request (added latency).
LOAD_CONNECTIONS=16
MODERATE_CONNECTIONS=4
THINK_MS=10
UP_TIMEOUT=420
SCALE_TIMEOUT=300
DEPLOY_TIMEOUT=1200

# The benchmark project's settings; compose reads the rest (credentials) from the repository's .env.
unset COMPOSE_FILE COMPOSE_PROJECT_NAME COMPOSE_PROFILES
export ZVIEWER_BIND_ADDRESS=127.0.0.1
export EUREKA_PORT=28761
GATEWAY=28080
export GATEWAY_PORT=$GATEWAY
NGINX=28090
export BENCH_NGINX_PORT=$NGINX
DIRECT=28091
export BENCH_DIRECT_PORT=$DIRECT
# The extra replica started to time the start-up publishes its port on the next one ("up --no-recreate" leaves the
# running replica and its port as they are).
EXTRA_PORTS=(GATEWAY_PORT=$((GATEWAY + 1)) BENCH_DIRECT_PORT=$((DIRECT + 1)))
export CONFIG_REPO_DIR=$TARGET/config-repo
DEPLOY_GATEWAY=28180
DEPLOY_EUREKA=28861

TMP=
stack_up=no
deploy_dir=
deploy_up=no

# --- output -------------------------------------------------------------------------------------------------------

progress() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
emit() { printf '%s\n' "$@" | tee -a "$REPORT"; }
section() { emit "" "$1" "$(printf '%s' "$1" | tr -c '\n' '=')"; }
# A TSV table on stdin (first line the header), aligned; numbers right-aligned.
table() {
	awk -F'\t' '
		{ for (i = 1; i <= NF; i++) { c[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) }
		  if (NF > nf) nf = NF; n = NR }
		END {
			for (r = 1; r <= n; r++) {
				line = ""
				for (i = 1; i <= nf; i++) {
					v = c[r, i]; num = (r > 1 && v ~ /^[-+]?[0-9.]+( ?%)?$/)
					cell = sprintf("%" (num ? "" : "-") w[i] "s", v)
					line = line cell (i < nf ? "  " : "")
				}
				sub(/ +$/, "", line); print line
				if (r == 1) {
					sep = ""
					for (i = 1; i <= nf; i++) { s = ""; for (j = 0; j < w[i]; j++) s = s "-"; sep = sep s (i < nf ? "  " : "") }
					print sep
				}
			}
		}' | tee -a "$REPORT"
}
broken() {
	{ printf '\nBROKEN BENCHMARK: %s\n' "$1"; shift; if [ $# -gt 0 ]; then printf '%s\n' "$@" | sed 's/^/  /'; fi; } |
		tee -a "$REPORT" >&2
	exit 1
}

# --- helpers ------------------------------------------------------------------------------------------------------

compose() {
	docker compose --project-directory "$ROOT" -p "$PROJECT" -f "$ROOT/docker-compose.yml" \
		-f "$BENCH/compose.benchmark.yml" "$@"
}
now() { date +%s.%N; }
epoch() { date -d "$1" +%s.%N; }
# seconds from $1 to $2 (epoch seconds), one decimal
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
# median of the numbers on stdin
median() {
	sort -g | awk '{ v[NR] = $1 }
		END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

cleanup() {
	local rc=$? pid
	set +e
	trap - EXIT INT TERM
	stop_events
	# Background jobs of this script still running (image saves, replica stops): they and their children.
	for pid in $(jobs -pr); do
		pkill -TERM -P "$pid" 2>/dev/null
		kill -TERM "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	if [ "$stack_up" = yes ]; then
		if [ "$rc" -ne 0 ]; then
			compose ps -a >"$RAW/compose-ps-at-failure.txt" 2>&1
			compose logs --no-color --timestamps >"$RAW/compose-logs-at-failure.txt" 2>&1
			progress "state and logs of the failed run: $RAW/compose-*-at-failure.txt"
		fi
		progress "removing project $PROJECT"
		compose down -v --remove-orphans -t 1 >>"$RAW/compose.log" 2>&1
	fi
	if [ "$deploy_up" = yes ] && [ -n "$deploy_dir" ]; then
		deploy_down
	fi
	[ -z "$deploy_dir" ] || rm -rf "$deploy_dir"
	[ -z "$TMP" ] || rm -rf "$TMP"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Project containers of a service (running ones), one id a line.
containers_of() { compose ps -q "$1"; }
# The JVM deployables: every service whose image is one of zviewer/*, in compose's order.
jvm_services() {
	compose config --format json | jq -r '.services | to_entries[] | select(.value.image | startswith("zviewer/")) | .key'
}

# Seconds from a container's start to the moment it was ready, from its log: the first line that mentions
# ACCEPTING_TRAFFIC (the starter logs the readiness change), else Spring Boot's "Started ... in N seconds".
# Prints: seconds <TAB> source <TAB> the seconds Spring Boot itself reported ("Started ... in N seconds")
ready_time() {
	local cid=$1 started logs line source ts jvm
	started=$(docker inspect --format '{{.State.StartedAt}}' "$cid")
	logs=$(docker logs --timestamps "$cid" 2>&1)
	# Only this run of the container (a restarted one keeps the older lines).
	logs=$(awk -v s="$started" 'BEGIN { s = substr(s, 1, 19) } substr($1, 1, 19) >= s' <<<"$logs")
	source=ACCEPTING_TRAFFIC
	line=$(grep -m1 'ACCEPTING_TRAFFIC' <<<"$logs" || true)
	if [ -z "$line" ]; then
		source='"Started" line'
		line=$(grep -m1 -E 'Started [^ ]+ in [0-9.]+ seconds' <<<"$logs" || true)
	fi
	[ -n "$line" ] || return 1
	ts=${line%% *}
	jvm=$(grep -m1 -oE 'Started [^ ]+ in [0-9.]+ seconds' <<<"$logs" | grep -oE '[0-9.]+ seconds' | cut -d' ' -f1 || true)
	printf '%s\t%s\t%s\n' "$(elapsed "$(epoch "$started")" "$(epoch "$ts")")" "$source" "${jvm:--}"
}

# wrk against one URL; prints: requests/s p50_ms p99_ms status_errors socket_errors requests. If the target stops
# answering (a crashed container restarting), the run is repeated once after it answers again, and noted.
run_wrk() {
	local name=$1 url=$2 connections=$3 seconds=$4 think=$5 label=$6 out line attempt t0
	out=$RAW/wrk-$label-$name.txt
	for attempt in 1 2; do
		line=
		if WRK_THINK_MS=$think timeout $((seconds + 30)) wrk --latency -t1 -c"$connections" -d"${seconds}s" --timeout 5s \
			-s "$BENCH/wrk-report.lua" "$url" >"$out" 2>&1; then
			line=$(grep '^BENCH ' "$out" || true)
		fi
		if [ -n "$line" ] && ! grep -q ' requests=0 ' <<<"$line"; then break; fi
		[ "$attempt" -eq 1 ] || broken "wrk against $name failed twice, see $out" "$(head -n3 "$out")"
		cp "$out" "$out.failed"
		t0=$(now)
		served_by "$url" >/dev/null || broken "$name stopped answering during the load (see $out.failed)"
		printf '%s %s: %s; answered again after %s s, run repeated\n' "$label" "$name" \
			"$(head -n1 "$out.failed")" "$(elapsed "$t0" "$(now)")" >>"$TMP/disruptions"
	done
	awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		printf "%.0f %.2f %.2f %d %d %d\n", v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1000,
			v["p99_us"] / 1000, v["status_errors"], v["socket_errors"], v["requests"] }' <<<"$line"
}

# CPU time a container has used so far, in nanoseconds, from its cgroup (cgroup v1's cpuacct, or v2 under either of
# Docker's cgroup drivers); nothing if none of them can be read here.
cpu_ns() {
	local id f
	[ -n "$1" ] || return 0
	id=$(docker inspect --format '{{.Id}}' "$1" 2>/dev/null) || return 0
	for f in "/sys/fs/cgroup/cpuacct/docker/$id/cpuacct.usage" "/sys/fs/cgroup/system.slice/docker-$id.scope/cpu.stat" \
		"/sys/fs/cgroup/docker/$id/cpu.stat"; do
		[ -r "$f" ] || continue
		case $f in
		*/cpuacct.usage) cat "$f" ;;
		*) awk '$1 == "usage_usec" { printf "%.0f\n", $2 * 1000 }' "$f" ;;
		esac
		return 0
	done
}

# GET with a bounded number of attempts until it answers 200; prints the X-Served-By header.
served_by() {
	local url=$1 i headers
	for i in $(seq 60); do
		headers=$(curl -s -o /dev/null -D - --max-time 5 "$url" || true)
		if grep -q '^HTTP/[0-9.]* 200' <<<"$headers"; then
			grep -i '^X-Served-By:' <<<"$headers" | tr -d '\r' | sed 's/^[^:]*: *//' || echo '(no X-Served-By)'
			return 0
		fi
		if [ "$i" -lt 60 ]; then sleep 1; fi
	done
	return 1
}

gateway_attempts() {
	curl -s --max-time 10 -u "$ACTUATOR_USER:$ACTUATOR_PASS" "http://127.0.0.1:$GATEWAY/actuator/prometheus" |
		awk '/^zviewer_gateway_upstream_attempts_total\{/ && /route="auth-service"/ { s += $NF; f = 1 }
			END { if (f) printf "%.0f\n", s }'
}

# Waits, at most $1 seconds, until the machine's CPUs are at least 70 % idle over 2 s (the JVMs that just started have
# finished their start-up work); prints the seconds waited and the idle share seen last.
settle() {
	local limit=$1 t0 idle=0 a b
	t0=$(now)
	while awk -v a="$t0" -v b="$(now)" -v l="$limit" 'BEGIN { exit !(b - a < l) }'; do
		a=$(awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8, $5 + $6 }' /proc/stat)
		sleep 2
		b=$(awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8, $5 + $6 }' /proc/stat)
		idle=$(awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ")
			printf "%.0f", (y[1] > x[1]) ? 100 * (y[2] - x[2]) / (y[1] - x[1]) : 0 }')
		if [ "$idle" -ge 70 ]; then break; fi
	done
	printf '%s s, %s %% idle\n' "$(elapsed "$t0" "$(now)")" "$idle"
}

# Docker's events of the project's containers, recorded while it runs (the engine keeps only its last few hundred):
# how often each one died, with which exit code, and how often the kernel's OOM killer struck (a restarted
# container's own state forgets that).
events_pid=
start_events() {
	timeout 7200 docker events --filter type=container --filter "label=com.docker.compose.project=$PROJECT" \
		--filter event=start --filter event=die --filter event=oom \
		--format '{{.Action}} {{index .Actor.Attributes "name"}} {{index .Actor.Attributes "exitCode"}}' \
		>"$RAW/docker-events.txt" 2>&1 &
	events_pid=$!
}
stop_events() {
	if [ -n "$events_pid" ]; then
		kill "$events_pid" 2>/dev/null || true
		wait "$events_pid" 2>/dev/null || true
		events_pid=
	fi
}

# --- g. deploy time from a fresh clone (measured last, or alone with --deploy-only) ------------------------------

deploy_env() {
	env -u CONFIG_REPO_DIR -u BENCH_NGINX_PORT -u BENCH_DIRECT_PORT \
		JAVA_HOME="$JAVA_25" PATH="$JAVA_25/bin:$PATH" COMPOSE_PROJECT_NAME="$DEPLOY_PROJECT" \
		ZVIEWER_BIND_ADDRESS=127.0.0.1 GATEWAY_PORT="$DEPLOY_GATEWAY" EUREKA_PORT="$DEPLOY_EUREKA" \
		ZVIEWER_VERSION=bench-deploy "$@"
}
deploy_down() {
	local images image
	(cd "$deploy_dir/zviewer" && deploy_env docker compose down -v --remove-orphans -t 1) >>"$RAW/deploy.log" 2>&1
	# Only the images this run tagged; the shared zviewer/*:latest images stay as they are.
	images=$(cd "$deploy_dir/zviewer" && deploy_env docker compose config --images 2>/dev/null) || true
	images=$(grep ':bench-deploy$' <<<"$images" || true)
	for image in $images; do
		if docker image inspect "$image" >/dev/null 2>&1; then docker image rm "$image" >>"$RAW/deploy.log" 2>&1; fi
	done
	deploy_up=no
}

measure_deploy() {
	local cmd t0 t1 rc=0 clone
	[ -d "$JAVA_25" ] || broken "no JDK 25 at $JAVA_25"
	deploy_dir=$(mktemp -d /tmp/zviewer-bench-deploy.XXXXXX)
	clone=$deploy_dir/zviewer
	progress "deploy: fresh clone of $DEPLOY_REPO"
	git clone --quiet "$DEPLOY_REPO" "$clone" || broken "git clone of $DEPLOY_REPO failed"
	# The README's run command: the first line of the first code block under "## Run the system".
	cmd=$(awk '/^## Run the system/ { f = 1; next } f && /^## / { exit }
		f && /^```/ { if (b) exit; b = 1; next } f && b { print; exit }' "$clone/README.md")
	[ -n "$cmd" ] || cmd='./mvnw -DskipTests package && docker compose up -d --build --wait'
	progress "deploy: $cmd (project $DEPLOY_PROJECT)"
	deploy_up=yes
	t0=$(now)
	# bash's trace gives each command's start time.
	(cd "$clone" && deploy_env timeout "$DEPLOY_TIMEOUT" bash -c "PS4='+ \$(date +%s.%N) '; set -x; $cmd") \
		>"$RAW/deploy.log" 2>"$RAW/deploy-trace.log" || rc=$?
	t1=$(now)
	cat "$RAW/deploy-trace.log" >>"$RAW/deploy.log" || true
	[ "$rc" -eq 0 ] ||
		broken "the README's run command failed in a fresh clone of $DEPLOY_REPO after $(elapsed "$t0" "$t1") s" \
		"(exit $rc; the end of $RAW/deploy.log:)" "$(grep -v '^+ ' "$RAW/deploy-trace.log" | tail -n5)"
	curl -sf --max-time 10 -o /dev/null "http://127.0.0.1:$DEPLOY_GATEWAY/actuator/health" ||
		broken "the deployed gateway does not answer its health check"
	section "Deploy time from a fresh clone, jars not built (target: under 5 minutes)"
	{
		printf 'step\tseconds\n'
		# Each command of the run command, from bash's trace.
		grep -E '^\+ [0-9]+\.[0-9]+ ' "$RAW/deploy-trace.log" | awk -v end="$t1" '
			{ t[NR] = $2; $1 = ""; $2 = ""; sub(/^  /, ""); c[NR] = $0 }
			END { for (i = 1; i <= NR; i++) printf "%s\t%.1f\n", c[i], ((i < NR) ? t[i + 1] : end) - t[i] }'
		printf 'total: %s\t%s\n' "$cmd" "$(elapsed "$t0" "$t1")"
	} | table
	emit "cloned $DEPLOY_REPO at commit $(git -C "$clone" rev-parse --short HEAD) (a clone has no uncommitted changes);" \
		"the local Maven repository and Docker's build cache were warm, base images local"
	deploy_down
	rm -rf "$deploy_dir"
	deploy_dir=
}

# --- preparation --------------------------------------------------------------------------------------------------

mkdir -p "$TARGET"
# One run at a time: runs share the project name, the ports and benchmarks/target/.
exec 9>"$TARGET/.lock"
if ! flock -n 9; then
	progress "another benchmark run is in progress; waiting for it (at most 30 minutes)"
	flock -w 1800 9 || { echo "BROKEN BENCHMARK: another run still holds $TARGET/.lock" >&2; exit 1; }
fi
rm -rf "$RAW" "$REPORT"
mkdir -p "$RAW"
: >"$REPORT"
TMP=$(mktemp -d /tmp/zviewer-bench.XXXXXX)

command -v docker >/dev/null || broken "docker is not installed"
docker compose version >/dev/null 2>&1 || broken "Docker Compose v2 is missing"
docker info >/dev/null 2>&1 || broken "the Docker engine does not answer"
notes=()
for tool in wrk jq curl; do
	if ! command -v "$tool" >/dev/null; then
		progress "$tool is missing: installing it with apt-get"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >"$RAW/apt-$tool.log" 2>&1 ||
			{ apt-get -qq update && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool"; } \
				>>"$RAW/apt-$tool.log" 2>&1 ||
			broken "$tool is missing and apt-get could not install it (see $RAW/apt-$tool.log)"
		notes+=("$tool was missing and was installed with apt-get")
	fi
done
[ -f "$ROOT/.env" ] || broken "no .env in $ROOT"

commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ] || commit="$commit + uncommitted changes"
label="$mode mode"
if [ "$deploy" = only ]; then label="deploy time only"; fi
emit "ZViewer benchmark (issue 8), $label, $(date -u '+%Y-%m-%d %H:%M UTC')" \
	"commit $commit; Docker $(docker version --format '{{.Server.Version}}'), $(docker compose version --short)" \
	"machine: $(nproc) CPU cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB;" \
	"the load generator (wrk) and the whole stack share these cores, and so does anything else running on the machine"
for n in "${notes[@]}"; do emit "note: $n"; done
progress "raw outputs go to $RAW"

if [ "$deploy" = only ]; then
	measure_deploy
	emit "" "report: $REPORT"
	exit 0
fi

rm -rf "$CONFIG_REPO_DIR"
cp -a "$ROOT/config-repo" "$CONFIG_REPO_DIR"
compose config -q 2>"$RAW/compose-config.txt" || broken "compose rejects the files: $(cat "$RAW/compose-config.txt")"
mapfile -t JVM < <(jvm_services)
[ "${#JVM[@]}" -gt 0 ] || broken "no zviewer/* service in docker-compose.yml"
declare -A IMAGE
config_json=$(compose config --format json)
# The gateway's actuator credentials, as compose hands them to it (from the shell or .env).
ACTUATOR_USER=$(jq -r '.services["api-gateway"].environment.ACTUATOR_USERNAME // empty' <<<"$config_json")
ACTUATOR_PASS=$(jq -r '.services["api-gateway"].environment.ACTUATOR_PASSWORD // empty' <<<"$config_json")
for svc in "${JVM[@]}"; do
	IMAGE[$svc]=$(jq -r --arg s "$svc" '.services[$s].image' <<<"$config_json")
	docker image inspect "${IMAGE[$svc]}" >/dev/null 2>&1 ||
		broken "image ${IMAGE[$svc]} is missing: build it first (./mvnw -DskipTests package && docker compose build)"
done
docker image inspect nginx:1.26 >/dev/null 2>&1 || broken "image nginx:1.26 is missing"

# --- a. image sizes -----------------------------------------------------------------------------------------------

measure_images() {
	local images=() img i k n pids=() first layers size disk
	mapfile -t images < <(printf '%s\n' "${IMAGE[@]}" | sort -u)
	progress "image sizes: docker save | gzip of ${#images[@]} images, two at a time"
	# docker save | gzip -c | wc -c, two at a time (two cores); the saved tar also gives each layer's size.
	for i in "${!images[@]}"; do
		(
			set -o pipefail
			docker save "${images[$i]}" | tee "$TMP/image-$i.tar" | gzip -c | wc -c >"$TMP/image-$i.gz"
			tar -tvf "$TMP/image-$i.tar" |
				awk '$6 ~ /^blobs\/sha256\/[0-9a-f]+$/ { sub(/^blobs\/sha256\//, "", $6); print $6, $3 }' >"$TMP/image-$i.layers"
			[ "$i" -eq 0 ] || rm -f "$TMP/image-$i.tar"
		) &
		pids+=($!)
		if [ "${#pids[@]}" -ge 2 ]; then
			for p in "${pids[@]}"; do wait "$p" || broken "docker save | gzip failed"; done
			pids=()
		fi
	done
	for p in "${pids[@]}"; do wait "$p" || broken "docker save | gzip failed"; done
	cat "$TMP"/image-*.layers | sort -u >"$TMP/layer-sizes"

	# The bottom layers (diff IDs) that every JVM image has in common.
	for i in "${!images[@]}"; do
		docker image inspect --format '{{range .RootFS.Layers}}{{println .}}{{end}}' "${images[$i]}" |
			sed '/^$/d; s/^sha256://' >"$TMP/image-$i.diffids"
	done
	k=0
	while :; do
		first=$(sed -n "$((k + 1))p" "$TMP/image-0.diffids")
		[ -n "$first" ] || break
		for i in "${!images[@]}"; do
			[ "$(sed -n "$((k + 1))p" "$TMP/image-$i.diffids")" = "$first" ] || break 2
		done
		k=$((k + 1))
	done
	head -n "$k" "$TMP/image-0.diffids" | sort -u >"$TMP/shared"
	local shared_bytes=0 shared_gz=0 java=no
	if [ "$k" -gt 0 ]; then
		shared_bytes=$(join "$TMP/shared" "$TMP/layer-sizes" | awk '{ s += $2 } END { print s + 0 }')
		mkdir -p "$TMP/shared-blobs"
		# shellcheck disable=SC2046
		tar -xf "$TMP/image-0.tar" -C "$TMP/shared-blobs" $(sed 's|^|blobs/sha256/|' "$TMP/shared")
		while read -r layer; do
			n=$(gzip -c <"$TMP/shared-blobs/blobs/sha256/$layer" | wc -c)
			shared_gz=$((shared_gz + n))
			if tar -tf "$TMP/shared-blobs/blobs/sha256/$layer" | grep -E '(^|/)bin/java$' >/dev/null; then java=yes; fi
		done <"$TMP/shared"
	fi
	rm -rf "$TMP/shared-blobs" "$TMP/image-0.tar"

	section "Image sizes (target: each at most 100 MB compressed; MB = 10^6 bytes)"
	{
		printf 'image\tcompressed MB\ton disk MB\tlayers\ton disk above the shared base, MB\n'
		for i in "${!images[@]}"; do
			img=${images[$i]}
			size=$(docker image inspect --format '{{.Size}}' "$img")
			layers=$(wc -l <"$TMP/image-$i.diffids")
			disk=$(awk -v a="$size" -v b="$shared_bytes" 'BEGIN { d = a - b; if (d < 0) d = 0; print d }')
			printf '%s\t%s\t%s\t%s\t%s\n' "$img" "$(mb "$(cat "$TMP/image-$i.gz")")" "$(mb "$size")" "$layers" "$(mb "$disk")"
		done
	} | table
	emit "compressed: docker save IMAGE | gzip -c | wc -c; on disk: docker image inspect .Size"
	emit "check: all ${#images[@]} JVM images share their bottom $k layers (same diff IDs), pulled and stored once:" \
		"$(mb "$shared_bytes") MB as layer tars, $(mb "$shared_gz") MB gzipped; Java runtime (bin/java) in that shared part: $java"
}
measure_images

# --- b. stack time to healthy -------------------------------------------------------------------------------------

progress "removing any leftover $PROJECT project"
compose down -v --remove-orphans -t 1 >>"$RAW/compose.log" 2>&1 || broken "could not remove an earlier $PROJECT project"
mapfile -t STACK < <(compose config --services | grep -vx nginx)
progress "cold start: docker compose up -d --wait (${#STACK[@]} services, fresh volumes)"
stack_up=yes
start_events
t0=$(now)
compose up -d --wait --wait-timeout "$UP_TIMEOUT" "${STACK[@]}" >>"$RAW/compose.log" 2>&1 ||
	broken "the stack did not become healthy (limit $UP_TIMEOUT s) after $(elapsed "$t0" "$(now)") s:" \
		"$(compose ps -a --format '{{.Service}}: {{.Status}}' | grep -v '(healthy)' || true)" \
		"see $RAW/compose-logs-at-failure.txt"
t1=$(now)
STACK_S=$(elapsed "$t0" "$t1")
section "Stack time to healthy (target: under 45 s)"
{
	printf 'what\tseconds\n'
	printf 'docker compose up -d --wait, cold (images built, fresh volumes, %s services)\t%s\n' "${#STACK[@]}" "$STACK_S"
} | table

declare -A COLD
for svc in "${JVM[@]}"; do
	cid=$(containers_of "$svc" | head -n1)
	[ -n "$cid" ] || broken "no running container of $svc"
	COLD[$svc]=$(ready_time "$cid") || broken "no readiness line in the log of $svc"
done

# --- c. per-service time to ready ---------------------------------------------------------------------------------

measure_replicas() {
	local svc before after cid stopped=() stop_pids=() p row cold settled
	declare -A EXTRA
	for svc in "${JVM[@]}"; do
		[[ $SINGLETONS == *" $svc "* ]] && continue
		settled=$(settle "$SETTLE_S")
		progress "time to ready: one extra replica of $svc (after waiting for a quiet machine: $settled)"
		before=$(containers_of "$svc")
		[ "$(wc -l <<<"$before")" -eq 1 ] || broken "$svc does not run exactly one replica"
		env "${EXTRA_PORTS[@]}" docker compose --project-directory "$ROOT" -p "$PROJECT" -f "$ROOT/docker-compose.yml" \
			-f "$BENCH/compose.benchmark.yml" \
			up -d --no-deps --no-recreate --scale "$svc=2" --wait --wait-timeout "$SCALE_TIMEOUT" "$svc" \
			>>"$RAW/compose.log" 2>&1 || broken "the extra replica of $svc did not become healthy"
		after=$(containers_of "$svc")
		cid=$(grep -vxF "$before" <<<"$after" | head -n1)
		[ -n "$cid" ] || broken "could not tell the extra replica of $svc"
		EXTRA[$svc]=$(ready_time "$cid") || broken "no readiness line in the log of the extra $svc"
		docker logs --timestamps "$cid" >"$RAW/extra-replica-$svc.log" 2>&1 || true
		# Back to one replica: the extra one drains (zviewer.shutdown.drain-delay) and stops.
		if [ "$BACKGROUND_STOP" = yes ]; then
			docker stop "$cid" >/dev/null 2>&1 &
			stop_pids+=($!)
			stopped+=("$cid")
		else
			docker stop "$cid" >/dev/null || broken "could not stop the extra $svc"
			docker rm "$cid" >/dev/null || broken "could not remove the extra $svc"
		fi
	done
	if [ "${#stopped[@]}" -gt 0 ]; then
		for p in "${stop_pids[@]}"; do wait "$p" || true; done
		docker rm "${stopped[@]}" >/dev/null || broken "could not remove the extra replicas"
	fi

	section "Per-service time to ready, from the container's start (target: within 5 s with the rest of the system up)"
	{
		printf 'service\textra replica: ready s\t(Started in s)\tcold start: ready s\t(Started in s)\tready line\n'
		for svc in "${JVM[@]}"; do
			IFS=$'\t' read -r -a cold <<<"${COLD[$svc]}"
			if [ -n "${EXTRA[$svc]:-}" ]; then
				IFS=$'\t' read -r -a row <<<"${EXTRA[$svc]}"
			else
				row=("- (single instance)" "" "-")
			fi
			printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$svc" "${row[0]}" "${row[2]}" "${cold[0]}" "${cold[2]}" "${row[1]:-${cold[1]}}"
		done
	} | table
	emit "extra replica: one more replica started with the rest of the system up and the machine quiet (CPUs at least" \
		"70 % idle, waiting at most $SETTLE_S s), then removed again;" \
		"cold start: the same service during the cold start above, all services starting at once;" \
		"ready: from the container's StartedAt to its first log line with the ready line (ACCEPTING_TRAFFIC, else" \
		"Spring Boot's \"Started\"), by docker logs --timestamps; (Started in): the N of Spring Boot's" \
		"\"Started ... in N seconds\", counted from the start of SpringApplication.run, after the JVM's own start"
	if [ "$BACKGROUND_STOP" = yes ]; then
		emit "short mode stops each extra replica in the background (it drains 10 s) while the next one starts"
	fi
}
measure_replicas

# --- e. gateway vs direct vs nginx --------------------------------------------------------------------------------

progress "starting nginx"
compose up -d --no-deps --no-recreate --wait --wait-timeout 60 nginx >>"$RAW/compose.log" 2>&1 ||
	broken "nginx did not start"
[ "$(containers_of auth-service | wc -l)" -eq 1 ] || broken "auth-service does not run exactly one replica"

progress "creating the user the load reads"
user_id=
for i in $(seq 30); do
	body=$(curl -s --max-time 10 -H 'Content-Type: application/json' \
		-d "{\"email\":\"bench-$(date +%s%N)@example.com\",\"password\":\"benchmark password\",\"displayName\":\"Benchmark\"}" \
		"http://127.0.0.1:$GATEWAY/api/users" || true)
	user_id=$(grep -oE '"id" *: *[0-9]+' <<<"$body" | grep -oE '[0-9]+$' || true)
	if [ -n "$user_id" ]; then break; fi
	if [ "$i" -lt 30 ]; then sleep 1; fi
done
[ -n "$user_id" ] || broken "could not create a user through the gateway (last answer: ${body:-none})"
declare -A URL=(
	[direct]="http://127.0.0.1:$DIRECT/api/users/$user_id"
	[nginx]="http://127.0.0.1:$NGINX/api/users/$user_id"
	[gateway]="http://127.0.0.1:$GATEWAY/api/users/$user_id"
)
TARGETS=(direct nginx gateway)
declare -A SERVED
for t in "${TARGETS[@]}"; do
	SERVED[$t]=$(served_by "${URL[$t]}") || broken "GET ${URL[$t]} does not answer 200"
done

# The container in front of auth-service for each target (none for direct), whose CPU time a run also measures.
declare -A PROXY=([direct]="" [nginx]="$(containers_of nginx)" [gateway]="$(containers_of api-gateway)")
AUTH_CID=$(containers_of auth-service)

# run_wrk for one target, with the CPU time that its proxy and auth-service used per request during the run
# (milliseconds; "-" where there is no proxy or no readable cgroup) put before the request count, which stays last:
# requests/s p50_ms p99_ms status_errors socket_errors proxy_cpu_ms auth_cpu_ms requests.
measured_run() {
	local t=$1 p0 p1 a0 a1 res
	p0=$(cpu_ns "${PROXY[$t]}") a0=$(cpu_ns "$AUTH_CID")
	res=$(run_wrk "$t" "${URL[$t]}" "$2" "$3" "$4" "$5")
	p1=$(cpu_ns "${PROXY[$t]}") a1=$(cpu_ns "$AUTH_CID")
	awk -v res="$res" -v p0="$p0" -v p1="$p1" -v a0="$a0" -v a1="$a1" 'BEGIN { split(res, f, " "); n = f[6]
		printf "%s %s %s %s %s %s %s %s\n", f[1], f[2], f[3], f[4], f[5],
			(p0 != "" && p1 != "" && n > 0) ? sprintf("%.3f", (p1 - p0) / n / 1e6) : "-",
			(a0 != "" && a1 != "" && n > 0) ? sprintf("%.3f", (a1 - a0) / n / 1e6) : "-", n }'
}

measure_gateway() {
	local t r res attempts0 attempts1 gw_requests=0 runs=0
	attempts0=$(gateway_attempts || true)
	# Warm-up: interleaved rounds of WARMUP_S seconds per target, until every target's requests/s is within 10 % of
	# its previous round (the JIT compilers of the gateway and the service have done most of their work), at most
	# WARMUP_RUNS rounds.
	local w stable rps warm_note
	declare -A PREV
	for w in $(seq "$WARMUP_RUNS"); do
		progress "warm-up round $w (at most $WARMUP_RUNS): ${WARMUP_S} s per target"
		stable=yes
		for t in "${TARGETS[@]}"; do
			res=$(run_wrk "$t" "${URL[$t]}" "$LOAD_CONNECTIONS" "$WARMUP_S" 0 "warmup-$w")
			if [ "$t" = gateway ]; then gw_requests=$((gw_requests + ${res##* })) runs=$((runs + 1)); fi
			rps=${res%% *}
			if ! awk -v a="${PREV[$t]:-0}" -v b="$rps" 'BEGIN { exit !(a > 0 && b <= a * 1.1 && b >= a * 0.9) }'; then
				stable=no
			fi
			PREV[$t]=$rps
		done
		if [ "$stable" = yes ]; then break; fi
	done
	warm_note="$w rounds"
	if [ "$stable" != yes ]; then warm_note="$w rounds, still not within 10 %"; fi
	warm_note="$warm_note; last round: direct ${PREV[direct]}, nginx ${PREV[nginx]}, gateway ${PREV[gateway]} requests/s"
	for r in $(seq "$ROUNDS"); do
		progress "round $r of $ROUNDS: throughput (${LOAD_CONNECTIONS} connections, ${LOAD_S} s each), then moderate load"
		for t in "${TARGETS[@]}"; do
			res=$(measured_run "$t" "$LOAD_CONNECTIONS" "$LOAD_S" 0 "load-$r")
			echo "$res" >>"$TMP/load-$t"
			if [ "$t" = gateway ]; then gw_requests=$((gw_requests + ${res##* })) runs=$((runs + 1)); fi
		done
		for t in "${TARGETS[@]}"; do
			res=$(measured_run "$t" "$MODERATE_CONNECTIONS" "$MODERATE_S" "$THINK_MS" "moderate-$r")
			echo "$res" >>"$TMP/moderate-$t"
			if [ "$t" = gateway ]; then gw_requests=$((gw_requests + ${res##* })) runs=$((runs + 1)); fi
		done
	done
	attempts1=$(gateway_attempts || true)

	# Per target and load: median over the rounds of requests/s, p50, p99; errors summed.
	local kind col
	declare -A M
	for kind in load moderate; do
		for t in "${TARGETS[@]}"; do
			for col in 1 2 3; do
				M[$kind.$t.$col]=$(cut -d' ' -f"$col" "$TMP/$kind-$t" | median)
			done
			for col in 6 7; do
				M[$kind.$t.$col]=$(cut -d' ' -f"$col" "$TMP/$kind-$t" | { grep -v '^-$' || true; } | median)
				M[$kind.$t.$col]=${M[$kind.$t.$col]:--}
			done
			M[$kind.$t.err]=$(awk '{ s += $4 + $5 } END { print s + 0 }' "$TMP/$kind-$t")
			M[$kind.$t.rounds]=$(cut -d' ' -f1 "$TMP/$kind-$t" | paste -sd/)
		done
	done
	section "Gateway vs direct vs nginx: GET /api/users/{id}, one auth-service instance, median of $ROUNDS rounds"
	{
		printf 'load\ttarget\trequests/s\t(each round)\tp50 ms\tp99 ms\tnon-2xx + socket errors'
		printf '\tproxy CPU ms/request\tauth-service CPU ms/request\n'
		for kind in load moderate; do
			for t in "${TARGETS[@]}"; do
				col=$kind
				if [ "$kind" = load ]; then col=throughput; fi
				printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$col" "$t" "$(printf '%.0f' "${M[$kind.$t.1]}")" \
					"${M[$kind.$t.rounds]}" "$(printf '%.2f' "${M[$kind.$t.2]}")" "$(printf '%.2f' "${M[$kind.$t.3]}")" \
					"${M[$kind.$t.err]}" "${M[$kind.$t.6]}" "${M[$kind.$t.7]}"
			done
		done
	} | table
	emit "throughput: $LOAD_CONNECTIONS connections, as fast as they go, ${LOAD_S} s per run;" \
		"moderate: $MODERATE_CONNECTIONS connections, each pausing ${THINK_MS} ms before every request, ${MODERATE_S} s per run"
	emit "$(awk -v g="${M[load.gateway.1]}" -v n="${M[load.nginx.1]}" -v d="${M[load.direct.1]}" \
		'BEGIN { printf "throughput: gateway/nginx = %.2f (target at least 0.70), gateway/direct = %.2f, nginx/direct = %.2f",
			g / n, g / d, n / d }')"
	emit "$(awk -v g="${M[moderate.gateway.3]}" -v n="${M[moderate.nginx.3]}" -v d="${M[moderate.direct.3]}" \
		'BEGIN { printf "p99 added latency at moderate load, over direct: gateway %+.2f ms (target under 5 ms), nginx %+.2f ms",
			g - d, n - d }')"
	emit "CPU per request: each container's CPU time during a run (from its cgroup) over the requests wrk completed;" \
		"wrk, the kernel and Docker's port proxy are in no column. At throughput the gateway used" \
		"$(awk -v g="${M[load.gateway.6]}" -v n="${M[load.nginx.6]}" 'BEGIN { if (g + 0 > 0 && n + 0 > 0)
			printf "%.1f times the CPU nginx did per request", g / n; else printf "(not measured)" }')"
	emit "same instance behind all three (X-Served-By):" \
		"direct ${SERVED[direct]}, nginx ${SERVED[nginx]}, gateway ${SERVED[gateway]}"
	if [ -n "$attempts0" ] && [ -n "$attempts1" ]; then
		emit "gateway upstream attempts on the auth-service route: $((attempts1 - attempts0)) for $gw_requests requests" \
			"that wrk completed in $runs runs (the ones in flight when a run ends, up to its connections, are not counted)"
	else
		emit "gateway upstream attempts: not available from /actuator/prometheus"
	fi
	if [ "$(cat "$TMP"/load-* "$TMP"/moderate-* | awk '{ s += $4 + $5 } END { print s + 0 }')" -gt 0 ]; then
		emit "ERRORS: some runs got non-2xx answers or socket errors (connect, read, write, timeout): see $RAW/wrk-*.txt;" \
			"a container that died during a run shows in the memory table below"
	fi
	if [ -s "$TMP/disruptions" ]; then
		emit "DISRUPTED: a target stopped answering during these runs (see the memory table for restarts):"
		sed 's/^/  /' "$TMP/disruptions" | tee -a "$REPORT"
	fi
	emit "warm-up: $LOAD_CONNECTIONS connections, ${WARMUP_S} s per target, until each target's requests/s is within 10 %" \
		"of its previous round: $warm_note"
	emit "wrk: one thread, --latency, keep-alive connections, runs interleaved direct, nginx, gateway in each round;" \
		"the machine's $(nproc) cores run wrk, nginx, the gateway, auth-service and PostgreSQL at once:" \
		"compare the three with each other, not the absolute numbers with other machines"
}
measure_gateway

# --- f. memory after the load, d. health-check latency ------------------------------------------------------------

mapfile -t ALL < <(compose ps -q)
declare -A HEALTH_JSON
for cid in "${ALL[@]}"; do
	HEALTH_JSON[$cid]=$(docker inspect --format '{{json .State.Health}}' "$cid")
done

measure_memory() {
	local cid name svc usage limit restarts ooms exits oome jvm
	docker stats --no-stream --format '{{.ID}}\t{{.MemUsage}}' "${ALL[@]}" >"$TMP/stats" || broken "docker stats failed"
	section "Memory per container after the load (target: every JVM container under 256 MiB; MiB = 2^20 bytes)"
	{
		printf 'container\tJVM\tmemory MiB\tlimit MiB\trestarts\tOOM kills\texit codes\tOutOfMemoryError in log\n'
		for cid in "${ALL[@]}"; do
			name=$(docker inspect --format '{{.Name}}' "$cid"); name=${name#/}
			svc=$(docker inspect --format '{{index .Config.Labels "com.docker.compose.service"}}' "$cid")
			jvm=no
			if [ -n "${IMAGE[$svc]:-}" ]; then jvm=yes; fi
			usage=$(awk -v id="${cid:0:12}" 'substr($1, 1, 12) == id { split($2, a, " / "); print a[1] }' FS='\t' "$TMP/stats" |
				awk '{ v = $0 + 0; u = $0; sub(/^[0-9.]+/, "", u)
					f = (u == "GiB") ? 1024 : (u == "MiB") ? 1 : (u == "KiB") ? 1 / 1024 : (u == "B") ? 1 / 1048576 : -1
					if (f < 0) print "?"; else printf "%.0f", v * f }')
			limit=$(docker inspect --format '{{.HostConfig.Memory}}' "$cid")
			if [ "$limit" -gt 0 ]; then limit=$(mib "$limit"); else limit=none; fi
			restarts=$(docker inspect --format '{{.RestartCount}}' "$cid")
			ooms=$(awk -v n="$name" '$1 == "oom" && $2 == n' "$RAW/docker-events.txt" | wc -l)
			exits=$(awk -v n="$name" '$1 == "die" && $2 == n { c[$3]++ }
				END { for (k in c) printf "%s%s x%d", (s++ ? ", " : ""), k, c[k] }' "$RAW/docker-events.txt")
			oome=$(docker logs "$cid" 2>&1 | grep -c 'OutOfMemoryError' || true)
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
				"$name" "$jvm" "${usage:-?}" "$limit" "$restarts" "$ooms" "${exits:--}" "$oome"
		done
	} | table
	emit "memory: docker stats --no-stream right after the load; OOM kills and exit codes: docker events during the run;" \
		"exit code 137 = SIGKILL (the OOM killer, or a stop past its grace period), 143 = SIGTERM, 3 = ExitOnOutOfMemoryError"
}
measure_memory

measure_health() {
	local cid name probe json entries dur
	section "Health-check latency, from each container's last health checks (target: under 1 s, no JVM per check)"
	{
		printf 'container\tprobe\tchecks\tmedian ms\tmax ms\tfailed\n'
		for cid in "${ALL[@]}"; do
			json=${HEALTH_JSON[$cid]}
			[ "$json" != null ] || continue
			name=$(docker inspect --format '{{.Name}}' "$cid"); name=${name#/}
			probe=$(docker inspect --format '{{json .Config.Healthcheck.Test}}' "$cid" | jq -r '.[1:] | .[0] | split(" ")[0]')
			: >"$TMP/health"
			entries=$(jq -r '.Log[] | "\(.Start) \(.End) \(.ExitCode)"' <<<"$json")
			while read -r s e code; do
				[ -n "$s" ] || continue
				dur=$(awk -v a="$(epoch "$s")" -v b="$(epoch "$e")" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
				echo "$dur $code" >>"$TMP/health"
			done <<<"$entries"
			printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "${probe##*/}" "$(wc -l <"$TMP/health")" \
				"$(cut -d' ' -f1 "$TMP/health" | median)" "$(cut -d' ' -f1 "$TMP/health" | sort -g | tail -n1)" \
				"$(awk '$2 != 0' "$TMP/health" | wc -l)"
		done
	} | table
	emit "Docker keeps the last 5 checks of each container; these were read right after the load." \
		"Each duration is Docker's Start to End of the check, so it includes the cost of docker exec itself."
}
measure_health

# Anything that restarted or ran out of memory during the whole run (OOM kills of the removed extra replicas too).
problems=$(
	{
		awk '$1 == "oom" { print $2 }' "$RAW/docker-events.txt"
		for cid in $(compose ps -aq); do
			if [ "$(docker inspect --format '{{.RestartCount}}' "$cid")" != 0 ] ||
				docker logs "$cid" 2>&1 | grep 'OutOfMemoryError' >/dev/null; then
				docker inspect --format '{{.Name}}' "$cid" | sed 's|^/||'
			fi
		done
	} | sort -u | wc -l
)
emit "check: containers that restarted, were OOM-killed or logged OutOfMemoryError during the run: $problems"

compose logs --no-color --timestamps >"$RAW/compose-logs.txt" 2>&1 || true
stop_events
progress "removing project $PROJECT"
compose down -v --remove-orphans -t 1 >>"$RAW/compose.log" 2>&1 || broken "could not remove project $PROJECT"
stack_up=no

if [ "$deploy" = yes ]; then
	measure_deploy
else
	section "Deploy time from a fresh clone"
	emit "not measured in $mode mode (run with --deploy)"
fi

emit "" "report: $REPORT"
