//! The standalone server's transports (issue 25): besides stdio (every other LSP test) and node-ipc (VS Code), a
//! socket — the server connects to the port the client listens on, as vscode-languageclient's TransportKind.socket
//! does — and no transport at all is a usage error, not a crash.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { test } from 'node:test';
import {
	createProtocolConnection,
	SocketMessageReader,
	SocketMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from '../helpers/paths';

const SERVER = path.join(ROOT, 'server/out/server.js');

test('--socket=PORT: initialize, diagnostics for an open document, shutdown and exit 0', async () => {
	const listener = net.createServer();
	await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
	const port = (listener.address() as net.AddressInfo).port;
	const accepted = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
	const server = spawn(process.execPath, [SERVER, `--socket=${port}`], { stdio: 'ignore' });
	const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
	try {
		const socket = await accepted;
		const connection = createProtocolConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
		const published = new Promise<{ diagnostics: { code: string }[] }>((resolve) =>
			connection.onNotification('textDocument/publishDiagnostics', resolve),
		);
		connection.listen();
		const init = (await connection.sendRequest('initialize', {
			processId: process.pid,
			rootUri: null,
			capabilities: {},
		})) as { serverInfo: { name: string } };
		assert.equal(init.serverInfo.name, 'transport-lint');
		await connection.sendNotification('initialized', {});
		await connection.sendNotification('textDocument/didOpen', {
			textDocument: {
				uri: 'file:///tmp/socket-test.php',
				languageId: 'php',
				version: 1,
				text: "<?php\nstream_socket_client('tcp://fe80::1:80');\n",
			},
		});
		assert.deepEqual(
			(await published).diagnostics.map((d) => d.code),
			['ipv6-brackets'],
		);
		await connection.sendRequest('shutdown');
		await connection.sendNotification('exit');
		assert.equal(await exited, 0);
		connection.dispose();
	} finally {
		server.kill();
		listener.close();
	}
});

test('without a transport: usage on stderr, exit 2', () => {
	const r = spawnSync(process.execPath, [SERVER], { encoding: 'utf8', timeout: 10_000 });
	assert.equal(r.status, 2);
	assert.match(r.stderr, /^transport-lint-server: the Transport Lint language server\./);
	assert.match(r.stderr, /\{"trusted": true\}/);
	const version = spawnSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8', timeout: 10_000 });
	assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});
