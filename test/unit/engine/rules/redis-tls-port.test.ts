import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/index';
import { findings } from '../../../helpers/marked';
import type { FileKind } from '../../../../server/src/engine/index';
import { ruleTester } from '../../../helpers/rule-tester';

const severities = (src: string, kind: FileKind = 'php') =>
	findings(src, kind)
		.filter((f) => f.ruleId === R)
		.map((f) => f.severity);

const R = 'redis-tls-port';

ruleTester(R, 'TLS to 6379 and plaintext to 6380, in URIs, arrays, connect() and .env', {
	invalid: [
		{ code: "$client = new Predis\\Client('«tls»://redis.example.com:6379');", errors: ['tlsTo6379'] },
		{
			code: "$client = new Predis\\Client(['scheme' => '«tls»', 'host' => 'redis.example.com', 'port' => 6379]);",
			errors: ['tlsTo6379'],
		},
		{ code: "$redis = new Redis(); $redis->connect('cache.example.net', «6380»);", errors: ['plainTo6380'] },
		{ code: "$this->redis->connect('«tls://»cache.example.net', 6379);", errors: ['tlsTo6379'] },
		{ code: 'REDIS_URL=«rediss»://default:secret@redis.example.com:6379', kind: 'env', errors: ['tlsTo6379'] },
		{ code: 'REDIS_HOST=cache.example.net\nREDIS_PORT=«6380»\n', kind: 'env', errors: ['plainTo6380'] },
		{ code: 'REDIS_HOST=redis.example.com\nREDIS_PORT=6379\nREDIS_SCHEME=«tls»\n', kind: 'env', errors: ['tlsTo6379'] },
		{
			code: "return ['redis' => ['client' => 'phpredis', 'default' => ['scheme' => env('REDIS_SCHEME', '«tls»'), 'host' => env('REDIS_HOST', 'redis.example.com'), 'port' => env('REDIS_PORT', '6379')]]];",
			errors: ['tlsTo6379'],
		},
		{
			code: "return ['redis' => ['default' => ['host' => 'cache.example.net', 'port' => «6380»]]];",
			errors: ['plainTo6380'],
		},
		{
			// Redis Object Cache (wp-config.php): WP_REDIS_SCHEME 'tls' makes phpredis connect('tls://' . host, port).
			code: "define( 'WP_REDIS_SCHEME', '«tls»' );\ndefine( 'WP_REDIS_HOST', 'contoso.redis.cache.windows.net' );\ndefine( 'WP_REDIS_PORT', 6379 );",
			errors: ['tlsTo6379Azure'],
		},
		{
			code: "define( 'WP_REDIS_HOST', 'cache.example.net' );\ndefine( 'WP_REDIS_PORT', «6380» );",
			errors: ['plainTo6380'],
		},
	],
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

ruleTester(R, 'documented and correct configurations are quiet', {
	valid: [
		// Redis Object Cache's README: ElastiCache with in-transit encryption serves TLS on 6379.
		"define( 'WP_REDIS_SCHEME', 'tls' );\ndefine( 'WP_REDIS_HOST', 'master.ncit.ameaqx.use1.cache.amazonaws.com' );\ndefine( 'WP_REDIS_PORT', 6379 );",
		// Its INSTALL.md.
		"define( 'WP_REDIS_HOST', '127.0.0.1' );\ndefine( 'WP_REDIS_PORT', 6379 );",
		// Predis README: plain connection, TLS with the default port, parameters array.
		"$client = new Predis\\Client('tcp://10.0.0.1:6379');",
		"$client = new Predis\\Client(['scheme' => 'tcp', 'host' => '10.0.0.1', 'port' => 6379]);",
		"$client = new Predis\\Client('tls://127.0.0.1?ssl[cafile]=private.pem&ssl[verify_peer]=1');",
		"$client = new Predis\\Client(['scheme' => 'tls', 'ssl' => ['cafile' => 'private.pem', 'verify_peer' => true]]);",
		// Laravel's config/database.php.
		"return ['redis' => ['client' => env('REDIS_CLIENT', 'phpredis'), 'default' => ['url' => env('REDIS_URL'), 'host' => env('REDIS_HOST', '127.0.0.1'), 'username' => env('REDIS_USERNAME'), 'password' => env('REDIS_PASSWORD'), 'port' => env('REDIS_PORT', '6379'), 'database' => env('REDIS_DB', '0')]]];",
		// Azure (TLS on 6380), ElastiCache and Upstash (TLS on 6379), a second local instance on 6380.
		"$redis->connect('tls://contoso.redis.cache.windows.net', 6380);",
		{ code: 'REDIS_URL=rediss://default:pw@master.abc.xyz.use1.cache.amazonaws.com:6379', kind: 'env' },
		{ code: 'REDIS_URL=rediss://default:pw@eu1-lasting-owl-1234.upstash.io:6379', kind: 'env' },
		"$redis->connect('127.0.0.1', 6380);",
		{ code: 'REDIS_HOST=redis\nREDIS_PORT=6380\n', kind: 'env' },
		// Not Redis: an unrelated connect() and a URI on another port.
		"$ftp->connect('files.example.net', 6380);",
		"stream_socket_client('tls://redis.example.com:6390');",
	],
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

ruleTester(R, "Redis Object Cache's cluster: a node's own scheme wins over WP_REDIS_SCHEME", {
	// rhubarbgroup/redis-cache includes/object-cache.php build_cluster_connection_array():
	//     if ( ! empty( $components['scheme'] ) ) { $scheme = $components['scheme']; }
	//     elseif ( defined( 'WP_REDIS_SCHEME' ) ) { $scheme = WP_REDIS_SCHEME; }
	invalid: [
		{
			// predis/predis#1474: an ElastiCache cluster with TLS required; the nodes written with tcp:// time out.
			code: "define( 'WP_REDIS_SCHEME', 'tls' );\ndefine( 'WP_REDIS_CLUSTER', [\n  '«tcp»://node-1.cache.amazonaws.com:6379?alias=node-01',\n  '«tcp»://node-2.cache.amazonaws.com:6379?alias=node-02',\n] );",
			errors: ['schemeOverridden', 'schemeOverridden'],
			output:
				"define( 'WP_REDIS_SCHEME', 'tls' );\ndefine( 'WP_REDIS_CLUSTER', [\n  'tls://node-1.cache.amazonaws.com:6379?alias=node-01',\n  'tls://node-2.cache.amazonaws.com:6379?alias=node-02',\n] );",
		},
		{
			code: "define( 'WP_REDIS_SCHEME', 'tls' );\ndefine( 'WP_REDIS_CLUSTER', array( 'tls://a.cache.amazonaws.com:6379', '«tcp»://b.cache.amazonaws.com:6379' ) );",
			errors: ['schemeOverridden'],
			output:
				"define( 'WP_REDIS_SCHEME', 'tls' );\ndefine( 'WP_REDIS_CLUSTER', array( 'tls://a.cache.amazonaws.com:6379', 'tls://b.cache.amazonaws.com:6379' ) );",
		},
	],
	valid: [
		// Nodes without a scheme take WP_REDIS_SCHEME.
		"define( 'WP_REDIS_SCHEME', 'tls' );\ndefine( 'WP_REDIS_CLUSTER', [ 'node-1.cache.amazonaws.com:6379', 'node-2.cache.amazonaws.com:6379' ] );",
		// Redis Object Cache's README: a cluster of tcp:// nodes, no TLS asked for.
		"define( 'WP_REDIS_CLUSTER', [\n    'tcp://127.0.0.1:6379?alias=node-01',\n    'tcp://127.0.0.2:6379?alias=node-02',\n    'tcp://127.0.0.3:6379?alias=node-03',\n] );",
		"define( 'WP_REDIS_SCHEME', 'tcp' );\ndefine( 'WP_REDIS_CLUSTER', [ 'tcp://127.0.0.1:6379' ] );",
	],
});

test("Redis Object Cache's cluster: a node is read as any Redis URL is (a bracketed IPv6 host too)", () => {
	const [f] = findings(
		"<?php\ndefine( 'WP_REDIS_SCHEME', 'tls' );\ndefine( 'WP_REDIS_CLUSTER', [ 'tcp://[fd00::10]:6379' ] );\n",
		'php',
	).filter((x) => x.ruleId === R);
	assert.equal(f?.messageId, 'schemeOverridden');
	assert.match(f!.detail!, /^Redis Object Cache \(WP_REDIS_CLUSTER\) writes each cluster node/);
	assert.match(f!.detail!, /this node is "tcp:\/\/\[fd00::10\]:6379"/);
});
