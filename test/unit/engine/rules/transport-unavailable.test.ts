import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, type FileKind, type PhpEnvironment } from '../../../../server/src/engine/index';

const R = 'transport-unavailable';
const PHP82 = ['tcp', 'udp', 'unix', 'udg', 'ssl', 'tls', 'tlsv1.0', 'tlsv1.1', 'tlsv1.2', 'tlsv1.3'];

function on(php: PhpEnvironment | undefined, text: string, kind: FileKind = 'php') {
	return analyze(kind === 'php' ? `<?php ${text}` : text, kind, undefined, { packages: {}, php }).findings;
}
const mine = (php: PhpEnvironment | undefined, text: string, kind: FileKind = 'php') =>
	on(php, text, kind).filter((f) => f.ruleId === R);

test('without the openssl extension, ssl:// and tls:// fail with PHP’s message and the cause', () => {
	const php = {
		version: '8.2.36',
		source: '/opt/php 8.2.36',
		transports: ['tcp', 'udp', 'unix', 'udg'],
		openssl: null,
	};
	const [f] = mine(php, "stream_socket_client('ssl://smtp.example.com:465');");
	assert.equal(f!.severity, 'error');
	assert.match(
		f!.detail ?? f!.message,
		/^Unable to find the socket transport "ssl" - did you forget to enable it when you configured PHP\? — the PHP in use \(\/opt\/php 8\.2\.36\) does not register ssl:\/\/: the openssl extension is not loaded/,
	);
	assert.equal(mine(php, "fsockopen('tls://h', 443);").length, 1);
	assert.equal(mine(php, 'REDIS_URL=tls://redis.example.com:6380', 'env').length, 1);
	assert.deepEqual(mine(php, "stream_socket_client('tcp://h:80');"), []);
	// A syntax rule: later rules (tls-port-mismatch) stay quiet once it fires.
	assert.deepEqual(
		on(php, "stream_socket_client('tls://smtp.example.com:587');").map((x) => x.ruleId),
		[R],
	);
});

test('tlsv1.3:// on an OpenSSL or PHP that lacks it, from the binary or from the version alone', () => {
	const old = { version: '7.3.33', source: 'php 7.3.33', transports: PHP82.filter((t) => t !== 'tlsv1.3') };
	const [f] = mine(old, "stream_socket_client('tlsv1.3://h:443');");
	assert.match(f!.detail ?? f!.message, /older than PHP 7\.4 or linked against an OpenSSL older than 1\.1\.1/);
	assert.deepEqual(
		f!.fixes.map((x) => x.title),
		['Use tls:// (the best version this PHP offers)'],
	);
	const versionOnly = { version: '7.1', source: 'composer.json require.php' };
	assert.match(mine(versionOnly, "stream_socket_client('tlsv1.3://h:443');")[0]!.message, /exists from PHP 7\.4/);
	assert.deepEqual(mine({ version: '7.4', source: 'x' }, "stream_socket_client('tlsv1.3://h:443');"), []);
});

test('quiet when the PHP registers the transport or nothing is known', () => {
	assert.deepEqual(
		mine({ version: '8.2.36', source: 'php', transports: PHP82 }, "stream_socket_client('tlsv1.3://h:443');"),
		[],
	);
	assert.deepEqual(mine(undefined, "stream_socket_client('ssl://h:443');"), []);
});

test('an old PHP that still registers sslv3:// is not told the transport is unknown', () => {
	const legacy = { version: '5.6.40', source: 'php 5.6.40', transports: [...PHP82.slice(0, 6), 'sslv3'] };
	const got = on(legacy, "stream_socket_client('sslv3://h:443');");
	assert.deepEqual(
		got.map((x) => x.ruleId),
		['outdated-tls'],
	);
	assert.match(got[0]!.detail ?? got[0]!.message, /registered by the PHP in use \(php 5\.6\.40\), but SSL 3 is broken/);
	assert.deepEqual(
		on(undefined, "stream_socket_client('sslv3://h:443');").map((x) => x.ruleId),
		['unknown-transport'],
	);
});
