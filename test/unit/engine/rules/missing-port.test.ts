import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, applyEdits } from '../../../../server/src/engine/index';
import { findings, fixTitles } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'missing-port';

ruleTester(R, 'no port on an IP transport in a socket call', {
	invalid: [
		{ code: 'stream_socket_client("tcp://«127.0.0.1»");', errors: ['noPort'] },
		{ code: 'stream_socket_client("tcp://«localhost»");', errors: ['noPort'] },
		{ code: 'stream_socket_client("«127.0.0.1»");', errors: ['noPort'] },
		{ code: 'stream_socket_client("tcp://«127.0.0.1:»");', errors: ['noPort'] },
		{ code: 'stream_socket_server("udp://«0.0.0.0»", $e, $s, STREAM_SERVER_BIND);', errors: ['noPort'] },
		{ code: 'fsockopen("«127.0.0.1»");', errors: ['noPort'] },
		{ code: 'fsockopen("«127.0.0.1»", 0);', errors: ['noPort'] },
		{ code: 'fsockopen("«127.0.0.1»", -1);', errors: ['noPort'] },
		{ code: 'stream_socket_client("«tcp://»");', errors: ['noPort'] },
	],
});

test("quotes PHP's error", () => {
	const [f] = findings('stream_socket_client("tcp://127.0.0.1");');
	assert.match(f!.detail ?? f!.message, /Failed to parse address "127\.0\.0\.1"/);
});

ruleTester(R, 'quiet where a port is given or unknown, and outside calls', {
	valid: [
		'fsockopen("127.0.0.1", 80); fsockopen("tls://h", $port); fsockopen($h, 80);',
		'stream_socket_client("tcp://127.0.0.1:80"); stream_socket_client("tcp://$host");',
		'$mail->Host = "tls://smtp.example.com";',
		{ code: 'REDIS_URL=tcp://redis', kind: 'env' },
		'stream_socket_client("unix:///run/x.sock");',
	],
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
