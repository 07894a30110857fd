import { test } from 'node:test';
import { checkFix } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'malformed-scheme';

ruleTester(R, 'schemes PHP does not recognise', {
	invalid: [
		{ code: 'stream_socket_client("«a://»127.0.0.1:80");', errors: ['oneCharacter'] },
		{
			code: 'stream_socket_client("tcp«:»127.0.0.1:80");',
			errors: ['separator'],
			output: 'stream_socket_client("tcp://127.0.0.1:80");',
		},
		{
			code: 'stream_socket_client("tcp«:/»127.0.0.1:80");',
			errors: ['separator'],
			output: 'stream_socket_client("tcp://127.0.0.1:80");',
		},
		{
			code: 'stream_socket_client("tcp«//»127.0.0.1:80");',
			errors: ['separator'],
			output: 'stream_socket_client("tcp://127.0.0.1:80");',
		},
		{
			code: 'stream_socket_client("«  »tcp://127.0.0.1:80");',
			errors: ['leadingSpace'],
			output: 'stream_socket_client("tcp://127.0.0.1:80");',
		},
		{
			code: 'stream_socket_client("tcp://«tcp://»127.0.0.1:80");',
			errors: ['twice'],
			output: 'stream_socket_client("tcp://127.0.0.1:80");',
		},
		{ code: 'stream_socket_client("«a_b»://127.0.0.1:80");', errors: ['character'] },
		{
			code: 'stream_socket_client("unix«:/»tmp/x.sock");',
			errors: ['separator'],
			output: 'stream_socket_client("unix://tmp/x.sock");',
		},
	],
});

ruleTester(R, 'quiet on well-formed targets', {
	valid: [
		'stream_socket_client("tcp://127.0.0.1:80"); stream_socket_client("127.0.0.1:80"); fsockopen("localhost", 80);',
		'stream_socket_client("tcp1.example.com:80");',
	],
});

test('fixes', () => {
	checkFix(R, 'stream_socket_client("  tcp://127.0.0.1:80");', 'stream_socket_client("tcp://127.0.0.1:80");');
	checkFix(R, 'stream_socket_client("tcp:127.0.0.1:80");', 'stream_socket_client("tcp://127.0.0.1:80");');
	checkFix(R, 'stream_socket_client("tcp://tcp://127.0.0.1:80");', 'stream_socket_client("tcp://127.0.0.1:80");');
});
