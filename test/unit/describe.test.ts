import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, describe, type FileKind } from '../../server/src/engine/index';

const hover = (src: string, kind: FileKind = 'php') =>
	describe(analyze(kind === 'php' ? `<?php ${src}` : src, kind).targets[0]!);

test('a valid TLS URL: transport, TLS mode, host kind, port and service, what PHP will do', () => {
	const md = hover('stream_socket_client("tls://[2001:db8::1]:993");');
	assert.match(md, /passed to `stream_socket_client\(\)`/);
	assert.match(md, /\| transport \| `tls` \|/);
	assert.match(md, /implicit TLS \(TLS 1\.0–1\.3/);
	assert.match(md, /\| host \| `2001:db8::1` — IPv6 address \|/);
	assert.match(md, /\| port \| 993 — IMAPS, TLS from the first byte \|/);
	assert.match(md, /PHP will connect to `2001:db8::1` port 993 with TLS\./);
});

test('fsockopen, numeric forms, STARTTLS ports, unix paths and servers', () => {
	assert.match(
		hover('fsockopen("mail.example.com", 587);'),
		/no scheme: PHP assumes tcp[\s\S]*587 — SMTP submission \(STARTTLS\), plaintext then STARTTLS[\s\S]*the addresses of `mail\.example\.com` port 587/,
	);
	assert.match(hover('stream_socket_client("tcp://0x7f.1:80");'), /`0x7f\.1` — IPv4 address \(127\.0\.0\.1\)/);
	assert.match(hover('stream_socket_client("tlsv1.3://h:443");'), /TLS 1\.3 only/);
	assert.match(
		hover('stream_socket_client("unix://run/x.sock");'),
		/relative to the working directory[\s\S]*unix stream socket `run\/x\.sock`/,
	);
	assert.match(
		hover('stream_socket_server("udp://0.0.0.0:53", $e, $s, STREAM_SERVER_BIND);'),
		/listen on `0\.0\.0\.0` port 53 over UDP/,
	);
});

test("an invalid URL shows PHP's own error", () => {
	assert.match(
		hover('stream_socket_client("tcp://[fe80::1]");'),
		/PHP fails: `Failed to parse IPv6 address "\[fe80::1\]"`/,
	);
	assert.match(hover('stream_socket_client("TCP://h:1");'), /Unable to find the socket transport "TCP"/);
	assert.match(hover('stream_socket_client("tcp://127.0.0.256:80");'), /getaddrinfo for 127\.0\.0\.256 failed/);
});

test('computed parts are not guessed; config values are described too', () => {
	assert.match(hover('stream_socket_client("tls://$host:587");'), /computed at run time/);
	assert.match(hover('REDIS=tcp://redis:6379', 'env'), /in a config value[\s\S]*6379 — Redis/);
});

test('an empty host or socket path is said in words (an empty code span shows as two backticks)', () => {
	const about = (u: string) => describe(analyze(`<?php stream_socket_client("${u}");`, 'php').targets[0]!);
	assert.match(
		about('tcp://:80'),
		/\| host \| none \(the address is empty before the port\): PHP looks up an empty name \|/,
	);
	assert.match(about('unix://'), /\| path \| none \(nothing after `unix:\/\/`\) \|/);
	for (const u of ['tcp://:80', 'unix://']) assert.doesNotMatch(about(u), /``/);
});

test('an empty unix path: a client fails with "Invalid argument", a server listens where no client can find it', () => {
	// php -r 'var_dump(@stream_socket_client("unix://", $e, $s, 1)); echo "$e $s";' → bool(false) 22 Invalid argument
	assert.match(hover('stream_socket_client("unix://");'), /PHP fails: `Invalid argument`/);
	// php -r 'var_dump(@stream_socket_server("unix://", $e, $s));' → resource(5) of type (stream)
	assert.match(hover('stream_socket_server("unix://");'), /listen on a unix socket with no path/);
});
