import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkChoice, checkFix, findings, fixTitles } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'tls-port-mismatch';

ruleTester(R, 'implicit TLS to STARTTLS ports', {
	invalid: [
		{ code: 'stream_socket_client("tls://smtp.example.com:«587»");', errors: ['tlsToPlainPortTwin'] },
		{ code: 'stream_socket_client("ssl://smtp.example.com:«25»");', errors: ['tlsToPlainPortTwin'] },
		{ code: 'fsockopen("tls://mail.example.com", «587»);', errors: ['tlsToPlainPortTwin'] },
		{ code: 'stream_socket_client("tlsv1.2://imap.example.com:«143»");', errors: ['tlsToPlainPortTwin'] },
		{ code: 'stream_socket_client("tls://$host:«587»");', errors: ['tlsToPlainPortTwin'] },
		{ code: "stream_socket_client('ssl://' . $host . ':«110»');", errors: ['tlsToPlainPortTwin'] },
	],
});

test('implicit TLS to STARTTLS ports', () => {
	assert.match(
		findings('stream_socket_client("tls://h:587");')[0]!.detail ??
			findings('stream_socket_client("tls://h:587");')[0]!.message,
		/wrong version number/,
	);
});

ruleTester(R, 'plain TCP to implicit-TLS ports', {
	invalid: [
		{ code: 'stream_socket_client("tcp://smtp.example.com:«465»");', errors: ['plainToTlsPortTwin'] },
		{ code: 'fsockopen("smtp.example.com", «465»);', errors: ['plainToTlsPortTwin'] },
		{ code: 'stream_socket_client("imap.example.com:«993»");', errors: ['plainToTlsPortTwin'] },
	],
});

ruleTester(R, 'extra ports from settings', {
	invalid: [
		{
			code: 'stream_socket_client("tls://h:«2525»");',
			kind: 'php',
			settings: { starttlsPorts: [2525] },
			errors: ['tlsToPlainPort'],
		},
		{
			code: 'stream_socket_client("tcp://h:«8465»");',
			kind: 'php',
			settings: { implicitTlsPorts: [8465] },
			errors: ['plainToTlsPort'],
		},
	],
});

ruleTester(R, 'quiet on correct pairs, libraries and unknown schemes', {
	valid: [
		'stream_socket_client("ssl://smtp.example.com:465"); stream_socket_client("tcp://smtp.example.com:587");',
		'fsockopen("tls://smtp.example.com", 465); fsockopen("smtp.example.com", 25); stream_socket_client("udp://h:443");',
		'$mail->Host = "tls://smtp.gmail.com:587";',
		{ code: 'MAIL=tls://smtp.gmail.com:587', kind: 'env' },
		'stream_socket_client("$scheme://$host:465");',
	],
});

test('fixes are choices: offered, never preferred, so Fix All and fix-on-save leave the line as it is', () => {
	checkChoice(
		R,
		'stream_socket_client("tls://h:587");',
		'Use port 465 (implicit TLS)',
		'stream_socket_client("tls://h:465");',
	);
	checkChoice(R, 'fsockopen("tls://h", 143);', 'Use port 993 (implicit TLS)', 'fsockopen("tls://h", 993);');
	checkChoice(
		R,
		'stream_socket_client("tcp://h:465");',
		'Use tls:// (implicit TLS)',
		'stream_socket_client("tls://h:465");',
	);
	checkChoice(R, 'fsockopen("h", 993);', 'Use tls:// (implicit TLS)', 'fsockopen("tls://h", 993);');
	for (const text of ['stream_socket_client("tls://h:587");', 'stream_socket_client("tcp://h:465");'])
		checkFix(R, text, text);
	// No scheme-only STARTTLS edit: tcp:// alone would stay in plaintext (the rule page shows the upgrade).
	assert.deepEqual(fixTitles(R, 'stream_socket_client("tls://h:587");'), ['Use port 465 (implicit TLS)']);
	// A port of the settings has no twin to offer: no fix at all.
	assert.deepEqual(
		findings('stream_socket_client("tls://h:2525");', 'php', { starttlsPorts: [2525] }).map((f) => f.fixes.length),
		[0],
	);
});
