//! Redis clients given a unix socket path where they read a host name (ClientConfig.socketPath): phpredis with a
//! port, Predis without scheme unix or without 'path', a 'redis' configuration (Laravel, Nextcloud) with a port. Each
//! then fails to connect: the path is looked up as a host, or Predis throws for the missing 'path'.
import { related } from '../clients/checks';
import type { Fix } from '../types';
import { ALL_ORIGINS, defineRule, type RuleFinding } from './rule';

export const redisSocketPath = defineRule({
	meta: {
		id: 'redis-socket-path',
		defaultSeverity: 'error',
		summary:
			"A unix socket path given to a Redis client as a host with a port (phpredis, Laravel) or without Predis's scheme unix and 'path'.",
		origins: ALL_ORIGINS,
		fixes: 'sometimes',
		messages: {
			phpredisPort:
				'phpredis opens a socket path only without a port: with port {{port}} its connection to "{{path}}" fails. Drop the port.',
			predisTcp:
				"Predis opens tcp://{{path}}:{{port}} and fails: a socket path is not a host name. Use 'scheme' => 'unix' with 'path' instead of 'host'.",
			predisUnixHost:
				"Predis reads the socket from 'path', not 'host': it throws \"Missing UNIX domain socket path.\" Rename 'host' to 'path'.",
			configPort:
				'phpredis and Predis look "{{path}}" up as a host name when given port {{port}}, and fail. For a socket, set {{portName}} to null.',
			wpRedisHost:
				"Redis Object Cache passes WP_REDIS_HOST as a host name with port {{port}}, so the socket path fails. Use WP_REDIS_SCHEME 'unix' and WP_REDIS_PATH.",
		},
	},
	checkClient(c) {
		const sp = c.socketPath;
		if (!sp) return [];
		const path = sp.at.text;
		const port = c.port ?? 6379;
		const rel = related(c.portAt, `The port (${c.portAt?.name}) is set here.`, sp.at);
		const base = { start: sp.at.start, end: sp.at.end, ...(rel.length && { related: rel }) };
		const fixes: Fix[] = [];
		let finding: RuleFinding<'phpredisPort' | 'predisTcp' | 'predisUnixHost' | 'configPort' | 'wpRedisHost'>;
		if (sp.reader === 'phpredis') {
			if (sp.removePort)
				fixes.push({
					title: 'Remove the port',
					edits: [{ start: sp.removePort.start, end: sp.removePort.end, text: '' }],
				});
			else if (c.portAt)
				fixes.push({
					title: 'Use port 0 (a socket has none)',
					edits: [{ start: c.portAt.start, end: c.portAt.end, text: '0' }],
				});
			finding = {
				...base,
				messageId: 'phpredisPort',
				data: { port, path },
				detail: `phpredis (${c.label}) opens a unix socket only when the port is below 1 (library.c: \`if (address[0] == '/' && redis_sock->port < 1)\`). With port ${port} it opens ${
					/^[a-z]+:\/\//i.test(path)
						? `"${path}:${port}", a socket file that does not exist ("No such file or directory")`
						: `"tcp://${path}:${port}" and looks "${path}" up as a host name ("php_network_getaddresses: getaddrinfo for ${path} failed")`
				}. Call connect('${path}') without a port.`,
				fixes,
			};
		} else if (sp.reader === 'predis') {
			finding = {
				...base,
				messageId: 'predisTcp',
				data: { path, port },
				detail: `Predis (${c.label}) connects with scheme tcp, which opens "tcp://${path}:${port}" (StreamConnection::tcpStreamInitializer()) and fails: "php_network_getaddresses: getaddrinfo for ${path} failed". A unix socket is given as 'scheme' => 'unix' with 'path' => '${path}'.`,
				fixes,
			};
		} else if (sp.reader === 'predis-unix') {
			finding = {
				...base,
				messageId: 'predisUnixHost',
				detail: `With 'scheme' => 'unix', Predis (${c.label}) reads the socket from 'path' (StreamConnection::unixStreamInitializer()) and ignores 'host': without 'path' it throws InvalidArgumentException "Missing UNIX domain socket path." Write 'path' => '${path}'.`,
				fixes,
			};
		} else if (sp.reader === 'wp-redis') {
			// includes/object-cache.php: the unix scheme alone reads WP_REDIS_PATH, for both clients —
			//     if ( strcasecmp( 'unix', $parameters['scheme'] ) === 0 ) { $args['host'] = $parameters['path']; $args['port'] = -1; }
			finding = {
				...base,
				messageId: 'wpRedisHost',
				data: { port },
				detail: `Redis Object Cache (build_parameters() in its object-cache.php) keeps scheme tcp and port ${port}${c.portAt ? '' : ' (its default)'} and gives WP_REDIS_HOST to its client as a host name: phpredis opens "tcp://${path}:${port}" (it reads a path as a socket only with a port below 1), Predis the same; both fail with "php_network_getaddresses: getaddrinfo for ${path} failed", and the plugin reports "Not connected". The plugin reads a socket from WP_REDIS_PATH with WP_REDIS_SCHEME 'unix': define( 'WP_REDIS_SCHEME', 'unix' ); define( 'WP_REDIS_PATH', '${path}' );`,
				fixes,
			};
		} else {
			const portName = c.portAt?.name ?? 'the port';
			if (c.portAt)
				fixes.push({
					title: `Set ${portName} to null (phpredis)`,
					edits: [{ start: c.portAt.start, end: c.portAt.end, text: 'null' }],
				});
			finding = {
				...base,
				messageId: 'configPort',
				data: { path, port, portName },
				detail: `A 'redis' configuration (${c.label}) gives its client "${path}" with port ${port}. Laravel hands both to phpredis or Predis (its 'client' setting, REDIS_CLIENT); Nextcloud to phpredis (RedisFactory: \`$port = $config['port'] ?? ($host[0] !== '/' ? 6379 : null);\`). phpredis opens a unix socket only for a port below 1 and opens "tcp://${path}:${port}" otherwise; Predis opens a socket only with 'scheme' => 'unix' and a 'path'. Both fail: "php_network_getaddresses: getaddrinfo for ${path} failed". With phpredis, set ${portName} to null (or remove it); with Predis, set 'scheme' => 'unix' and 'path'.`,
				fixes,
			};
		}
		return [finding];
	},
});
