//! parse_unix_address() truncates a path of 108 bytes or more to 107 with an E_NOTICE ("socket path exceeded the
//! maximum allowed length of 108 bytes and was truncated"), then connects to the truncated path.
import { editSpan } from '../target';
import { UNIX_PATH_MAX, utf8Length } from '../parse';
import { ALL_ORIGINS, defineRule } from './rule';

export const unixPathTooLong = defineRule({
	meta: {
		id: 'unix-path-too-long',
		defaultSeverity: 'error',
		summary: 'A unix socket path over 107 bytes, which PHP truncates.',
		origins: ALL_ORIGINS,
		fixes: 'none',
		messages: {
			tooLong:
				'The socket path is {{bytes}} bytes: PHP truncates it to {{max}} and uses another path. Use a shorter one (a symlinked directory helps).',
		},
	},
	checkUrl(t) {
		const { url } = t;
		if (url.info?.family !== 'unix' || url.path === undefined || t.partial) return [];
		const bytes = utf8Length(url.path);
		if (bytes <= UNIX_PATH_MAX) return [];
		return [
			{
				...editSpan(t, { start: url.nameStart, end: t.literalLength }, ''),
				messageId: 'tooLong',
				data: { bytes, max: UNIX_PATH_MAX },
				detail: `The socket path is ${bytes} bytes: PHP truncates it to ${UNIX_PATH_MAX} ("socket path exceeded the maximum allowed length of 108 bytes and was truncated") and connects to a different path. Use a shorter path (a symlinked directory helps).`,
				fixes: [],
			},
		];
	},
});
