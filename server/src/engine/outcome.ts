//! "What PHP will do" with a target, derived from the same parse the rules use: which error PHP raises before any
//! network I/O, or which address and port it will connect to / bind. Used by hovers and the PHP differential test.
import { classifyHost, type HostKind } from './hosts';
import { UNIX_PATH_MAX, utf8Length, type TransportUrl } from './parse';
import { makeTarget } from './target';
import { unknownTransportMessage } from './transports';
import type { SocketFunction } from './types';

export type OutcomeKind = 'unknown-transport' | 'parse-error' | 'resolve-error' | 'connect' | 'unix';

export interface Outcome {
	kind: OutcomeKind;
	/** PHP's own error text, for the failures PHP raises before touching the network. */
	message?: string;
	transport: string;
	tls: boolean;
	host?: string;
	hostKind?: HostKind;
	/** Canonical numeric address, when the host is an IPv4 or IPv6 literal. */
	address?: string;
	port?: number;
	path?: string;
	truncated?: boolean;
}

export function predict(url: TransportUrl): Outcome {
	const base = { transport: url.transport, tls: url.info?.tls === 'implicit' };
	if (!url.info) return { ...base, kind: 'unknown-transport', message: unknownTransportMessage(url.transport) };
	if (url.info.family === 'unix') {
		const path = url.path ?? '';
		return { ...base, kind: 'unix', path, truncated: utf8Length(path) > UNIX_PATH_MAX };
	}
	if (url.error) return { ...base, kind: 'parse-error', message: url.error.message };
	const host = url.host ?? '';
	const verdict = classifyHost(host, url.bracketed);
	if (verdict.invalid) {
		return {
			...base,
			kind: 'resolve-error',
			host,
			hostKind: 'name',
			port: url.port,
			message: `php_network_getaddresses: getaddrinfo for ${host} failed: Name or service not known`,
		};
	}
	return { ...base, kind: 'connect', host, hostKind: verdict.kind, address: verdict.address, port: url.port };
}

/**
 * What PHP does with `value` passed to `fn` (and fsockopen's integer `port`): the same target the rules judge,
 * including fsockopen's ":port" append, then predict().
 */
export function whatPhpDoes(fn: SocketFunction, value: string, port?: number): Outcome & { raw: string } {
	const call = port === undefined ? { fn } : { fn, port: { start: 0, end: 0, known: true, int: port } };
	const url = makeTarget({ value, start: 0, end: value.length, origin: 'call', call }).url;
	return { ...predict(url), raw: url.raw };
}
