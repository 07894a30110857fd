//! The protocol floor: a language server on the same LSP layer as Transport Lint's (server/src/lsp/connection.ts on
//! vscode-jsonrpc, the same document store) that publishes empty diagnostics on every change. It never reads a
//! document's text, so it does not pay for making the string (the store makes it only when asked).
import { Connection } from '../server/src/lsp/connection';

const connection = new Connection();
connection.onInitialize(() => ({ capabilities: { textDocumentSync: 2 /* Incremental */ } }));
const publish = (doc: { uri: string; version: number }) =>
	void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [] });
connection.documents.onDidOpen(publish);
connection.documents.onDidChangeContent(publish);
connection.listen();
