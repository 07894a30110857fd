//! Sinks, as data: the calls whose argument reaches one of PHP's socket functions (the functions themselves, and
//! library classes that hand a string to them unchanged), and where a crypto method set is used. Each library row
//! names the source line it rests on; test/unit/values/sinks.test.ts quotes those lines.
import type { SocketFunction } from '../types';

/** A piece of what reaches PHP: literal text, or an argument (with its default when left out). */
export type TemplatePart = string | { arg: number; def?: string };

export interface SinkSpec {
	/** A PHP function (lower case), or a class constructed with `new` (its name, and a namespace it must be in). */
	call: { fn: string } | { new: string; ns?: string };
	/** Parameter names in order, for named arguments. */
	params: readonly string[];
	/** What the socket function receives. */
	socket?: {
		fn: SocketFunction;
		target: readonly TemplatePart[];
		/** fsockopen's port argument. */
		port?: readonly TemplatePart[];
		/** Argument indexes of stream_socket_*'s flags and context. */
		flags?: number;
		context?: number;
	};
	/** The argument holding a STREAM_CRYPTO_METHOD_* set. */
	crypto?: number;
	/** The library, and the line of its source that makes this a sink. */
	library?: { name: string; file: string; line: string };
}

const FSOCKOPEN_PARAMS = ['hostname', 'port', 'error_code', 'error_message', 'timeout'];

export const SINKS: readonly SinkSpec[] = [
	{
		call: { fn: 'fsockopen' },
		params: FSOCKOPEN_PARAMS,
		socket: { fn: 'fsockopen', target: [{ arg: 0 }], port: [{ arg: 1, def: '-1' }] },
	},
	{
		call: { fn: 'pfsockopen' },
		params: FSOCKOPEN_PARAMS,
		socket: { fn: 'pfsockopen', target: [{ arg: 0 }], port: [{ arg: 1, def: '-1' }] },
	},
	{
		call: { fn: 'stream_socket_client' },
		params: ['address', 'error_code', 'error_message', 'timeout', 'flags', 'context'],
		socket: { fn: 'stream_socket_client', target: [{ arg: 0 }], flags: 4, context: 5 },
	},
	{
		call: { fn: 'stream_socket_server' },
		params: ['address', 'error_code', 'error_message', 'flags', 'context'],
		socket: { fn: 'stream_socket_server', target: [{ arg: 0 }], flags: 3, context: 4 },
	},
	{
		call: { fn: 'stream_socket_enable_crypto' },
		params: ['stream', 'enable', 'crypto_method', 'session_stream'],
		crypto: 2,
	},
	{
		call: { new: 'SocketHandler', ns: 'Monolog\\' },
		params: ['connectionString', 'level', 'bubble', 'persistent', 'timeout', 'writingTimeout'],
		socket: { fn: 'fsockopen', target: [{ arg: 0 }] },
		library: {
			name: 'Monolog',
			file: 'Monolog/Handler/SocketHandler.php',
			line: 'return @fsockopen($this->connectionString, -1, $this->errno, $this->errstr, $this->connectionTimeout);',
		},
	},
	{
		call: { new: 'AMQPStreamConnection', ns: 'PhpAmqpLib\\' },
		params: ['host', 'port', 'user', 'password', 'vhost'],
		socket: { fn: 'stream_socket_client', target: ['tcp://', { arg: 0 }, ':', { arg: 1 }] },
		library: {
			name: 'php-amqplib',
			file: 'PhpAmqpLib/Wire/IO/StreamIO.php',
			line: "'%s://%s:%s',",
		},
	},
	{
		call: { new: 'AMQPLazyConnection', ns: 'PhpAmqpLib\\' },
		params: ['host', 'port', 'user', 'password', 'vhost'],
		socket: { fn: 'stream_socket_client', target: ['tcp://', { arg: 0 }, ':', { arg: 1 }] },
		library: {
			name: 'php-amqplib',
			file: 'PhpAmqpLib/Wire/IO/StreamIO.php',
			line: "$this->protocol = 'tcp';",
		},
	},
	{
		call: { new: 'SSH2', ns: 'phpseclib' },
		params: ['host', 'port', 'timeout'],
		socket: { fn: 'fsockopen', target: [{ arg: 0 }], port: [{ arg: 1, def: '22' }] },
		library: {
			name: 'phpseclib',
			file: 'phpseclib3/Net/SSH2.php',
			line: '$this->fsock = @fsockopen($this->host, $this->port, $errno, $errstr, $this->curTimeout == 0 ? 100000 : $this->curTimeout);',
		},
	},
	{
		call: { new: 'SFTP', ns: 'phpseclib' },
		params: ['host', 'port', 'timeout'],
		socket: { fn: 'fsockopen', target: [{ arg: 0 }], port: [{ arg: 1, def: '22' }] },
		library: {
			name: 'phpseclib',
			file: 'phpseclib3/Net/SSH2.php',
			line: '$this->fsock = @fsockopen($this->host, $this->port, $errno, $errstr, $this->curTimeout == 0 ? 100000 : $this->curTimeout);',
		},
	},
];

export const SINKS_BY_FUNCTION: ReadonlyMap<string, SinkSpec> = new Map(
	SINKS.flatMap((s) => ('fn' in s.call ? [[s.call.fn, s] as const] : [])),
);

export const SINKS_BY_CLASS: ReadonlyMap<string, SinkSpec> = new Map(
	SINKS.flatMap((s) => ('new' in s.call ? [[s.call.new.toLowerCase(), s] as const] : [])),
);

/** A text that names no sink cannot need the value layer for sinks (the prefilter's part of this table). */
export const SINK_WORDS: readonly string[] = SINKS.map((s) => ('fn' in s.call ? s.call.fn : s.call.new));
