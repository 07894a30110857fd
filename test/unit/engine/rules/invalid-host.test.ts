import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFix, findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'invalid-host';

ruleTester(R, 'hosts that cannot resolve as meant', {
	invalid: [
		{
			code: 'stream_socket_client("tcp://«127.0.0.1 »:80");',
			errors: ['invalid'],
			output: 'stream_socket_client("tcp://127.0.0.1:80");',
		},
		{
			code: 'stream_socket_client("tcp://« 127.0.0.1»:80");',
			errors: ['invalid'],
			output: 'stream_socket_client("tcp://127.0.0.1:80");',
		},
		{
			code: 'stream_socket_client("tcp://«user:pass@»127.0.0.1:80");',
			errors: ['userInfo'],
			output: 'stream_socket_client("tcp://127.0.0.1:80");',
		},
		{
			code: 'stream_socket_client("tcp://«user@»127.0.0.1:80");',
			errors: ['userInfo'],
			output: 'stream_socket_client("tcp://127.0.0.1:80");',
		},
		{ code: 'stream_socket_client("tcp://«127.0.0.256»:80");', errors: ['invalid'] },
		{ code: 'stream_socket_client("tcp://«bücher.example»:80");', errors: ['invalid'] },
		{ code: 'stream_socket_client("tcp://«127.0.0.1/path»:80");', errors: ['invalid'] },
		{ code: 'stream_socket_client("tcp://«a..b»:80");', errors: ['invalid'] },
		{ code: 'stream_socket_client("tcp://[«:::1»]:80");', errors: ['invalid'] },
		{ code: 'stream_socket_client("tcp://«:»80");', errors: ['invalid'] },
		{ code: 'fsockopen("«*»", 80);', errors: ['invalid'] },
		{ code: 'A="tcp://«redis »:6379"', kind: 'env', errors: ['invalid'], output: 'A="tcp://redis:6379"' },
	],
});

test('explains getaddrinfo', () => {
	assert.match(
		findings('stream_socket_client("tcp://127.0.0.256:80");')[0]!.detail ??
			findings('stream_socket_client("tcp://127.0.0.256:80");')[0]!.message,
		/getaddrinfo for 127\.0\.0\.256 failed/,
	);
});

ruleTester(R, 'quiet on valid hosts, underscores, zone ids and outside-call user info', {
	valid: [
		'stream_socket_client("tcp://my_redis:6379"); stream_socket_client("tcp://localhost.:80");',
		'stream_socket_client("tcp://[fe80::1%eth0]:80"); stream_socket_client("tcp://[::ffff:127.0.0.1]:80");',
		'stream_socket_client("tcp://127.1:80"); stream_socket_client("tcp://0x7f.0.0.1:80");',
		'stream_socket_client("tcp://xn--bcher-kva.example:80");',
		{ code: 'REDIS=tcp://user:secret@redis:6379', kind: 'env' },
		'stream_socket_server("tcp://0.0.0.0:8000"); stream_socket_server("tcp://[::]:8000");',
	],
});

test('fixes', () => {
	checkFix(R, 'stream_socket_client("tcp://127.0.0.1 :80");', 'stream_socket_client("tcp://127.0.0.1:80");');
	checkFix(R, 'stream_socket_client("tcp://user:pass@127.0.0.1:80");', 'stream_socket_client("tcp://127.0.0.1:80");');
});
