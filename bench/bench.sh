#!/usr/bin/env bash
# bench/bench.sh measures how fast lilith generates and how fast the code it
# generates serves, each number as a ratio against an alternative measured in
# the same run. `make bench` runs it; it prints a report and writes it to
# BENCHMARKS.md. See bench/README.md.
#
# It needs root for apt-get (wrk, hyperfine) and for starting the local
# PostgreSQL 15 cluster if it is stopped; it stops the cluster again only if
# it started it. All traffic is on loopback and every load run is bounded.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT_MD=${OUT_MD:-$ROOT/BENCHMARKS.md}
DUR=${DUR:-5}            # seconds per load run
ROUNDS=${ROUNDS:-5}      # load runs per side, alternating
CONNS=${CONNS:-50}       # HTTP connections for the serving test
DB_CONNS=${DB_CONNS:-8}  # connections for the database test: wrk, the pool and pgbench
RUNS=${RUNS:-15}         # hyperfine runs for generation
FIELDS="title:string,price:float64,due:time,done:bool"
P_NEW=18080 P_BARE=18081 P_PG=18082
PGURL_BASE="postgres://postgres:postgres@127.0.0.1:5432"
BENCH_DB=lilith_bench

WORK=$(mktemp -d /tmp/lilith-bench.XXXXXX)
PIDS=()
STARTED_PG=
cleanup() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	if [ -n "$STARTED_PG" ]; then pg_ctlcluster --skip-systemctl-redirect 15 main stop || true; fi
	rm -rf "$WORK"
}
trap cleanup EXIT

log() { printf '== %s\n' "$*" >&2; }
# ratio A B prints A/B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b == 0 ? 0 : a / b) }'; }
# verdict OK prints met or MISSED for an awk condition that is 1 when met.
verdict() { if [ "$(awk "BEGIN { print ($1) ? 1 : 0 }")" = 1 ]; then echo met; else echo MISSED; fi; }

# --- tools ----------------------------------------------------------------
install_tools() {
	local missing=()
	command -v wrk >/dev/null || missing+=(wrk)
	command -v hyperfine >/dev/null || missing+=(hyperfine)
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing ${missing[*]}"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
	command -v pgbench >/dev/null || { echo "pgbench not found (Debian package postgresql-client-15)" >&2; exit 1; }
}

start_postgres() {
	if ! pg_isready -q -h 127.0.0.1; then
		log "starting PostgreSQL 15"
		pg_ctlcluster --skip-systemctl-redirect 15 main start
		STARTED_PG=1
		for _ in $(seq 50); do pg_isready -q -h 127.0.0.1 && break; sleep 0.2; done
	fi
	su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
	export PGPASSWORD=postgres
	psql -h 127.0.0.1 -U postgres -qX -c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB" >/dev/null
}

# start NAME PORT CMD... starts a server in the background and waits for
# /healthz (or the hello route) to answer; it sets SERVER_PID.
start() {
	local name=$1 port=$2 url
	shift 2
	PORT=$port "$@" >"$WORK/$name.log" 2>&1 &
	SERVER_PID=$!
	PIDS+=("$SERVER_PID")
	url="http://127.0.0.1:$port/v1/hello/world"
	for _ in $(seq 100); do
		curl -sf -o /dev/null "$url" && return 0
		sleep 0.1
	done
	echo "$name did not start:" >&2
	cat "$WORK/$name.log" >&2
	exit 1
}
stop() { kill "$1"; wait "$1" 2>/dev/null || true; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# wrk_run URL CONNS [CPU] prints "rps p50_ms p99_ms"; wrk runs on CPU if given.
wrk_run() {
	local pin=()
	[ -n "${3:-}" ] && pin=(taskset -c "$3")
	"${pin[@]}" wrk -t2 -c"$2" -d"${DUR}s" --latency "$1" | awk '
		function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
		/^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
		/^Requests\/sec:/ { rps = $2 }
		/Non-2xx/ { bad = $NF }
		END { if (bad > 0) { print "non-2xx responses: " bad > "/dev/stderr"; exit 1 } printf "%s %.3f %.3f\n", rps, p50, p99 }'
}
# median_ratio A B prints the median of the ratios of the first columns of
# files A and B, line by line: each line is one round, run back to back.
median_ratio() {
	paste -d' ' "$1" "$2" | awk '{ print $1 / $4 }' | sort -g |
		awk '{ r[NR] = $1 } END { printf "%.2f", (NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2) }'
}
# cpu_s PID prints the CPU time (user + system) that process PID has used, in seconds.
cpu_s() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15) / t }' "/proc/$1/stat"; }
# cpu_us C0 C1 FILE prints the microseconds of CPU per request between the
# CPU times C0 and C1, for the requests of the last line of FILE (its req/s
# times DUR): a per-request cost that load on the machine disturbs less
# than req/s do.
cpu_us() { tail -1 "$3" | awk -v c0="$1" -v c1="$2" -v d="$DUR" '{ printf "%.1f\n", (c1 - c0) * 1e6 / ($1 * d) }'; }
# mean_cols FILE prints the mean of each column.
mean_cols() { awk '{ for (i = 1; i <= NF; i++) s[i] += $i; n = NF } END { for (i = 1; i <= n; i++) printf "%.3f%s", s[i] / NR, (i < n ? " " : "\n") }' "$1"; }

