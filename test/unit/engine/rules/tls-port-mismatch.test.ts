import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, checkFix, findings, fixTitles, quiet } from '../../../helpers/marked';

const R = 'tls-port-mismatch';

test('implicit TLS to STARTTLS ports', () => {
	check(R, 'stream_socket_client("tls://smtp.example.com:«587»");');
	check(R, 'stream_socket_client("ssl://smtp.example.com:«25»");');
	check(R, 'fsockopen("tls://mail.example.com", «587»);');
	check(R, 'stream_socket_client("tlsv1.2://imap.example.com:«143»");');
	check(R, 'stream_socket_client("tls://$host:«587»");');
	check(R, "stream_socket_client('ssl://' . $host . ':«110»');");
	assert.match(
		findings('stream_socket_client("tls://h:587");')[0]!.detail ??
			findings('stream_socket_client("tls://h:587");')[0]!.message,
		/wrong version number/,
	);
});

test('plain TCP to implicit-TLS ports', () => {
	check(R, 'stream_socket_client("tcp://smtp.example.com:«465»");');
	check(R, 'fsockopen("smtp.example.com", «465»);');
	check(R, 'stream_socket_client("imap.example.com:«993»");');
});

test('extra ports from settings', () => {
	check(R, 'stream_socket_client("tls://h:«2525»");', 'php', { starttlsPorts: [2525] });
	check(R, 'stream_socket_client("tcp://h:«8465»");', 'php', { implicitTlsPorts: [8465] });
});

test('quiet on correct pairs, libraries and unknown schemes', () => {
	quiet(R, 'stream_socket_client("ssl://smtp.example.com:465"); stream_socket_client("tcp://smtp.example.com:587");');
	quiet(
		R,
		'fsockopen("tls://smtp.example.com", 465); fsockopen("smtp.example.com", 25); stream_socket_client("udp://h:443");',
	);
	quiet(R, '$mail->Host = "tls://smtp.gmail.com:587";');
	quiet(R, 'MAIL=tls://smtp.gmail.com:587', 'env');
	quiet(R, 'stream_socket_client("$scheme://$host:465");');
});

test('fixes', () => {
	checkFix(R, 'stream_socket_client("tls://h:587");', 'stream_socket_client("tls://h:465");');
	checkFix(R, 'fsockopen("tls://h", 143);', 'fsockopen("tls://h", 993);');
	checkFix(R, 'stream_socket_client("tcp://h:465");', 'stream_socket_client("tls://h:465");');
	checkFix(R, 'fsockopen("h", 993);', 'fsockopen("tls://h", 993);');
	assert.equal(fixTitles(R, 'stream_socket_client("tls://h:587");').length, 2);
});
