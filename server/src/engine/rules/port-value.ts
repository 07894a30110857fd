//! The port is read with atoi() and handed to connect()/bind() as an unsigned short (parse_ip_address_ex(),
//! php_network_connect_socket_to_host()): text becomes 0 and values wrap modulo 65536, silently.
import { editSpan } from '../target';
import { ALL_ORIGINS, defineRule, isFsockopen, isServer, type MessageData } from './rule';

export const portValue = defineRule({
	meta: {
		id: 'port-value',
		defaultSeverity: 'error',
		summary: 'A port PHP silently turns into another one: text becomes 0, values wrap modulo 65536, port 0 is refused.',
		origins: ALL_ORIGINS,
		fixes: 'none',
		messages: {
			notDigits:
				'PHP reads the port "{{port}}" with atoi() and gets 0, so it connects to port 0 and is refused. Write the port as digits.',
			outOfRange:
				'Port {{written}} is outside 0–65535: PHP silently uses port {{port}} (the value modulo 65536). Use a port between 1 and 65535.',
			zero: 'Port 0: {{who}} connects to port 0, which is always refused (only stream_socket_server() gives 0 a meaning: any free port).',
		},
	},
	checkUrl(t) {
		const { url, knownPort } = t;
		if (t.partial || url.port === undefined || !knownPort || url.error) return [];
		const digits = url.portDigits!;
		const portText = url.raw.slice(url.portSpan!.start, url.portSpan!.end);
		const port = url.port;
		const range = knownPort.fromArgument
			? { start: knownPort.start, end: knownPort.end }
			: editSpan(
					t,
					{ start: url.portSpan!.start, end: Math.max(digits.end, Math.min(url.portSpan!.end, t.literalLength)) },
					'',
				);
		const finding = (messageId: 'notDigits' | 'outOfRange' | 'zero', data: MessageData) => [
			{ ...range, messageId, data, fixes: [] },
		];
		const shownText = knownPort.fromArgument ? String(t.candidate.call?.port?.int) : portText;
		if (digits.end === digits.start) {
			if (url.portSpan!.start === url.portSpan!.end) return [];
			return finding('notDigits', { port: shownText.slice(0, 20) });
		}
		if (url.portInt !== port) {
			return finding('outOfRange', { written: url.portInt!, port });
		}
		if (port === 0 && !isServer(t) && t.candidate.origin === 'call') {
			return finding('zero', { who: isFsockopen(t) ? 'fsockopen()' : 'PHP' });
		}
		return [];
	},
});
