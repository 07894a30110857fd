import { test } from 'node:test';
import { check, quiet } from '../../../helpers/marked';

const R = 'tls-ipv6-peer-name';

test('TLS to a bracketed IPv6 literal', () => {
	check(R, 'stream_socket_client("tls://«[::1]»:443");');
	check(R, 'stream_socket_client("ssl://«[2001:db8::1]»:993");');
});

test('quiet on names, IPv4, plain tcp and outside calls', () => {
	quiet(
		R,
		'stream_socket_client("tls://localhost:443"); stream_socket_client("tls://127.0.0.1:443"); stream_socket_client("tcp://[::1]:80");',
	);
	quiet(R, 'stream_socket_client("tls://[127.0.0.1]:443");');
	quiet(R, 'A=tls://[::1]:6380', 'env');
});
