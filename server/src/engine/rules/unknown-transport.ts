//! PHP looks the scheme up, case-sensitively, in the transports it registered (main/streams/transports.c
//! _php_stream_xport_create()); anything else fails with "Unable to find the socket transport".
import { editSpan, type Target } from '../target';
import { REMOVED_TRANSPORTS, unknownTransportMessage } from '../transports';
import { closestTransports } from '../scan/schemes';
import type { Fix } from '../types';
import { ALL_ORIGINS, brief, defineRule, formatMessage, type RuleFinding } from './rule';

const URL_WRAPPERS: Record<string, { transport: string; port: number }> = {
	http: { transport: 'tcp', port: 80 },
	https: { transport: 'ssl', port: 443 },
	ws: { transport: 'tcp', port: 80 },
	wss: { transport: 'ssl', port: 443 },
};

/** Why PHP cannot find the transport, by message: the second half of the message, and of its detail. */
const WHY = {
	removed: 'it is {{what}}; use tls:// (TLS 1.2+ is negotiated).',
	urlWrapper: '{{wrapper}}:// is a URL wrapper for fopen(), not a socket transport; use {{transport}}://host:{{port}}.',
	wrongCase: 'transport names are case-sensitive; write "{{lower}}".',
	didYouMean: 'did you mean {{choices}}?',
	unknown: 'PHP 8 registers tcp, udp, unix, udg, ssl, tls and tlsv1.0 to tlsv1.3.',
} as const;
type Why = keyof typeof WHY;

export const unknownTransport = defineRule({
	meta: {
		id: 'unknown-transport',
		defaultSeverity: 'error',
		summary: 'The scheme is not a socket transport PHP 8 registers (wrong case, a typo, sslv2/sslv3, a URL scheme).',
		origins: ALL_ORIGINS,
		fixes: 'sometimes',
		messages: Object.fromEntries(
			Object.entries(WHY).map(([id, why]) => [id, `Unable to find the socket transport "{{scheme}}": ${why}`]),
		) as Record<Why, string>,
		syntax: true,
	},
	checkUrl(t, ctx) {
		const { scheme, schemeSpan, info } = t.url;
		if (scheme === undefined || schemeSpan === undefined || info) return [];
		// An older PHP may still register what PHP 8 dropped (sslv3:// with an OpenSSL built with SSLv3).
		if (ctx.project?.php?.transports?.includes(scheme)) return [];
		const lower = scheme.toLowerCase();
		const range = editSpan(t, schemeSpan, '');
		const shown = brief(scheme, 20);
		let said: Said;
		let fixes: Fix[];
		const wrapper = URL_WRAPPERS[lower];
		if (REMOVED_TRANSPORTS.has(lower)) {
			said = { messageId: 'removed', data: { scheme: shown, what: REMOVED_TRANSPORTS.get(lower)! } };
			fixes = [replaceScheme(t, 'tls', true)];
		} else if (wrapper && t.candidate.origin === 'call') {
			said = {
				messageId: 'urlWrapper',
				data: { scheme: shown, wrapper: lower, transport: wrapper.transport, port: wrapper.port },
			};
			fixes = [wrapperFix(t, wrapper.transport, wrapper.port)];
			if (wrapper.transport === 'ssl') fixes.push(wrapperFix(t, 'tls', wrapper.port, false));
		} else {
			const close = closestTransports(scheme);
			const choices = close.map((c) => `"${c}"`).join(' or ');
			said =
				close[0] === lower
					? { messageId: 'wrongCase', data: { scheme: shown, lower } }
					: close.length
						? { messageId: 'didYouMean', data: { scheme: shown, choices } }
						: { messageId: 'unknown', data: { scheme: shown } };
			fixes = close.slice(0, 3).map((c, i) => replaceScheme(t, c, i === 0 && close.length === 1));
		}
		// The detail: PHP's own message, then the same reason as the message's.
		const why = formatMessage(WHY[said.messageId], { ...said.data, scheme: undefined });
		const finding: RuleFinding<Why> = {
			...range,
			...said,
			detail: `${unknownTransportMessage(scheme)} ${why[0]!.toUpperCase()}${why.slice(1)}`,
			fixes,
		};
		return [finding];
	},
});

type Said = Pick<RuleFinding<Why>, 'messageId' | 'data'>;

function replaceScheme(t: Target, scheme: string, preferred: boolean): Fix {
	return { title: `Replace with ${scheme}://`, edits: [editSpan(t, t.url.schemeSpan!, scheme)], preferred };
}

function wrapperFix(t: Target, transport: string, port: number, preferred = true): Fix {
	const edits = [editSpan(t, t.url.schemeSpan!, transport)];
	const hostEnd = /[/?#]/.exec(t.url.name);
	const hostPart = hostEnd ? t.url.name.slice(0, hostEnd.index) : t.url.name;
	const cut = t.url.nameStart + hostPart.length;
	const withPort = /:\d+$/.test(hostPart) || /^\[.*\]:\d+$/.test(hostPart);
	if (!t.partial && cut <= t.literalLength) {
		edits.push(editSpan(t, { start: cut, end: t.literalLength }, withPort ? '' : `:${port}`));
	}
	return { title: `Use ${transport}://${withPort ? hostPart : `${hostPart}:${port}`}`, edits, preferred };
}
