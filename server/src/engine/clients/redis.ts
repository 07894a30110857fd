//! Redis clients: phpredis `$redis->connect('tls://host', 6380)` (a tls:// or ssl:// prefix on the host means TLS)
//! and Predis / Laravel parameters (`scheme` tcp | tls | unix, also redis/rediss in Predis 2 URIs).
import { isPunct, type Token } from '../scan/php-lexer';
import type { ClientConfig, Setting, TlsMode } from './model';
import { callArgs, partOf, withMode, type Literal, type ReadValue } from './literal';

export const REDIS_PLAIN_PORT = 6379;
export const REDIS_TLS_PORT = 6380;
/** A host that is a unix socket to phpredis (redis.c redis_connect(): a leading "/", or unix:// or file://). */
const UNIX_HOST = /^(\/|unix:\/\/|file:\/\/)/i;

export function redisSchemeMode(scheme: string): TlsMode | undefined {
	const s = scheme.toLowerCase();
	if (s === 'tls' || s === 'ssl' || s === 'rediss') return 'implicit';
	if (s === 'tcp' || s === 'redis' || s === '') return 'plain';
	return undefined;
}

/** `$redis->connect(host, port = 6379, ...)`; the receiver's name says it is a Redis client. */
export function redisConnect(
	tokens: Token[],
	open: number,
	receiver: string,
	read: ReadValue,
): ClientConfig | undefined {
	const { args, end } = callArgs(tokens, open);
	if (args[0] === undefined) return undefined;
	const host = read(tokens, args[0], 'host');
	if (!host || host.kind !== 'str') return undefined;
	const port = args[1] === undefined ? undefined : read(tokens, args[1], 'port');
	if (args[1] !== undefined && (!port || !/^\d+$/.test(port.setting.text))) return undefined;
	if (UNIX_HOST.test(host.setting.text)) return socketConnect(tokens, { args, end }, host.setting, port, receiver);
	const m = /^(tls|ssl|tcp):\/\//i.exec(host.setting.text);
	const name = m ? host.setting.text.slice(m[0].length) : host.setting.text;
	const prefix = m ? partOf(host, 0, m[0].length, 'host prefix') : undefined;
	const mode = m ? redisSchemeMode(m[1]!)! : 'plain';
	return {
		library: 'redis',
		label: `${receiver}->connect()`,
		host: name,
		port: port ? Number(port.setting.text) : REDIS_PLAIN_PORT,
		portAt: port?.setting,
		mode,
		modeAt: prefix,
		modeText: { implicit: 'tls://', plain: '' },
		...(!prefix && withMode(host, 'value start', { implicit: 'tls://' })),
		start: host.setting.start,
		end: host.setting.end,
	};
}

/**
 * `connect('/run/redis.sock', 6379)`: phpredis opens a socket only for a port below 1 (library.c
 * redis_sock_connect(): `if (address[0] == '/' && redis_sock->port < 1)`); with a port it opens
 * "tcp:///run/redis.sock:6379" and the host lookup fails. Without a port (or with 0) the call is right: nothing to say.
 */
function socketConnect(
	tokens: Token[],
	call: { args: number[]; end: number },
	host: Setting,
	port: Literal | undefined,
	receiver: string,
): ClientConfig | undefined {
	const portArg = call.args[1];
	if (portArg === undefined || !port || Number(port.setting.text) < 1) return undefined;
	// The port is the last argument: remove it with its comma (up to the call's ")"). Else a 0 keeps the later ones.
	const last = call.args.length === 2 && isPunct(tokens[call.end - 1], ')');
	const comma = tokens[portArg - 1]!;
	return {
		library: 'redis',
		label: `${receiver}->connect()`,
		host: host.text,
		port: Number(port.setting.text),
		portAt: port.setting,
		modeText: {},
		socketPath: {
			at: host,
			reader: 'phpredis',
			...(last && { removePort: { start: comma.start, end: tokens[call.end - 2]!.end } }),
		},
		start: host.start,
		end: host.end,
	};
}
