//! The workspace scan as a good citizen (issue 22): it publishes only the files that have problems (and the empty
//! publish that clears a file that had some), and it shows its progress through window/workDoneProgress, which the
//! user can cancel.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { SettledRequest } from '../../server/src/protocol';
import { TestClient } from '../helpers/lsp';

const CLEAN = 300;

function workspace(): { dir: string; uri: (rel: string) => string } {
	const dir = mkdtempSync(path.join(tmpdir(), 'transport-lint-scan-'));
	mkdirSync(path.join(dir, 'src'));
	for (let k = 0; k < CLEAN; k++)
		writeFileSync(path.join(dir, 'src', `clean${k}.php`), `<?php\n$fp = fsockopen('tcp://127.0.0.1:${1000 + k}');\n`);
	writeFileSync(path.join(dir, 'src/bad.php'), "<?php\nstream_socket_client('tcp://fe80::1:80');\n");
	writeFileSync(path.join(dir, '.env'), 'REDIS_URL=tcp://127.0.0.1:6379\n');
	return { dir, uri: (rel) => pathToFileURL(path.join(dir, rel)).href };
}

async function start(dir: string, capabilities: object, client = new TestClient()): Promise<TestClient> {
	await client.initialize(
		{ ...capabilities, workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
		{ rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }] },
	);
	return client;
}

test('the scan publishes only files with problems, and clears a file whose problems are gone', async () => {
	const { dir, uri } = workspace();
	const client = new TestClient();
	const published: string[] = [];
	client.onPublish = (p) => published.push(p.uri);
	try {
		await start(dir, {}, client);
		await client.waitFor(uri('src/bad.php'), (p) => p.diagnostics.length === 1);
		await client.connection.sendRequest(SettledRequest.type, null);
		// 302 files scanned, one with a problem: one publish.
		assert.deepEqual(published, [uri('src/bad.php')]);
		// Fixed on disk: the file that had a problem gets the empty publish that clears it.
		writeFileSync(path.join(dir, 'src/bad.php'), "<?php\nstream_socket_client('tcp://[fe80::1]:80');\n");
		await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
			changes: [{ uri: uri('src/bad.php'), type: 2 }],
		});
		await client.waitFor(uri('src/bad.php'), (p) => p.diagnostics.length === 0);
		// A clean file changed and still clean: nothing to clear, nothing published.
		writeFileSync(path.join(dir, 'src/clean0.php'), "<?php\n$fp = fsockopen('tcp://127.0.0.1:8080');\n");
		await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
			changes: [{ uri: uri('src/clean0.php'), type: 2 }],
		});
		await client.connection.sendRequest(SettledRequest.type, null);
		assert.deepEqual(published, [uri('src/bad.php'), uri('src/bad.php')]);
	} finally {
		await client.stop();
		rmSync(dir, { recursive: true, force: true });
	}
});

interface Progress {
	kind: 'begin' | 'report' | 'end';
	title?: string;
	message?: string;
	percentage?: number;
	cancellable?: boolean;
}

test('the scan reports its progress ("N / M files"), cancellable; a client without the capability gets none', async () => {
	const { dir, uri } = workspace();
	const client = new TestClient();
	const created: unknown[] = [];
	const progress: Progress[] = [];
	client.connection.onRequest('window/workDoneProgress/create', (p: { token: string }) => {
		created.push(p.token);
		return null;
	});
	client.connection.onNotification('$/progress', (p: { token: string; value: Progress }) => {
		assert.equal(p.token, created[0]);
		progress.push(p.value);
	});
	try {
		await start(dir, { window: { workDoneProgress: true } }, client);
		await client.waitFor(uri('src/bad.php'), (p) => p.diagnostics.length === 1);
		await client.connection.sendRequest(SettledRequest.type, null);
		assert.equal(created.length, 1);
		assert.deepEqual(progress[0], {
			kind: 'begin',
			title: 'Transport Lint',
			message: `0 / ${CLEAN + 2} files`,
			percentage: 0,
			cancellable: true,
		});
		assert.equal(progress.at(-1)!.kind, 'end');
		for (const p of progress.slice(1, -1)) {
			assert.equal(p.kind, 'report');
			assert.match(p.message!, new RegExp(`^\\d+ / ${CLEAN + 2} files$`));
		}
	} finally {
		await client.stop();
	}
	// Without window.workDoneProgress: no create request, no $/progress.
	const quiet = new TestClient();
	let asked = 0;
	quiet.connection.onRequest('window/workDoneProgress/create', () => {
		asked++;
		return null;
	});
	quiet.connection.onNotification('$/progress', () => {
		asked++;
	});
	try {
		await start(dir, {}, quiet);
		await quiet.waitFor(uri('src/bad.php'), (p) => p.diagnostics.length === 1);
		await quiet.connection.sendRequest(SettledRequest.type, null);
		assert.equal(asked, 0);
	} finally {
		await quiet.stop();
		rmSync(dir, { recursive: true, force: true });
	}
});

test('cancelling the progress stops the scan', async () => {
	const { dir, uri } = workspace();
	// The problem is in the file the walk reaches last: a cancelled scan does not get there.
	writeFileSync(path.join(dir, 'src/bad.php'), '<?php\n');
	writeFileSync(path.join(dir, 'src/zzz.php'), "<?php\nstream_socket_client('tcp://fe80::1:80');\n");
	const client = new TestClient();
	client.connection.onRequest('window/workDoneProgress/create', () => null);
	client.connection.onNotification('$/progress', (p: { token: string; value: Progress }) => {
		if (p.value.kind === 'begin')
			void client.connection.sendNotification('window/workDoneProgress/cancel', { token: p.token });
	});
	try {
		await start(dir, { window: { workDoneProgress: true } }, client);
		await client.connection.sendRequest(SettledRequest.type, null);
		assert.equal(client.diagnostics.get(uri('src/zzz.php')), undefined);
	} finally {
		await client.stop();
		rmSync(dir, { recursive: true, force: true });
	}
});
