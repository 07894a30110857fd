import { test } from 'node:test';
import { checkFix } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'unix-relative-path';

ruleTester(R, 'two slashes make a relative path', {
	invalid: [
		{
			code: 'stream_socket_client("unix://«tmp/x.sock»");',
			errors: ['relative'],
			output: 'stream_socket_client("unix:///tmp/x.sock");',
		},
		{
			code: 'stream_socket_server("udg://«run/d.sock»", $e, $s, STREAM_SERVER_BIND);',
			errors: ['relative'],
			output: 'stream_socket_server("udg:///run/d.sock", $e, $s, STREAM_SERVER_BIND);',
		},
		{
			code: 'SOCK=unix://«var/run/redis.sock»',
			kind: 'env',
			errors: ['relative'],
			output: 'SOCK=unix:///var/run/redis.sock',
		},
	],
});

ruleTester(R, 'quiet on absolute and abstract paths', {
	valid: [
		'stream_socket_client("unix:///tmp/x.sock"); stream_socket_client("unix://\\0abstract"); stream_socket_server("unix://");',
	],
});

test('fix adds the third slash', () => {
	checkFix(R, 'stream_socket_client("unix://tmp/x.sock");', 'stream_socket_client("unix:///tmp/x.sock");');
});
