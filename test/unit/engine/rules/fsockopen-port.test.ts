import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFix, findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'fsockopen-port';

ruleTester(R, 'a port in the host and as an argument', {
	invalid: [
		{
			code: 'fsockopen("127.0.0.1:8080", «80»);',
			errors: ['otherPortIgnored'],
			output: 'fsockopen("127.0.0.1:8080", -1);',
		},
		{
			code: 'pfsockopen("tcp://[::1]:8080", «80»);',
			errors: ['otherPortIgnored'],
			output: 'pfsockopen("tcp://[::1]:8080", -1);',
		},
	],
});

test('a port in the host and as an argument', () => {
	assert.match(findings('fsockopen("127.0.0.1:8080", 80);')[0]!.message, /connects to 8080/);
});

ruleTester(R, 'a port argument with a unix path', {
	invalid: [
		{
			code: 'fsockopen("unix:///run/redis.sock", «6379»);',
			errors: ['unixPort'],
			output: 'fsockopen("unix:///run/redis.sock", -1);',
		},
	],
});

test('a port argument with a unix path', () => {
	const [unix] = findings('fsockopen("unix:///run/redis.sock", 6379);');
	assert.match(unix!.detail!, /"\/run\/redis\.sock:6379"/);
});

ruleTester(R, 'quiet on the normal forms', {
	valid: [
		'fsockopen("127.0.0.1", 80); fsockopen("unix:///run/x.sock"); fsockopen("unix:///run/x.sock", -1);',
		'fsockopen("127.0.0.1:80"); fsockopen("127.0.0.1:80", -1); stream_socket_client("tcp://127.0.0.1:80");',
	],
});

test('the fix passes -1', () => {
	checkFix(R, 'fsockopen("unix:///run/x.sock", 80);', 'fsockopen("unix:///run/x.sock", -1);');
});
