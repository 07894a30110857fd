#!/usr/bin/env bash
# What `npm run bench` needs besides npm packages: ripgrep (the floor every lint row is measured against) and the
# real-world corpus (test/realworld/setup.sh, cached outside the clone).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
need=()
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
# shellcheck source=../test/setup/debian.sh
. "$here/../test/setup/debian.sh"
install_missing bench/setup.sh "${need[@]}"
bash "$here/../test/realworld/setup.sh" >/dev/null
