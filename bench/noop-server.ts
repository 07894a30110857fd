//! The protocol floor: a language server built on the same libraries that publishes empty diagnostics on every change.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
documents.onDidChangeContent(
	(e) => void connection.sendDiagnostics({ uri: e.document.uri, version: e.document.version, diagnostics: [] }),
);
documents.listen(connection);
connection.listen();
