//! The protocol floor: a language server on the same LSP layer as Transport Lint's (server/src/lsp/connection.ts on
//! vscode-languageserver, the same document store) that publishes empty diagnostics on every change. It never reads a
//! document's text, so it does not pay for making the string (the store makes it only when asked).
//! With TRANSPORT_LINT_BENCH_PAYLOAD=<file of a JSON array>, it publishes that list instead, the same objects every
//! time: what sending, reading and parsing that many diagnostics costs, with no analysis. It answers code actions with
//! none, and the lens requests a keystroke brings (bench/run.ts) with nothing, or as many lenses as Transport Lint did, where it did.
import { readFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { openConnection } from '../server/src/lsp/connection';

const file = process.env.TRANSPORT_LINT_BENCH_PAYLOAD;
const diagnostics = file ? (JSON.parse(readFileSync(file, 'utf8')) as Diagnostic[]) : [];
const lensFile = process.env.TRANSPORT_LINT_BENCH_LENSES;
/**
 * With TRANSPORT_LINT_BENCH_LENSES=<file holding a count>, it answers the lens request with that many lenses, one a
 * line from the first line asked for (Transport Lint's are on the URLs' lines there): the client then resolves as many
 * of them as it does of Transport Lint's, and each resolve answers the same command, with the same argument.
 */
const lensCount = lensFile ? Number(readFileSync(lensFile, 'utf8')) : 0;
const lensesFrom = (first: number) =>
	Array.from({ length: lensCount }, (_, k) => ({
		range: { start: { line: first + k, character: 0 }, end: { line: first + k, character: 0 } },
		data: { uri: 'file:///bench.php', offset: (first + k) * 150 },
	}));
const { connection, documents } = openConnection();
connection.onInitialize(() => ({
	capabilities: {
		textDocumentSync: 2 /* Incremental */,
		codeActionProvider: true,
		codeLensProvider: { resolveProvider: true },
	},
}));
connection.onCodeAction(() => []);
connection.onRequest('transportLint/codeLens', (p: { lines: { start: number }[] }) =>
	lensesFrom(p.lines[0]?.start ?? 0),
);
connection.onCodeLensResolve((l) => ({
	...l,
	command: { title: 'Test connection', command: 'transportLint.testConnection', arguments: [l.data] },
}));
documents.onDidChangeContent(
	(e) => void connection.sendDiagnostics({ uri: e.document.uri, version: e.document.version, diagnostics }),
);
connection.listen();
