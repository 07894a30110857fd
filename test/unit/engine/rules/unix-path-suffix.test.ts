import { test } from 'node:test';
import { check, checkFix, quiet } from '../../../helpers/marked';

const R = 'unix-path-suffix';

test('port, query or whitespace after a socket path', () => {
	check(R, 'stream_socket_client("unix:///run/x.sock«:6379»");');
	check(R, 'stream_socket_client("unix:///run/x.sock«?x=1»");');
	check(R, 'stream_socket_client("unix:///run/x.sock« »");');
	check(R, 'search: unix:///run/search.sock«:9200»', 'yaml');
});

test('quiet on clean paths; queries in config are library options', () => {
	quiet(R, 'stream_socket_client("unix:///run/x.sock");');
	quiet(R, 'REDIS=unix:///run/redis.sock?database=1', 'env');
});

test('fix removes the suffix', () => {
	checkFix(R, 'stream_socket_client("unix:///run/x.sock:6379");', 'stream_socket_client("unix:///run/x.sock");');
});
