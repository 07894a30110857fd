import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, findings, quiet } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'tls-ipv6-peer-name';

ruleTester(R, 'TLS to a bracketed IPv6 literal', {
	invalid: [
		{ code: 'stream_socket_client("tls://«[::1]»:443");', errors: ['noPeerName'] },
		{ code: 'stream_socket_client("ssl://«[2001:db8::1]»:993");', errors: ['noPeerName'] },
	],
});

ruleTester(R, 'quiet on names, IPv4, plain tcp and outside calls', {
	valid: [
		'stream_socket_client("tls://localhost:443"); stream_socket_client("tls://127.0.0.1:443"); stream_socket_client("tcp://[::1]:80");',
		'stream_socket_client("tls://[127.0.0.1]:443");',
		{ code: 'A=tls://[::1]:6380', kind: 'env' },
	],
});

test('a context with peer_name, created in the same function and passed to the call, silences it', () => {
	quiet(
		'tls-ipv6-peer-name',
		"$c = stream_context_create(['ssl' => ['peer_name' => 'mail.example.com']]); stream_socket_client('tls://[2001:db8::1]:465', $e, $m, 5, STREAM_CLIENT_CONNECT, $c);",
	);
	quiet(
		'tls-ipv6-peer-name',
		"$c = stream_context_create(); stream_context_set_option($c, 'ssl', 'peer_name', 'mail.example.com'); stream_socket_client('tls://[2001:db8::1]:465', $e, $m, 5, STREAM_CLIENT_CONNECT, $c);",
	);
	const [f] = findings(
		"$c = stream_context_create(['ssl' => ['cafile' => '/ca.pem']]); stream_socket_client('tls://[2001:db8::1]:465', $e, $m, 5, STREAM_CLIENT_CONNECT, $c);",
	).filter((x) => x.ruleId === 'tls-ipv6-peer-name');
	assert.match(f!.detail ?? f!.message, /in the context passed here/);
	assert.equal(f!.related?.length, 1);
	check(
		'tls-ipv6-peer-name',
		"function a() { $c = stream_context_create(['ssl' => ['peer_name' => 'x']]); } function b() { stream_socket_client('tls://«[2001:db8::1]»:465', $e, $m, 5, STREAM_CLIENT_CONNECT, $c); }",
	);
});
