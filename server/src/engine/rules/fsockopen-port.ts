//! fsockopen() appends ":port" to its host argument when port > 0, without looking (ext/standard/fsock.c
//! php_fsockopen_stream()): a port already in the host wins, and a unix:// path gets ":port" glued to it.
import { parseTransportUrl } from '../parse';
import { CALLS_ONLY, defineRule, isFsockopen } from './rule';

export const fsockopenPort = defineRule({
	meta: {
		id: 'fsockopen-port',
		defaultSeverity: 'error',
		summary: 'fsockopen() with a port both in the host and as an argument, or a port argument with a unix:// path.',
		origins: CALLS_ONLY,
		fixes: 'always',
		messages: {
			unixPort:
				'{{fn}}() appends ":{{port}}" to the socket path: "No such file or directory". A unix socket has no port: pass -1 or leave it out.',
			samePortTwice:
				'The host already holds port {{port}} and {{fn}}() appends ":{{argument}}" again; it works only because both are {{port}}. Keep the port in one place.',
			otherPortIgnored:
				'The host already holds port {{port}}: {{fn}}() appends ":{{argument}}", PHP reads the first and connects to {{port}}. Keep the port in one place.',
		},
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
					messageId: 'unixPort',
					data: { fn, port: arg.int },
					detail: `${fn}() appends ":${arg.int}" to the socket path, so PHP connects to "${t.url.path}" and fails with "No such file or directory". A unix socket has no port: pass -1 or leave the argument out.`,
					fixes: [dropPort],
				},
			];
		}
		const own = parseTransportUrl(t.candidate.value);
		if (own.error || own.port === undefined || own.info?.family !== 'inet') return [];
		return [
			{
				...argRange,
				messageId: own.port === arg.int ? 'samePortTwice' : 'otherPortIgnored',
				data: { fn, port: own.port, argument: arg.int },
				fixes: [dropPort],
			},
		];
	},
});
