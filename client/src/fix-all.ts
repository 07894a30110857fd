//! "Transport Lint: Fix all in file": asks the server for the fix-all edit of the active document and applies it.
import { window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FixAllRequest, fixAllSummary } from '../../server/src/protocol';

export async function fixAllInFile(client: LanguageClient): Promise<void> {
	const editor = window.activeTextEditor;
	if (!editor) {
		void window.showInformationMessage('Transport Lint: open a PHP or config file to fix it.');
		return;
	}
	const doc = editor.document;
	const result = await client.sendRequest(FixAllRequest.type, {
		textDocument: { uri: doc.uri.toString(), version: doc.version },
	});
	if (!result) {
		void window.showWarningMessage('Transport Lint: the file changed while fixing; run the command again.');
		return;
	}
	if (result.edit) {
		const applied = await workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(result.edit));
		if (!applied) {
			void window.showWarningMessage('Transport Lint: the file changed while fixing; run the command again.');
			return;
		}
	}
	void window.showInformationMessage(fixAllSummary(result));
}