# --- setup ----------------------------------------------------------------
BENCH_START=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
install_tools
cd "$ROOT"
log "building lilith and the bare server"
go build -trimpath -o "$WORK/lilith" ./cmd/lilith
go build -trimpath -ldflags="-s -w" -o "$WORK/bare" ./bench/bareserver
LILITH=$WORK/lilith
unset DATABASE_URL DATASTORE_EMULATOR_HOST

CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
MACHINE="$(nproc) CPUs ($CPU), $MEM RAM, Linux $(uname -r), $(go version | cut -d' ' -f3), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $(hyperfine --version), $(pgbench --version)"

# --- 1. generation --------------------------------------------------------
log "1. generation (hyperfine, $RUNS runs after 3 warm-ups)"
G=$WORK/gen
mkdir -p "$G" "$WORK/ref"
(cd "$WORK/ref" && "$LILITH" new shop --module example.com/shop --skip-tidy --no-input >/dev/null)
cp -r "$WORK/ref/shop" "$WORK/ref/pg"
(cd "$WORK/ref/pg" && "$LILITH" add service orders --db postgres --fields "$FIELDS" --skip-tidy --no-input >/dev/null)
FILES_NEW=$(find "$WORK/ref/shop" -type f | wc -l)
FILES_PG=$(find "$WORK/ref/pg" -type f | wc -l)
hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-csv "$WORK/new.csv" \
	--prepare "rm -rf $G/shop $G/copy" \
	-n new "$LILITH new shop --module example.com/shop --skip-tidy --no-input --dir $G/shop" \
	-n cp "cp -r $WORK/ref/shop $G/copy" >/dev/null
hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-csv "$WORK/add.csv" \
	--prepare "sh -c 'rm -rf $G/shop $G/copy && cp -r $WORK/ref/shop $G/shop'" \
	-n add "sh -c 'cd $G/shop && exec $LILITH add service orders --db postgres --fields $FIELDS --skip-tidy --no-input'" \
	-n cp "sh -c 'exec cp -r $WORK/ref/pg $G/copy'" >/dev/null
median_ms() { awk -F, -v n="$2" '$1 == n { printf "%.1f", $4 * 1000 }' "$1"; }
NEW_MS=$(median_ms "$WORK/new.csv" new) NEWCP_MS=$(median_ms "$WORK/new.csv" cp)
ADD_MS=$(median_ms "$WORK/add.csv" add) ADDCP_MS=$(median_ms "$WORK/add.csv" cp)
R_NEW=$(ratio "$NEW_MS" "$NEWCP_MS") R_ADD=$(ratio "$ADD_MS" "$ADDCP_MS")

# --- 2. ready to code -----------------------------------------------------
log "2. ready to code (lilith new, then go test ./...)"
R=$WORK/rtc
mkdir -p "$R"
hyperfine --style none --warmup 1 --runs 3 --export-csv "$WORK/rtc.csv" \
	--prepare "rm -rf $R/shop" \
	-n rtc "cd $R && $LILITH new shop --module example.com/shop --no-input && cd shop && go test -count=1 ./..." >/dev/null
RTC_S=$(awk -F, '$1 == "rtc" { printf "%.2f", $4 }' "$WORK/rtc.csv")

