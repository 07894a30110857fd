//! A session in a workspace with nothing Transport Lint reads (a text file only): the extension stays inactive, even
//! with a URL-like text open.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, workspaceUri } from '../suite/helpers';

export async function run(): Promise<void> {
	const doc = await vscode.workspace.openTextDocument(workspaceUri('notes.txt'));
	await vscode.window.showTextDocument(doc);
	// A negative can only be observed by letting the editor settle; activation events fire synchronously on open.
	await new Promise((r) => setTimeout(r, 1000));
	const open = vscode.workspace.textDocuments.map((d) => `${d.uri.toString()} (${d.languageId})`);
	assert.equal(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, false, `active; open: ${open.join(', ')}`);
	assert.deepEqual(vscode.languages.getDiagnostics(doc.uri), []);
	console.log('✔ a workspace with nothing to lint does not activate the extension');
}
