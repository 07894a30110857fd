import { test } from 'node:test';
import { check, checkFix, quiet } from '../../../helpers/marked';

const R = 'udp-server-flags';

test('datagram servers with LISTEN', () => {
	check(R, 'stream_socket_server("«udp://0.0.0.0:53»");');
	check(R, 'stream_socket_server("udp://0.0.0.0:53", $e, $s, «STREAM_SERVER_BIND | STREAM_SERVER_LISTEN»);');
	check(R, 'stream_socket_server("«udg:///run/d.sock»");');
});

test('quiet with BIND alone, unknown flags, and stream servers', () => {
	quiet(R, 'stream_socket_server("udp://0.0.0.0:53", $e, $s, STREAM_SERVER_BIND);');
	quiet(R, 'stream_socket_server("udp://0.0.0.0:53", $e, $s, $flags);');
	quiet(R, 'stream_socket_server("tcp://0.0.0.0:53");');
	quiet(R, 'stream_socket_client("udp://127.0.0.1:53");');
});

test('fix sets STREAM_SERVER_BIND', () => {
	checkFix(
		R,
		'stream_socket_server("udp://0.0.0.0:53", $e, $s, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN);',
		'stream_socket_server("udp://0.0.0.0:53", $e, $s, STREAM_SERVER_BIND);',
	);
});
