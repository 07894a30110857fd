import { test } from 'node:test';
import { check, checkFix, quiet } from '../../../helpers/marked';

const R = 'server-wildcard-host';

test('* and empty hosts in stream_socket_server', () => {
	check(R, 'stream_socket_server("tcp://«*»:8000");');
	check(R, 'stream_socket_server("tcp://«:»8000");');
});

test('quiet on real wildcards and clients', () => {
	quiet(
		R,
		'stream_socket_server("tcp://0.0.0.0:8000"); stream_socket_server("tcp://[::]:8000"); stream_socket_server("tcp://127.0.0.1:0");',
	);
	quiet(R, 'stream_socket_client("tcp://*:8000");');
});

test('fix binds 0.0.0.0', () => {
	checkFix(R, 'stream_socket_server("tcp://*:8000");', 'stream_socket_server("tcp://0.0.0.0:8000");');
	checkFix(R, 'stream_socket_server("tcp://:8000");', 'stream_socket_server("tcp://0.0.0.0:8000");');
});
