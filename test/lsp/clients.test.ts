import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, Diagnostic } from 'vscode-languageserver-protocol';
import type { TargetItem, TestConnectionResult } from '../../server/src/protocol';
import { TestClient } from '../helpers/lsp';
import { greeter, listen, makePki, smtpServer, starttlsPeer, type Pki } from '../helpers/peers';

const dir = mkdtempSync(path.join(tmpdir(), 'transport-lint-clients-'));
const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).href;
const lock = (version: string) =>
	writeFileSync(
		path.join(dir, 'composer.lock'),
		JSON.stringify({ packages: [{ name: 'laravel/framework', version }], 'packages-dev': [] }),
	);
let client: TestClient;
let pki: Pki;
let smtp: Awaited<ReturnType<typeof smtpServer>>;

before(async () => {
	pki = makePki();
	smtp = await smtpServer(pki);
	writeFileSync(path.join(dir, 'ca.pem'), pki.caCert);
	lock('v8.83.27');
	client = new TestClient();
	client.config = { transportLint: { probe: { caFile: path.join(dir, 'ca.pem') } }, 'files.exclude': {} };
	await client.initialize(
		{
			textDocument: {
				codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
				publishDiagnostics: { relatedInformation: true },
			},
			workspace: { configuration: true },
		},
		{ initializationOptions: { trusted: true } },
	);
});

after(async () => {
	await client.stop();
	smtp.process.kill();
	rmSync(dir, { recursive: true, force: true });
});

async function open(name: string, languageId: string, text: string, version = 1): Promise<Diagnostic[]> {
	await client.connection.sendNotification('textDocument/didOpen', {
		textDocument: { uri: uriOf(name), languageId, version, text },
	});
	return (await client.waitFor(uriOf(name), (p) => p.version === version)).diagnostics;
}

test('a PHPMailer mismatch sits on SMTPSecure, points at Port, and offers to change either', async () => {
	const text = "<?php\n$mail = new PHPMailer(true);\n$mail->SMTPSecure = 'ssl';\n$mail->Port = 587;\n";
	const [d, ...rest] = await open('mailer.php', 'php', text);
	assert.deepEqual(rest, []);
	assert.equal(d!.code, 'phpmailer-encryption');
	assert.deepEqual(d!.range, { start: { line: 2, character: 21 }, end: { line: 2, character: 24 } });
	assert.equal(d!.relatedInformation?.length, 1);
	assert.equal(d!.relatedInformation![0]!.location.uri, uriOf('mailer.php'));
	assert.deepEqual(d!.relatedInformation![0]!.location.range, {
		start: { line: 3, character: 14 },
		end: { line: 3, character: 17 },
	});
	assert.match((d!.codeDescription as { href: string }).href, /docs\/rules\/phpmailer-encryption\.md$/);
	const actions = (await client.connection.sendRequest('textDocument/codeAction', {
		textDocument: { uri: uriOf('mailer.php') },
		range: d!.range,
		context: { diagnostics: [d], only: ['quickfix'] },
	})) as CodeAction[];
	const edits = actions
		.filter((a) => a.diagnostics?.[0]?.code === 'phpmailer-encryption' && !a.title.startsWith('Disable'))
		.map((a) => {
			const e = Object.values(a.edit!.changes ?? {})[0] ?? (a.edit!.documentChanges![0] as { edits: unknown[] }).edits;
			return [
				a.title,
				(e as { range: { start: { line: number } }; newText: string }[]).map((x) => [x.range.start.line, x.newText]),
			];
		});
	assert.deepEqual(edits, [
		["Use STARTTLS ('tls') on this port", [[2, 'tls']]],
		["Use port 465 (SMTPS) with 'ssl'", [[3, '465']]],
	]);
});

test('Laravel .env: the verdict follows the version in composer.lock', async () => {
	const env = 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\nMAIL_ENCRYPTION=ssl\n';
	const [d] = await open('.env', 'dotenv', env);
	assert.equal(d?.code, 'laravel-mail-encryption');
	assert.equal(d!.severity, 2);
	assert.match(String(d!.message), /^On Laravel 8, /);
	lock('v10.48.2');
	// The composer files are re-read at most every few seconds; an edit after that sees Laravel 10.
	await new Promise((r) => setTimeout(r, 3200));
	await client.connection.sendNotification('textDocument/didChange', {
		textDocument: { uri: uriOf('.env'), version: 2 },
		contentChanges: [{ text: env + '\n' }],
	});
	const after = await client.waitFor(uriOf('.env'), (p) => p.version === 2);
	assert.deepEqual(after.diagnostics, [], 'Laravel 9+ chooses TLS by the port');
});

