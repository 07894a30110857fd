import { test } from 'node:test';
import { check, checkFix, quiet } from '../../../helpers/marked';

const R = 'unix-relative-path';

test('two slashes make a relative path', () => {
	check(R, 'stream_socket_client("unix://«tmp/x.sock»");');
	check(R, 'stream_socket_server("udg://«run/d.sock»", $e, $s, STREAM_SERVER_BIND);');
	check(R, 'SOCK=unix://«var/run/redis.sock»', 'env');
});

test('quiet on absolute and abstract paths', () => {
	quiet(
		R,
		'stream_socket_client("unix:///tmp/x.sock"); stream_socket_client("unix://\\0abstract"); stream_socket_server("unix://");',
	);
});

test('fix adds the third slash', () => {
	checkFix(R, 'stream_socket_client("unix://tmp/x.sock");', 'stream_socket_client("unix:///tmp/x.sock");');
});
