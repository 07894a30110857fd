//! Redis clients: phpredis `$redis->connect('tls://host', 6380)` (a tls:// or ssl:// prefix on the host means TLS)
//! and Predis / Laravel parameters (`scheme` tcp | tls | unix, also redis/rediss in Predis 2 URIs).
import type { Token } from '../scan/php-lexer';
import type { ClientConfig, Setting, TlsMode } from './model';
import { callArgs, type ReadValue } from './literal';

export const REDIS_PLAIN_PORT = 6379;
export const REDIS_TLS_PORT = 6380;

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
	const { args } = callArgs(tokens, open);
	if (args[0] === undefined) return undefined;
	const host = read(tokens, args[0], 'host');
	if (!host || host.kind !== 'str' || host.setting.text.startsWith('/')) return undefined;
	const port = args[1] === undefined ? undefined : read(tokens, args[1], 'port');
	if (args[1] !== undefined && (!port || !/^\d+$/.test(port.setting.text))) return undefined;
	const m = /^(tls|ssl|tcp):\/\//i.exec(host.setting.text);
	const name = m ? host.setting.text.slice(m[0].length) : host.setting.text;
	const prefix: Setting | undefined = m
		? { text: m[0], start: host.setting.start, end: host.setting.start + m[0].length, name: 'host prefix' }
		: undefined;
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
		addMode: prefix ? undefined : { at: host.setting.start, text: { implicit: 'tls://' } },
		start: host.setting.start,
		end: host.setting.end,
	};
}
