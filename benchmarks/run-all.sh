#!/usr/bin/env bash
# Every measurement benchmarks/RESULTS.md reports, with its baseline, in one run on a quiet machine:
#   1. JMH: codec and CID, signatures (against raw Bouncy Castle), the embedded store, and the same
#      puts and gets against the real IPFS node (js-ipfs, started here on free loopback ports);
#   2. the index at 1,000,000 posts (FeedIndexLoad) and PostgreSQL on the same data set;
#   3. /ipfs/{cid} raw blocks from ipfeed serve, nginx and the js-ipfs gateway (wrk);
#   4. ingest (IngestLoad all): raw Bouncy Castle verification of the posts' signatures, the ingest
#      pipeline in process, and POST /api/v1/entries over HTTP, in one JVM.
# Usage: benchmarks/run-all.sh [jmh|index|postgres|gateway|ingest]...   (default: all five)
# Output: benchmarks/results/<UTC stamp>/ (JSON from JMH, text logs, the PostgreSQL table).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

parts=("$@")
[[ ${#parts[@]} -eq 0 ]] && parts=(jmh index postgres gateway ingest)
wants() {
  local p
  for p in "${parts[@]}"; do [[ "$p" == "$1" ]] && return 0; done
  return 1
}

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$root/benchmarks/results/$stamp"
mkdir -p "$out"
{
  echo "date: $(date -u)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-) x $(nproc)"
  echo "memory: $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "kernel: $(uname -r)"
  echo "commit: $(git rev-parse --short HEAD)"
} | tee "$out/machine.txt"

mvn -B -q -ntp -Dmaven.test.skip=true -pl benchmarks -am package
jar="$root/benchmarks/target/benchmarks.jar"

if wants jmh; then
  java -jar "$jar" -rf json -rff "$out/jmh-codec.json" 'PostCodec|Signature' | tee "$out/jmh-codec.txt"
  java -jar "$jar" -rf json -rff "$out/jmh-local.json" LocalStore | tee "$out/jmh-local.txt"

  node_sh="$root/tools/js-ipfs/ipfs-node.sh"
  "$node_sh" install
  node_dir="$(mktemp -d "${TMPDIR:-/tmp}/ipfeed-bench-ipfs.XXXXXX")"
  trap '"$node_sh" stop "$node_dir" || true; rm -rf "$node_dir"' EXIT
  mapfile -t ports < <("$node_sh" free-ports 3)
  api="$("$node_sh" start "$node_dir" "${ports[0]}" "${ports[1]}" "${ports[2]}")"
  java -Dipfeed.ipfs.api="$api" -jar "$jar" -jvmArgsAppend "-Dipfeed.ipfs.api=$api" \
    -rf json -rff "$out/jmh-kubo.json" KuboStore | tee "$out/jmh-kubo.txt"
  "$node_sh" stop "$node_dir" || true
fi

dataset="${TMPDIR:-/tmp}/ipfeed-bench/dataset-1000000"
if wants index; then
  java -Xmx3g -cp "$jar" org.ipfeed.benchmarks.FeedIndexLoad all | tee "$out/index.txt"
fi
if wants postgres; then
  [[ -f "$dataset/posts.tsv" ]] ||
    java -Xmx3g -Dipfeed.bench.dump="$dataset" -cp "$jar" org.ipfeed.benchmarks.FeedIndexLoad dump
  benchmarks/postgres/run.sh "$dataset" "$out/postgres.md"
fi
if wants gateway; then
  benchmarks/gateway/run.sh "$out/gateway.md"
fi
if wants ingest; then
  java -Xmx2g -cp "$jar" org.ipfeed.benchmarks.IngestLoad all | tee "$out/ingest.md"
fi
echo "results: $out"
