import { test } from 'node:test';
import { checkFix } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'unix-path-suffix';

ruleTester(R, 'port, query or whitespace after a socket path', {
	invalid: [
		{
			code: 'stream_socket_client("unix:///run/x.sock«:6379»");',
			errors: ['suffix'],
			output: 'stream_socket_client("unix:///run/x.sock");',
		},
		{
			code: 'stream_socket_client("unix:///run/x.sock«?x=1»");',
			errors: ['suffix'],
			output: 'stream_socket_client("unix:///run/x.sock");',
		},
		{
			code: 'stream_socket_client("unix:///run/x.sock« »");',
			errors: ['suffix'],
			output: 'stream_socket_client("unix:///run/x.sock");',
		},
		{
			code: 'search: unix:///run/search.sock«:9200»',
			kind: 'yaml',
			errors: ['suffix'],
			output: 'search: unix:///run/search.sock',
		},
	],
});

ruleTester(R, 'quiet on clean paths; queries in config are library options', {
	valid: [
		'stream_socket_client("unix:///run/x.sock");',
		{ code: 'REDIS=unix:///run/redis.sock?database=1', kind: 'env' },
	],
});

test('fix removes the suffix', () => {
	checkFix(R, 'stream_socket_client("unix:///run/x.sock:6379");', 'stream_socket_client("unix:///run/x.sock");');
});
