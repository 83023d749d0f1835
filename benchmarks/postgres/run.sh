#!/usr/bin/env bash
# PostgreSQL 15 baseline for the home timeline and search, set up as ../../../shared/baselines.md
# describes ("PostgreSQL at its best"). See README.md in this directory.
#
#   run.sh DATASET_DIR [RESULT_FILE]
#
# Environment:
#   PG_BIN             PostgreSQL binaries            (/usr/lib/postgresql/15/bin)
#   PG_BENCH_SECONDS   seconds per pgbench run        (30)
#   PG_WARMUP_SECONDS  unrecorded run before each     (2; 0 skips)
#   PG_CLIENTS         client counts to run           ("1 8")
#   PG_WORKLOADS       subset of workload names       (all; see WORKLOADS below)
#   PG_SHARED_BUFFERS  shared_buffers                 (2GB)
#   PG_EXTRA_CONF      extra postgresql.conf lines    (none)
#   PG_PORT            TCP port on 127.0.0.1          (a free one)
#   PG_RUN_AS          user for the server when run as root (postgres)
#   PG_BENCH_SEED      pgbench --random-seed          (1)
#   PG_KEEP=1          keep the temporary directory (cluster, logs) for inspection
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 DATASET_DIR [RESULT_FILE]" >&2
  exit 2
fi

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
BENCH_SECONDS=${PG_BENCH_SECONDS:-30}
WARMUP_SECONDS=${PG_WARMUP_SECONDS:-2}
CLIENTS=${PG_CLIENTS:-1 8}
SHARED_BUFFERS=${PG_SHARED_BUFFERS:-2GB}
BENCH_SEED=${PG_BENCH_SEED:-1}
# 'simple': lower-casing, no stemming, no stop words, like the ICU analyzer on the Lucene side.
TS_CONFIG=simple

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
dataset=$(cd "$1" && pwd)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
result=${2:-$repo_root/benchmarks/results/postgres-$stamp.md}

for f in posts follows viewers searches; do
  [[ -r $dataset/$f.tsv ]] || { echo "missing $dataset/$f.tsv" >&2; exit 2; }
done
for b in initdb pg_ctl postgres pgbench psql; do
  [[ -x $PG_BIN/$b ]] || { echo "missing $PG_BIN/$b (set PG_BIN)" >&2; exit 2; }
done

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# PostgreSQL refuses to run as root: as root, the cluster belongs to PG_RUN_AS and only the
# server-side commands run as that user; psql and pgbench connect over TCP as the caller.
if [[ $EUID -eq 0 ]]; then
  run_as=${PG_RUN_AS:-postgres}
  id "$run_as" >/dev/null 2>&1 || { echo "running as root needs user $run_as (PG_RUN_AS)" >&2; exit 2; }
  as_server() { runuser -u "$run_as" -- "$@"; }
else
  run_as=$(id -un)
  as_server() { "$@"; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ipfeed-pg.XXXXXX")
pgdata=$work/data
server_log=$pgdata/server.log
server_started=0

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n ${bench_pid:-} ]]; then
    kill "$bench_pid" 2>/dev/null || true
    wait "$bench_pid" 2>/dev/null || true
  fi
  if [[ $server_started -eq 1 ]]; then
    if ! as_server "$PG_BIN/pg_ctl" -D "$pgdata" -m fast -w -t 60 stop >/dev/null 2>&1; then
      as_server "$PG_BIN/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1 || true
    fi
  fi
  if [[ $rc -ne 0 && -f $server_log ]]; then
    echo "--- last lines of the server log ---" >&2
    tail -n 20 "$server_log" >&2 || true
  fi
  if [[ ${PG_KEEP:-0} == 1 ]]; then
    echo "kept $work" >&2
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

chmod 755 "$work"
mkdir "$pgdata" "$work/logs" "$work/sql"
[[ $EUID -eq 0 ]] && chown "$run_as" "$pgdata"

