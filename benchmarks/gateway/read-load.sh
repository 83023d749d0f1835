#!/usr/bin/env bash
# Timeline and search over HTTP at a fixed rate against ipfeed serve holding the 1,000,000-post
# index (built by FeedIndexLoad, which the index benchmark leaves in $TMPDIR/ipfeed-bench).
# Usage: benchmarks/gateway/read-load.sh [RESULT_FILE]
# Environment: RATE (500), SECONDS_PER_RUN (60), SERVE_JAVA_OPTS (extra JVM options of the server),
# DRIVER_JAVA_OPTS (extra JVM options of the load driver)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
result="${1:-$root/benchmarks/results/read-load-$(date -u +%Y%m%dT%H%M%SZ).md}"
rate="${RATE:-500}"
secs="${SECONDS_PER_RUN:-60}"
bench="${TMPDIR:-/tmp}/ipfeed-bench"
index="$bench/feed-index-1000000"
dataset="$bench/dataset-1000000"

mvn -B -q -ntp -Dmaven.test.skip=true -pl cli,benchmarks -am package
# Builds the index unless one of the current format is there.
java -Xmx3g -cp benchmarks/target/benchmarks.jar org.ipfeed.benchmarks.FeedIndexLoad ensure
if [[ ! -f "$dataset/viewers.tsv" ]]; then
  java -Xmx3g -cp benchmarks/target/benchmarks.jar org.ipfeed.benchmarks.FeedIndexLoad dump
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/ipfeed-read-load.XXXXXX")"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The node's index is a copy of the benchmark's: the node opens it as its own.
mkdir -p "$work/data"
cp -r "$index" "$work/data/index"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
# The JVM defaults, as ./ipfeed serve runs (a quarter of the RAM for heap: 6 GB here).
java ${SERVE_JAVA_OPTS:-} -jar cli/target/ipfeed.jar serve --data "$work/data" --port "$port" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do grep -q serving "$work/serve.log" && break; sleep 1; done
grep -q serving "$work/serve.log" || { cat "$work/serve.log" >&2; exit 1; }

mkdir -p "$(dirname "$result")"
# The driver runs without a garbage collector (Epsilon: it allocates about 14 MB/s, so 6 GB last a
# run of about 6 minutes, and it stops with an OutOfMemoryError beyond that rather than mislead): on
# two shared cores its G1 pauses took 20-130 ms, and every request in flight during one was counted
# as that much slower on the server's side.
java -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xmx6g ${DRIVER_JAVA_OPTS:-} \
  -cp benchmarks/target/benchmarks.jar org.ipfeed.benchmarks.FeedHttpLoad \
  "http://127.0.0.1:$port" "$dataset" "$rate" "$secs" | tee "$result"
