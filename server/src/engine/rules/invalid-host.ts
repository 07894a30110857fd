//! The host goes to getaddrinfo() unchecked (php_network_getaddresses() in main/network.c): whitespace, user info,
//! a path, an empty name or a malformed IPv4 can never resolve to what was meant.
import { editSpan } from '../target';
import { classifyHost } from '../hosts';
import type { Fix } from '../types';
import { ALL_ORIGINS, brief, defineRule, isServer } from './rule';

export const invalidHost = defineRule({
	meta: {
		id: 'invalid-host',
		defaultSeverity: 'error',
		summary:
			'A host getaddrinfo() cannot resolve as meant: whitespace, user:pass@, a path, empty, bad IPv4/IPv6 or name.',
		origins: ALL_ORIGINS,
		fixes: 'sometimes',
		syntax: true,
		messages: {
			nulByte: 'The address contains a NUL byte: PHP 8.2.29+ fails with "{{error}}".',
			userInfo:
				'PHP does not understand user info in a socket address: it looks up host "{{host}}". Send credentials in the protocol instead.',
			invalid: 'Invalid host: {{why}}; the lookup fails.',
		},
	},
	checkUrl(t) {
		const { url } = t;
		if (url.info?.family !== 'inet' || t.partial) return [];
		const inCall = t.candidate.origin === 'call';
		if (url.error?.kind === 'null-byte') {
			return [
				{
					...editSpan(t, { start: url.nameStart, end: t.literalLength }, ''),
					messageId: 'nulByte',
					data: { error: url.error.message },
					fixes: [],
				},
			];
		}
		if (url.error || url.host === undefined || !url.hostSpan) return [];
		const host = url.host;
		const span = url.hostSpan;
		const range = editSpan(t, span, '');
		if (isServer(t) && (host === '*' || host === '')) return [];
		const name = url.raw.slice(url.nameStart, t.literalLength);
		const at = name.indexOf('@');
		if (inCall && at > 0 && !url.bracketed && /^[^\s/[\]]+@[^@\s]+:\d+/.test(name)) {
			const userinfo = { start: url.nameStart, end: url.nameStart + at + 1 };
			return [
				{
					...editSpan(t, userinfo, ''),
					messageId: 'userInfo',
					data: { host: brief(host) },
					detail: `PHP does not understand user info in a socket address: it splits at the first colon and looks up host "${host}". Send credentials in the protocol instead.`,
					fixes: [{ title: 'Remove the user info', edits: [editSpan(t, userinfo, '')], preferred: true }],
				},
			];
		}
		const verdict = classifyHost(host, url.bracketed);
		if (!verdict.invalid) return [];
		if (!inCall && (verdict.invalid.includes('user info') || verdict.invalid.includes('path'))) return [];
		const fixes: Fix[] = [];
		const trimmed = host.replace(/\s+/g, '');
		if (/\s/.test(host) && trimmed && !classifyHost(trimmed, url.bracketed).invalid) {
			fixes.push({
				title: `Remove the whitespace: "${trimmed}"`,
				edits: [editSpan(t, span, trimmed)],
				preferred: true,
			});
		}
		const outcome = host === '' ? 'getaddrinfo for  failed' : `getaddrinfo for ${host} failed`;
		return [
			{
				...(host === ''
					? editSpan(t, { start: url.nameStart, end: Math.min(t.literalLength, url.portSpan!.start) }, '')
					: range),
				messageId: 'invalid',
				data: { why: brief(verdict.invalid, 110) },
				detail: `Invalid host: ${verdict.invalid}. PHP passes it to getaddrinfo() as it is and fails with "php_network_getaddresses: ${outcome}: Name or service not known".`,
				fixes,
			},
		];
	},
});
