//! parse_unix_address() copies the text after "unix://" into sun_path verbatim, so "unix://tmp/x.sock" is the
//! relative path "tmp/x.sock" (from the working directory): three slashes make an absolute path.
import { editSpan } from '../target';
import { ALL_ORIGINS, brief, defineRule } from './rule';

export const unixRelativePath = defineRule({
	meta: {
		id: 'unix-relative-path',
		defaultSeverity: 'warning',
		summary: 'unix:// or udg:// with two slashes: the path is relative to the working directory.',
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			relative:
				"{{scheme}}://{{path}} is relative to PHP's working directory; write {{scheme}}:///{{path}} for an absolute path.",
		},
	},
	checkUrl(t) {
		const { url } = t;
		const path = url.path;
		if (
			url.info?.family !== 'unix' ||
			path === undefined ||
			path === '' ||
			path.startsWith('/') ||
			path.startsWith('\0')
		)
			return [];
		if (t.partial && path === '') return [];
		const at = { start: url.nameStart, end: url.nameStart };
		return [
			{
				...editSpan(t, { start: url.nameStart, end: Math.min(t.literalLength, url.nameStart + path.length) }, ''),
				messageId: 'relative',
				data: { scheme: url.scheme!, path: brief(path, 34) },
				detail: `"${url.scheme}://${path}" is the relative path "${path}", resolved from the PHP process's working directory ("No such file or directory" elsewhere). Write ${url.scheme}:///${path} for an absolute path.`,
				fixes: [
					{
						title: `Make it absolute: ${url.scheme}:///${path.slice(0, 40)}`,
						edits: [editSpan(t, at, '/')],
						preferred: true,
					},
				],
			},
		];
	},
});
