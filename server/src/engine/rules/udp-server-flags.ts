//! stream_socket_server() defaults to STREAM_SERVER_BIND | STREAM_SERVER_LISTEN (ext/standard/streamsfuncs.c);
//! listen() fails on datagram sockets, so udp:// and udg:// servers need STREAM_SERVER_BIND alone.
import { wholeRange } from '../target';
import { CALLS_ONLY, isServer, defineRule } from './rule';

export const udpServerFlags = defineRule({
	meta: {
		id: 'udp-server-flags',
		defaultSeverity: 'error',
		summary: 'A udp:// or udg:// stream_socket_server() without STREAM_SERVER_BIND alone as its flags.',
		origins: CALLS_ONLY,
		fixes: 'none',
		messages: {
			listen:
				'{{scheme}}:// is a datagram socket: listen() fails ("Unable to connect … (Unknown error)"). Pass STREAM_SERVER_BIND alone as the flags.',
		},
	},
	checkUrl(t) {
		if (!isServer(t) || !t.url.info?.datagram) return [];
		const flags = t.candidate.call?.flags;
		if (flags && (!flags.known || !flags.constants?.includes('STREAM_SERVER_LISTEN'))) return [];
		const said = { messageId: 'listen', data: { scheme: t.url.scheme! } } as const;
		const detail = `${t.url.scheme}:// is a datagram socket: with ${flags ? 'STREAM_SERVER_LISTEN' : 'the default flags (STREAM_SERVER_BIND | STREAM_SERVER_LISTEN)'} listen() fails and PHP reports "Unable to connect to ${t.url.raw.slice(0, 60)} (Unknown error)". Pass STREAM_SERVER_BIND as the flags.`;
		if (flags) {
			return [
				{
					start: flags.start,
					end: flags.end,
					...said,
					detail,
					fixes: [
						{
							title: 'Use STREAM_SERVER_BIND',
							edits: [{ start: flags.start, end: flags.end, text: 'STREAM_SERVER_BIND' }],
							preferred: true,
						},
					],
				},
			];
		}
		return [{ ...wholeRange(t), ...said, detail, fixes: [] }];
	},
});
