import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFix, findings, fixTitles, quiet } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'unknown-transport';

ruleTester(R, 'wrong case, typos, removed transports and URL schemes in calls', {
	invalid: [
		{
			code: 'stream_socket_client("«TCP»://127.0.0.1:80");',
			errors: ['wrongCase'],
			output: 'stream_socket_client("tcp://127.0.0.1:80");',
		},
		{
			code: 'stream_socket_client("«tpc»://127.0.0.1:80");',
			errors: ['didYouMean'],
			output: 'stream_socket_client("tcp://127.0.0.1:80");',
		},
		{ code: 'fsockopen("«sslv3»://h", 443);', errors: ['removed'], output: 'fsockopen("tls://h", 443);' },
		{ code: 'fsockopen("«sslv2»://h", 443);', errors: ['removed'], output: 'fsockopen("tls://h", 443);' },
		{
			code: 'stream_socket_client("«tcp4»://h:80");',
			errors: ['didYouMean'],
			output: 'stream_socket_client("tcp://h:80");',
		},
		{ code: 'stream_socket_client("«tlsv1»://h:443");', errors: ['didYouMean'] },
		{
			code: 'stream_socket_client("«https»://h");',
			errors: ['urlWrapper'],
			output: 'stream_socket_client("ssl://h:443");',
		},
		{
			code: 'stream_socket_client("«http»://h:80");',
			errors: ['urlWrapper'],
			output: 'stream_socket_client("tcp://h:80");',
		},
		{
			code: 'stream_socket_client("«TLS»://$host:443");',
			errors: ['wrongCase'],
			output: 'stream_socket_client("tls://$host:443");',
		},
	],
});

test("quotes PHP's error, cut to 31 bytes", () => {
	const [f] = findings('stream_socket_client("TCP://127.0.0.1:80");');
	assert.match(
		f!.detail ?? f!.message,
		/^Unable to find the socket transport "TCP" - did you forget to enable it when you configured PHP\?/,
	);
	const [g] = findings(`stream_socket_client("${'q'.repeat(40)}://h:1");`);
	assert.match(g!.detail ?? g!.message, new RegExp(`"${'q'.repeat(31)}"`));
});

ruleTester(R, 'near-misses in config files, but never ordinary URLs', {
	valid: [
		{ code: 'A=http://x\nB=https://y\nC=redis://r:6379\nD=smtp://m:587\nE=mysql://u:p@db/x\nF=amqp://q', kind: 'env' },
		'$u = "https://example.com"; $r = "redis://cache:6379";',
	],
	invalid: [
		{
			code: 'A=«tpc»://redis:6379\nB=«tsl»://h:993\nC=«ssl3»://h:465',
			kind: 'env',
			errors: ['didYouMean', 'didYouMean', 'didYouMean'],
			output: 'A=tcp://redis:6379\nB=tsl://h:993\nC=ssl://h:465',
		},
	],
});

ruleTester(R, 'every registered transport is accepted', {
	valid: ['stream_socket_client("unix:///run/x.sock"); stream_socket_client("udg:///run/y.sock");'],
});

test('every registered transport is accepted', () => {
	for (const t of ['tcp', 'udp', 'ssl', 'tls', 'tlsv1.2', 'tlsv1.3'])
		quiet(R, `stream_socket_client("${t}://127.0.0.1:80");`);
});

test('fixes', () => {
	checkFix(R, 'stream_socket_client("TCP://127.0.0.1:80");', 'stream_socket_client("tcp://127.0.0.1:80");');
	checkFix(R, 'fsockopen("sslv3://h", 443);', 'fsockopen("tls://h", 443);');
	checkFix(R, 'stream_socket_client("http://example.com");', 'stream_socket_client("tcp://example.com:80");');
	checkFix(R, 'stream_socket_client("https://example.com/path");', 'stream_socket_client("ssl://example.com:443");');
	assert.deepEqual(fixTitles(R, 'stream_socket_client("https://example.com");'), [
		'Use ssl://example.com:443',
		'Use tls://example.com:443',
	]);
});
