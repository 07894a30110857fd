import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, findings, quiet } from '../../../helpers/marked';

const R = 'port-value';

test('ports PHP turns into others', () => {
	check(R, 'stream_socket_client("tcp://127.0.0.1:«abc»");');
	check(R, 'stream_socket_client("tcp://127.0.0.1:«99999»");');
	check(R, 'stream_socket_client("tcp://127.0.0.1:«-1»");');
	check(R, 'stream_socket_client("tcp://127.0.0.1:«:80»");');
	check(R, 'stream_socket_client("tcp://127.0.0.1:«0»");');
	check(R, 'fsockopen("127.0.0.1", «65536»);');
	check(R, 'fsockopen("127.0.0.1", «0x1FFFF»);');
	check(R, 'A=tcp://redis:«abc»', 'env');
});

test('names the port PHP will use', () => {
	assert.match(
		findings('stream_socket_client("tcp://127.0.0.1:99999");')[0]!.detail ??
			findings('stream_socket_client("tcp://127.0.0.1:99999");')[0]!.message,
		/uses port 34463/,
	);
	assert.match(
		findings('stream_socket_client("tcp://127.0.0.1:-1");')[0]!.detail ??
			findings('stream_socket_client("tcp://127.0.0.1:-1");')[0]!.message,
		/uses port 65535/,
	);
	assert.match(
		findings('stream_socket_client("tcp://127.0.0.1:83616");')[0]!.detail ??
			findings('stream_socket_client("tcp://127.0.0.1:83616");')[0]!.message,
		/uses port 18080/,
	);
});

test('quiet on valid ports, server port 0 and placeholders', () => {
	quiet(
		R,
		'stream_socket_client("tcp://127.0.0.1:80"); fsockopen("h", 65535); stream_socket_client("tcp://[::1]:443");',
	);
	quiet(R, 'stream_socket_server("tcp://127.0.0.1:0");');
	quiet(R, 'A=tcp://redis:${REDIS_PORT}\nB=tcp://h:6379', 'env');
	quiet(R, 'stream_socket_client("tcp://127.0.0.1:$port");');
});

test('documented shapes and URLs with user info are not configured ports', () => {
	// A description in YAML or JSON (a schema, a config skeleton).
	quiet(R, 'description: "for example tcp://host:port"', 'yaml');
	quiet(R, '{"description": "Socket address, e.g. tcp://<host>:<port>"}', 'json');
	quiet(R, 'dsn: "ssl://{host}:{port}"', 'yaml');
	quiet(R, "$format = 'tcp://%s:%d';");
	// Predis / Laravel Redis `url` (parsed as a URL; user info is valid there).
	quiet(R, "return ['redis' => ['default' => ['url' => 'tcp://user:password@127.0.0.1:6379']]];");
	quiet(R, 'REDIS_URL=tcp://default:s3cret@127.0.0.1:6379', 'env');
});
