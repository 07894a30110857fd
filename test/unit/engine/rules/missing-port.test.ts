import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, applyEdits } from '../../../../server/src/engine/index';
import { check, findings, fixTitles, quiet } from '../../../helpers/marked';

const R = 'missing-port';

test('no port on an IP transport in a socket call', () => {
	check(R, 'stream_socket_client("tcp://«127.0.0.1»");');
	check(R, 'stream_socket_client("tcp://«localhost»");');
	check(R, 'stream_socket_client("«127.0.0.1»");');
	check(R, 'stream_socket_client("tcp://«127.0.0.1:»");');
	check(R, 'stream_socket_server("udp://«0.0.0.0»", $e, $s, STREAM_SERVER_BIND);');
	check(R, 'fsockopen("«127.0.0.1»");');
	check(R, 'fsockopen("«127.0.0.1»", 0);');
	check(R, 'fsockopen("«127.0.0.1»", -1);');
	check(R, 'stream_socket_client("«tcp://»");');
});

test("quotes PHP's error", () => {
	const [f] = findings('stream_socket_client("tcp://127.0.0.1");');
	assert.match(f!.detail ?? f!.message, /Failed to parse address "127\.0\.0\.1"/);
});

test('quiet where a port is given or unknown, and outside calls', () => {
	quiet(R, 'fsockopen("127.0.0.1", 80); fsockopen("tls://h", $port); fsockopen($h, 80);');
	quiet(R, 'stream_socket_client("tcp://127.0.0.1:80"); stream_socket_client("tcp://$host");');
	quiet(R, '$mail->Host = "tls://smtp.example.com";');
	quiet(R, 'REDIS_URL=tcp://redis', 'env');
	quiet(R, 'stream_socket_client("unix:///run/x.sock");');
});

test('fixes add the usual port of a named service (never preferred) or a placeholder to fill in', () => {
	assert.deepEqual(fixTitles(R, 'stream_socket_client("tls://smtp.example.com");'), [
		'Add port 465 (the usual port of "smtp" over TLS)',
		'Add a port placeholder (:PORT) to fill in',
	]);
	assert.deepEqual(fixTitles(R, 'stream_socket_client("tcp://10.0.0.5");'), [
		'Add a port placeholder (:PORT) to fill in',
	]);
	const src = '<?php stream_socket_client("tcp://redis:");';
	const [f] = analyze(src, 'php').findings;
	assert.ok(
		f!.fixes.every((x) => !x.preferred),
		'a guessed port is never preferred',
	);
	assert.equal(applyEdits(src, [f!.fixes[0]!.edits]).text, '<?php stream_socket_client("tcp://redis:6379");');
	assert.equal(applyEdits(src, [f!.fixes[1]!.edits]).text, '<?php stream_socket_client("tcp://redis:PORT");');
});