free_port() {
  local p
  for _ in $(seq 100); do
    p=$((20000 + RANDOM % 40000))
    # A refused connection means nobody listens there.
    if ! (: >"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}
port=${PG_PORT:-$(free_port)}

# --- cluster ---------------------------------------------------------------------------------
log "initdb in $pgdata, port $port"
as_server "$PG_BIN/initdb" -D "$pgdata" -U bench --auth=trust -E UTF8 --locale=C -N >/dev/null
cat >>"$pgdata/postgresql.conf" <<EOF

# --- ipfeed benchmarks/postgres/run.sh ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
max_connections = 20
# Hot cache: the whole data set (about 0.5 GB at 1M posts) fits in shared_buffers.
shared_buffers = $SHARED_BUFFERS
effective_cache_size = 16GB
work_mem = 32MB
maintenance_work_mem = 1GB
# Durability as in production; the workloads only read, so it matters for the load alone.
fsync = on
synchronous_commit = on
full_page_writes = on
max_wal_size = 8GB
checkpoint_timeout = 30min
jit = off
# Everything is in memory: random reads cost about what sequential ones do.
random_page_cost = 1.1
effective_io_concurrency = 0
# Two cores: at most one helper per query, two in all.
max_worker_processes = 4
max_parallel_workers = 2
max_parallel_workers_per_gather = 1
max_parallel_maintenance_workers = 1
logging_collector = off
log_checkpoints = on
EOF
if [[ -n ${PG_EXTRA_CONF:-} ]]; then
  printf '%s\n' "$PG_EXTRA_CONF" >>"$pgdata/postgresql.conf"
fi
server_started=1 # from here on cleanup stops it, even if start only half succeeds
as_server "$PG_BIN/pg_ctl" -D "$pgdata" -l "$server_log" -w -t 120 start >/dev/null

export PGHOST=127.0.0.1 PGPORT=$port PGUSER=bench PGDATABASE=postgres
psql_q() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql_val() { "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
now_ms() { date +%s%3N; }
declare -A load_ms
timed() { # name sql...
  local name=$1 t0
  shift
  t0=$(now_ms)
  "$@"
  load_ms[$name]=$(($(now_ms) - t0))
  log "$name: ${load_ms[$name]} ms"
}

# --- schema and load -------------------------------------------------------------------------
psql_q <<EOF
CREATE TABLE posts (
  id         text   NOT NULL,
  author     text   NOT NULL,
  created_at bigint NOT NULL,               -- epoch ms
  text       text   NOT NULL,
  tsv        tsvector GENERATED ALWAYS AS (to_tsvector('$TS_CONFIG', text)) STORED
);
CREATE TABLE follows (viewer text NOT NULL, author text NOT NULL);
CREATE TABLE viewers_in (viewer text NOT NULL, kind text NOT NULL);
CREATE TABLE searches_in (w1 text NOT NULL, w2 text NOT NULL);
EOF

copy_in() { psql_q -c "COPY $1 FROM STDIN" <"$2"; }
timed copy_posts copy_in "posts (id, author, created_at, text)" "$dataset/posts.tsv"
timed copy_follows copy_in follows "$dataset/follows.tsv"
copy_in viewers_in "$dataset/viewers.tsv"
copy_in searches_in "$dataset/searches.tsv"

timed index_pkey psql_q -c "ALTER TABLE posts ADD CONSTRAINT posts_pkey PRIMARY KEY (id)"
timed index_author psql_q -c \
  "CREATE INDEX posts_author_created ON posts (author, created_at DESC) INCLUDE (id)"
timed index_created psql_q -c \
  "CREATE INDEX posts_created ON posts (created_at DESC) INCLUDE (author, id)"
timed index_gin psql_q -c "CREATE INDEX posts_tsv ON posts USING gin (tsv)"
timed index_follows psql_q -c "ALTER TABLE follows ADD CONSTRAINT follows_pkey PRIMARY KEY (viewer, author)"
timed vacuum_analyze psql_q -c "VACUUM (ANALYZE) posts" -c "VACUUM (ANALYZE) follows"

# Benchmark helper tables: a dense key per kind so that pgbench can pick a viewer at random,
# the page-2 cursor (created_at of the 50th post on page 1) and the search pairs.
psql_q <<'EOF'
CREATE TABLE viewers AS
  SELECT kind, (row_number() OVER (PARTITION BY kind ORDER BY viewer))::int AS n, viewer
  FROM viewers_in;
ALTER TABLE viewers ADD PRIMARY KEY (kind, n);
CREATE TABLE page2 AS
  SELECT (row_number() OVER (ORDER BY viewer))::int AS n, viewer, before
  FROM (SELECT v.viewer,
               (SELECT created_at FROM posts
                 WHERE author IN (SELECT author FROM follows f WHERE f.viewer = v.viewer)
                 ORDER BY created_at DESC OFFSET 49 LIMIT 1) AS before
        FROM viewers v WHERE kind = 'normal') c
  WHERE before IS NOT NULL;
ALTER TABLE page2 ADD PRIMARY KEY (n);
CREATE TABLE searches AS SELECT (row_number() OVER ())::int AS n, w1, w2 FROM searches_in;
ALTER TABLE searches ADD PRIMARY KEY (n);
DROP TABLE viewers_in, searches_in;
VACUUM (ANALYZE) viewers, page2, searches;
EOF

# --- hot cache -------------------------------------------------------------------------------
# Every page of every relation of ours (tables, indexes, TOAST) into shared_buffers.
rels_sql="
  SELECT c.oid FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
   WHERE s.nspname = 'public' AND c.relkind IN ('r', 'i')
  UNION
  SELECT t.oid FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
   JOIN pg_class t ON t.oid = c.reltoastrelid WHERE s.nspname = 'public'
  UNION
  SELECT i.indexrelid FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
   JOIN pg_index i ON i.indrelid = c.reltoastrelid WHERE s.nspname = 'public'"
if psql_val "CREATE EXTENSION IF NOT EXISTS pg_prewarm" >/dev/null 2>&1; then
  prewarm="pg_prewarm"
  pages=$(psql_val "SELECT sum(pg_prewarm(oid)) FROM ($rels_sql) r")
  log "pg_prewarm: $pages pages"
else
  # Without the contrib module: full scans load the heaps; the warm-up runs below and the
  # workloads themselves then bring in the index pages they touch.
  prewarm="full scans (pg_prewarm not installed)"
  psql_q -c "SET max_parallel_workers_per_gather = 0" \
    -c "SELECT count(*), sum(length(text)), sum(length(tsv::text)) FROM posts" \
    -c "SELECT count(*) FROM follows" >/dev/null
  log "warmed by full scans"
fi

# --- data set summary ------------------------------------------------------------------------
n_posts=$(psql_val "SELECT count(*) FROM posts")
n_authors=$(psql_val "SELECT count(DISTINCT author) FROM posts")
n_follows=$(psql_val "SELECT count(*) FROM follows")
n_normal=$(psql_val "SELECT count(*) FROM viewers WHERE kind = 'normal'")
n_quiet=$(psql_val "SELECT count(*) FROM viewers WHERE kind = 'quiet'")
n_page2=$(psql_val "SELECT count(*) FROM page2")
n_searches=$(psql_val "SELECT count(*) FROM searches")
in_order=$(psql_val "SELECT round(correlation::numeric, 3) FROM pg_stats
                      WHERE tablename = 'posts' AND attname = 'created_at'")
timeline_sizes() { # kind -> "avg followed authors / avg posts in timeline"
  psql_val "SELECT coalesce(round(avg(a)), 0) || ' authors, ' || coalesce(round(avg(p)), 0) || ' posts'
    FROM (SELECT v.viewer, count(DISTINCT f.author) AS a,
                 (SELECT count(*) FROM posts WHERE author IN
                    (SELECT author FROM follows g WHERE g.viewer = v.viewer)) AS p
          FROM viewers v JOIN follows f ON f.viewer = v.viewer
          WHERE v.kind = '$1' GROUP BY v.viewer) t"
}
tl_normal=$(timeline_sizes normal)
tl_quiet=$(timeline_sizes quiet)
search_hits=$(psql_val "SELECT 'median ' || percentile_disc(0.5) WITHIN GROUP (ORDER BY h)
    || ', none for ' || count(*) FILTER (WHERE h = 0) || ', fewer than 20 for '
    || count(*) FILTER (WHERE h < 20)
  FROM (SELECT (SELECT count(*) FROM posts
                WHERE tsv @@ plainto_tsquery('$TS_CONFIG', w1 || ' ' || w2)) AS h
        FROM searches) s")
log "data: $n_posts posts, $n_authors authors, $n_follows follows, $n_normal normal + $n_quiet quiet viewers, $n_searches searches"

# --- workloads -------------------------------------------------------------------------------
# Each transaction looks up its random viewer (or word pair) with \gset, then runs the query
# under test with that value as a parameter, as an application would. The lookup is a primary
# key probe; the "harness" workload measures it alone.
lookup_viewer='\set n random(1, :nviewers)
SELECT viewer FROM viewers WHERE kind = :kind AND n = :n \gset'
lookup_search='\set n random(1, :nsearches)
SELECT w1, w2 FROM searches WHERE n = :n \gset'

cat >"$work/sql/harness.sql" <<EOF
$lookup_viewer
EOF
cat >"$work/sql/timeline.sql" <<EOF
$lookup_viewer
SELECT id, author, created_at FROM posts
 WHERE author IN (SELECT author FROM follows WHERE viewer = :viewer)
 ORDER BY created_at DESC LIMIT 50;
EOF
cat >"$work/sql/lateral.sql" <<EOF
$lookup_viewer
SELECT p.id, p.author, p.created_at FROM follows f
 CROSS JOIN LATERAL (SELECT id, author, created_at FROM posts
                      WHERE posts.author = f.author ORDER BY created_at DESC LIMIT 50) p
 WHERE f.viewer = :viewer
 ORDER BY p.created_at DESC LIMIT 50;
EOF
cat >"$work/sql/page2.sql" <<'EOF'
\set n random(1, :npage2)
SELECT viewer, before FROM page2 WHERE n = :n \gset
SELECT id, author, created_at FROM posts
 WHERE author IN (SELECT author FROM follows WHERE viewer = :viewer) AND created_at < :before
 ORDER BY created_at DESC LIMIT 50;
EOF
cat >"$work/sql/search.sql" <<EOF
$lookup_search
SELECT id, author, created_at FROM posts
 WHERE tsv @@ plainto_tsquery('$TS_CONFIG', :w1::text || ' ' || :w2::text)
 ORDER BY created_at DESC LIMIT 20;
EOF
cat >"$work/sql/search_rank.sql" <<EOF
$lookup_search
SELECT id, author, created_at
  FROM posts, plainto_tsquery('$TS_CONFIG', :w1::text || ' ' || :w2::text) q
 WHERE tsv @@ q
 ORDER BY ts_rank(tsv, q) DESC LIMIT 20;
EOF

# name | script | pgbench -D variables | description
WORKLOADS=(
  "timeline_normal|timeline|kind=normal nviewers=$n_normal|timeline page 1, normal viewers, best setup (IN, newest first)"
  "lateral_normal|lateral|kind=normal nviewers=$n_normal|timeline page 1, normal viewers, LATERAL per author"
  "timeline_quiet|timeline|kind=quiet nviewers=$n_quiet|timeline page 1, quiet viewer, best setup (IN, newest first)"
  "lateral_quiet|lateral|kind=quiet nviewers=$n_quiet|timeline page 1, quiet viewer, LATERAL per author"
  "page2|page2|npage2=$n_page2|timeline page 2 (cursor created_at < last seen), normal viewers"
  "search|search|nsearches=$n_searches|search, 2 words AND (tsvector + GIN), newest first, LIMIT 20"
  "search_rank|search_rank|nsearches=$n_searches|search, 2 words AND, ranked by ts_rank, LIMIT 20"
  "harness|harness|kind=normal nviewers=$n_normal|harness alone: the random viewer lookup in every timeline row"
)
wanted=${PG_WORKLOADS:-}

rows=()
bench_pid=
run_pgbench() { # name script defines clients seconds logprefix outfile
  local name=$1 script=$2 defines=$3 clients=$4 secs=$5 prefix=$6 out=$7 threads=$(($4 < 2 ? $4 : 2))
  local args=(-n -M prepared -c "$clients" -j "$threads" -T "$secs" --random-seed="$BENCH_SEED"
    -f "$work/sql/$script.sql")
  local d
  for d in $defines; do args+=(-D "$d"); done
  [[ -n $prefix ]] && args+=(-l --log-prefix="$prefix")
  # In the background so that a signal reaches our trap at once (bash waits for a foreground
  # child before running traps); cleanup stops it.
  "$PG_BIN/pgbench" "${args[@]}" postgres >"$out" 2>"$work/logs/$name.err" &
  bench_pid=$!
  if ! wait "$bench_pid"; then
    bench_pid=
    cat "$work/logs/$name.err" >&2
    return 1
  fi
  bench_pid=
}
fmt_ms() { awk -v us="$1" 'BEGIN { ms = us / 1000; if (ms >= 1000) printf "%.2f s", ms / 1000;
  else if (ms >= 10) printf "%.1f ms", ms; else printf "%.2f ms", ms }'; }

run_workload() { # "name|script|defines|description"
  local name script defines desc c prefix out tps failed lat n p50 p99 row
  IFS='|' read -r name script defines desc <<<"$1"
  if [[ -n $wanted && " $wanted " != *" $name "* ]]; then return 0; fi
  if [[ " $defines " == *"=0 "* ]]; then
    log "skip $name: no rows to pick from ($defines)"
    return 0
  fi
  for c in $CLIENTS; do
    if [[ $WARMUP_SECONDS -gt 0 ]]; then
      run_pgbench "$name" "$script" "$defines" "$c" "$WARMUP_SECONDS" "" /dev/null
    fi
    prefix=$work/logs/$name-c$c
    run_pgbench "$name" "$script" "$defines" "$c" "$BENCH_SECONDS" "$prefix" "$prefix.out"
    out=$(<"$prefix.out")
    tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' <<<"$out")
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$out")
    # Per-transaction log: client_id transaction_no latency_us script_no epoch_s epoch_us.
    lat=$(find "$work/logs" -maxdepth 1 -name "$(basename "$prefix").[0-9]*" -exec cat {} + \
      | awk '{ print $3 }' | sort -n \
      | awk '{ v[NR] = $1 } END {
          if (NR == 0) { print "0 0 0"; exit }
          i50 = int(NR * 0.50); if (i50 < NR * 0.50) i50++
          i99 = int(NR * 0.99); if (i99 < NR * 0.99) i99++
          print NR, v[i50], v[i99] }')
    read -r n p50 p99 <<<"$lat"
    row="| $desc | $c | $(printf '%.1f' "$tps") | $(fmt_ms "$p50") | $(fmt_ms "$p99") | $n | ${failed:-0} |"
    rows+=("$row")
    log "$name c=$c: tps=$tps p50=${p50}us p99=${p99}us n=$n"
  done
}

for w in "${WORKLOADS[@]}"; do
  run_workload "$w"
done

# --- sizes, cache check, plans ---------------------------------------------------------------
sizes=$(psql_val "
  SELECT '| ' || c.relname || ' | ' || CASE c.relkind WHEN 'r' THEN 'table' ELSE 'index' END
         || ' | ' || pg_size_pretty(CASE c.relkind WHEN 'r' THEN pg_table_size(c.oid)
                                    ELSE pg_relation_size(c.oid) END) || ' |'
    FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
   WHERE s.nspname = 'public' AND c.relkind IN ('r', 'i')
     AND c.relname NOT IN ('viewers', 'viewers_pkey', 'page2', 'page2_pkey', 'searches', 'searches_pkey')
   ORDER BY CASE c.relkind WHEN 'r' THEN 0 ELSE 1 END, pg_relation_size(c.oid) DESC")
size_core=$(psql_val "SELECT pg_size_pretty(pg_table_size('posts') + pg_relation_size('posts_pkey')
                                            + pg_relation_size('posts_author_created'))")
size_posts=$(psql_val "SELECT pg_size_pretty(pg_total_relation_size('posts'))")
size_all=$(psql_val "SELECT pg_size_pretty(pg_total_relation_size('posts') + pg_total_relation_size('follows'))")

cached=pct_unknown
if psql_val "CREATE EXTENSION IF NOT EXISTS pg_buffercache" >/dev/null 2>&1; then
  cached=$(psql_val "
    WITH r AS ($rels_sql),
    f AS (SELECT pg_relation_filenode(oid) AS node, pg_relation_size(oid) / 8192 AS pages FROM r)
    SELECT round(100.0 * (SELECT count(*) FROM pg_buffercache b
                           WHERE b.reldatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
                             AND b.relforknumber = 0 AND b.relfilenode IN (SELECT node FROM f))
                 / greatest(1, (SELECT sum(pages) FROM f)), 1) || ' %'")
fi

# Plans as the pgbench sessions get them: prepared, then run six times so that the plan cache
# has made its custom-or-generic choice, then EXPLAIN ANALYZE.
explain() { # title sql-with-$n-params lookup-sql args
  local title=$1 prepared=$2 lookup=$3 params=$4
  printf '\n#### %s\n\n```\n' "$title"
  psql_q -At <<EOF
$lookup
PREPARE q AS $prepared;
\o /dev/null
EXECUTE q($params); EXECUTE q($params); EXECUTE q($params);
EXECUTE q($params); EXECUTE q($params); EXECUTE q($params);
\o
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE q($params);
EOF
  printf '```\n'
}
tl_sql="SELECT id, author, created_at FROM posts WHERE author IN (SELECT author FROM follows WHERE viewer = \$1) ORDER BY created_at DESC LIMIT 50"
lat_sql="SELECT p.id, p.author, p.created_at FROM follows f CROSS JOIN LATERAL (SELECT id, author, created_at FROM posts WHERE posts.author = f.author ORDER BY created_at DESC LIMIT 50) p WHERE f.viewer = \$1 ORDER BY p.created_at DESC LIMIT 50"
p2_sql="SELECT id, author, created_at FROM posts WHERE author IN (SELECT author FROM follows WHERE viewer = \$1) AND created_at < \$2 ORDER BY created_at DESC LIMIT 50"
s_sql="SELECT id, author, created_at FROM posts WHERE tsv @@ plainto_tsquery('$TS_CONFIG', \$1 || ' ' || \$2) ORDER BY created_at DESC LIMIT 20"
sr_sql="SELECT id, author, created_at FROM posts, plainto_tsquery('$TS_CONFIG', \$1 || ' ' || \$2) q WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT 20"
plans=$(
  if [[ $n_normal -gt 0 ]]; then
    v="SELECT viewer FROM viewers WHERE kind = 'normal' AND n = 1 \\gset"
    explain "timeline, normal viewer" "$tl_sql" "$v" ":'viewer'"
    explain "LATERAL, normal viewer" "$lat_sql" "$v" ":'viewer'"
  fi
  if [[ $n_quiet -gt 0 ]]; then
    v="SELECT viewer FROM viewers WHERE kind = 'quiet' AND n = 1 \\gset"
    explain "timeline, quiet viewer" "$tl_sql" "$v" ":'viewer'"
    explain "LATERAL, quiet viewer" "$lat_sql" "$v" ":'viewer'"
  fi
  if [[ $n_page2 -gt 0 ]]; then
    explain "timeline page 2, normal viewer" "$p2_sql" \
      "SELECT viewer, before FROM page2 WHERE n = 1 \\gset" ":'viewer', :before"
  fi
  if [[ $n_searches -gt 0 ]]; then
    s="SELECT w1, w2 FROM searches WHERE n = 1 \\gset"
    explain "search newest first (words of search 1)" "$s_sql" "$s" ":'w1', :'w2'"
    explain "search ranked (words of search 1)" "$sr_sql" "$s" ":'w1', :'w2'"
  fi
)

pg_version=$(psql_val "SHOW server_version")
settings=$(psql_val "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name)
  FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'jit', 'fsync', 'random_page_cost',
    'max_parallel_workers_per_gather', 'max_parallel_workers', 'effective_cache_size', 'plan_cache_mode')")

# The "covering author index only" row of baselines.md: the same timeline query without the
# created_at index, so the planner has to merge per-author ranges. Last, as it drops the index
# (sizes and plans above are for the full setup).
if [[ $n_normal -gt 0 && (-z $wanted || " $wanted " == *" author_only "*) ]]; then
  psql_q -c "DROP INDEX posts_created"
  run_workload "author_only|timeline|kind=normal nviewers=$n_normal|timeline page 1, normal viewers, covering author index only (created_at index dropped)"
fi

# --- report ----------------------------------------------------------------------------------
report=$(
  cat <<EOF
# PostgreSQL baseline: home timeline and search

- When: $stamp; host $(hostname), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
- PostgreSQL $pg_version; $settings
- Data set: \`$dataset\`; $n_posts posts by $n_authors authors (created_at correlation with
  physical order $in_order), $n_follows follows, $n_normal normal viewers (on average
  $tl_normal in the timeline), $n_quiet quiet ($tl_quiet), $n_searches search pairs
  (matches per pair: $search_hits), text search config '$TS_CONFIG'
- pgbench -M prepared over TCP 127.0.0.1, ${BENCH_SECONDS} s per run after a ${WARMUP_SECONDS} s
  warm-up, -j = min(clients, 2), seed $BENCH_SEED; cache warmed by $prewarm, $cached of our
  pages in shared_buffers at the end
- Latencies per transaction from pgbench -l (nearest rank); every transaction includes one
  primary-key lookup of its random viewer or word pair (see the "harness" row)

| workload | clients | TPS | p50 | p99 | transactions | failed |
|---|---|---|---|---|---|---|
$(printf '%s\n' "${rows[@]}")

Load (ms): COPY posts incl. tsvector ${load_ms[copy_posts]}, COPY follows ${load_ms[copy_follows]};
indexes: primary key ${load_ms[index_pkey]}, (author, created_at DESC) INCLUDE (id)
${load_ms[index_author]}, (created_at DESC) INCLUDE (author, id) ${load_ms[index_created]},
GIN on tsvector ${load_ms[index_gin]}, follows primary key ${load_ms[index_follows]};
VACUUM ANALYZE ${load_ms[vacuum_analyze]}.

Sizes: posts (its heap includes the stored tsvector) + primary key + (author, created_at) index $size_core; posts with all its indexes
$size_posts; with follows $size_all.

| relation | kind | size |
|---|---|---|
$sizes

<details><summary>Plans (prepared, after six executions, as pgbench runs them)</summary>
$plans

</details>
EOF
)
mkdir -p "$(dirname "$result")"
printf '%s\n' "$report" >"$result"
printf '%s\n' "$report"
log "wrote $result"
