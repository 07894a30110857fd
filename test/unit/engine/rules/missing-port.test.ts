import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, findings, quiet } from '../../../helpers/marked';

const R = 'missing-port';

test('no port on an IP transport in a socket call', () => {
	check(R, 'stream_socket_client("tcp://«127.0.0.1»");');
	check(R, 'stream_socket_client("tcp://«localhost»");');
	check(R, 'stream_socket_client("«127.0.0.1»");');
	check(R, 'stream_socket_client("tcp://«127.0.0.1:»");');
	check(R, 'stream_socket_server("udp://«0.0.0.0»", $e, $s, STREAM_SERVER_BIND);');
	check(R, 'fsockopen("«127.0.0.1»");');
	check(R, 'fsockopen("«127.0.0.1»", 0);');
	check(R, 'fsockopen("«127.0.0.1»", -1);');
	check(R, 'stream_socket_client("«tcp://»");');
});

test("quotes PHP's error", () => {
	const [f] = findings('stream_socket_client("tcp://127.0.0.1");');
	assert.match(f!.message, /Failed to parse address "127\.0\.0\.1"/);
});

test('quiet where a port is given or unknown, and outside calls', () => {
	quiet(R, 'fsockopen("127.0.0.1", 80); fsockopen("tls://h", $port); fsockopen($h, 80);');
	quiet(R, 'stream_socket_client("tcp://127.0.0.1:80"); stream_socket_client("tcp://$host");');
	quiet(R, '$mail->Host = "tls://smtp.example.com";');
	quiet(R, 'REDIS_URL=tcp://redis', 'env');
	quiet(R, 'stream_socket_client("unix:///run/x.sock");');
});
