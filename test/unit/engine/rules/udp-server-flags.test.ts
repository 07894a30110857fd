import { test } from 'node:test';
import { checkFix } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'udp-server-flags';

ruleTester(R, 'datagram servers with LISTEN', {
	invalid: [
		{ code: 'stream_socket_server("«udp://0.0.0.0:53»");', errors: ['listen'] },
		{
			code: 'stream_socket_server("udp://0.0.0.0:53", $e, $s, «STREAM_SERVER_BIND | STREAM_SERVER_LISTEN»);',
			errors: ['listen'],
			output: 'stream_socket_server("udp://0.0.0.0:53", $e, $s, STREAM_SERVER_BIND);',
		},
		{ code: 'stream_socket_server("«udg:///run/d.sock»");', errors: ['listen'] },
	],
});

ruleTester(R, 'quiet with BIND alone, unknown flags, and stream servers', {
	valid: [
		'stream_socket_server("udp://0.0.0.0:53", $e, $s, STREAM_SERVER_BIND);',
		'stream_socket_server("udp://0.0.0.0:53", $e, $s, $flags);',
		'stream_socket_server("tcp://0.0.0.0:53");',
		'stream_socket_client("udp://127.0.0.1:53");',
	],
});

test('fix sets STREAM_SERVER_BIND', () => {
	checkFix(
		R,
		'stream_socket_server("udp://0.0.0.0:53", $e, $s, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN);',
		'stream_socket_server("udp://0.0.0.0:53", $e, $s, STREAM_SERVER_BIND);',
	);
});
