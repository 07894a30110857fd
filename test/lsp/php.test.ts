import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { PhpState, TestConnectionResult } from '../../server/src/protocol';
import { TestClient } from '../helpers/lsp';
import { greeter, listen, makePki, tlsServer } from '../helpers/peers';

const dir = mkdtempSync(path.join(tmpdir(), 'transport-lint-php-'));
const uri = pathToFileURL(path.join(dir, 'a.php')).href;
const REAL_PHP = '/usr/bin/php';

/** A fake `php` that answers the server's question with another PHP's facts, and leaves a mark when run. */
function fakePhp(name: string, facts: object): string {
	const file = path.join(dir, name);
	writeFileSync(file, `#!/bin/sh\ntouch "${file}.ran"\necho '${JSON.stringify(facts)}'\n`);
	chmodSync(file, 0o755);
	return file;
}
const NO_OPENSSL = fakePhp('php-no-openssl', {
	version: '8.1.2',
	transports: ['tcp', 'udp', 'unix', 'udg'],
	openssl: null,
	constants: ['STREAM_CRYPTO_METHOD_TLS_CLIENT'],
});
const PHP71 = fakePhp('php71', {
	version: '7.1.33',
	transports: ['tcp', 'udp', 'unix', 'udg', 'ssl', 'tls', 'tlsv1.0', 'tlsv1.1', 'tlsv1.2'],
	openssl: 'OpenSSL 1.0.2u  20 Dec 2019',
	constants: ['STREAM_CRYPTO_METHOD_TLS_CLIENT', 'STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT'],
});

const TEXT = [
	'<?php',
	"$a = stream_socket_client('ssl://smtp.example.com:465');",
	"$b = stream_socket_client('tls://smtp.example.com:465');",
	'stream_socket_enable_crypto($b, true, STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT);',
	'',
].join('\n');

async function start(trusted: boolean, executablePath: string): Promise<{ client: TestClient; states: PhpState[] }> {
	const client = new TestClient();
	const states: PhpState[] = [];
	client.connection.onNotification('transportLint/phpState', (s: PhpState) => void states.push(s));
	client.config = { transportLint: { php: { executablePath } }, 'files.exclude': {} };
	await client.initialize(
		{ workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } } },
		{ initializationOptions: { trusted } },
	);
	return { client, states };
}

let greeterServer: net.Server;
let greeterPort: number;
before(async () => {
	greeterServer = greeter();
	greeterPort = await listen(greeterServer);
});
after(() => {
	greeterServer.close();
	rmSync(dir, { recursive: true, force: true });
});

test('diagnostics follow the configured PHP: defaults first, then the binary’s answer, then another binary', async () => {
	const { client, states } = await start(true, NO_OPENSSL);
	try {
		await client.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'php', version: 1, text: TEXT },
		});
		const withFake = await client.waitFor(uri, (p) => p.diagnostics.some((d) => d.code === 'transport-unavailable'));
		assert.deepEqual(
			withFake.diagnostics.map((d) => [d.range.start.line, d.code]),
			[
				[1, 'transport-unavailable'],
				[2, 'transport-unavailable'],
				[3, 'php-version-compat'],
			],
		);
		assert.match(String(withFake.diagnostics[0]!.message), /the openssl extension is not loaded/);
		assert.equal(states.at(-1)?.env?.version, '8.1.2');
		const hover = (await client.connection.sendRequest('textDocument/hover', {
			textDocument: { uri },
			position: { line: 1, character: 30 },
		})) as { contents: { value: string } };
		assert.match(hover.contents.value, /Verdict for PHP 8\.1\.2 \(.*php-no-openssl 8\.1\.2\)/);

		// Another binary: PHP 7.1, where tls:// means TLS 1.0 only and TLSv1_3 constants do not exist.
		client.config = { transportLint: { php: { executablePath: PHP71 } }, 'files.exclude': {} };
		await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
		const with71 = await client.waitFor(uri, (p) =>
			p.diagnostics.some((d) => d.code === 'php-version-compat' && d.range.start.line === 2),
		);
		assert.deepEqual(
			with71.diagnostics.map((d) => [d.range.start.line, d.code]),
			[
				[2, 'php-version-compat'],
				[3, 'php-version-compat'],
			],
		);
		// The real PHP 8.2: nothing to say.
		client.config = { transportLint: { php: { executablePath: REAL_PHP } }, 'files.exclude': {} };
		await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
		await client.waitFor(uri, (p) => p.diagnostics.length === 0);
		const state = (await client.connection.sendRequest('transportLint/detectPhp', {})) as PhpState;
		assert.match(state.env!.version, /^8\./);
		assert.ok(state.env!.transports!.includes('tlsv1.3'));
		assert.match(String(state.env!.openssl), /^OpenSSL/);
	} finally {
		await client.stop();
	}
});

