//! A session in Restricted Mode (an untrusted folder): linting works, but nothing offers to connect — no Test
//! connection lenses, and the command refuses without connecting (its message offers Manage Workspace Trust).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsFor, EXTENSION_ID, until, workspaceUri } from '../suite/helpers';

export async function run(): Promise<void> {
	assert.equal(vscode.workspace.isTrusted, false, 'the folder is not trusted');
	const uri = workspaceUri('app.php');
	await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
	const diags = await diagnosticsFor(uri, (d) => d.length >= 2);
	assert.ok(diags.some((d) => codeOf(d) === 'tls-port-mismatch'));
	console.log('✔ linting works in Restricted Mode');
	const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
	assert.deepEqual(
		lenses.map((l) => l.command?.title),
		[],
		'no Test connection lens in Restricted Mode',
	);
	const line = (await vscode.workspace.openTextDocument(uri))
		.getText()
		.split('\n')
		.findIndex((l) => l.includes('tls://'));
	const report = await vscode.commands.executeCommand('transportLint.testConnection', {
		uri: uri.toString(),
		offset: (await vscode.workspace.openTextDocument(uri)).offsetAt(new vscode.Position(line, 40)),
	});
	assert.equal(report, undefined, 'Test connection refuses in Restricted Mode');
	const api = vscode.extensions.getExtension<{ refusals(): readonly (readonly [string, string])[] }>(
		EXTENSION_ID,
	)!.exports;
	assert.deepEqual(api.refusals().at(-1), [
		'Transport Lint: Test connection is off in Restricted Mode.',
		'Manage Workspace Trust',
	]);
	// The button runs VS Code's own command for the trust settings: it exists here, and opens the Workspace Trust editor.
	assert.ok((await vscode.commands.getCommands(true)).includes('workbench.trust.manage'));
	await vscode.commands.executeCommand('workbench.trust.manage');
	const label = () => vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '';
	await until(() => /Trust/i.test(label()));
	assert.match(label(), /Trust/i, 'the Workspace Trust editor opens');
	console.log(
		'✔ no lenses, and Test connection refuses, in Restricted Mode, with a Manage Workspace Trust button that opens the trust editor',
	);
}
