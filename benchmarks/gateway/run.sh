#!/usr/bin/env bash
# /ipfs/{cid} raw blocks under load: ipfeed serve (embedded store), nginx serving the same blocks
# as static files, and the js-ipfs gateway with the same blocks, one after the other with the same
# load tool (wrk, on the same two cores, as shared/baselines.md measured nginx).
# Usage: benchmarks/gateway/run.sh [RESULT_FILE]     Environment: SECONDS_PER_RUN (20), CONNS (64)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
result="${1:-$root/benchmarks/results/gateway-$(date -u +%Y%m%dT%H%M%SZ).md}"
secs="${SECONDS_PER_RUN:-20}"
conns="${CONNS:-64}"
for tool in wrk nginx node; do
  command -v "$tool" >/dev/null || { echo "gateway bench: needs $tool (apt-get install wrk nginx-light)" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/ipfeed-gw-bench.XXXXXX")"
pids=()
node_sh="$root/tools/js-ipfs/ipfs-node.sh"
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  "$node_sh" stop "$work/ipfs" >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mvn -B -q -ntp -Dmaven.test.skip=true -pl cli,benchmarks -am package
java -cp benchmarks/target/benchmarks.jar org.ipfeed.benchmarks.GatewayBlocks "$work" 10000 300
export CIDS="$work/cids.txt"
mapfile -t ports < <("$node_sh" free-ports 5)

measure() { # name url
  wrk -t2 -c"$conns" -d10s -s benchmarks/gateway/pick.lua "$2" >/dev/null # warm-up: the JIT needs seconds
  local out
  out="$(wrk -t2 -c"$conns" -d"${secs}s" --latency -s benchmarks/gateway/pick.lua "$2")"
  echo "$out" >&2
  local rps p50 p99 errors
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  errors="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
  echo "| $1 | ${rps} | ${p50} | ${p99} | ${errors:-0} |"
}

# ipfeed serve on the embedded store.
java -Xmx1g -jar cli/target/ipfeed.jar serve --data "$work/data" --port "${ports[0]}" >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do grep -q serving "$work/serve.log" && break; sleep 1; done
curl -sf "http://127.0.0.1:${ports[0]}/ipfs/$(head -1 "$CIDS")?format=raw" >/dev/null

# nginx, same files, same paths.
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/vnd.ipld.raw;
  sendfile on;
  client_body_temp_path $work/nginx-tmp;
  proxy_temp_path $work/nginx-tmp;
  fastcgi_temp_path $work/nginx-tmp;
  uwsgi_temp_path $work/nginx-tmp;
  scgi_temp_path $work/nginx-tmp;
  server { listen 127.0.0.1:${ports[1]}; root $work/static; }
}
CONF
mkdir -p "$work/nginx-tmp"
# nginx's workers may run as another user (www-data when started as root): let them read.
chmod 755 "$work"
chmod -R a+rX "$work/static"
nginx -c "$work/nginx.conf" -e "$work/nginx-error.log"
curl -sf "http://127.0.0.1:${ports[1]}/ipfs/$(head -1 "$CIDS")?format=raw" >/dev/null

# js-ipfs, blocks imported from one CAR.
"$node_sh" install
api="$("$node_sh" start "$work/ipfs" "${ports[2]}" "${ports[3]}" "${ports[4]}")"
curl -sf -X POST -F "file=@$work/blocks.car" "$api/api/v0/dag/import?pin-roots=false" >/dev/null
curl -sf "http://127.0.0.1:${ports[3]}/ipfs/$(head -1 "$CIDS")?format=raw" >/dev/null

{
  echo "| server | requests/s | p50 | p99 | non-2xx |"
  echo "| --- | --- | --- | --- | --- |"
  measure "ipfeed serve (embedded store)" "http://127.0.0.1:${ports[0]}"
  measure "nginx (static files)" "http://127.0.0.1:${ports[1]}"
  measure "js-ipfs 0.66.1 gateway" "http://127.0.0.1:${ports[3]}"
} | tee "$result"
echo "wrk -t2 -c$conns -d${secs}s, 10,000 raw blocks of 300 bytes, random CID per request" | tee -a "$result"
