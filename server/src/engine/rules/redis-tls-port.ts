//! Redis clients (Predis, phpredis, Laravel): TLS to 6379, the usual plaintext port, or plaintext to 6380, by
//! convention the TLS port of managed Redis services. Only a known service makes this more than a convention. And a
//! node's own tcp:// that overrides the TLS its configuration asks for (Redis Object Cache's cluster).
import { pairFinding } from '../clients/checks';
import type { ClientConfig } from '../clients/model';
import { ALL_ORIGINS, defineRule, type MessageData } from './rule';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|redis)$/i;
/** Managed services that serve TLS on 6379 (ElastiCache in-transit encryption, Upstash, Redis Cloud). */
const TLS_ON_6379 = /\.(cache\.amazonaws\.com(\.cn)?|upstash\.io|redis-cloud\.com|redislabs\.com)$/i;
/** Azure Cache for Redis: TLS on 6380 only; 6379 is the non-TLS port (disabled by default). */
const AZURE = /\.redis\.cache\.(windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)$/i;

export const redisTlsPort = defineRule({
	meta: {
		id: 'redis-tls-port',
		defaultSeverity: 'warning',
		summary:
			"Redis client TLS to 6379 or plaintext to 6380 (a warning for services known to use them otherwise, else information); a cluster node's tcp:// over WP_REDIS_SCHEME 'tls'.",
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			schemeOverridden:
				"Redis Object Cache uses this node's tcp:// over {{setting}} '{{wanted}}': it connects to this node in plaintext. Write tls://, or drop the scheme.",
			tlsTo6379Azure:
				"{{client}} starts TLS on 6379, Azure Cache for Redis's non-TLS port: the handshake fails. Use 6380 for TLS, or {{plain}} on 6379.",
			tlsTo6379:
				"{{client}} starts TLS on 6379, by convention Redis's plaintext port: without TLS there the handshake fails. Check your server's TLS port.",
			plainTo6380Azure:
				"{{client}} connects in plaintext to 6380, Azure Cache for Redis's TLS port: the first command times out. Use {{tls}} on 6380.",
			plainTo6380:
				'{{client}} connects in plaintext to 6380, by convention a TLS port of managed Redis services. If yours requires TLS there, use {{tls}}.',
		},
	},
	checkClient(c) {
		if (c.library !== 'redis') return [];
		// A cluster node's own scheme: Redis Object Cache build_cluster_connection_array() (quoted in the test).
		if (c.overrides && c.modeAt && c.mode !== c.overrides.mode) {
			const at = c.modeAt;
			return [
				{
					start: at.start,
					end: at.end,
					messageId: 'schemeOverridden',
					data: { setting: c.overrides.at.name, wanted: c.overrides.at.text },
					detail: `${c.label} writes each cluster node with its own scheme when it has one, and with ${c.overrides.at.name} only when it has none: this node is "${at.text}://${c.host}${c.port === undefined ? '' : `:${c.port}`}", so phpredis or Predis connects to it in plaintext although ${c.overrides.at.name} is '${c.overrides.at.text}'. A cluster that requires TLS then never answers (the connection times out). Write tls:// before the node, or drop its scheme so that ${c.overrides.at.name} applies.`,
					fixes: [
						{
							title: 'Write tls:// (the scheme asked for)',
							edits: [{ start: at.start, end: at.end, text: 'tls' }],
							preferred: true,
						},
						{
							title: `Drop the node's scheme (${c.overrides.at.name} applies)`,
							edits: [{ start: at.start, end: at.end + 3, text: '' }],
						},
					],
					related: [
						{
							start: c.overrides.at.start,
							end: c.overrides.at.end,
							message: `${c.overrides.at.name} asks for TLS here.`,
						},
					],
				},
			];
		}
		// Only ports written in the configuration: a default port says nothing about what the user meant.
		if (c.port === undefined || !c.portAt) return [];
		const plainText = c.modeText.plain === '' ? 'no prefix' : `${c.modeText.plain}://`;
		const tlsText = c.modeText.implicit?.endsWith('://') ? c.modeText.implicit : `${c.modeText.implicit}://`;
		const azure = c.host !== undefined && AZURE.test(c.host);
		if (c.mode === 'implicit' && c.port === 6379 && !(c.host && TLS_ON_6379.test(c.host)))
			return [
				finding(
					c,
					azure
						? { messageId: 'tlsTo6379Azure', data: { client: c.label, plain: plainText } }
						: { messageId: 'tlsTo6379', data: { client: c.label } },
					azure,
					{ mode: 'plain', title: `Use plaintext (${plainText}) on 6379` },
					{ port: 6380, title: 'Use port 6380 (TLS by convention)' },
				),
			];
		if (c.mode === 'plain' && c.port === 6380 && c.host && !LOOPBACK.test(c.host))
			return [
				finding(
					c,
					{ messageId: azure ? 'plainTo6380Azure' : 'plainTo6380', data: { client: c.label, tls: tlsText } },
					azure,
					{ mode: 'implicit', title: `Use TLS (${tlsText}) on 6380` },
					{ port: 6379, title: 'Use port 6379 (plaintext)' },
				),
			];
		return [];
	},
});

function finding(
	c: ClientConfig,
	said: { messageId: RedisMessage; data: MessageData },
	known: boolean,
	toMode: Parameters<typeof pairFinding>[2],
	toPort: Parameters<typeof pairFinding>[3],
) {
	return pairFinding(c, said, toMode, toPort, known ? undefined : 'info');
}

type RedisMessage = 'tlsTo6379Azure' | 'tlsTo6379' | 'plainTo6380Azure' | 'plainTo6380';
