//! Redis clients (Predis, phpredis, Laravel): TLS to 6379, the usual plaintext port, or plaintext to 6380, by
//! convention the TLS port of managed Redis services.
import { pairFinding } from '../clients/checks';
import type { Rule } from './rule';
import { ALL_ORIGINS } from './rule';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|redis)$/i;
/** Managed services that serve TLS on 6379 (ElastiCache in-transit encryption, Upstash, Redis Cloud). */
const TLS_ON_6379 = /\.(cache\.amazonaws\.com(\.cn)?|upstash\.io|redis-cloud\.com|redislabs\.com)$/i;

export const redisTlsPort: Rule = {
	meta: {
		id: 'redis-tls-port',
		defaultSeverity: 'warning',
		summary: 'Redis client TLS to 6379 (the plaintext port), or plaintext to 6380 (by convention TLS-only).',
		origins: ALL_ORIGINS,
	},
	checkClient(c) {
		// Only ports written in the configuration: a default port says nothing about what the user meant.
		if (c.library !== 'redis' || c.port === undefined || !c.portAt) return [];
		const plainText = c.modeText.plain === '' ? 'no prefix' : `${c.modeText.plain}://`;
		const tlsText = c.modeText.implicit?.endsWith('://') ? c.modeText.implicit : `${c.modeText.implicit}://`;
		if (c.mode === 'implicit' && c.port === 6379 && !(c.host && TLS_ON_6379.test(c.host)))
			return [
				pairFinding(
					c,
					`${c.label} starts TLS on port 6379, the usual plaintext Redis port. A Redis server without TLS there answers the ClientHello with a protocol error and closes, so the handshake fails (OpenSSL "wrong version number" or "unexpected eof while reading") and the client reports a connection error. Use ${plainText} on 6379, or the port your server serves TLS on (6380 by convention).`,
					{ mode: 'plain', title: `Use plaintext (${plainText}) on 6379` },
					{ port: 6380, title: 'Use port 6380 (TLS by convention)' },
				),
			];
		if (c.mode === 'plain' && c.port === 6380 && c.host && !LOOPBACK.test(c.host))
			return [
				pairFinding(
					c,
					`${c.label} connects in plaintext to ${c.host}:6380, by convention a TLS-only Redis port (Azure Cache for Redis and other managed services): the server waits for a TLS handshake, so the first command times out or the connection is reset (phpredis "read error on connection", Predis "Error while reading line from the server"). Use ${tlsText} on 6380, or 6379 for plaintext.`,
					{ mode: 'implicit', title: `Use TLS (${tlsText}) on 6380` },
					{ port: 6379, title: 'Use port 6379 (plaintext)' },
				),
			];
		return [];
	},
};
