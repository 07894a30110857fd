#!/usr/bin/env bash
# Installs VS Code for the browser (code-server 4.100.3 = VS Code 1.100.3, the last on Node 20) for the offline e2e
# runner, into .vscode-test/code-server (a cache like .vscode-test/). Its postinstall downloads ripgrep, which an
# offline machine cannot, so install without scripts and do its steps here. Also installs Debian's chromium,
# libkrb5-dev (kerberos' headers) and ripgrep when missing (as root).
set -euo pipefail
cd "$(dirname "$0")/../.."
dest=.vscode-test/code-server
version=4.100.3
stamp="$dest/.ready-$version"
[ -e "$stamp" ] && exit 0

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/krb5/krb5.h ] || need+=(libkrb5-dev)
# shellcheck source=../setup/debian.sh
. test/setup/debian.sh
install_missing test/e2e/setup-code-server.sh "${need[@]}"

echo "Installing code-server@$version into $dest (about two minutes, once)..." >&2
rm -rf "$dest"
mkdir -p "$dest"
echo '{"private":true}' >"$dest/package.json"
npm install --prefix "$dest" --no-audit --no-fund --ignore-scripts --loglevel=error "code-server@$version" >&2
cs="$dest/node_modules/code-server"
(cd "$cs/lib/vscode" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
(cd "$cs/lib/vscode" && npm_config_yes=true npm rebuild --loglevel=error kerberos @parcel/watcher @vscode/spdlog native-watchdog node-pty @vscode/deviceid >&2)
mkdir -p "$cs/lib/vscode/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$cs/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
ln -sfn node_modules "$cs/lib/vscode/node_modules.asar"
(cd "$dest" && npm rebuild --loglevel=error argon2 >&2)
touch "$stamp"
