#!/usr/bin/env bash
# Runs inside `unshare --net`: brings up loopback, starts the listeners, runs PHP on the corpus, stops the listeners.
set -euo pipefail
dir=$1
root=$2
ip link set lo up
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" -days 2 -subj /CN=localhost \
	-addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" >/dev/null 2>&1
node "$root/out/test/php/listeners.js" "$dir" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -e "$dir/ready" ] && break; sleep 0.05; done
[ -e "$dir/ready" ] || { echo "listeners did not start" >&2; exit 1; }
cd "$dir"
php -d openssl.cafile="$dir/cert.pem" -d display_errors=stderr "$root/test/php/verdicts.php" "$dir/corpus.jsonl"