# --- 3 and 5. serving overhead and footprint ------------------------------
log "3. serving: generated hello vs bare net/http ($ROUNDS x ${DUR}s each, $CONNS connections)"
(cd "$R/shop" && go build -trimpath -ldflags="-s -w" -o "$WORK/shop" ./cmd/shop)
SIZE_NEW=$(stat -c %s "$WORK/shop")
SIZE_BARE=$(stat -c %s "$WORK/bare")
# Each server runs on CPU 0 and wrk on CPU 1, so that both servers get the
# same single CPU and the scheduler's placement does not favour either.
start bare "$P_BARE" taskset -c 0 "$WORK/bare"
BARE_PID=$SERVER_PID
start shop "$P_NEW" env APP_ENV=development LOG_LEVEL=warn taskset -c 0 "$WORK/shop"
SHOP_PID=$SERVER_PID
sleep 1
IDLE_SHOP=$(rss_kb "$SHOP_PID") IDLE_BARE=$(rss_kb "$BARE_PID")
: >"$WORK/bare.txt"
: >"$WORK/shopw.txt"
: >"$WORK/bare_cpu.txt"
: >"$WORK/shopw_cpu.txt"
for _ in $(seq "$ROUNDS"); do
	c0=$(cpu_s "$BARE_PID")
	wrk_run "http://127.0.0.1:$P_BARE/v1/hello/world" "$CONNS" 1 >>"$WORK/bare.txt"
	cpu_us "$c0" "$(cpu_s "$BARE_PID")" "$WORK/bare.txt" >>"$WORK/bare_cpu.txt"
	c0=$(cpu_s "$SHOP_PID")
	wrk_run "http://127.0.0.1:$P_NEW/v1/hello/world" "$CONNS" 1 >>"$WORK/shopw.txt"
	cpu_us "$c0" "$(cpu_s "$SHOP_PID")" "$WORK/shopw.txt" >>"$WORK/shopw_cpu.txt"
done
BARE_CPU=$(mean_cols "$WORK/bare_cpu.txt") SHOP_CPU=$(mean_cols "$WORK/shopw_cpu.txt")
CPU_RATIOS=$(paste -d' ' "$WORK/bare_cpu.txt" "$WORK/shopw_cpu.txt" | awk '{ printf "%s%.2f", (NR > 1 ? ", " : ""), $1 / $2 }')
read -r BARE_RPS BARE_P50 BARE_P99 <<<"$(mean_cols "$WORK/bare.txt")"
read -r SHOP_RPS SHOP_P50 SHOP_P99 <<<"$(mean_cols "$WORK/shopw.txt")"
PEAK_SHOP=$(hwm_kb "$SHOP_PID") PEAK_BARE=$(hwm_kb "$BARE_PID")
stop "$SHOP_PID"
# The same server with request logs at info, to show what logging costs.
# Its request logs go to a file, as they would to a container's log.
start shopinfo "$P_NEW" env APP_ENV=development LOG_LEVEL=info taskset -c 0 "$WORK/shop"
INFO_PID=$SERVER_PID
: >"$WORK/bare2.txt"
: >"$WORK/info.txt"
for _ in 1 2; do
	wrk_run "http://127.0.0.1:$P_BARE/v1/hello/world" "$CONNS" 1 >>"$WORK/bare2.txt"
	wrk_run "http://127.0.0.1:$P_NEW/v1/hello/world" "$CONNS" 1 >>"$WORK/info.txt"
done
read -r INFO_RPS INFO_P50 INFO_P99 <<<"$(mean_cols "$WORK/info.txt")"
BARE2_RPS=$(mean_cols "$WORK/bare2.txt" | cut -d' ' -f1)
stop "$INFO_PID"
stop "$BARE_PID"
R_SERVE=$(median_ratio "$WORK/shopw.txt" "$WORK/bare.txt")
R_INFO=$(median_ratio "$WORK/info.txt" "$WORK/bare2.txt")
ROUND_RATIOS=$(paste -d' ' "$WORK/shopw.txt" "$WORK/bare.txt" | awk '{ printf "%s%.2f", (NR > 1 ? ", " : ""), $1 / $4 }')

# --- 4. database path -----------------------------------------------------
log "4. database: GET /v1/orders/{id} vs pgbench select by primary key ($DB_CONNS connections)"
start_postgres
P=$WORK/pg
mkdir -p "$P"
(cd "$P" && "$LILITH" new shop --module example.com/shop --no-input >/dev/null &&
	cd shop && "$LILITH" add service orders --db postgres --fields "$FIELDS" --no-input >/dev/null &&
	go build -trimpath -ldflags="-s -w" -o "$WORK/shoppg" ./cmd/shop)
SIZE_PG=$(stat -c %s "$WORK/shoppg")
POOL="pool_max_conns=$DB_CONNS&pool_min_conns=$DB_CONNS"
start shoppg "$P_PG" env APP_ENV=development LOG_LEVEL=warn \
	"DATABASE_URL=$PGURL_BASE/$BENCH_DB?sslmode=disable&$POOL" "$WORK/shoppg"
