#!/usr/bin/env bash
# Installs the Debian packages the test suites need, when they are missing. Needs root (CI runs as root).
set -euo pipefail
need=()
command -v php >/dev/null 2>&1 || need+=(php-cli)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v unshare >/dev/null 2>&1 || need+=(util-linux)
command -v nvim >/dev/null 2>&1 || need+=(neovim)
command -v pre-commit >/dev/null 2>&1 || need+=(pre-commit)
[ -e /usr/lib/python3/dist-packages/aiosmtpd ] || need+=(python3-aiosmtpd)
# shellcheck source=debian.sh
. "$(dirname "$0")/debian.sh"
install_missing test/setup/system-deps.sh "${need[@]}"
