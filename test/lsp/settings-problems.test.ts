//! Invalid settings are said once each (issue 24 item 4): a transportLint/settingsProblems notification (the VS Code
//! client shows it with an "Open Settings" button) and a warning in the log, for any client. A CA file that cannot be
//! read is said when Test connection uses it, with the path it was looked for at: the workspace folder's, not the
//! document's, and ${workspaceFolder} expanded.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { TestClient } from '../helpers/lsp';

const dir = mkdtempSync(path.join(tmpdir(), 'tl-settings-'));
mkdirSync(path.join(dir, 'src'));
const folder = pathToFileURL(dir).href;
const doc = pathToFileURL(path.join(dir, 'src', 'a.php')).href;
let client: TestClient;
const problems: string[][] = [];
const warnings: string[] = [];

before(async () => {
	client = new TestClient();
	client.config = {
		transportLint: {
			rules: { 'tls-port-missmatch': 'warning' },
			probe: { caFile: '${workspaceFolder}/certs/ca.pem' },
			php: { executablePath: path.join(dir, 'no-php') },
		},
		'files.exclude': {},
	};
	client.connection.onNotification('transportLint/settingsProblems', (p: { problems: string[] }) => {
		problems.push(p.problems);
	});
	client.connection.onNotification('window/logMessage', (m: { type: number; message: string }) => {
		if (m.type === 2) warnings.push(m.message);
	});
	await client.initialize(
		{ workspace: { configuration: true, workspaceFolders: true } },
		{ workspaceFolders: [{ uri: folder, name: 'w' }], initializationOptions: { trusted: true } },
	);
	await client.connection.sendNotification('textDocument/didOpen', {
		textDocument: { uri: doc, languageId: 'php', version: 1, text: "<?php fsockopen('tls://127.0.0.1', 587);\n" },
	});
	await client.waitFor(doc, (p) => p.version === 1);
});

after(async () => {
	await client.stop();
	rmSync(dir, { recursive: true, force: true });
});

const until = async (ok: () => boolean) => {
	for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
	assert.ok(ok());
};

test('a misspelt rule id is said once, with the id it is near, however often the settings are read', async () => {
	const misspelt =
		'transportLint.rules: there is no rule "tls-port-missmatch" (did you mean "tls-port-mismatch"?); the entry is ignored.';
	// Both problems of the initial settings (the PHP binary's is found in the background) before counting.
	await until(() => problems.flat().includes(misspelt) && problems.flat().some((p) => p.includes('executablePath')));
	assert.ok(warnings.includes(misspelt), warnings.join('\n'));
	const count = problems.flat().length;
	await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
	await client.connection.sendRequest('transportLint/settled', null);
	assert.equal(problems.flat().length, count, 'not said again when the settings are read again');
	assert.equal(problems.flat().filter((p) => p === misspelt).length, 1);
});

test('a PHP binary the user named that is not executable is said, with what the verdicts are for instead', async () => {
	await until(() => problems.flat().some((p) => p.includes('php.executablePath')));
	assert.deepEqual(
		problems.flat().filter((p) => p.includes('php.executablePath')),
		[
			`transportLint.php.executablePath (or php.validate.executablePath) is "${path.join(dir, 'no-php')}": not an executable file. Verdicts are for the PHP version of transportLint.php.version or composer.json, else 8.2+.`,
		],
	);
});

test('a CA file that cannot be read is said at Test connection, looked for in the workspace folder', async () => {
	const result = (await client.connection.sendRequest('transportLint/testConnection', {
		target: 'tcp://127.0.0.1:1',
	})) as object;
	assert.ok('report' in result, JSON.stringify(result));
	const expected = path.join(dir, 'certs', 'ca.pem');
	await until(() => problems.flat().some((p) => p.includes('probe.caFile')));
	assert.deepEqual(
		problems.flat().filter((p) => p.includes('probe.caFile')),
		[
			`transportLint.probe.caFile is "\${workspaceFolder}/certs/ca.pem": ${expected} cannot be read (ENOENT); the test trusts the system's CAs only.`,
		],
	);
});
