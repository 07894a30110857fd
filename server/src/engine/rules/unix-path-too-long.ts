//! parse_unix_address() truncates a path of 108 bytes or more to 107 with an E_NOTICE ("socket path exceeded the
//! maximum allowed length of 108 bytes and was truncated"), then connects to the truncated path.
import { editSpan } from '../target';
import { UNIX_PATH_MAX, utf8Length } from '../parse';
import { ALL_ORIGINS, type Rule } from './rule';

export const unixPathTooLong: Rule = {
	meta: {
		id: 'unix-path-too-long',
		defaultSeverity: 'error',
		summary: 'A unix socket path over 107 bytes, which PHP truncates.',
		origins: ALL_ORIGINS,
		fixes: 'none',
	},
	checkUrl(t) {
		const { url } = t;
		if (url.info?.family !== 'unix' || url.path === undefined || t.partial) return [];
		const bytes = utf8Length(url.path);
		if (bytes <= UNIX_PATH_MAX) return [];
		return [
			{
				...editSpan(t, { start: url.nameStart, end: t.literalLength }, ''),
				message: `The socket path is ${bytes} bytes: PHP truncates it to ${UNIX_PATH_MAX} and uses another path. Use a shorter one (a symlinked directory helps).`,
				detail: `The socket path is ${bytes} bytes: PHP truncates it to ${UNIX_PATH_MAX} ("socket path exceeded the maximum allowed length of 108 bytes and was truncated") and connects to a different path. Use a shorter path (a symlinked directory helps).`,
				fixes: [],
			},
		];
	},
};
