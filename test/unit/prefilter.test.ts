//! The file prefilter (engine/prefilter.ts): a file it turns down is never decoded or lexed, so it must never turn down
//! one that gives a finding. Here: each pass's words, near-miss schemes, case, JSON's escaped slashes, and the same
//! answer on a file's bytes as on its text; test/realworld checks every file of the real-world corpus and bench tree.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, mayMatter, WorkspaceSymbols, type FileKind } from '../../server/src/engine/index';
import { readTextSync } from '../../server/src/node/files';

/** Each with a finding or a client the rules read: the prefilter keeps them, as text and as bytes. */
const KEPT: [FileKind, string][] = [
	['php', `<?php $s = FSOCKOPEN('fe80::1', 80);`],
	['php', `<?php $s = Stream_Socket_Client('localhost');`],
	['php', `<?php $c = stream_context_create(['ssl' => ['verify_peer' => false]]);`],
	['php', `<?php stream_socket_enable_crypto($s, true, STREAM_CRYPTO_METHOD_SSLv3_CLIENT);`],
	['php', `<?php $m->SMTPSecure = 'ssl'; $m->Port = 587;`],
	['php', `<?php use Monolog\\Handler\\SocketHandler;\n$h = new SocketHandler('fe80::1');`],
	['php', `<?php $u = 'tpc://127.0.0.1:80';`],
	['php', `<?php $u = 'TCP://127.0.0.1:80';`],
	['php', `<?php $u = 'sslv3://mail.example.com:465';`],
	['php', `<?php return ['url' => 'rediss://cache.example.com:6379'];`],
	['php', `<?php return ['transport' => 'smtp', 'encryption' => 'ssl', 'port' => 587];`],
	['env', 'MAIL_ENCRYPTION=ssl\nMAIL_PORT=587\n'],
	['env', 'REDIS_URL=tls://cache:6379\n'],
	['yaml', 'mailer:\n  dsn: "smtps://user@smtp.example.com:587"\n'],
	['json', '{"socket": "udp:\\/\\/[fe80::1]:53"}'],
	['json', '{"socket": "tcp:/\\/fe80::1:80"}'],
	['xml', '<env name="MAIL_PORT" value="465"/>'],
	['ini', 'address = "tls://mail.example.com:587"\n'],
];

/** Nothing any pass reads: ordinary URLs in docblocks and prose, lookalike words. */
const SKIPPED: [FileKind, string][] = [
	['php', `<?php\n/** @see https://www.php.net/manual/en/function.fsock.php */\nfunction port() { return 587; }`],
	['php', `<?php echo "<a href='http://example.com/'>ftp://files.example.com</a>";`],
	['json', '{"homepage": "https:\\/\\/example.com", "port": 465}'],
	['yaml', 'homepage: https://example.com\nport: 587\n'],
	['env', 'APP_URL=http://localhost\nDB_PORT=3306\n'],
	['xml', '<a href="mailto:x@example.com">redis</a>'],
];

test('files with something a pass reads are kept, on their text and on their bytes alike', () => {
	for (const [kind, text] of KEPT) {
		assert.ok(mayMatter(kind, text), `${kind} text kept: ${text}`);
		assert.ok(mayMatter(kind, Buffer.from(text)), `${kind} bytes kept: ${text}`);
		const r = analyze(text, kind);
		assert.ok(r.findings.length || r.clients.length || r.targets.length, `${kind} is read by a pass: ${text}`);
	}
});

test('files with nothing a pass reads are skipped, and analysing them gives nothing', () => {
	for (const [kind, text] of SKIPPED) {
		assert.equal(mayMatter(kind, text), false, `${kind} text skipped: ${text}`);
		assert.equal(mayMatter(kind, Buffer.from(text)), false, `${kind} bytes skipped: ${text}`);
		const r = analyze(text, kind);
		assert.deepEqual([r.findings, r.clients, r.needs], [[], [], undefined], text);
	}
});

test('bytes answer as the text does around non-ASCII characters', () => {
	for (const text of [
		`<?php $u = 'é€tcp://[fe80::1]:80';`,
		`<?php // ☃ 😀\n$x = 'ﬁ://a';`,
		`<?php $naïve = 'ſsl://x:1';`,
	])
		assert.equal(mayMatter('php', Buffer.from(text)), mayMatter('php', text), text);
});

test('a PHP file that calls a workspace function passing a value on to a sink is kept when the index knows it', () => {
	const lib = `<?php\nfunction connect_to($host, $port) {\n\treturn fsockopen($host, $port);\n}\n`;
	const exports = analyze(lib, 'php').exports!(true);
	const symbols = WorkspaceSymbols.from({ 'lib.php': exports });
	const caller = `<?php\n$s = connect_to('fe80::1', 80);\n`;
	assert.equal(mayMatter('php', caller), false);
	assert.equal(mayMatter('php', caller, symbols), true);
	assert.equal(mayMatter('php', Buffer.from(caller), symbols), true);
	assert.ok(
		analyze(caller, 'php', undefined, undefined, undefined, symbols).findings.length,
		'the caller has a finding',
	);
});

test('readTextSync with the prefilter: ASCII read once as both view and text when a string view is wanted; other UTF-8 (and any file otherwise) asked on its bytes, not decoded when quiet; UTF-16 decoded and then asked; binary still refused', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'tl-prefilter-'));
	try {
		const write = (name: string, data: Buffer) => {
			writeFileSync(path.join(dir, name), data);
			return path.join(dir, name);
		};
		const asked: string[] = [];
		const matters = (view: Buffer | string) => {
			asked.push(typeof view);
			return mayMatter('php', view);
		};
		const plain = write('a.php', Buffer.from('<?php echo 1;'));
		assert.deepEqual(readTextSync(plain, 1 << 20, matters, true), { quiet: true });
		const kept = write('b.php', Buffer.from("<?php fsockopen('h', 1);"));
		assert.deepEqual(readTextSync(kept, 1 << 20, matters, true), { text: "<?php fsockopen('h', 1);" });
		// Not ASCII: asked on the bytes, decoded only when kept.
		const accented = write('f.php', Buffer.from("<?php // café\nfsockopen('h', 1);"));
		assert.deepEqual(readTextSync(accented, 1 << 20, matters, true), { text: "<?php // café\nfsockopen('h', 1);" });
		const quietAccented = write('g.php', Buffer.from('<?php echo "café";'));
		assert.deepEqual(readTextSync(quietAccented, 1 << 20, matters, true), { quiet: true });
		const utf16 = write(
			'c.php',
			Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<?php fsockopen('h', 1);", 'utf16le')]),
		);
		assert.deepEqual(readTextSync(utf16, 1 << 20, matters, true), { text: "<?php fsockopen('h', 1);" });
		const quiet16 = write('d.php', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?php echo 1;', 'utf16le')]));
		assert.deepEqual(readTextSync(quiet16, 1 << 20, matters, true), { quiet: true });
		// Without a string view (a prefilter on bytes: the bench's read floor, the config kinds), ASCII is bytes too.
		assert.deepEqual(readTextSync(kept, 1 << 20, matters), { text: "<?php fsockopen('h', 1);" });
		assert.deepEqual(asked, ['string', 'string', 'object', 'object', 'string', 'string', 'object']);
		const binary = write('e.php', Buffer.from([0x3c, 0x3f, 0, 1, 2]));
		assert.ok('skipped' in readTextSync(binary, 1 << 20, matters));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
