//! A second, short session: in a fresh window, opening a .env file (and nothing else) activates the extension.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsFor, EXTENSION_ID, workspaceUri } from '../suite/helpers';

export async function run(): Promise<void> {
	const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
	assert.equal(extension.isActive, false, 'not active before a supported file is opened');
	const uri = workspaceUri('.env');
	const doc = await vscode.workspace.openTextDocument(uri);
	await vscode.window.showTextDocument(doc);
	assert.equal(doc.languageId, 'dotenv');
	const diags = await diagnosticsFor(uri, (d) => d.length === 1);
	assert.equal(codeOf(diags[0]!), 'unknown-transport');
	assert.equal(extension.isActive, true);
	console.log('✔ a .env file alone activates the extension');
}
