//! stream_socket_server() hands the host to getaddrinfo() (php_network_bind_socket_to_local_addr()): "*" and ""
//! are not wildcards there, so "tcp://*:8000" fails; 0.0.0.0 (IPv4) and [::] (IPv6) are.
import { editSpan } from '../target';
import { CALLS_ONLY, isServer, defineRule } from './rule';

export const serverWildcardHost = defineRule({
	meta: {
		id: 'server-wildcard-host',
		defaultSeverity: 'error',
		summary: 'stream_socket_server() with "*" or an empty host, which are not wildcards to PHP: use 0.0.0.0 or [::].',
		origins: CALLS_ONLY,
		fixes: 'always',
		messages: {
			notWildcard:
				'{{host}} is not a wildcard address to PHP: the lookup fails and the server does not start. Bind 0.0.0.0 (IPv4) or [::] (IPv6).',
		},
	},
	checkUrl(t) {
		const { url } = t;
		if (!isServer(t) || t.partial || url.info?.family !== 'inet' || url.error || !url.hostSpan) return [];
		if (url.host !== '*' && url.host !== '') return [];
		const span = url.bracketed ? { start: url.hostSpan.start - 1, end: url.hostSpan.end + 1 } : url.hostSpan;
		const shown = url.host === '' ? 'an empty host' : '"*"';
		return [
			{
				...(span.start === span.end
					? editSpan(t, { start: span.start, end: span.end + 1 }, '')
					: editSpan(t, span, '')),
				messageId: 'notWildcard',
				data: { host: shown },
				detail: `${shown} is not a wildcard address to PHP: getaddrinfo() fails ("Name or service not known") and the server does not start. Bind 0.0.0.0 for every IPv4 address or [::] for IPv6.`,
				fixes: [
					{ title: 'Bind 0.0.0.0 (all IPv4 addresses)', edits: [editSpan(t, span, '0.0.0.0')], preferred: true },
					{ title: 'Bind [::] (all IPv6 addresses)', edits: [editSpan(t, span, '[::]')] },
				],
			},
		];
	},
});
