import { test } from 'node:test';
import { check, checkFix, quiet } from '../../../helpers/marked';

const R = 'malformed-scheme';

test('schemes PHP does not recognise', () => {
	check(R, 'stream_socket_client("«a://»127.0.0.1:80");');
	check(R, 'stream_socket_client("tcp«:»127.0.0.1:80");');
	check(R, 'stream_socket_client("tcp«:/»127.0.0.1:80");');
	check(R, 'stream_socket_client("tcp«//»127.0.0.1:80");');
	check(R, 'stream_socket_client("«  »tcp://127.0.0.1:80");');
	check(R, 'stream_socket_client("tcp://«tcp://»127.0.0.1:80");');
	check(R, 'stream_socket_client("«a_b»://127.0.0.1:80");');
	check(R, 'stream_socket_client("unix«:/»tmp/x.sock");');
});

test('quiet on well-formed targets', () => {
	quiet(
		R,
		'stream_socket_client("tcp://127.0.0.1:80"); stream_socket_client("127.0.0.1:80"); fsockopen("localhost", 80);',
	);
	quiet(R, 'stream_socket_client("tcp1.example.com:80");');
});

test('fixes', () => {
	checkFix(R, 'stream_socket_client("  tcp://127.0.0.1:80");', 'stream_socket_client("tcp://127.0.0.1:80");');
	checkFix(R, 'stream_socket_client("tcp:127.0.0.1:80");', 'stream_socket_client("tcp://127.0.0.1:80");');
	checkFix(R, 'stream_socket_client("tcp://tcp://127.0.0.1:80");', 'stream_socket_client("tcp://127.0.0.1:80");');
});
