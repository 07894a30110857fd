# Sourced by the setup scripts: install_missing <script name> <package>... installs Debian packages as root, or stops
# with a message naming them.
install_missing() {
	local who=$1
	shift
	[ $# -gt 0 ] || return 0
	if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
		echo "$who: missing $*; install them (Debian: apt-get install $*)" >&2
		exit 1
	fi
	echo "Installing $* from Debian..." >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
