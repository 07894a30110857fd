import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TEST_CONNECTION_COMMAND, type TargetItem, type TestConnectionResult } from '../../server/src/protocol';
import { TestClient } from '../helpers/lsp';
import { greeter, listen } from '../helpers/peers';

const dir = mkdtempSync(path.join(tmpdir(), 'transport-lint-probe-lsp-'));
const uri = pathToFileURL(path.join(dir, 'a.php')).href;
let client: TestClient;
let port: number;
let smtp: number;
const servers: net.Server[] = [];

before(async () => {
	const s = net.createServer((c) => c.end());
	const g = greeter();
	servers.push(s, g);
	port = await listen(s);
	smtp = await listen(g);
	client = new TestClient();
	await client.initialize({ workspace: { configuration: true } }, { initializationOptions: { trusted: true } });
	const text = `<?php\n$a = fsockopen('127.0.0.1', ${port});\n$b = stream_socket_client('tls://127.0.0.1:${smtp}');\n$c = stream_socket_client('tcp://[::1]');\n$d = stream_socket_client("tcp://$h:1");\n`;
	await client.connection.sendNotification('textDocument/didOpen', {
		textDocument: { uri, languageId: 'php', version: 1, text },
	});
	await client.waitFor(uri, (p) => p.version === 1);
});

after(async () => {
	await client.stop();
	servers.forEach((s) => s.close());
	rmSync(dir, { recursive: true, force: true });
});

test('listTargets gives what PHP will be given, and why a target cannot be tested', async () => {
	const items = (await client.connection.sendRequest('transportLint/listTargets', { uri })) as TargetItem[];
	assert.deepEqual(
		items.map((i) => [i.line, i.target, i.refused ?? '']),
		[
			[1, `127.0.0.1:${port}`, ''],
			[2, `tls://127.0.0.1:${smtp}`, ''],
			[
				3,
				'tcp://[::1]',
				'Brackets without a port: PHP fails with "Failed to parse IPv6 address "[::1]"" (there is no default port). Add ":port" after "]".',
			],
			[4, 'tcp://', 'Part of this target is computed at run time; type the full URL to test it.'],
		],
	);
});

test('testConnection probes the URL at an offset (fsockopen port appended) and diagnoses STARTTLS', async () => {
	const items = (await client.connection.sendRequest('transportLint/listTargets', { uri })) as TargetItem[];
	const ok = (await client.connection.sendRequest('transportLint/testConnection', {
		uri,
		offset: items[0]!.offset,
	})) as TestConnectionResult;
	assert.ok('report' in ok);
	assert.equal(ok.report.ok, true, ok.report.verdict);
	const tls = (await client.connection.sendRequest('transportLint/testConnection', {
		uri,
		offset: items[1]!.offset + 3,
	})) as TestConnectionResult;
	assert.ok('report' in tls);
	assert.match(tls.report.verdict, /plaintext first/);
	const refused = (await client.connection.sendRequest('transportLint/testConnection', {
		uri,
		offset: items[2]!.offset,
	})) as TestConnectionResult;
	assert.deepEqual(refused, { refused: items[2]!.refused });
	const typed = (await client.connection.sendRequest('transportLint/testConnection', {
		target: `tcp://127.0.0.1:${port}`,
	})) as TestConnectionResult;
	assert.ok('report' in typed && typed.report.ok);
});

test('any LSP client: the transportLint.server.testConnection command returns the report as text', async () => {
	const init = (await client.connection.sendRequest('workspace/executeCommand', {
		command: TEST_CONNECTION_COMMAND,
		arguments: [{ target: `tls://127.0.0.1:${smtp}` }],
	})) as string;
	assert.equal(typeof init, 'string');
	assert.match(init, /plaintext first/);
	assert.match(init, new RegExp(`127\\.0\\.0\\.1:${smtp}`));
	const bad = await client.connection.sendRequest('workspace/executeCommand', { command: TEST_CONNECTION_COMMAND });
	assert.match(String(bad), /takes one argument/);
});

test('a client that has not said the workspace is trusted: Test connection refuses, nothing is connected to', async () => {
	let accepted = 0;
	const watched = net.createServer((c) => {
		accepted++;
		c.end();
	});
	const watchedPort = await listen(watched);
	const untrusted = new TestClient();
	try {
		await untrusted.initialize({ workspace: { configuration: true } });
		const result = (await untrusted.connection.sendRequest('transportLint/testConnection', {
			target: `tcp://127.0.0.1:${watchedPort}`,
		})) as TestConnectionResult;
		assert.deepEqual(result, {
			refused: 'Test connection is off in an untrusted workspace (the client has not said the workspace is trusted).',
		});
		const text = await untrusted.connection.sendRequest('workspace/executeCommand', {
			command: TEST_CONNECTION_COMMAND,
			arguments: [{ target: `tcp://127.0.0.1:${watchedPort}` }],
		});
		assert.match(String(text), /not said the workspace is trusted/);
		assert.equal(accepted, 0);
	} finally {
		await untrusted.stop();
		watched.close();
	}
});
