//! fsockopen() appends ":port" to its host argument when port > 0, without looking (ext/standard/fsock.c
//! php_fsockopen_stream()): a port already in the host wins, and a unix:// path gets ":port" glued to it.
import { parseTransportUrl } from '../parse';
import { CALLS_ONLY, isFsockopen, type Rule } from './rule';

export const fsockopenPort: Rule = {
	meta: {
		id: 'fsockopen-port',
		defaultSeverity: 'error',
		summary: 'fsockopen() with a port both in the host and as an argument, or a port argument with a unix:// path.',
		origins: CALLS_ONLY,
		fixes: 'always',
	},
	checkUrl(t) {
		const arg = t.candidate.call?.port;
		if (!isFsockopen(t) || !arg?.known || arg.int === undefined || arg.int <= 0 || t.partial) return [];
		const fn = t.candidate.call!.fn;
		const argRange = { start: arg.start, end: arg.end };
		const dropPort = {
			title: 'Pass -1 as the port (the default)',
			edits: [{ ...argRange, text: '-1' }],
			preferred: true,
		};
		if (t.url.info?.family === 'unix') {
			return [
				{
					...argRange,
					message: `${fn}() appends ":${arg.int}" to the socket path: "No such file or directory". A unix socket has no port: pass -1 or leave it out.`,
					detail: `${fn}() appends ":${arg.int}" to the socket path, so PHP connects to "${t.url.path}" and fails with "No such file or directory". A unix socket has no port: pass -1 or leave the argument out.`,
					fixes: [dropPort],
				},
			];
		}
		const own = parseTransportUrl(t.candidate.value);
		if (own.error || own.port === undefined || own.info?.family !== 'inet') return [];
		const same = own.port === arg.int;
		return [
			{
				...argRange,
				message: same
					? `The host already holds port ${own.port} and ${fn}() appends ":${arg.int}" again; it works only because both are ${own.port}. Keep the port in one place.`
					: `The host already holds port ${own.port}: ${fn}() appends ":${arg.int}", PHP reads the first and connects to ${own.port}. Keep the port in one place.`,
				fixes: [dropPort],
			},
		];
	},
};
