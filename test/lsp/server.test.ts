import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../helpers/lsp';

const dir = mkdtempSync(path.join(tmpdir(), 'transport-lint-lsp-'));
const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).href;
let client: TestClient;

before(async () => {
	writeFileSync(path.join(dir, '.env'), 'REDIS_URL=tpc://redis:6379\nAPP_URL=https://example.com\n');
	mkdirSync(path.join(dir, 'config'));
	writeFileSync(path.join(dir, 'config', 'app.yaml'), 'queue: tcp://[::1]:11300\nbroken: "tcp://fe80::1:80"\n');
	mkdirSync(path.join(dir, 'vendor', 'lib'), { recursive: true });
	writeFileSync(path.join(dir, 'vendor', 'lib', 'x.php'), '<?php stream_socket_client("tcp://127.0.0.1");');
	client = new TestClient();
	const init = await client.initialize(
		{
			workspace: {
				configuration: true,
				didChangeConfiguration: { dynamicRegistration: true },
				didChangeWatchedFiles: { dynamicRegistration: true },
			},
			textDocument: { publishDiagnostics: { versionSupport: true } },
		},
		{ rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }] },
	);
	assert.ok(init.capabilities);
});

after(async () => {
	await client.stop();
	rmSync(dir, { recursive: true, force: true });
});

test('workspace files that were never opened get diagnostics; vendor/ is excluded', async () => {
	const env = await client.waitFor(uri('.env'), (p) => p.diagnostics.length > 0);
	assert.deepEqual(
		env.diagnostics.map((d) => [d.code, d.range, d.severity, d.source]),
		[
			[
				'unknown-transport',
				{ start: { line: 0, character: 10 }, end: { line: 0, character: 13 } },
				1,
				'transport-lint',
			],
		],
	);
	assert.match(env.diagnostics[0]!.codeDescription!.href, /docs\/rules\/unknown-transport\.md$/);
	const yaml = await client.waitFor(uri('config/app.yaml'), (p) => p.diagnostics.length > 0);
	assert.deepEqual(
		yaml.diagnostics.map((d) => d.code),
		['ipv6-brackets'],
	);
	await new Promise((r) => setTimeout(r, 100));
	assert.equal(client.diagnostics.has(uri('vendor/lib/x.php')), false);
});

test('open, edit and fix a PHP document; ranges are UTF-16', async () => {
	const docUri = uri('a.php');
	const text = '<?php\n$e = "😀"; $s = stream_socket_client("tcp://fe80::1:80");\n';
	await client.connection.sendNotification('textDocument/didOpen', {
		textDocument: { uri: docUri, languageId: 'php', version: 1, text },
	});
	const first = await client.waitFor(docUri, (p) => p.version === 1);
	const d = first.diagnostics[0]!;
	assert.equal(d.code, 'ipv6-brackets');
	assert.match(String(d.message), /looks up host "fe80"/);
	// '$e = "😀"; $s = stream_socket_client("tcp://' is 44 UTF-16 code units (the emoji counts 2).
	assert.deepEqual(d.range, { start: { line: 1, character: 44 }, end: { line: 1, character: 54 } });
	await client.connection.sendNotification('textDocument/didChange', {
		textDocument: { uri: docUri, version: 2 },
		contentChanges: [
			{ range: { start: { line: 1, character: 44 }, end: { line: 1, character: 54 } }, text: '[fe80::1]:80' },
		],
	});
	const fixed = await client.waitFor(docUri, (p) => p.version === 2);
	assert.deepEqual(fixed.diagnostics, []);
	await client.connection.sendNotification('textDocument/didChange', {
		textDocument: { uri: docUri, version: 3 },
		contentChanges: [{ range: { start: { line: 1, character: 38 }, end: { line: 1, character: 41 } }, text: 'TLS' }],
	});
	const broken = await client.waitFor(docUri, (p) => p.version === 3);
	assert.deepEqual(
		broken.diagnostics.map((x) => x.code),
		['unknown-transport'],
	);
	await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: docUri } });
	await client.waitFor(docUri, (p) => p.diagnostics.length === 0 && p.version === undefined);
});

