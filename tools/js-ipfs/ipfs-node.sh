#!/usr/bin/env bash
# The real IPFS node ipfeed's integration tests talk to: js-ipfs 0.66.1 from npm, on loopback only.
# Why js-ipfs and how it differs from Kubo: docs/ipfs-node.md.
#
#   ipfs-node.sh install                          install once into a cache under $HOME (idempotent)
#   ipfs-node.sh start <dir> <api> <gw> <swarm>   new repo in <dir>, daemon in the background; prints
#                                                 the API URL once the node answers
#   ipfs-node.sh stop <dir>                       stops the daemon of <dir> (fine if it is not running)
#   ipfs-node.sh restart <dir>                    stop, then start on the same repo and ports
#   ipfs-node.sh free-ports <n>                   n free TCP ports on 127.0.0.1, one per line
#
# Environment: IPFEED_JS_IPFS_CACHE (default ~/.cache/ipfeed/js-ipfs) holds one installation per
# hash of package.json + package-lock.json; IPFS_NODE_START_TIMEOUT (seconds, default 60).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache_root="${IPFEED_JS_IPFS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ipfeed/js-ipfs}"
start_timeout="${IPFS_NODE_START_TIMEOUT:-60}"

die() {
  echo "ipfs-node: $*" >&2
  exit 1
}

install_dir() {
  local key
  key="$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -c1-16)"
  echo "$cache_root/$key"
}

cli_path() {
  echo "$(install_dir)/node_modules/ipfs/src/cli.js"
}

cmd_install() {
  command -v node >/dev/null && command -v npm >/dev/null || die "needs node (20+) and npm on the PATH"
  local dir
  dir="$(install_dir)"
  [[ -f "$dir/.complete" ]] && return 0
  mkdir -p "$cache_root"
  # Two installs at once (run-tests and a test fixture) must not build the same folder together.
  exec 9>"$dir.lock"
  flock 9
  if [[ ! -f "$dir/.complete" ]]; then
    echo "ipfs-node: installing js-ipfs into $dir (a few minutes, once)" >&2
    local tmp="$dir.partial"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    cp "$here/package.json" "$here/package-lock.json" "$tmp/"
    # Not `npm ci`: an optional dependency points outside the registry. --omit=optional also skips
    # packages whose install scripts download binaries.
    if ! (cd "$tmp" && npm install --omit=optional --no-audit --no-fund --loglevel=error \
      >"$tmp/npm-install.log" 2>&1); then
      tail -n 40 "$tmp/npm-install.log" >&2
      die "npm install failed; full log: $tmp/npm-install.log"
    fi
    [[ -f "$tmp/node_modules/ipfs/src/cli.js" ]] || die "npm install left no ipfs/src/cli.js in $tmp"
    touch "$tmp/.complete"
    rm -rf "$dir"
    mv "$tmp" "$dir"
  fi
  flock -u 9
}

require_installed() {
  [[ -f "$(install_dir)/.complete" ]] || die "js-ipfs is not installed; run: $0 install"
}

