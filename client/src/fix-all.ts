//! "Transport Lint: Fix all in file": asks the server for the fix-all edit of the active document and applies it.
import { window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FixAllRequest } from '../../server/src/protocol';

export async function fixAllInFile(client: LanguageClient): Promise<void> {
	const editor = window.activeTextEditor;
	if (!editor) return;
	const doc = editor.document;
	const edit = await client.sendRequest(FixAllRequest.type, {
		textDocument: { uri: doc.uri.toString(), version: doc.version },
	});
	if (!edit) {
		void window.showInformationMessage('Transport Lint: nothing to fix in this file.');
		return;
	}
	const applied = await workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(edit));
	if (!applied) void window.showWarningMessage('Transport Lint: the file changed while fixing; run the command again.');
}