test('a settings change re-lints: rule off, then severity changed', async () => {
	client.config = { transportLint: { rules: { 'unknown-transport': 'off' } }, 'files.exclude': {} };
	await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
	await client.waitFor(uri('.env'), (p) => p.diagnostics.length === 0);
	client.config = { transportLint: { rules: { 'unknown-transport': 'info' } }, 'files.exclude': {} };
	await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
	const info = await client.waitFor(uri('.env'), (p) => p.diagnostics.length === 1);
	assert.equal(info.diagnostics[0]!.severity, 3);
	client.config = { transportLint: {}, 'files.exclude': {} };
	await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
	await client.waitFor(uri('.env'), (p) => p.diagnostics[0]?.severity === 1);
});

test('a file newly excluded by the settings loses its diagnostics; included again, it gets them back', async () => {
	await client.waitFor(uri('config/app.yaml'), (p) => p.diagnostics.length > 0);
	client.config = { transportLint: { exclude: ['**/config/**'] }, 'files.exclude': {} };
	await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
	await client.waitFor(uri('config/app.yaml'), (p) => p.diagnostics.length === 0);
	client.config = { transportLint: {}, 'files.exclude': {} };
	await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
	await client.waitFor(uri('config/app.yaml'), (p) => p.diagnostics.length > 0);
});

test('files created, changed and deleted on disk', async () => {
	const file = path.join(dir, 'config', 'new.ini');
	writeFileSync(file, 'listen = Tcp://127.0.0.1:9000\n');
	await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
		changes: [{ uri: uri('config/new.ini'), type: 1 }],
	});
	const created = await client.waitFor(uri('config/new.ini'), (p) => p.diagnostics.length === 1);
	assert.equal(created.diagnostics[0]!.code, 'unknown-transport');
	writeFileSync(file, 'listen = tcp://127.0.0.1:9000\n');
	await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
		changes: [{ uri: uri('config/new.ini'), type: 2 }],
	});
	await client.waitFor(uri('config/new.ini'), (p) => p.diagnostics.length === 0);
	rmSync(file);
	writeFileSync(path.join(dir, '.env'), 'X=1\n');
	await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
		changes: [
			{ uri: uri('config/new.ini'), type: 3 },
			{ uri: uri('.env'), type: 2 },
		],
	});
	await client.waitFor(uri('.env'), (p) => p.diagnostics.length === 0);
});

test('the server survives malformed requests', async () => {
	await assert.rejects(client.connection.sendRequest('textDocument/hover', { nonsense: true }));
	await client.connection.sendNotification('textDocument/didChange', {
		textDocument: { uri: 'file:///nowhere.php', version: 9 },
		contentChanges: [],
	});
	const docUri = uri('b.php');
	await client.connection.sendNotification('textDocument/didOpen', {
		textDocument: { uri: docUri, languageId: 'php', version: 1, text: '<?php fsockopen("::1", 80);' },
	});
	const p = await client.waitFor(docUri, (x) => x.version === 1);
	assert.equal(p.diagnostics[0]!.code, 'ipv6-brackets');
});

test('garbage on the wire does not kill the server', async () => {
	const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
	client.process.stdin!.write(frame('{"oops": '));
	client.process.stdin!.write(frame('{"jsonrpc":"2.0","id":99,"method":"nope"}'));
	client.process.stdin!.write(frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":7}}'));
	await new Promise((r) => setTimeout(r, 200));
	assert.equal(client.process.exitCode, null, `server exited: ${client.stderr.join('')}`);
	const docUri = uri('c.php');
	await client.connection.sendNotification('textDocument/didOpen', {
		textDocument: { uri: docUri, languageId: 'php', version: 1, text: '<?php stream_socket_client("TCP://h:1");' },
	});
	const p = await client.waitFor(docUri, (x) => x.version === 1);
	assert.equal(p.diagnostics[0]!.code, 'unknown-transport');
});
