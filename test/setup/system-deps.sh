#!/usr/bin/env bash
# Installs the Debian packages the test suites need, when they are missing. Needs root (CI runs as root).
set -euo pipefail
need=()
command -v php >/dev/null 2>&1 || need+=(php-cli)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v unshare >/dev/null 2>&1 || need+=(util-linux)
[ -e /usr/lib/python3/dist-packages/aiosmtpd ] || need+=(python3-aiosmtpd)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
	echo "test/setup/system-deps.sh: missing ${need[*]}; install them (Debian: apt-get install ${need[*]}) or run as root on Debian" >&2
	exit 1
fi
echo "Installing ${need[*]} from Debian..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
