import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, checkFix, findings, quiet } from '../../../helpers/marked';

const R = 'fsockopen-port';

test('a port in the host and as an argument', () => {
	check(R, 'fsockopen("127.0.0.1:8080", «80»);');
	check(R, 'pfsockopen("tcp://[::1]:8080", «80»);');
	assert.match(findings('fsockopen("127.0.0.1:8080", 80);')[0]!.message, /connects to 8080/);
});

test('a port argument with a unix path', () => {
	check(R, 'fsockopen("unix:///run/redis.sock", «6379»);');
	const [unix] = findings('fsockopen("unix:///run/redis.sock", 6379);');
	assert.match(unix!.detail!, /"\/run\/redis\.sock:6379"/);
});

test('quiet on the normal forms', () => {
	quiet(R, 'fsockopen("127.0.0.1", 80); fsockopen("unix:///run/x.sock"); fsockopen("unix:///run/x.sock", -1);');
	quiet(R, 'fsockopen("127.0.0.1:80"); fsockopen("127.0.0.1:80", -1); stream_socket_client("tcp://127.0.0.1:80");');
});

test('the fix passes -1', () => {
	checkFix(R, 'fsockopen("unix:///run/x.sock", 80);', 'fsockopen("unix:///run/x.sock", -1);');
});
