//! A second, short session, in a fresh window of a PHP workspace: the extension activates at startup (the workspace
//! holds PHP and .env files) and the workspace scan's problems show before any file is opened (issue 24 item 11);
//! a file opened while that scan may still run, then closed, keeps its problems (item 1).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsFor, EXTENSION_ID, workspaceUri } from '../suite/helpers';

export async function run(): Promise<void> {
	const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
	const uri = workspaceUri('.env');
	assert.deepEqual(
		vscode.workspace.textDocuments.map((d) => d.uri.toString()).filter((u) => u === uri.toString()),
		[],
	);
	const diags = await diagnosticsFor(uri, (d) => d.length === 1);
	assert.equal(codeOf(diags[0]!), 'unknown-transport');
	assert.equal(extension.isActive, true);
	console.log('✔ a PHP workspace activates the extension at startup, and the scan shows problems of unopened files');
	// Opened as the user opens it (vscode.open, not openTextDocument: a document an extension opened is kept for
	// minutes after its editor closes, and the close below must reach the server).
	await vscode.commands.executeCommand('vscode.open', uri);
	const doc = vscode.window.activeTextEditor!.document;
	assert.equal(doc.uri.toString(), uri.toString());
	assert.equal(doc.languageId, 'dotenv');
	await diagnosticsFor(uri, (d) => d.length === 1);

	// Closed, the file must show its saved content's problems, not none (issue 24 item 1: a file open during the scan
	// was never recorded as on disk, and closing it cleared them).
	const closed = new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('VS Code did not close the document within 15 s')), 15_000);
		const sub = vscode.workspace.onDidCloseTextDocument((d) => {
			if (d.uri.toString() !== uri.toString()) return;
			clearTimeout(timer);
			sub.dispose();
			resolve();
		});
	});
	await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	await closed;
	// A loss can only be seen by letting the server answer the close: it re-lints the saved file and publishes.
	await new Promise((r) => setTimeout(r, 2000));
	const after = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'transport-lint');
	assert.deepEqual(
		after.map((d) => codeOf(d)),
		['unknown-transport'],
		'the closed file keeps its problems',
	);
	console.log('✔ closing a file keeps its problems');
}