test('an untrusted workspace never runs the binary; a version from settings still applies', async () => {
	rmSync(`${PHP71}.ran`, { force: true });
	const { client, states } = await start(false, PHP71);
	try {
		client.config = { transportLint: { php: { executablePath: PHP71, version: '7.3' } }, 'files.exclude': {} };
		await client.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'php', version: 1, text: TEXT },
		});
		const p = await client.waitFor(uri, (x) => x.version === 1);
		assert.deepEqual(
			p.diagnostics.map((d) => [d.range.start.line, d.code]),
			[[3, 'php-version-compat']],
		);
		const state = (await client.connection.sendRequest('transportLint/detectPhp', {})) as PhpState;
		assert.equal(state.env, undefined);
		assert.match(state.error!, /untrusted/);
		assert.equal(existsSync(`${PHP71}.ran`), false, 'the binary was run');
		assert.ok(states.every((s) => !s.env));
		const refused = (await client.connection.sendRequest('transportLint/testConnection', {
			target: `tls://127.0.0.1:${greeterPort}`,
			php: true,
		})) as TestConnectionResult;
		assert.ok('refused' in refused && /untrusted/.test(refused.refused));
	} finally {
		await client.stop();
	}
});

test('Test connection with PHP: the user’s PHP on a plaintext greeter over tls:// says "wrong version number"', async () => {
	const { client } = await start(true, REAL_PHP);
	try {
		const r = (await client.connection.sendRequest('transportLint/testConnection', {
			target: `tls://127.0.0.1:${greeterPort}`,
			php: true,
		})) as TestConnectionResult;
		assert.ok('report' in r, JSON.stringify(r));
		const php = r.report.php!;
		assert.equal(php.ok, false);
		assert.match(php.version!, /^8\./);
		assert.ok(
			php.warnings.some((w) => /wrong version number/.test(w)),
			php.warnings.join('\n'),
		);
		assert.ok(php.warnings.some((w) => w.includes(`Unable to connect to tls://127.0.0.1:${greeterPort}`)));
		assert.match(r.report.verdict, /PHP 8\.[\d.]+ failed: .*wrong version number/);
		const ok = (await client.connection.sendRequest('transportLint/testConnection', {
			target: `tcp://127.0.0.1:${greeterPort}`,
			php: true,
		})) as TestConnectionResult;
		assert.ok('report' in ok && ok.report.php?.ok === true, JSON.stringify(ok));
	} finally {
		await client.stop();
	}
});

test('Test connection with PHP passes the literal context options the code gives the call', async () => {
	const pki = makePki();
	const server = tlsServer(pki.selfCert, pki.selfKey);
	const port = await listen(server);
	const { client } = await start(true, REAL_PHP);
	try {
		const doc = pathToFileURL(path.join(dir, 'ctx.php')).href;
		const text = [
			'<?php',
			'function connect() {',
			"\t$ctx = stream_context_create(['ssl' => ['verify_peer' => false, 'verify_peer_name' => false, 'allow_self_signed' => true]]);",
			`\treturn stream_socket_client('tls://127.0.0.1:${port}', $errno, $errstr, 5, STREAM_CLIENT_CONNECT, $ctx);`,
			'}',
			`stream_socket_client('tls://127.0.0.1:${port}', $errno, $errstr, 5);`,
			'',
		].join('\n');
		await client.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: doc, languageId: 'php', version: 1, text },
		});
		await client.waitFor(doc, (p) => p.version === 1);
		const test = async (line: number) =>
			(await client.connection.sendRequest('transportLint/testConnection', {
				uri: doc,
				offset: text.split('\n').slice(0, line).join('\n').length + 1 + text.split('\n')[line]!.indexOf('tls://'),
				php: true,
			})) as TestConnectionResult;
		const withContext = await test(3);
		assert.ok('report' in withContext, JSON.stringify(withContext));
		assert.equal(withContext.report.php?.ok, true, JSON.stringify(withContext.report.php));
		assert.equal(withContext.report.tls?.chainVerified, false, 'the probe itself still verifies');
		const without = await test(5);
		assert.ok('report' in without);
		assert.equal(without.report.php?.ok, false);
		assert.ok(
			without.report.php!.warnings.some((w) => /certificate verify failed/.test(w)),
			without.report.php!.warnings.join('\n'),
		);
	} finally {
		await client.stop();
		server.close();
	}
});

test('php.validate.executablePath is the default binary; composer.json require.php the default version', async () => {
	const client = new TestClient();
	const states: PhpState[] = [];
	client.connection.onNotification('transportLint/phpState', (s: PhpState) => void states.push(s));
	client.config = { transportLint: {}, 'php.validate.executablePath': NO_OPENSSL, 'files.exclude': {} };
	try {
		await client.initialize({ workspace: { configuration: true } }, { initializationOptions: { trusted: true } });
		const state = (await client.connection.sendRequest('transportLint/detectPhp', {})) as PhpState;
		assert.equal(state.env?.path, NO_OPENSSL);
	} finally {
		await client.stop();
	}
	// Untrusted: nothing is run, and the lowest PHP that composer.json allows is the one judged for.
	const project = path.join(dir, 'legacy');
	mkdirSync(project, { recursive: true });
	writeFileSync(path.join(project, 'composer.json'), JSON.stringify({ require: { php: '^7.1' } }));
	const untrusted = await start(false, PHP71);
	try {
		const doc = pathToFileURL(path.join(project, 'a.php')).href;
		await untrusted.client.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: doc, languageId: 'php', version: 1, text: TEXT },
		});
		const p = await untrusted.client.waitFor(doc, (x) => x.version === 1);
		assert.deepEqual(
			p.diagnostics.map((d) => [d.range.start.line, d.code]),
			[
				[2, 'php-version-compat'],
				[3, 'php-version-compat'],
			],
		);
		assert.match(String(p.diagnostics[0]!.message), /^On PHP 7\.1 \(composer\.json require\.php "\^7\.1"\)/);
	} finally {
		await untrusted.client.stop();
	}
});
