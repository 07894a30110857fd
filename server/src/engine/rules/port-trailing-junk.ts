//! atoi() stops at the first non-digit, so PHP ignores whatever follows the port ("/path", "?x=1", a second
//! ":port"): the string works but does not mean what it says. php-src briefly rejected this in 7.0.18/7.1.4.
import { editSpan } from '../target';
import { CALLS_ONLY, defineRule } from './rule';

export const portTrailingJunk = defineRule({
	meta: {
		id: 'port-trailing-junk',
		defaultSeverity: 'info',
		summary: 'Text after the port ("/path", "?query", a second ":port") that PHP ignores.',
		origins: CALLS_ONLY,
		fixes: 'always',
		messages: {
			ignored:
				'PHP ignores {{what}} after port {{port}}: atoi() stops at the first non-digit. A socket address has no path, query or second port; remove it.',
		},
	},
	checkUrl(t) {
		const { url } = t;
		if (t.partial || url.error || url.port === undefined) return [];
		const digits = url.portDigits!;
		if (digits.end === digits.start || digits.end >= t.literalLength) return [];
		const junk = url.raw.slice(digits.end, t.literalLength);
		if (/^\s*$/.test(junk) && !/[\n\r]/.test(junk)) return [];
		const what = /^:\d/.test(junk)
			? `a second port (${junk})`
			: JSON.stringify(junk.length > 30 ? junk.slice(0, 27) + '...' : junk);
		const span = { start: digits.end, end: t.literalLength };
		return [
			{
				...editSpan(t, span, ''),
				messageId: 'ignored',
				data: { what, port: url.port! },
				fixes: [{ title: `Remove ${what}`, edits: [editSpan(t, span, '')], preferred: true }],
			},
		];
	},
});
