import { test } from 'node:test';
import { checkFix } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'server-wildcard-host';

ruleTester(R, '* and empty hosts in stream_socket_server', {
	invalid: [
		{
			code: 'stream_socket_server("tcp://«*»:8000");',
			errors: ['notWildcard'],
			output: 'stream_socket_server("tcp://0.0.0.0:8000");',
		},
		{
			code: 'stream_socket_server("tcp://«:»8000");',
			errors: ['notWildcard'],
			output: 'stream_socket_server("tcp://0.0.0.0:8000");',
		},
	],
});

ruleTester(R, 'quiet on real wildcards and clients', {
	valid: [
		'stream_socket_server("tcp://0.0.0.0:8000"); stream_socket_server("tcp://[::]:8000"); stream_socket_server("tcp://127.0.0.1:0");',
		'stream_socket_client("tcp://*:8000");',
	],
});

test('fix binds 0.0.0.0', () => {
	checkFix(R, 'stream_socket_server("tcp://*:8000");', 'stream_socket_server("tcp://0.0.0.0:8000");');
	checkFix(R, 'stream_socket_server("tcp://:8000");', 'stream_socket_server("tcp://0.0.0.0:8000");');
});
