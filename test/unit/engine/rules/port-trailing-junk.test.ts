import { test } from 'node:test';
import { check, checkFix, quiet } from '../../../helpers/marked';

const R = 'port-trailing-junk';

test('text after the port that PHP ignores', () => {
	check(R, 'stream_socket_client("tcp://127.0.0.1:80«/path»");');
	check(R, 'stream_socket_client("tls://127.0.0.1:443«?q=1»");');
	check(R, 'stream_socket_client("ssl://host:5671«:5671»");');
	check(R, 'stream_socket_client("tcp://[::1]:80«abc»");');
	check(R, 'stream_socket_client("tcp://127.0.0.1:80«\\n»");');
});

test('quiet on clean ports and outside calls (query strings mean something to Predis)', () => {
	quiet(R, 'stream_socket_client("tcp://127.0.0.1:80");');
	quiet(R, 'REDIS=tcp://127.0.0.1:6379?database=1', 'env');
	quiet(R, 'fsockopen("127.0.0.1:18080", 18099);');
});

test('the fix removes the junk', () => {
	checkFix(R, 'stream_socket_client("tcp://127.0.0.1:80/path");', 'stream_socket_client("tcp://127.0.0.1:80");');
});