require_port() {
  [[ "$1" =~ ^[0-9]+$ ]] && ((10#$1 > 0 && 10#$1 < 65536)) || die "not a TCP port: '$1'"
}

jsipfs() {
  NODE_OPTIONS="--require $here/preload.cjs" node "$(cli_path)" "$@"
}

cmd_free_ports() {
  local n="${1:-1}"
  node -e '
    const net = require("net");
    const n = Number(process.argv[1]);
    // Hold every port until all are found, so the n ports are distinct.
    const servers = [];
    const next = () => {
      if (servers.length === n) {
        servers.forEach((s) => { console.log(s.address().port); s.close(); });
        return;
      }
      const s = net.createServer();
      s.listen(0, "127.0.0.1", () => { servers.push(s); next(); });
    };
    next();
  ' "$n"
}

pid_of() {
  local dir="$1"
  [[ -f "$dir/ipfs.pid" ]] || return 1
  local pid
  pid="$(cat "$dir/ipfs.pid")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  # A stale PID file may name a process that reused the number: only ever signal our daemon. Its
  # command line is no help (js-ipfs renames itself "ipfs"), but its environment names its repo.
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "IPFS_PATH=$dir/repo" || return 1
  echo "$pid"
}

launch() {
  local dir="$1"
  local api
  api="$(cat "$dir/api")"
  if pid_of "$dir" >/dev/null; then
    die "a daemon is already running for $dir (pid $(cat "$dir/ipfs.pid"))"
  fi
  # A daemon that was killed hard leaves its repo lock behind, and the next start refuses it.
  rm -rf "$dir/repo/repo.lock"
  echo "--- start $(date -u +%FT%TZ)" >>"$dir/daemon.log"
  # setsid: the daemon outlives this script and does not get the caller's terminal signals; the
  # caller stops it through the PID file.
  IPFS_PATH="$dir/repo" NODE_OPTIONS="--require $here/preload.cjs" \
    setsid node "$(cli_path)" daemon --enable-preload=false \
    >>"$dir/daemon.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$dir/ipfs.pid"
  local deadline=$((SECONDS + start_timeout))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "ipfs-node: the daemon exited during start; the end of $dir/daemon.log:" >&2
      tail -n 30 "$dir/daemon.log" >&2
      exit 1
    fi
    if curl -fsS -o /dev/null --max-time 2 -X POST "$api/api/v0/id" 2>/dev/null; then
      echo "$api"
      return 0
    fi
    sleep 0.3
  done
  echo "ipfs-node: the daemon did not answer $api/api/v0/id within ${start_timeout}s; the end of" \
    "$dir/daemon.log:" >&2
  tail -n 30 "$dir/daemon.log" >&2
  cmd_stop "$dir" >/dev/null 2>&1 || true
  exit 1
}

cmd_start() {
  (($# == 4)) || die "usage: $0 start <dir> <api-port> <gateway-port> <swarm-port>"
  local dir="$1" api="$2" gw="$3" swarm="$4"
  require_port "$api"
  require_port "$gw"
  require_port "$swarm"
  require_installed
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [[ -e "$dir/repo" ]] && die "$dir/repo exists already; use restart to start it again"
  local rpc
  rpc="$(cmd_free_ports 1)"
  if ! IPFS_PATH="$dir/repo" jsipfs init --emptyRepo --profile test >"$dir/init.log" 2>&1; then
    cat "$dir/init.log" >&2
    die "jsipfs init failed in $dir/repo"
  fi
  # Loopback only: no bootstrap peers, no delegates, no mDNS, no NAT traversal, no routing.
  node -e '
    const fs = require("fs");
    const [file, api, gw, rpc, swarm] = process.argv.slice(1);
    const c = JSON.parse(fs.readFileSync(file, "utf8"));
    c.Addresses = Object.assign(c.Addresses || {}, {
      API: `/ip4/127.0.0.1/tcp/${api}`,
      Gateway: `/ip4/127.0.0.1/tcp/${gw}`,
      RPC: `/ip4/127.0.0.1/tcp/${rpc}`,
      Swarm: [`/ip4/127.0.0.1/tcp/${swarm}`],
      Announce: [],
      NoAnnounce: [],
      Delegates: [],
    });
    c.Bootstrap = [];
    c.Discovery = Object.assign(c.Discovery || {}, {
      MDNS: { Enabled: false },
      webRTCStar: { Enabled: false },
    });
    c.Swarm = Object.assign(c.Swarm || {}, { DisableNatPortMap: true });
    c.Routing = { Type: "none" };
    c.Pubsub = Object.assign(c.Pubsub || {}, { Enabled: true });
    fs.writeFileSync(file, JSON.stringify(c, null, 2));
  ' "$dir/repo/config" "$api" "$gw" "$rpc" "$swarm"
  echo "http://127.0.0.1:$api" >"$dir/api"
  launch "$dir"
}

cmd_stop() {
  (($# == 1)) || die "usage: $0 stop <dir>"
  local dir="$1" pid
  [[ -d "$dir" ]] || return 0
  dir="$(cd "$dir" && pwd)"
  if ! pid="$(pid_of "$dir")"; then
    rm -f "$dir/ipfs.pid"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "ipfs-node: pid $pid ignored SIGTERM for 10 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$dir/ipfs.pid"
}

cmd_restart() {
  (($# == 1)) || die "usage: $0 restart <dir>"
  local dir="$1"
  [[ -f "$dir/api" && -d "$dir/repo" ]] || die "$dir holds no node made by '$0 start'"
  require_installed
  cmd_stop "$dir"
  launch "$(cd "$dir" && pwd)"
}

case "${1:-}" in
  install) shift; cmd_install "$@" ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  restart) shift; cmd_restart "$@" ;;
  free-ports) shift; cmd_free_ports "$@" ;;
  *) die "usage: $0 install | start <dir> <api-port> <gateway-port> <swarm-port> | stop <dir> | restart <dir> | free-ports <n>" ;;
esac