test('Test SMTP connection uses the library semantics: PHPMailer tls = plaintext + STARTTLS', async () => {
	const text = `<?php\n$mail = new PHPMailer(true);\n$mail->isSMTP();\n$mail->Host = '127.0.0.1';\n$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;\n$mail->Port = ${smtp.port};\n`;
	assert.deepEqual(await open('smtp.php', 'php', text), []);
	const lenses = (await client.connection.sendRequest('textDocument/codeLens', {
		textDocument: { uri: uriOf('smtp.php') },
	})) as CodeLens[];
	const all = await Promise.all(
		lenses.map((l) => client.connection.sendRequest('codeLens/resolve', l) as Promise<CodeLens>),
	);
	const lens = all.find((l) => l.command?.title === 'Test SMTP connection');
	assert.ok(lens, JSON.stringify(all));
	assert.equal(lens.range.start.line, 3);
	const items = (await client.connection.sendRequest('transportLint/listTargets', {
		uri: uriOf('smtp.php'),
	})) as TargetItem[];
	assert.deepEqual(
		items.filter((i) => i.client).map((i) => i.target),
		[`tcp://127.0.0.1:${smtp.port} + STARTTLS ($mail)`],
	);
	const result = (await client.connection.sendRequest(
		'transportLint/testConnection',
		lens.command!.arguments![0],
	)) as TestConnectionResult;
	assert.ok('report' in result, JSON.stringify(result));
	const { report } = result;
	assert.equal(report.ok, true, report.verdict);
	assert.equal(report.starttls, 'smtp');
	assert.ok(report.steps.some((s) => s.step === 'starttls' && s.ok));
	assert.equal(report.tls?.chainVerified, true);
	assert.match(
		report.library!,
		/^PHPMailer \(\$mail\) connects to 127\.0\.0\.1:\d+ with plaintext, then STARTTLS \(required\)\.$/,
	);
	const hover = (await client.connection.sendRequest('textDocument/hover', {
		textDocument: { uri: uriOf('smtp.php') },
		position: { line: 4, character: 35 },
	})) as { contents: { value: string } };
	assert.match(
		hover.contents.value,
		/^\*\*PHPMailer \(\$mail\) connects to 127\.0\.0\.1:\d+ with plaintext, then STARTTLS \(required\)\.\*\*/,
	);
	assert.match(hover.contents.value, /sends STARTTLS/);
	const none = (await client.connection.sendRequest('transportLint/testConnection', {
		uri: uriOf('smtp.php'),
		offset: 0,
		client: true,
	})) as TestConnectionResult;
	assert.ok('refused' in none);
});

test("a configuration's failed Test connection says what to change in the configuration's own terms", async () => {
	const server = greeter();
	const port = await listen(server);
	try {
		const text = `<?php\n$mail = new PHPMailer(true);\n$mail->isSMTP();\n$mail->Host = '127.0.0.1';\n$mail->SMTPSecure = 'ssl';\n$mail->Port = ${port};\n`;
		await open('implicit.php', 'php', text);
		const lenses = (await client.connection.sendRequest('textDocument/codeLens', {
			textDocument: { uri: uriOf('implicit.php') },
		})) as CodeLens[];
		const resolved = (await client.connection.sendRequest('codeLens/resolve', lenses[0])) as CodeLens;
		assert.equal(resolved.command?.title, 'Test SMTP connection');
		const result = (await client.connection.sendRequest(
			'transportLint/testConnection',
			resolved.command!.arguments![0],
		)) as TestConnectionResult;
		assert.ok('report' in result, JSON.stringify(result));
		// Not "use tcp:// and stream_socket_enable_crypto()": the user edits SMTPSecure, not a socket call.
		assert.equal(
			result.report.verdict,
			`Port ${port} speaks plaintext first ("220 mail.test ESMTP ready"), but $mail starts TLS at once: it fails with "wrong version number". Set SMTPSecure to "tls" (STARTTLS).`,
		);
	} finally {
		server.close();
	}
});

test('the hover of a Laravel mail setting names where the version comes from: composer.lock, or the constraint in composer.json', async () => {
	const env = 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\nMAIL_ENCRYPTION=ssl\n';
	const hoverOn = async (name: string) =>
		(
			(await client.connection.sendRequest('textDocument/hover', {
				textDocument: { uri: uriOf(name) },
				position: { line: 3, character: 17 },
			})) as { contents: { value: string } }
		).contents.value;
	mkdirSync(path.join(dir, 'json'));
	writeFileSync(path.join(dir, 'json', 'composer.json'), JSON.stringify({ require: { 'laravel/framework': '^8.75' } }));
	await open('json/.env', 'dotenv', env);
	const fromJson = await hoverOn('json/.env');
	assert.match(fromJson, /For Laravel 8 \(composer\.json requires \^8\.75\)\./);
	assert.doesNotMatch(fromJson, /composer\.lock/);
	mkdirSync(path.join(dir, 'none'));
	writeFileSync(path.join(dir, 'none', 'composer.json'), JSON.stringify({ require: { php: '>=8.1' } }));
	await open('none/.env', 'dotenv', env);
	assert.match(
		await hoverOn('none/.env'),
		/Laravel version unknown \(neither composer\.lock nor composer\.json names laravel\/framework\)/,
	);
});

test('Test IMAP connection speaks as Roundcube would: tls:// in imap_host is STARTTLS over IMAP', async () => {
	const server = starttlsPeer(
		pki.cert,
		pki.key,
		'* OK IMAP4rev1 ready',
		/^a1 STARTTLS\r\n$/,
		'a1 OK Begin TLS negotiation now',
	);
	const port = await listen(server);
	try {
		const text = `<?php\n$config['imap_host'] = 'tls://127.0.0.1:${port}';\n`;
		assert.deepEqual(await open('config.inc.php', 'php', text), []);
		const lenses = (await client.connection.sendRequest('textDocument/codeLens', {
			textDocument: { uri: uriOf('config.inc.php') },
		})) as CodeLens[];
		const resolved = await Promise.all(
			lenses.map((l) => client.connection.sendRequest('codeLens/resolve', l) as Promise<CodeLens>),
		);
		const lens = resolved.find((l) => l.command?.title === 'Test IMAP connection');
		assert.ok(lens, JSON.stringify(resolved));
		const result = (await client.connection.sendRequest(
			'transportLint/testConnection',
			lens.command!.arguments![0],
		)) as TestConnectionResult;
		assert.ok('report' in result, JSON.stringify(result));
		assert.equal(result.report.starttls, 'imap');
		assert.equal(result.report.ok, true, result.report.verdict);
		assert.match(
			result.report.library!,
			/^Roundcube \(imap_host\) connects to 127\.0\.0\.1:\d+ with plaintext, then STARTTLS \(required\)\.$/,
		);
	} finally {
		server.close();
	}
});
