import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, checkFix, findings, fixTitles, quiet } from '../../../helpers/marked';

const R = 'unknown-transport';

test('wrong case, typos, removed transports and URL schemes in calls', () => {
	check(R, 'stream_socket_client("«TCP»://127.0.0.1:80");');
	check(R, 'stream_socket_client("«tpc»://127.0.0.1:80");');
	check(R, 'fsockopen("«sslv3»://h", 443);');
	check(R, 'fsockopen("«sslv2»://h", 443);');
	check(R, 'stream_socket_client("«tcp4»://h:80");');
	check(R, 'stream_socket_client("«tlsv1»://h:443");');
	check(R, 'stream_socket_client("«https»://h");');
	check(R, 'stream_socket_client("«http»://h:80");');
	check(R, 'stream_socket_client("«TLS»://$host:443");');
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

test('near-misses in config files, but never ordinary URLs', () => {
	check(R, 'A=«tpc»://redis:6379\nB=«tsl»://h:993\nC=«ssl3»://h:465', 'env');
	quiet(R, 'A=http://x\nB=https://y\nC=redis://r:6379\nD=smtp://m:587\nE=mysql://u:p@db/x\nF=amqp://q', 'env');
	quiet(R, '$u = "https://example.com"; $r = "redis://cache:6379";');
});

test('every registered transport is accepted', () => {
	for (const t of ['tcp', 'udp', 'ssl', 'tls', 'tlsv1.2', 'tlsv1.3'])
		quiet(R, `stream_socket_client("${t}://127.0.0.1:80");`);
	quiet(R, 'stream_socket_client("unix:///run/x.sock"); stream_socket_client("udg:///run/y.sock");');
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
