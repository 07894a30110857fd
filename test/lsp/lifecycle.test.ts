//! The server's LSP layer (server/src/lsp/connection.ts): lifecycle, exit codes, the client-process watchdog,
//! unknown messages, full-text changes and the IPC transport VS Code uses.
import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { IPCMessageReader, IPCMessageWriter, createProtocolConnection } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lsp';
import { ROOT } from '../helpers/paths';

const SERVER = path.join(ROOT, 'server/out/server.js');

function exited(p: { exitCode: number | null; once(e: 'exit', l: (code: number | null) => void): unknown }, ms = 8000) {
	return new Promise<number | null>((resolve, reject) => {
		if (p.exitCode !== null) return resolve(p.exitCode);
		const timer = setTimeout(() => reject(new Error(`the server did not exit within ${ms} ms`)), ms);
		p.once('exit', (code) => {
			clearTimeout(timer);
			resolve(code);
		});
	});
}

async function started(): Promise<TestClient> {
	const client = new TestClient();
	await client.initialize({});
	return client;
}

test('shutdown then exit ends with code 0; exit without shutdown with code 1', async () => {
	const a = await started();
	assert.equal(await a.connection.sendRequest('shutdown'), null);
	await a.connection.sendNotification('exit');
	assert.equal(await exited(a.process), 0);
	a.connection.dispose();

	const b = await started();
	await b.connection.sendNotification('exit');
	assert.equal(await exited(b.process), 1);
	b.connection.dispose();
});

test('the server exits when its input closes', async () => {
	const c = await started();
	c.process.stdin!.end();
	assert.equal(await exited(c.process), 1);
	c.connection.dispose();
});

test('an unknown request gets MethodNotFound, an unknown notification is ignored, a full-text change is applied', async () => {
	const c = await started();
	try {
		await assert.rejects(c.connection.sendRequest('transportLint/noSuchThing', {}), (e: { code?: number }) => {
			assert.equal(e.code, -32601);
			return true;
		});
		await c.connection.sendNotification('transportLint/noSuchNotification', { x: 1 });
		const uri = 'file:///tmp/transport-lint-lifecycle/a.php';
		await c.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'php', version: 1, text: '<?php stream_socket_client("tcp://h:1");' },
		});
		assert.equal((await c.waitFor(uri, (p) => p.version === 1)).diagnostics.length, 0);
		await c.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: 2 },
			contentChanges: [{ text: '<?php stream_socket_client("TCP://h:1");' }],
		});
		const p = await c.waitFor(uri, (x) => x.version === 2);
		assert.deepEqual(
			p.diagnostics.map((d) => [d.code, d.range.start.character]),
			[['unknown-transport', 28]],
		);
		await c.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
		await c.waitFor(uri, (x) => x.diagnostics.length === 0 && x.version === undefined);
	} finally {
		await c.stop();
	}
});

test('the server exits when the client process named by --clientProcessId is gone', async () => {
	const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 300)']);
	const server = spawn(process.execPath, [SERVER, '--stdio', `--clientProcessId=${parent.pid}`], { stdio: 'pipe' });
	await exited(parent);
	// The watchdog looks every 3 s.
	assert.equal(await exited(server), 1);
});

test('over node IPC (the transport VS Code uses) the server initializes and publishes', async () => {
	const child = fork(SERVER, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
	const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
	const published = new Promise<{ uri: string; diagnostics: { code: string }[] }>((resolve) =>
		connection.onNotification('textDocument/publishDiagnostics', resolve),
	);
	connection.listen();
	try {
		const init = (await connection.sendRequest('initialize', {
			processId: process.pid,
			rootUri: null,
			capabilities: {},
		})) as {
			capabilities: { textDocumentSync: { change: number } };
		};
		assert.equal(init.capabilities.textDocumentSync.change, 2);
		await connection.sendNotification('initialized', {});
		await connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: 'file:///tmp/x.env', languageId: 'dotenv', version: 1, text: 'A=tpc://h:1\n' },
		});
		const p = await Promise.race([
			published,
			new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no diagnostics over IPC')), 5000)),
		]);
		assert.equal(p.diagnostics[0]!.code, 'unknown-transport');
		await connection.sendRequest('shutdown');
		await connection.sendNotification('exit');
		assert.equal(await exited(child), 0);
	} finally {
		connection.dispose();
		if (child.exitCode === null) child.kill();
	}
});
