//! A transport PHP 8 knows that the PHP running this code does not register: the binary's
//! stream_get_transports() lacks it (no openssl extension: no ssl:// or tls://), or its version predates it
//! (tlsv1.3:// from 7.4, tlsv1.0:// to tlsv1.2:// from 5.6). PHP then fails as for an unknown transport.
import { editSpan } from '../target';
import { olderThan } from '../php-env';
import { unknownTransportMessage } from '../transports';
import type { Fix } from '../types';
import { ALL_ORIGINS, defineRule } from './rule';

const TLS_FAMILY = new Set(['ssl', 'tls', 'tlsv1.0', 'tlsv1.1', 'tlsv1.2', 'tlsv1.3']);
const SINCE: Record<string, string> = { 'tlsv1.3': '7.4', 'tlsv1.2': '5.6', 'tlsv1.1': '5.6', 'tlsv1.0': '5.6' };

export const transportUnavailable = defineRule({
	meta: {
		id: 'transport-unavailable',
		defaultSeverity: 'error',
		summary:
			'A transport the configured PHP does not register: ssl:// and tls:// without the openssl extension, tlsv1.3:// before PHP 7.4.',
		origins: ALL_ORIGINS,
		fixes: 'sometimes',
		messages: {
			unavailable: 'The PHP in use has no {{scheme}}:// ("Unable to find the socket transport"): {{cause}}.',
		},
		syntax: true,
	},
	checkUrl(t, ctx) {
		const php = ctx.project?.php;
		const { scheme, schemeSpan, info } = t.url;
		if (!php || !scheme || !schemeSpan || !info) return [];
		let cause: string | undefined;
		if (php.transports) {
			if (php.transports.includes(scheme)) return [];
			if (TLS_FAMILY.has(scheme) && !php.transports.includes('ssl'))
				cause = 'the openssl extension is not loaded (enable extension=openssl in its php.ini, or install php-openssl)';
			else if (scheme === 'tlsv1.3') cause = 'it is older than PHP 7.4 or linked against an OpenSSL older than 1.1.1';
			else if (info.family === 'unix') cause = 'this build has no unix sockets (Windows builds register none)';
			else cause = `it registers only ${php.transports.join(', ')}`;
		} else if (SINCE[scheme] && olderThan(php.version, SINCE[scheme]!)) {
			cause = `${scheme}:// exists from PHP ${SINCE[scheme]}`;
		}
		if (!cause) return [];
		const fixes: Fix[] =
			scheme.startsWith('tlsv1.') && (!php.transports || php.transports.includes('tls'))
				? [{ title: 'Use tls:// (the best version this PHP offers)', edits: [editSpan(t, schemeSpan, 'tls')] }]
				: [];
		return [
			{
				...editSpan(t, schemeSpan, ''),
				messageId: 'unavailable',
				data: { scheme, cause: cause.replace(/ \(.*\)$/, '') },
				detail: `${unknownTransportMessage(scheme)} — the PHP in use (${php.source}) does not register ${scheme}://: ${cause}.`,
				fixes,
			},
		];
	},
});
