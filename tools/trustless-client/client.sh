#!/usr/bin/env bash
# The independent trustless client (verify.mjs) and its npm packages, installed once into a cache
# under $HOME keyed by the lock file, like the js-ipfs node.
#   client.sh install    install if needed; prints the folder that holds verify.mjs and node_modules
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache_root="${IPFEED_TRUSTLESS_CLIENT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ipfeed/trustless-client}"
key="$(cat "$here/package.json" "$here/package-lock.json" "$here/verify.mjs" | sha256sum | cut -c1-16)"
dir="$cache_root/$key"
case "${1:-}" in
  install)
    if [[ ! -f "$dir/.complete" ]]; then
      command -v npm >/dev/null || { echo "trustless-client: needs node (20+) and npm" >&2; exit 1; }
      rm -rf "$dir.partial" && mkdir -p "$dir.partial"
      cp "$here/package.json" "$here/package-lock.json" "$here/verify.mjs" "$dir.partial/"
      (cd "$dir.partial" && npm ci --no-audit --no-fund --loglevel=error >&2)
      touch "$dir.partial/.complete"
      rm -rf "$dir" && mv "$dir.partial" "$dir"
    fi
    echo "$dir"
    ;;
  *) echo "usage: client.sh install" >&2; exit 2 ;;
esac
