import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'port-value';

ruleTester(R, 'ports PHP turns into others', {
	invalid: [
		{ code: 'stream_socket_client("tcp://127.0.0.1:«abc»");', errors: ['notDigits'] },
		{ code: 'stream_socket_client("tcp://127.0.0.1:«99999»");', errors: ['outOfRange'] },
		{ code: 'stream_socket_client("tcp://127.0.0.1:«-1»");', errors: ['outOfRange'] },
		{ code: 'stream_socket_client("tcp://127.0.0.1:«:80»");', errors: ['notDigits'] },
		{ code: 'stream_socket_client("tcp://127.0.0.1:«0»");', errors: ['zero'] },
		{ code: 'fsockopen("127.0.0.1", «65536»);', errors: ['outOfRange'] },
		{ code: 'fsockopen("127.0.0.1", «0x1FFFF»);', errors: ['outOfRange'] },
		{ code: 'A=tcp://redis:«abc»', kind: 'env', errors: ['notDigits'] },
	],
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

ruleTester(R, 'quiet on valid ports, server port 0 and placeholders', {
	valid: [
		'stream_socket_client("tcp://127.0.0.1:80"); fsockopen("h", 65535); stream_socket_client("tcp://[::1]:443");',
		'stream_socket_server("tcp://127.0.0.1:0");',
		{ code: 'A=tcp://redis:${REDIS_PORT}\nB=tcp://h:6379', kind: 'env' },
		'stream_socket_client("tcp://127.0.0.1:$port");',
	],
});

ruleTester(R, 'documented shapes and URLs with user info are not configured ports', {
	valid: [
		// A description in YAML or JSON (a schema, a config skeleton).
		{ code: 'description: "for example tcp://host:port"', kind: 'yaml' },
		{ code: '{"description": "Socket address, e.g. tcp://<host>:<port>"}', kind: 'json' },
		{ code: 'dsn: "ssl://{host}:{port}"', kind: 'yaml' },
		"$format = 'tcp://%s:%d';",
		// Predis / Laravel Redis `url` (parsed as a URL; user info is valid there).
		"return ['redis' => ['default' => ['url' => 'tcp://user:password@127.0.0.1:6379']]];",
		{ code: 'REDIS_URL=tcp://default:s3cret@127.0.0.1:6379', kind: 'env' },
	],
});
