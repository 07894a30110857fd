import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
	CodeAction,
	CodeLens,
	Diagnostic,
	Hover,
	MarkupContent,
	TextDocumentEdit,
	WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { RULES } from '../../server/src/engine/index';
import { fixAllSummary, type FixAllResult } from '../../server/src/protocol';
import { TestClient } from '../helpers/lsp';

const dir = mkdtempSync(path.join(tmpdir(), 'transport-lint-features-'));
const docUri = pathToFileURL(path.join(dir, 'mail.php')).href;
const TEXT = [
	'<?php',
	"$a = stream_socket_client('tls://smtp.example.com:587', $errno, $errstr, 10);",
	"$b = fsockopen('fe80::1', 80);",
	"$c = stream_socket_client('TCP://fe80::1:80');",
	"$d = stream_socket_client('ssl://smtp.example.com:465');",
	'',
].join('\n');
let client: TestClient;
let version = 1;

before(async () => {
	client = new TestClient();
	await client.initialize({
		textDocument: {
			codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
			hover: { contentFormat: ['markdown'] },
		},
		workspace: { configuration: true },
	});
	await client.connection.sendNotification('textDocument/didOpen', {
		textDocument: { uri: docUri, languageId: 'php', version, text: TEXT },
	});
});

after(async () => {
	await client.stop();
	rmSync(dir, { recursive: true, force: true });
});

function apply(text: string, edit: WorkspaceEdit): string {
	const change = edit.documentChanges![0] as TextDocumentEdit;
	assert.equal(change.textDocument.uri, docUri);
	assert.equal(change.textDocument.version, version, 'edits are pinned to the document version');
	return TextDocument.applyEdits(TextDocument.create(docUri, 'php', version, text), change.edits as never);
}

async function diagnostics(): Promise<Diagnostic[]> {
	return (await client.waitFor(docUri, (p) => p.version === version)).diagnostics;
}

async function actionsFor(d: Diagnostic): Promise<CodeAction[]> {
	return (await client.connection.sendRequest('textDocument/codeAction', {
		textDocument: { uri: docUri },
		range: d.range,
		context: { diagnostics: [d], only: ['quickfix'] },
	})) as CodeAction[];
}

test('quick fixes are attached to their diagnostics; the preferred one applies cleanly', async () => {
	const diags = await diagnostics();
	assert.deepEqual(
		diags.map((d) => d.code),
		['tls-port-mismatch', 'ipv6-brackets', 'unknown-transport'],
	);
	const tlsActions = await actionsFor(diags[0]!);
	assert.deepEqual(
		tlsActions.map((a) => [a.title, a.isPreferred ?? false]),
		[
			// A choice, not preferred: Fix All leaves it.
			['Use port 465 (implicit TLS)', false],
			['Disable tls-port-mismatch for this line', false],
			['Disable tls-port-mismatch in settings', false],
		],
	);
	assert.deepEqual(tlsActions[0]!.diagnostics, [diags[0]]);
	assert.match(apply(TEXT, tlsActions[0]!.edit!), /'tls:\/\/smtp\.example\.com:465'/);
	assert.equal(tlsActions[2]!.command!.command, 'transportLint.disableRule');
	const line = apply(TEXT, tlsActions[1]!.edit!);
	assert.match(line, /\n\/\/ transport-lint-disable-next-line tls-port-mismatch\n\$a = /);
	const ipv6 = await actionsFor(diags[1]!);
	assert.equal(apply(TEXT, ipv6.find((a) => a.isPreferred)!.edit!).split('\n')[2], "$b = fsockopen('[fe80::1]', 80);");
});

test('source.fixAll.transportLint fixes what keeps the meaning of the code, including what a first fix uncovers, and leaves the choices', async () => {
	const actions = (await client.connection.sendRequest('textDocument/codeAction', {
		textDocument: { uri: docUri },
		range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
		context: { diagnostics: [], only: ['source.fixAll'] },
	})) as CodeAction[];
	assert.deepEqual(
		actions.map((a) => a.kind),
		['source.fixAll.transportLint'],
	);
	const fixed = apply(TEXT, actions[0]!.edit!);
	assert.equal(fixed.split('\n')[3], "$c = stream_socket_client('tcp://[fe80::1]:80');");
	assert.equal(fixed.split('\n')[1], TEXT.split('\n')[1], 'port 587 stays: changing it is a choice');
	const viaRequest = (await client.connection.sendRequest('transportLint/fixAll', {
		textDocument: { uri: docUri, version },
	})) as FixAllResult;
	assert.equal(apply(TEXT, viaRequest.edit!), fixed);
	assert.deepEqual([viaRequest.fixed, viaRequest.choices], [3, 1]);
	assert.equal(
		fixAllSummary(viaRequest),
		'Transport Lint applied 3 fixes; 1 problem has fixes to choose from (Quick Fix), which Fix All leaves to you.',
	);
	version++;
	await client.connection.sendNotification('textDocument/didChange', {
		textDocument: { uri: docUri, version },
		contentChanges: [{ text: fixed }],
	});
	assert.deepEqual(
		(await diagnostics()).map((d) => d.code),
		['tls-port-mismatch'],
	);
	const again = (await client.connection.sendRequest('transportLint/fixAll', {
		textDocument: { uri: docUri, version },
	})) as FixAllResult;
	assert.deepEqual(again, { edit: null, fixed: 0, choices: 1 });
	assert.equal(
		fixAllSummary(again),
		'Transport Lint: nothing to fix without a choice. 1 problem has fixes to choose from (Quick Fix): a port or a scheme to change.',
	);
	assert.equal(
		await client.connection.sendRequest('transportLint/fixAll', {
			textDocument: { uri: docUri, version: version - 1 },
		}),
		null,
	);
});