PG_PID=$SERVER_PID
IDLE_PG=$(rss_kb "$PG_PID")
ID=$(curl -sf -H 'Content-Type: application/json' \
	-d '{"title":"bench","price":9.5,"due":"2026-01-02T03:04:05Z","done":false}' \
	"http://127.0.0.1:$P_PG/v1/orders" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
[ -n "$ID" ] || { echo "could not create an order" >&2; exit 1; }
# 9,999 more rows, copies of the first with new ids, so the index is not trivial.
psql -h 127.0.0.1 -U postgres -qX -d "$BENCH_DB" -c "
	INSERT INTO orders SELECT (jsonb_populate_record(NULL::orders, to_jsonb(o) || jsonb_build_object('id', gen_random_uuid()))).*
	FROM orders o, generate_series(1, 9999);" -c "VACUUM ANALYZE orders;" >/dev/null
curl -sf -o /dev/null "http://127.0.0.1:$P_PG/v1/orders/$ID"
echo "SELECT * FROM orders WHERE id = '$ID';" >"$WORK/select.sql"
: >"$WORK/dbw.txt"
: >"$WORK/pgb.txt"
: >"$WORK/dbw_cpu.txt"
for _ in $(seq "$ROUNDS"); do
	c0=$(cpu_s "$PG_PID")
	wrk_run "http://127.0.0.1:$P_PG/v1/orders/$ID" "$DB_CONNS" >>"$WORK/dbw.txt"
	cpu_us "$c0" "$(cpu_s "$PG_PID")" "$WORK/dbw.txt" >>"$WORK/dbw_cpu.txt"
	pgbench -h 127.0.0.1 -U postgres -n -M prepared -c "$DB_CONNS" -j 2 -T "$DUR" -f "$WORK/select.sql" "$BENCH_DB" 2>/dev/null |
		awk '/^tps = .*without initial/ { print $3 }' >>"$WORK/pgb.txt"
done
read -r DB_RPS DB_P50 DB_P99 <<<"$(mean_cols "$WORK/dbw.txt")"
PGB_TPS=$(mean_cols "$WORK/pgb.txt")
DB_CPU=$(mean_cols "$WORK/dbw_cpu.txt")
PEAK_PG=$(hwm_kb "$PG_PID")
stop "$PG_PID"
psql -h 127.0.0.1 -U postgres -qX -c "DROP DATABASE IF EXISTS $BENCH_DB" >/dev/null
R_DB=$(median_ratio "$WORK/dbw.txt" "$WORK/pgb.txt")
DB_RATIOS=$(paste -d' ' "$WORK/dbw.txt" "$WORK/pgb.txt" | awk '{ printf "%s%.2f", (NR > 1 ? ", " : ""), $1 / $4 }')

# --- 6. micro-benchmarks --------------------------------------------------
log "6. micro-benchmarks in the generated project"
(cd "$R/shop" && go test -run '^$' -bench . -benchmem -count 6 -benchtime 100ms \
	./internal/app ./internal/platform/httpx) >"$WORK/micro.txt"
MICRO=$(cd "$R/shop" && timeout 120 go run golang.org/x/perf/cmd/benchstat@latest "$WORK/micro.txt" 2>/dev/null) ||
	MICRO=$(grep -E '^(Benchmark|goos|goarch|cpu|pkg)' "$WORK/micro.txt")

ELAPSED=$(($(date +%s) - BENCH_START))
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ---------------------------------------------------------------
{
	cat <<EOF
# Benchmarks

Written by \`make bench\` (bench/bench.sh; see bench/README.md) on $(date -u +%Y-%m-%d) in ${ELAPSED}s.
Every number is a ratio against an alternative measured in the same run on
the same machine: absolute times on these shared machines vary from run to run.

Machine: $MACHINE.
Load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $LOAD_END.
On 2 CPUs, a load above about 2 means other work shared the machine during the run.

Reproduce: \`make bench\` (or \`DUR=$DUR ROUNDS=$ROUNDS CONNS=$CONNS DB_CONNS=$DB_CONNS RUNS=$RUNS bash bench/bench.sh\`).

| # | measure | lilith | alternative | ratio | goal | |
|---|---|---|---|---|---|---|
| 1 | \`lilith new shop --skip-tidy\` ($FILES_NEW files), median | $NEW_MS ms | \`cp -r\` of its output: $NEWCP_MS ms | $R_NEW x | within 3x | $(verdict "$R_NEW <= 3") |
| 1 | \`lilith add service orders --db postgres --skip-tidy\` ($FILES_PG files after), median | $ADD_MS ms | \`cp -r\` of its output: $ADDCP_MS ms | $R_ADD x | within 3x | $(verdict "$R_ADD <= 3") |
| 2 | \`lilith new\` (with \`go mod tidy\`) to a green \`go test -count=1 ./...\`, warm caches, median of 3 | $RTC_S s | | | under 10 s | $(verdict "$RTC_S < 10") |
| 3 | \`GET /v1/hello/{name}\`, full middleware, LOG_LEVEL=warn | $SHOP_RPS req/s | bare net/http: $BARE_RPS req/s | $R_SERVE | at least 0.9 | $(verdict "$R_SERVE >= 0.9") |
| 3 | the same at LOG_LEVEL=info (one JSON line per request to a file) | $INFO_RPS req/s | bare net/http: $BARE2_RPS req/s | $R_INFO | (for information) | |
| 4 | \`GET /v1/orders/{id}\`, Postgres, LOG_LEVEL=warn | $DB_RPS req/s | pgbench select by id: $PGB_TPS tps | $R_DB | at least 0.5 | $(verdict "$R_DB >= 0.5") |
| 5 | binary size, \`-trimpath -ldflags="-s -w"\` (hello only) | $(mib "$((SIZE_NEW / 1024))") MiB | bare: $(mib "$((SIZE_BARE / 1024))") MiB | | under 15 MiB | $(verdict "$SIZE_NEW < 15 * 1048576") |
| 5 | binary size with the Postgres service (pgx, goose) | $(mib "$((SIZE_PG / 1024))") MiB | | | under 15 MiB | $(verdict "$SIZE_PG < 15 * 1048576") |
| 5 | idle RSS after start (hello only) | $(mib "$IDLE_SHOP") MiB | bare: $(mib "$IDLE_BARE") MiB | | under 20 MiB | $(verdict "$IDLE_SHOP < 20 * 1024") |
| 5 | idle RSS after start, with the Postgres service and its pool | $(mib "$IDLE_PG") MiB | | | under 20 MiB | $(verdict "$IDLE_PG < 20 * 1024") |

## Serving details

wrk, 2 threads, $CONNS keep-alive connections, ${DUR}s per run, loopback; the
server pinned to CPU 0, wrk to CPU 1. $ROUNDS rounds, each bare then generated
back to back; the ratio is the median of the rounds' ratios ($ROUND_RATIOS),
the other columns means over the rounds. The LOG_LEVEL=info server ran 2 rounds
of its own against the bare server. CPU per request is the server process's
user + system time over a round divided by the round's requests: it depends
less on the other work on the machine than req/s do (bare CPU / generated
CPU per round: $CPU_RATIOS).

| server | req/s | p50 | p99 | peak RSS | CPU per request |
|---|---|---|---|---|---|
| bare net/http | $BARE_RPS | $BARE_P50 ms | $BARE_P99 ms | $(mib "$PEAK_BARE") MiB | $BARE_CPU µs |
| generated, LOG_LEVEL=warn | $SHOP_RPS | $SHOP_P50 ms | $SHOP_P99 ms | $(mib "$PEAK_SHOP") MiB | $SHOP_CPU µs |
| generated, LOG_LEVEL=info | $INFO_RPS | $INFO_P50 ms | $INFO_P99 ms | | |

## Database details

Table \`orders\` (fields \`$FIELDS\`) with 10,000 rows; every request reads the
same row by primary key. The server's pool: \`$POOL\` in DATABASE_URL
(pgx's statement cache on). pgbench: \`pgbench -n -M prepared -c $DB_CONNS -j 2 -T $DUR\`
with \`SELECT * FROM orders WHERE id = '<uuid>'\`. wrk: 2 threads, $DB_CONNS connections.
$ROUNDS rounds, each wrk then pgbench back to back, unpinned (PostgreSQL needs
both CPUs); the ratio is the median of the rounds' ratios ($DB_RATIOS).

| client | per second | p50 | p99 | peak RSS | server CPU per request |
|---|---|---|---|---|---|
| pgbench | $PGB_TPS | | | | |
| wrk → generated server → PostgreSQL | $DB_RPS | $DB_P50 ms | $DB_P99 ms | $(mib "$PEAK_PG") MiB | $DB_CPU µs |

## Micro-benchmarks of the generated project

\`go test -run '^\$' -bench . -benchmem -count 6 -benchtime 100ms ./internal/app ./internal/platform/httpx\`
in a new project, summarised by benchstat:

\`\`\`
$MICRO
\`\`\`
EOF
	if [ -f "$ROOT/bench/analysis.md" ]; then
		echo
		cat "$ROOT/bench/analysis.md"
	fi
} >"$WORK/report.md"
cp "$WORK/report.md" "$OUT_MD"
cat "$WORK/report.md"
log "done in ${ELAPSED}s; written to $OUT_MD"
