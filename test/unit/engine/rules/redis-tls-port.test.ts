import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/index';
import { check, findings, quiet } from '../../../helpers/marked';
import type { FileKind } from '../../../../server/src/engine/index';

const severities = (src: string, kind: FileKind = 'php') =>
	findings(src, kind)
		.filter((f) => f.ruleId === R)
		.map((f) => f.severity);

const R = 'redis-tls-port';

test('TLS to 6379 and plaintext to 6380, in URIs, arrays, connect() and .env', () => {
	check(R, "$client = new Predis\\Client('«tls»://redis.example.com:6379');");
	check(R, "$client = new Predis\\Client(['scheme' => '«tls»', 'host' => 'redis.example.com', 'port' => 6379]);");
	check(R, "$redis = new Redis(); $redis->connect('cache.example.net', «6380»);");
	check(R, "$this->redis->connect('«tls://»cache.example.net', 6379);");
	check(R, 'REDIS_URL=«rediss»://default:secret@redis.example.com:6379', 'env');
	check(R, 'REDIS_HOST=cache.example.net\nREDIS_PORT=«6380»\n', 'env');
	check(R, 'REDIS_HOST=redis.example.com\nREDIS_PORT=6379\nREDIS_SCHEME=«tls»\n', 'env');
	check(
		R,
		"return ['redis' => ['client' => 'phpredis', 'default' => ['scheme' => env('REDIS_SCHEME', '«tls»'), 'host' => env('REDIS_HOST', 'redis.example.com'), 'port' => env('REDIS_PORT', '6379')]]];",
	);
	check(R, "return ['redis' => ['default' => ['host' => 'cache.example.net', 'port' => «6380»]]];");
});

test('fixes change the scheme or the port', () => {
	const src = "<?php $redis->connect('cache.example.net', 6380);";
	const f = findings(src).find((x) => x.ruleId === R)!;
	assert.deepEqual(
		f.fixes.map((x) => applyEdits(src, [x.edits]).text),
		["<?php $redis->connect('tls://cache.example.net', 6380);", "<?php $redis->connect('cache.example.net', 6379);"],
	);
	const env = 'REDIS_URL=tcp://cache.example.net:6380';
	const g = findings(env, 'env').find((x) => x.ruleId === R)!;
	assert.equal(applyEdits(env, [g.fixes[0]!.edits]).text, 'REDIS_URL=tls://cache.example.net:6380');
});

test('documented and correct configurations are quiet', () => {
	// Predis README: plain connection, TLS with the default port, parameters array.
	quiet(R, "$client = new Predis\\Client('tcp://10.0.0.1:6379');");
	quiet(R, "$client = new Predis\\Client(['scheme' => 'tcp', 'host' => '10.0.0.1', 'port' => 6379]);");
	quiet(R, "$client = new Predis\\Client('tls://127.0.0.1?ssl[cafile]=private.pem&ssl[verify_peer]=1');");
	quiet(
		R,
		"$client = new Predis\\Client(['scheme' => 'tls', 'ssl' => ['cafile' => 'private.pem', 'verify_peer' => true]]);",
	);
	// Laravel's config/database.php.
	quiet(
		R,
		"return ['redis' => ['client' => env('REDIS_CLIENT', 'phpredis'), 'default' => ['url' => env('REDIS_URL'), 'host' => env('REDIS_HOST', '127.0.0.1'), 'username' => env('REDIS_USERNAME'), 'password' => env('REDIS_PASSWORD'), 'port' => env('REDIS_PORT', '6379'), 'database' => env('REDIS_DB', '0')]]];",
	);
	// Azure (TLS on 6380), ElastiCache and Upstash (TLS on 6379), a second local instance on 6380.
	quiet(R, "$redis->connect('tls://contoso.redis.cache.windows.net', 6380);");
	quiet(R, 'REDIS_URL=rediss://default:pw@master.abc.xyz.use1.cache.amazonaws.com:6379', 'env');
	quiet(R, 'REDIS_URL=rediss://default:pw@eu1-lasting-owl-1234.upstash.io:6379', 'env');
	quiet(R, "$redis->connect('127.0.0.1', 6380);");
	quiet(R, 'REDIS_HOST=redis\nREDIS_PORT=6380\n', 'env');
	// Not Redis: an unrelated connect() and a URI on another port.
	quiet(R, "$ftp->connect('files.example.net', 6380);");
	quiet(R, "stream_socket_client('tls://redis.example.com:6390');");
});

test('for a host whose service is unknown, the port convention is only an information', () => {
	// phpredis README.md (TLS): $redis->connect('tls://127.0.0.1', 6379);
	assert.deepEqual(severities("$redis = new Redis(); $redis->connect('tls://127.0.0.1', 6379);"), ['info']);
	// Symfony Messenger's Redis transport documentation: MESSENGER_TRANSPORT_DSN=rediss://localhost:6379/messages
	assert.deepEqual(severities('MESSENGER_TRANSPORT_DSN=rediss://localhost:6379/messages', 'env'), ['info']);
	// A Predis cluster of TLS nodes.
	assert.deepEqual(
		severities("$client = new Predis\\Client(['tls://node1:6379', 'tls://node2:6379'], ['cluster' => 'redis']);"),
		['info', 'info'],
	);
	assert.deepEqual(severities("$redis->connect('cache.example.net', 6380);"), ['info']);
});

test('a known service keeps the warning: Azure Cache for Redis serves TLS on 6380 only', () => {
	assert.deepEqual(severities("$redis->connect('tls://contoso.redis.cache.windows.net', 6379);"), ['warning']);
	assert.deepEqual(severities('REDIS_URL=redis://contoso.redis.cache.windows.net:6380', 'env'), ['warning']);
});
