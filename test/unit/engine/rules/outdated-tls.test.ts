import { test } from 'node:test';
import { check, checkFix, quiet } from '../../../helpers/marked';

const R = 'outdated-tls';

test('tlsv1.0 and tlsv1.1 everywhere', () => {
	check(R, 'stream_socket_client("«tlsv1.0»://h:443");');
	check(R, 'fsockopen("«tlsv1.1»://h", 443);');
	check(R, 'smtp: «tlsv1.0»://mail:465', 'yaml');
	check(R, '$s = "«tlsv1.1»://h:993";');
});

test('quiet on modern TLS', () => {
	quiet(
		R,
		'stream_socket_client("tlsv1.2://h:443"); stream_socket_client("tlsv1.3://h:443"); stream_socket_client("tls://h:443");',
	);
});

test('fix uses tls://', () => {
	checkFix(R, 'stream_socket_client("tlsv1.0://h:443");', 'stream_socket_client("tls://h:443");');
});
