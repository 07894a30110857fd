//! parse_unix_address() has no port, query or fragment: ":6379", "?x=1" or trailing spaces after a socket path are
//! part of the file name, so the connection fails with "No such file or directory".
import { editSpan } from '../target';
import { ALL_ORIGINS, defineRule } from './rule';

export const unixPathSuffix = defineRule({
	meta: {
		id: 'unix-path-suffix',
		defaultSeverity: 'error',
		summary: 'A port, query or trailing space after a unix socket path, which PHP takes as part of the path.',
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			suffix:
				'A unix socket has no port or query: PHP takes the {{what}} as part of the file name and fails with "No such file or directory". Remove it.',
		},
	},
	checkUrl(t) {
		const { url } = t;
		if (url.info?.family !== 'unix' || url.path === undefined || t.partial) return [];
		const path = url.path.slice(0, t.literalLength - url.nameStart);
		const inCall = t.candidate.origin === 'call';
		const m = (inCall ? /(:\d+|[?#].*|\s+)$/ : /(:\d+)$/).exec(path);
		if (!m || m.index === 0) return [];
		const span = { start: url.nameStart + m.index, end: url.nameStart + path.length };
		const what = m[1]!.startsWith(':')
			? `port "${m[1]}"`
			: /^\s/.test(m[1]!)
				? 'trailing whitespace'
				: `"${m[1]!.slice(0, 30)}"`;
		return [
			{
				...editSpan(t, span, ''),
				messageId: 'suffix',
				data: { what },
				fixes: [{ title: `Remove the ${what}`, edits: [editSpan(t, span, '')], preferred: true }],
			},
		];
	},
});
