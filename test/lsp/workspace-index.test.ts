//! The server's workspace index: values written in other files (saved on disk) reach a file's diagnostics, follow
//! changes on disk, and a file closed after the workspace scan shows its saved content's problems again.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../helpers/lsp';
import { writeTree } from '../helpers/tree';

const dir = mkdtempSync(path.join(tmpdir(), 'transport-lint-index-'));
const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).href;
let client: TestClient;

before(async () => {
	writeTree(dir, {
		'src/Config.php': "<?php\nclass Config {\n    const SMTP = 'ssl://mx.example.org:25';\n}\n",
		'src/Net.php': "<?php\nfunction open_smtp($h) {\n    return fsockopen('tcp://' . $h . ':25');\n}\n",
		'src/use.php': "<?php\n$a = fsockopen(Config::SMTP, -1);\nopen_smtp('fd00::25');\n",
		'src/open.php': "<?php\nstream_socket_client('tcp://fe80::1:80');\n",
		// WordPress: the SMTP settings are constants of wp-config.php, read by a hook in the theme.
		'wp-config.php': "<?php\ndefine( 'SMTP_PORT', '587' );\ndefine( 'SMTP_SECURE', 'ssl' );\n",
		'src/mail.php':
			'<?php\nfunction smtp( $phpmailer ) {\n\t$phpmailer->isSMTP();\n\t$phpmailer->Port = SMTP_PORT;\n\t$phpmailer->SMTPSecure = SMTP_SECURE;\n}\n',
	});
	client = new TestClient();
	// A file open before the workspace scan reaches it.
	await client.initialize(
		{ workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
		{ rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }] },
	);
	await client.connection.sendNotification('textDocument/didOpen', {
		textDocument: { uri: uri('src/open.php'), languageId: 'php', version: 1, text: '<?php\n' },
	});
});

after(async () => {
	await client.stop();
	rmSync(dir, { recursive: true, force: true });
});

const codes = (rel: string) => client.diagnostics.get(uri(rel))?.diagnostics.map((d) => [d.code, d.range.start.line]);

test('a never-opened file gets the findings of values defined in other files', async () => {
	await client.waitFor(uri('src/use.php'), (p) => p.diagnostics.length === 2);
	assert.deepEqual(codes('src/use.php'), [
		['tls-port-mismatch', 1],
		['ipv6-brackets', 2],
	]);
	const related = client.diagnostics
		.get(uri('src/use.php'))!
		.diagnostics.map((d) => d.relatedInformation?.[0]?.message);
	assert.deepEqual(related, [
		'fsockopen() receives this value, written in src/Config.php.',
		'open_smtp() in src/Net.php passes this value to fsockopen().',
	]);
});

test("a mailer's settings written as another file's constants are judged where they are used", async () => {
	await client.waitFor(uri('src/mail.php'), (p) => p.diagnostics.length === 1);
	const [d] = client.diagnostics.get(uri('src/mail.php'))!.diagnostics;
	assert.deepEqual([d!.code, d!.range.start.line], ['phpmailer-encryption', 4]);
	assert.ok(
		d!.relatedInformation?.some((r) => r.message === "SMTP_SECURE is 'ssl', written in wp-config.php."),
		JSON.stringify(d!.relatedInformation),
	);
});

test('a constant changed on disk changes the findings of the files that use it', async () => {
	await client.waitFor(uri('src/use.php'), (p) => p.diagnostics.length === 2);
	writeFileSync(
		path.join(dir, 'src/Config.php'),
		"<?php\nclass Config {\n    const SMTP = 'ssl://mx.example.org:465';\n}\n",
	);
	await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
		changes: [{ uri: uri('src/Config.php'), type: 2 }],
	});
	await client.waitFor(uri('src/use.php'), (p) => p.diagnostics.length === 1);
	assert.deepEqual(codes('src/use.php'), [['ipv6-brackets', 2]]);
});

test("closing a file that was open during the workspace scan shows its saved content's problems", async () => {
	await client.waitFor(uri('src/use.php'), (p) => p.diagnostics.length >= 1);
	assert.deepEqual(codes('src/open.php'), []);
	await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri('src/open.php') } });
	await client.waitFor(uri('src/open.php'), (p) => p.diagnostics.length === 1);
	assert.equal(readFileSync(path.join(dir, 'src/open.php'), 'utf8').includes('fe80'), true);
	assert.deepEqual(codes('src/open.php'), [['ipv6-brackets', 1]]);
});
