import { test } from 'node:test';
import { checkFix } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'outdated-tls';

ruleTester(R, 'tlsv1.0 and tlsv1.1 everywhere', {
	invalid: [
		{
			code: 'stream_socket_client("«tlsv1.0»://h:443");',
			errors: ['tlsVersion'],
			output: 'stream_socket_client("tls://h:443");',
		},
		{ code: 'fsockopen("«tlsv1.1»://h", 443);', errors: ['tlsVersion'], output: 'fsockopen("tls://h", 443);' },
		{ code: 'smtp: «tlsv1.0»://mail:465', kind: 'yaml', errors: ['tlsVersion'], output: 'smtp: tls://mail:465' },
		{ code: '$s = "«tlsv1.1»://h:993";', errors: ['tlsVersion'], output: '$s = "tls://h:993";' },
	],
});

ruleTester(R, 'quiet on modern TLS', {
	valid: [
		'stream_socket_client("tlsv1.2://h:443"); stream_socket_client("tlsv1.3://h:443"); stream_socket_client("tls://h:443");',
	],
});

test('fix uses tls://', () => {
	checkFix(R, 'stream_socket_client("tlsv1.0://h:443");', 'stream_socket_client("tls://h:443");');
});
