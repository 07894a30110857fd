import { test } from 'node:test';
import { checkFix } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'port-trailing-junk';

ruleTester(R, 'text after the port that PHP ignores', {
	invalid: [
		{
			code: 'stream_socket_client("tcp://127.0.0.1:80«/path»");',
			errors: ['ignored'],
			output: 'stream_socket_client("tcp://127.0.0.1:80");',
		},
		{
			code: 'stream_socket_client("tls://127.0.0.1:443«?q=1»");',
			errors: ['ignored'],
			output: 'stream_socket_client("tls://127.0.0.1:443");',
		},
		{
			code: 'stream_socket_client("ssl://host:5671«:5671»");',
			errors: ['ignored'],
			output: 'stream_socket_client("ssl://host:5671");',
		},
		{
			code: 'stream_socket_client("tcp://[::1]:80«abc»");',
			errors: ['ignored'],
			output: 'stream_socket_client("tcp://[::1]:80");',
		},
		{
			code: 'stream_socket_client("tcp://127.0.0.1:80«\\n»");',
			errors: ['ignored'],
			output: 'stream_socket_client("tcp://127.0.0.1:80");',
		},
	],
});

ruleTester(R, 'quiet on clean ports and outside calls (query strings mean something to Predis)', {
	valid: [
		'stream_socket_client("tcp://127.0.0.1:80");',
		{ code: 'REDIS=tcp://127.0.0.1:6379?database=1', kind: 'env' },
		'fsockopen("127.0.0.1:18080", 18099);',
	],
});

test('the fix removes the junk', () => {
	checkFix(R, 'stream_socket_client("tcp://127.0.0.1:80/path");', 'stream_socket_client("tcp://127.0.0.1:80");');
});
