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
import { writeTree } from '../helpers/tree';

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
	// Enough files that the scan's threads cannot finish them before the cancel arrives.
	for (let k = CLEAN; k < 10 * CLEAN; k++)
		writeFileSync(path.join(dir, 'src', `clean${k}.php`), `<?php\n$fp = fsockopen('tcp://127.0.0.1:${1000 + k}');\n`);
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

test('the scan on several threads publishes what one thread does, values of other files and PHP versions included', async () => {
	const { dir, uri } = workspace();
	// Files whose findings depend on others, spread over the walk so that different threads take them.
	writeTree(dir, {
		'a/Config.php': "<?php\nclass Config {\n    const SMTP = 'ssl://mx.example.org:25';\n}\n",
		'z/use.php': "<?php\n$a = fsockopen(Config::SMTP, -1);\nopen_smtp('fd00::25');\n",
		'm/Net.php': "<?php\nfunction open_smtp($h) {\n    return fsockopen('tcp://' . $h . ':25');\n}\n",
		'wp-config.php': "<?php\ndefine( 'SMTP_PORT', '587' );\ndefine( 'SMTP_SECURE', 'ssl' );\n",
		'src/zz/mail.php':
			'<?php\nfunction smtp( $m ) {\n\t$m->isSMTP();\n\t$m->Port = SMTP_PORT;\n\t$m->SMTPSecure = SMTP_SECURE;\n}\n',
		// tlsv1.3:// exists from PHP 7.4: flagged only under composer.json's ^7.1.
		'legacy/composer.json': '{"require": {"php": "^7.1"}}\n',
		'legacy/tls13.php': "<?php\nstream_socket_client('tlsv1.3://127.0.0.1:443');\n",
		'modern/tls13.php': "<?php\nstream_socket_client('tlsv1.3://127.0.0.1:443');\n",
		'config/.env': 'MAIL_HOST=smtp.example.org\nMAIL_PORT=587\nMAIL_ENCRYPTION=ssl\n',
	});
	const published = async (threads: number) => {
		const client = new TestClient({ TRANSPORT_LINT_THREADS: String(threads) });
		try {
			await start(dir, {}, client);
			// Open with other text than saved: the editor's text is what counts, whichever thread reaches the file.
			await client.connection.sendNotification('textDocument/didOpen', {
				textDocument: { uri: uri('src/bad.php'), languageId: 'php', version: 1, text: '<?php\n' },
			});
			await client.waitFor(uri('z/use.php'), (p) => p.diagnostics.length === 2, 20_000);
			await client.connection.sendRequest(SettledRequest.type, null);
			assert.ok(
				client.logs.some((l) =>
					new RegExp(`^Workspace scan: \\d+ files in \\d+ ms \\(${threads} threads?\\)$`).test(l),
				),
				client.logs.join('\n'),
			);
			const all = [...client.diagnostics.values()].filter((p) => p.diagnostics.length);
			// Closed, it shows its saved problems.
			await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri('src/bad.php') } });
			all.push(await client.waitFor(uri('src/bad.php'), (p) => p.diagnostics.length === 1));
			return all
				.map((p) => [
					p.uri.slice(pathToFileURL(dir).href.length),
					p.diagnostics.map((d) => [d.code, d.range, d.message]),
				])
				.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
		} finally {
			await client.stop();
		}
	};
	try {
		const one = await published(1);
		assert.deepEqual(
			one.map(([file, ds]) => [file, (ds as unknown[][]).map((d) => d[0])]),
			[
				['/config/.env', ['laravel-mail-encryption']],
				['/legacy/tls13.php', ['transport-unavailable']],
				['/src/bad.php', ['ipv6-brackets']],
				['/src/zz/mail.php', ['phpmailer-encryption']],
				['/z/use.php', ['tls-port-mismatch', 'ipv6-brackets']],
			],
		);
		assert.deepEqual(await published(3), one);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
