import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/index';
import { findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'redis-socket-path';

ruleTester(R, 'a socket path where the client reads a host name', {
	// phpredis library.c redis_sock_connect():
	//     if (address[0] == '/' && redis_sock->port < 1) { host_len = snprintf(host, sizeof(host), "unix://%s", address);
	//     } else { ... host_len = snprintf(host, sizeof(host), fmtstr, scheme, address, redis_sock->port);
	// Predis src/Connection/StreamConnection.php (1.1.10, Debian's php-predis):
	//     $address = "tcp://$parameters->host:$parameters->port";                      (tcpStreamInitializer)
	//     if (!isset($parameters->path)) { throw new \InvalidArgumentException('Missing UNIX domain socket path.');
	invalid: [
		{ code: "$redis = new Redis();\n$redis->connect('«/var/run/redis/redis.sock»', 6379);", errors: ['phpredisPort'] },
		{ code: "$this->redis->pconnect('«/tmp/redis.sock»', 6379, 2.5);", errors: ['phpredisPort'] },
		{ code: "$redis->connect('«unix:///run/redis.sock»', 6379);", errors: ['phpredisPort'] },
		{
			code: "$client = new Predis\\Client(['host' => '«/var/run/redis/redis.sock»', 'port' => 6379]);",
			errors: ['predisTcp'],
		},
		{ code: "$client = new \\Predis\\Client(array('host' => '«/tmp/redis.sock»'));", errors: ['predisTcp'] },
		{
			code: "$client = new Predis\\Client(['scheme' => 'tcp', 'host' => '«/tmp/redis.sock»', 'port' => 6379]);",
			errors: ['predisTcp'],
		},
		{
			// predis/predis#145 and pixelfed/pixelfed#2673's error, from the parameters that give it.
			code: "$client = new Predis\\Client(['scheme' => 'unix', 'host' => '«/var/run/redis/redis.sock»']);",
			errors: ['predisUnixHost'],
		},
		{ code: 'REDIS_HOST=«/var/run/redis/redis.sock»\nREDIS_PORT=6379\n', kind: 'env', errors: ['configPort'] },
		{
			code: "return ['redis' => ['client' => 'phpredis', 'default' => ['host' => env('REDIS_HOST', '«/run/redis.sock»'), 'port' => env('REDIS_PORT', 6379)]]];",
			errors: ['configPort'],
		},
		{
			// Nextcloud's RedisFactory: `$port = $config['port'] ?? ($host[0] !== '/' ? 6379 : null);`, then connect().
			code: "$CONFIG = array (\n  'redis' => array (\n    'host' => '«/var/run/redis/redis.sock»',\n    'port' => 6379,\n  ),\n);",
			errors: ['configPort'],
		},
	],
	valid: [
		// phpredis README: "$redis->connect('/tmp/redis.sock'); // unix domain socket."
		"$redis->connect('/tmp/redis.sock');",
		"$redis->connect('/tmp/redis.sock', 0);",
		"$redis->pconnect('/tmp/redis.sock', -1, 2.5);",
		// Predis README: "$client = new Predis\Client(['scheme' => 'unix', 'path' => '/path/to/redis.sock']);"
		"$client = new Predis\\Client(['scheme' => 'unix', 'path' => '/path/to/redis.sock']);",
		"$client = new Predis\\Client(['scheme' => 'unix', 'host' => '/run/redis.sock', 'path' => '/run/redis.sock']);",
		// laravel/framework#30860: phpredis with the socket as host and no port.
		{ code: 'REDIS_HOST=/var/run/redis/redis.sock\nREDIS_PASSWORD=null\nREDIS_PORT=null\n', kind: 'env' },
		{ code: 'REDIS_HOST=/var/run/redis/redis.sock\nREDIS_PORT=0\n', kind: 'env' },
		// The client decides (phpredis: a socket; Predis: 'path' when config/database.php reads one): unknown here.
		{ code: 'REDIS_SCHEME=unix\nREDIS_HOST=/var/run/redis/redis.sock\nREDIS_PORT=null\n', kind: 'env' },
		{ code: 'REDIS_HOST=/var/run/redis/redis.sock\n', kind: 'env' },
		// Nextcloud's documented socket: port 0 (pastebin.com/JRAf89YJ, and the admin manual's memcache page).
		"$CONFIG = array (\n  'redis' => array (\n    'host' => '/var/run/redis/redis.sock',\n    'port' => 0,\n  ),\n);",
		// Not Predis's parameters: nothing says so.
		"$x = ['host' => '/tmp/x.sock', 'port' => 6379];",
		"$client = new GuzzleHttp\\Client(['host' => '/tmp/x.sock', 'port' => 80]);",
	],
});

test('fixes: the phpredis port goes (or becomes 0 before later arguments); Laravel gets a null port', () => {
	const fixed = (src: string, kind?: 'env') => {
		const f = findings(src, kind).find((x) => x.ruleId === R)!;
		return f.fixes.map((x) => applyEdits(src, [x.edits]).text);
	};
	assert.deepEqual(fixed("<?php $redis->connect('/tmp/redis.sock', 6379);"), [
		"<?php $redis->connect('/tmp/redis.sock');",
	]);
	assert.deepEqual(fixed("<?php $redis->connect('/tmp/redis.sock', 6379, 2.5);"), [
		"<?php $redis->connect('/tmp/redis.sock', 0, 2.5);",
	]);
	assert.deepEqual(fixed('REDIS_HOST=/run/redis.sock\nREDIS_PORT=6379\n', 'env'), [
		'REDIS_HOST=/run/redis.sock\nREDIS_PORT=null\n',
	]);
	// Predis needs two edits (scheme and the key's name): said, not guessed.
	assert.deepEqual(fixed("<?php $c = new Predis\\Client(['host' => '/tmp/redis.sock']);"), []);
});

test('no lens or Test connection for a socket path: it is not a host to connect to', () => {
	const f = findings("<?php $redis->connect('/tmp/redis.sock', 6379);").filter((x) => x.ruleId !== R);
	assert.deepEqual(
		f.map((x) => x.ruleId),
		[],
	);
});

ruleTester(R, "Redis Object Cache's WP_REDIS_* constants (wp-config.php)", {
	// rhubarbgroup/redis-cache includes/object-cache.php build_parameters():
	//     $parameters = [ 'scheme' => 'tcp', 'host' => '127.0.0.1', 'port' => 6379, ...
	//     $constant = sprintf( 'WP_REDIS_%s', strtoupper( $setting ) ); if ( defined( $constant ) ) { $parameters[ $setting ] = constant( $constant );
	// connect_using_phpredis(): only the unix scheme reads the path —
	//     if ( strcasecmp( 'unix', $parameters['scheme'] ) === 0 ) { $args['host'] = $parameters['path']; $args['port'] = -1; }
	invalid: [
		{
			// rhubarbgroup/redis-cache#339: "when I try to enter the UNIX socket's address, it does not work".
			code: "define( 'WP_REDIS_HOST', '«/var/run/redis/redis.sock»' );",
			errors: ['wpRedisHost'],
		},
		{
			code: "define( 'WP_REDIS_SCHEME', 'tcp' );\ndefine( 'WP_REDIS_HOST', '«/tmp/redis.sock»' );\ndefine( 'WP_REDIS_PORT', 6379 );",
			errors: ['wpRedisHost'],
		},
		{
			// Port 0 opens the socket with phpredis, never with Predis (scheme tcp).
			code: "define( 'WP_REDIS_CLIENT', 'predis' );\ndefine( 'WP_REDIS_HOST', '«/tmp/redis.sock»' );\ndefine( 'WP_REDIS_PORT', 0 );",
			errors: ['wpRedisHost'],
		},
	],
	valid: [
		// The plugin's README.
		"define( 'WP_REDIS_SCHEME', 'unix' );\ndefine( 'WP_REDIS_PATH', '/var/run/redis.sock' );",
		// The unix scheme drops the host: a path written there too is harmless (rhubarbgroup/redis-cache#403).
		"define( 'WP_REDIS_SCHEME', 'unix' );\ndefine( 'WP_REDIS_HOST', '/home/whatever/redis/redis.sock' );\ndefine( 'WP_REDIS_PATH', '/home/whatever/redis/redis.sock' );",
		// phpredis (the default client when its extension is loaded) reads a path with port 0 as a socket.
		"define( 'WP_REDIS_HOST', '/tmp/redis.sock' );\ndefine( 'WP_REDIS_PORT', 0 );",
		"define( 'WP_REDIS_HOST', '127.0.0.1' );\ndefine( 'WP_REDIS_PORT', 6379 );",
		// Not known here.
		"define( 'WP_REDIS_HOST', getenv( 'REDIS_HOST' ) );",
	],
});

test("Redis Object Cache: the detail writes the plugin's two constants", () => {
	const [f] = findings("<?php\ndefine( 'WP_REDIS_HOST', '/var/run/redis/redis.sock' );\n", 'php').filter(
		(x) => x.ruleId === R,
	);
	assert.match(
		f!.detail!,
		/define\( 'WP_REDIS_SCHEME', 'unix' \); define\( 'WP_REDIS_PATH', '\/var\/run\/redis\/redis\.sock' \);/,
	);
	assert.deepEqual(f!.fixes, []);
});
