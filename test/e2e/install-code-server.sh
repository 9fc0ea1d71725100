#!/usr/bin/env bash
# Installs what the VS Code end-to-end tests drive: code-server (VS Code 1.100.3 in a browser,
# with a real Node extension host) into DEST, and Debian's chromium, reaching nothing but the
# npm registry and Debian's packages.
# Usage: test/e2e/install-code-server.sh DEST   (then DEST/node_modules/.bin/code-server)
# The upstream postinstall downloads ripgrep and node headers from the internet; this does the
# same steps offline: Debian's ripgrep, node headers from /usr (Debian's nodejs ships them).
set -euo pipefail
DEST=$(realpath -m "${1:?usage: install-code-server.sh DEST}")
VERSION=${CODE_SERVER_VERSION:-4.100.3}   # 4.100.x is the last line that runs on Node 20
GYP=$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js
need=()
for p in libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep g++ make python3; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
# Playwright drives the system browser; the tests look for it at /usr/bin/chromium.
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-code-server.sh: missing Debian packages (${need[*]}) and not root to install them" >&2
    exit 75
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
mkdir -p "$DEST" && cd "$DEST"
# A half-finished install (interrupted, or a failed native build) is redone from scratch.
rm -f .installed
[ -f package.json ] || echo '{"name":"code-server-host","private":true}' > package.json
npm install "code-server@$VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error
npm rebuild argon2 --loglevel=error
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
# spdlog backs every log output channel (the extension's included): without it they stay empty.
for m in kerberos node-pty @vscode/spdlog; do
  log="$DEST/node-gyp-${m//\//-}.log"
  (cd "node_modules/$m" && node "$GYP" rebuild --nodedir=/usr >"$log" 2>&1) || { cat "$log" >&2; exit 1; }
done
mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
cd "$DEST" && node_modules/.bin/code-server --version
echo "$VERSION" > "$DEST/.installed"
