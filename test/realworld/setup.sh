#!/usr/bin/env bash
# Lays out the real-world corpus (packages.txt) under ~/.cache/transport-lint/realworld, outside the clone:
# `apt-get download` (the .deb files are kept) and `dpkg-deb -x`, one folder per package. Symbolic links are
# removed: they point into an installed system (/etc, /var/lib) that the corpus does not have. Prints the tree's
# path. Runs again only when the package list or a downloaded version changes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${TRANSPORT_LINT_CACHE:-$HOME/.cache/transport-lint}/realworld
mapfile -t packages < <(grep -v '^#' "$here/packages.txt" | grep .)
mkdir -p "$cache/debs"
cd "$cache/debs"
missing=()
for p in "${packages[@]}"; do
	compgen -G "${p}_*.deb" >/dev/null || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "realworld: downloading ${missing[*]} from Debian..." >&2
	if ! apt-get download "${missing[@]}" >/dev/null 2>&1; then
		if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null; fi
		apt-get download "${missing[@]}" >/dev/null || {
			echo "realworld: apt-get download ${missing[*]} failed" >&2
			exit 1
		}
	fi
fi
# The versions laid out: one line per package, from the newest .deb of each.
versions=$(for p in "${packages[@]}"; do ls -1 "${p}"_*.deb | sort -V | tail -1; done)
if [ -f "$cache/tree/VERSIONS" ] && [ "$(cat "$cache/tree/VERSIONS")" = "$versions" ]; then
	echo "$cache/tree"
	exit 0
fi
rm -rf "$cache/tree.new" "$cache/tree"
mkdir -p "$cache/tree.new"
while read -r deb; do
	name=${deb%%_*}
	dpkg-deb -x "$deb" "$cache/tree.new/$name"
done <<<"$versions"
find "$cache/tree.new" -type l -delete
echo "$versions" >"$cache/tree.new/VERSIONS"
mv "$cache/tree.new" "$cache/tree"
echo "$cache/tree"
