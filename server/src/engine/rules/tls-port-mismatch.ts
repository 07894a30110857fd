//! ssl:// and tls:// start a TLS handshake at once (php_openssl_ssl_socket_factory()); a STARTTLS port answers in
//! plaintext ("wrong version number"), and a plain tcp:// client on an implicit-TLS port talks to a TLS server.
import { editSpan, type Target } from '../target';
import { IMPLICIT_TLS_PORTS, IMPLICIT_TLS_TWIN, PLAIN_TWIN, STARTTLS_PORTS } from '../transports';
import type { Edit, Fix } from '../types';
import { CALLS_ONLY, defineRule } from './rule';

export const tlsPortMismatch = defineRule({
	meta: {
		id: 'tls-port-mismatch',
		defaultSeverity: 'warning',
		summary:
			'Implicit TLS (ssl://, tls://) to a STARTTLS port such as 587, or plain tcp:// to an implicit-TLS port such as 465.',
		origins: CALLS_ONLY,
		fixes: 'sometimes',
		messages: {
			tlsToPlainPort:
				'{{scheme}}:// starts TLS at once but port {{port}} greets in plaintext: "wrong version number". Use tcp:// and STARTTLS.',
			tlsToPlainPortTwin:
				'{{scheme}}:// starts TLS at once but port {{port}} greets in plaintext: "wrong version number". Use port {{twin}}, or tcp:// and STARTTLS.',
			plainToTlsPort:
				'Plain {{what}} to port {{port}}, which expects TLS first: the connection hangs or is closed. Use tls://.',
			plainToTlsPortTwin:
				'Plain {{what}} to port {{port}}, which expects TLS first: the connection hangs or is closed. Use tls://, or port {{twin}} without TLS.',
		},
	},
	checkUrl(t, ctx) {
		const { url, knownPort } = t;
		if (!url.info || url.info.family !== 'inet' || url.info.datagram || !knownPort || knownPort.port === 0) return [];
		if (t.partial && url.scheme === undefined) return [];
		const port = knownPort.port;
		const portRange = { start: knownPort.start, end: knownPort.end };
		const starttls =
			STARTTLS_PORTS.get(port) ??
			(ctx.settings.starttlsPorts.includes(port) ? 'a STARTTLS port (settings)' : undefined);
		const implicit =
			IMPLICIT_TLS_PORTS.get(port) ??
			(ctx.settings.implicitTlsPorts.includes(port) ? 'an implicit-TLS port (settings)' : undefined);
		if (url.info.tls === 'implicit' && starttls) {
			const twin = IMPLICIT_TLS_TWIN.get(port);
			// Which side is wrong is the user's choice, so no fix is preferred (Fix All and fix-on-save leave it). The
			// STARTTLS way is not offered as an edit: tcp:// alone would connect in plaintext and stay so; it needs the
			// stream_socket_enable_crypto() call after the greeting, which the rule page shows.
			const fixes: Fix[] = twin
				? [{ title: `Use port ${twin} (implicit TLS)`, edits: [{ ...portRange, text: String(twin) }] }]
				: [];
			return [
				{
					...portRange,
					messageId: twin ? 'tlsToPlainPortTwin' : 'tlsToPlainPort',
					data: { scheme: url.scheme!, port, twin },
					detail: `${url.scheme}:// starts TLS at once, but port ${port} is ${starttls}: the server greets in plaintext and OpenSSL fails with "wrong version number" (then "Failed to enable crypto"). Use ${twin ? `port ${twin} for implicit TLS, or ` : ''}tcp:// + STARTTLS + stream_socket_enable_crypto().`,
					fixes,
				},
			];
		}
		if (url.info.tls === 'none' && implicit) {
			const twin = PLAIN_TWIN.get(port);
			const what = url.scheme ? `${url.scheme}://` : 'TCP';
			const fixes: Fix[] = [
				{ title: 'Use tls:// (implicit TLS)', edits: [schemeEdit(t, 'tls')] },
				{ title: 'Use ssl:// (the same in PHP 8)', edits: [schemeEdit(t, 'ssl')] },
			];
			if (twin)
				fixes.push({
					title: `Use port ${twin} (plaintext${STARTTLS_PORTS.has(twin) ? ' + STARTTLS' : ''})`,
					edits: [{ ...portRange, text: String(twin) }],
				});
			return [
				{
					...portRange,
					messageId: twin ? 'plainToTlsPortTwin' : 'plainToTlsPort',
					data: { what, port, twin },
					detail: `Plain ${url.scheme ? `${url.scheme}://` : 'TCP (no scheme)'} to port ${port}, which is ${implicit}: the server expects a TLS handshake first, so the connection hangs or is closed. Use tls:// (or ssl://)${twin ? `, or port ${twin} without TLS` : ''}.`,
					fixes,
				},
			];
		}
		return [];
	},
});

/** Replaces the scheme, or inserts one before a scheme-less target. */
function schemeEdit(t: Target, scheme: string): Edit {
	const span = t.url.schemeSpan ?? { start: 0, end: 0 };
	return editSpan(t, span, t.url.schemeSpan ? scheme : `${scheme}://`);
}