test('the PHP a document is judged for (the status item asks it): 8.2+ with no PHP configured, composer.json or binary', async () => {
	assert.deepEqual(await client.connection.sendRequest('transportLint/phpForDocument', { uri: docUri }), {
		version: '8.2+',
		source: 'no PHP configured or detected',
	});
	assert.equal(
		await client.connection.sendRequest('transportLint/phpForDocument', { uri: `${docUri}.not-open` }),
		null,
	);
});

test('the rules as Show Rules lists them: summary, severity for the document, page', async () => {
	const rules = (await client.connection.sendRequest('transportLint/rules', { uri: docUri })) as {
		id: string;
		summary: string;
		severity: string;
		page: string;
	}[];
	assert.equal(rules.length, RULES.length);
	const ipv6 = rules.find((r) => r.id === 'ipv6-brackets')!;
	assert.equal(ipv6.severity, 'error');
	assert.match(ipv6.page, /^file:\/\/.*\/docs\/rules\/ipv6-brackets\.md$/);
	assert.ok(existsSync(new URL(ipv6.page)), 'the page ships where the link points');
});

test('hover explains a URL, valid or not', async () => {
	const h = (await client.connection.sendRequest('textDocument/hover', {
		textDocument: { uri: docUri },
		position: { line: 4, character: 35 },
	})) as Hover;
	const md = (h.contents as MarkupContent).value;
	assert.match(md, /\| port \| 465 — SMTPS/);
	assert.match(md, /PHP will connect to the addresses of `smtp\.example\.com` port 465 with TLS/);
	assert.deepEqual(h.range, { start: { line: 4, character: 27 }, end: { line: 4, character: 53 } });
	const none = await client.connection.sendRequest('textDocument/hover', {
		textDocument: { uri: docUri },
		position: { line: 0, character: 1 },
	});
	assert.equal(none, null);
});

test('hover on a flagged URL leads with the problem and its long story, Markdown escaped', async () => {
	const uri = pathToFileURL(path.join(dir, 'hover.php')).href;
	await client.connection.sendNotification('textDocument/didOpen', {
		textDocument: { uri, languageId: 'php', version: 1, text: "<?php\n$b = fsockopen('fe80::1', 80);\n" },
	});
	await client.waitFor(uri, (p) => p.diagnostics.length === 1);
	const h = (await client.connection.sendRequest('textDocument/hover', {
		textDocument: { uri },
		position: { line: 1, character: 18 },
	})) as Hover;
	const md = (h.contents as MarkupContent).value;
	assert.match(
		md,
		/^\*\*ipv6-brackets\*\* \(error\): IPv6 address without brackets: PHP splits host and port at the first colon/,
	);
	// The long story (what the diagnostic's short message leaves out), then what the URL means to PHP.
	assert.match(md, /a DNS lookup that fails or reaches the wrong host/);
	assert.ok(md.indexOf('---') < md.indexOf('PHP will connect'));
});

test('no lens on a stream_socket_server() listen address (nothing to connect to) or a URL PHP cannot parse', async () => {
	const uri = docUri.replace(/\.php$/, '-server.php');
	const text =
		"<?php\n$s = stream_socket_server('tcp://0.0.0.0:8000');\n$c = stream_socket_client('tcp://127.0.0.1:8000');\n$m = stream_socket_client(' tcp://127.0.0.1:8000');\n";
	await client.connection.sendNotification('textDocument/didOpen', {
		textDocument: { uri, languageId: 'php', version: 1, text },
	});
	await client.waitFor(uri, (p) => p.version === 1);
	const lenses = (await client.connection.sendRequest('textDocument/codeLens', {
		textDocument: { uri },
	})) as CodeLens[];
	assert.deepEqual(
		lenses.map((l) => l.range.start.line),
		[2],
	);
	await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
});

test('code lenses offer Test connection above each URL PHP can connect to as written, resolved when shown; a setting turns them off', async () => {
	const lenses = (await client.connection.sendRequest('textDocument/codeLens', {
		textDocument: { uri: docUri },
	})) as CodeLens[];
	assert.deepEqual(
		lenses.map((l) => [l.range.start.line, l.command]),
		[1, 2, 3, 4].map((line) => [line, undefined]),
		'sent without their commands, which only the lenses on screen need',
	);
	const resolved = (await client.connection.sendRequest('codeLens/resolve', lenses[0])) as CodeLens;
	assert.deepEqual(resolved.command, {
		title: 'Test connection',
		command: 'transportLint.testConnection',
		arguments: [{ uri: docUri, offset: TEXT.indexOf('tls://') }],
	});
	// VS Code's client asks for the lines on screen only (client/src/lenses.ts): the same lenses, fewer of them.
	const visible = (await client.connection.sendRequest('transportLint/codeLens', {
		textDocument: { uri: docUri },
		lines: [
			{ start: 3, end: 3 },
			{ start: 2, end: 3 },
		],
	})) as CodeLens[];
	assert.deepEqual(visible, lenses.slice(1, 3));
	client.config = { transportLint: { codeLens: { enable: false } } };
	await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
	await new Promise((r) => setTimeout(r, 50));
	assert.deepEqual(await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: docUri } }), []);
});
