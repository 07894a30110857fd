import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFix, findings, fixTitles, quiet } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'ipv6-brackets';

ruleTester(R, 'fires on unbracketed IPv6 in URLs and fsockopen hosts', {
	invalid: [
		{
			code: 'stream_socket_client("tcp://«fe80::1:80»");',
			errors: ['noBrackets'],
			output: 'stream_socket_client("tcp://[fe80::1]:80");',
		},
		{ code: 'fsockopen("«fe80::1»", 80);', errors: ['noBrackets'], output: 'fsockopen("[fe80::1]", 80);' },
		{ code: 'fsockopen("«::1»", 18080);', errors: ['noBrackets'], output: 'fsockopen("[::1]", 18080);' },
		{ code: 'fsockopen("tcp://«::1»", 18080);', errors: ['noBrackets'], output: 'fsockopen("tcp://[::1]", 18080);' },
		{
			code: "stream_socket_client('tls://«2001:db8::1:443»');",
			errors: ['noBrackets'],
			output: "stream_socket_client('tls://[2001:db8::1]:443');",
		},
		{ code: 'X="tcp://«fe80::1:6379»"', kind: 'env', errors: ['noBrackets'], output: 'X="tcp://[fe80::1]:6379"' },
		{
			code: 'url: udp://«2001:db8::53:53»',
			kind: 'yaml',
			errors: ['noBrackets'],
			output: 'url: udp://[2001:db8::53]:53',
		},
		{
			code: '{"a": "tcp:\\/\\/«fe80::1:80»"}',
			kind: 'json',
			errors: ['noBrackets'],
			output: '{"a": "tcp:\\/\\/[fe80::1]:80"}',
		},
	],
});

test('the message says what PHP does with the host', () => {
	const [f] = findings('stream_socket_client("tcp://fe80::1:80");');
	assert.match(f!.detail ?? f!.message, /looks up host "fe80"/);
	const [g] = findings('stream_socket_client("tcp://2001:db8::1:80");');
	assert.match(g!.detail ?? g!.message, /IPv4 address 0\.0\.7\.209/);
	const [h] = findings('fsockopen("::1", 80);');
	assert.match(h!.detail ?? h!.message, /getaddrinfo for {2}failed/);
});

test('quiet on bracketed, IPv4, hostnames and non-IPv6 colons', () => {
	for (const ok of [
		'fsockopen("[fe80::1]", 80);',
		'fsockopen("127.0.0.1", 80);',
		'fsockopen("www.example.com", 80);',
		'stream_socket_client("tcp://[fe80::1]:80");',
		'stream_socket_client("tcp://127.0.0.1:80");',
		'stream_socket_client("tcp://www.example.com:80");',
		'stream_socket_client("unix:///run/a:b:c.sock");',
	]) {
		quiet(R, ok);
	}
	quiet(R, 'A=tcp://[::1]:6379\nB=http://[fe80::1]:80', 'env');
});

test('fixes add brackets; both readings are offered when the last group may be a port', () => {
	checkFix(R, 'stream_socket_client("tcp://fe80::1:80");', 'stream_socket_client("tcp://[fe80::1]:80");');
	checkFix(R, 'fsockopen("fe80::1", 80);', 'fsockopen("[fe80::1]", 80);');
	assert.deepEqual(fixTitles(R, 'fsockopen("tcp://fe80::1:80");'), [
		'Bracket as [fe80::1]:80 (port 80)',
		'Bracket as [fe80::1:80] (no port yet: type it after ":")',
	]);
});
