//! A window reloaded with Transport Lint at work (issue 24 item 11: "provider FAILED: Channel has been closed" in the
//! extension host's log on reload). The first run opens files that have lenses, hovers and problems and reloads the
//! window; VS Code stops the extension host, which deactivates the extension (its client stops) while the editor may
//! still ask for lenses. The window comes back and the tests run again: the second run reads the first extension
//! host's log for what the extension's providers said while it stopped.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsFor, EXTENSION_ID, workspaceUri } from '../suite/helpers';

export async function run(): Promise<void> {
	const workspace = workspaceUri('.').fsPath;
	const marker = path.join(workspace, '.reloaded');
	if (!existsSync(marker)) {
		const uri = workspaceUri('app.php');
		const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		await diagnosticsFor(uri, (d) => d.length >= 2);
		await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
		// Edits keep the editor asking for lenses and diagnostics while the window goes.
		for (let i = 0; i < 5; i++) await editor.edit((b) => b.insert(new vscode.Position(0, 5), ' '));
		writeFileSync(marker, '');
		console.log('reloading the window');
		await vscode.commands.executeCommand('workbench.action.reloadWindow');
		// The extension host stops: this run ends with it.
		await new Promise(() => undefined);
	}
	assert.equal(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, true, 'active again after the reload');
	const logs = path.join(workspace, '..', 'user', 'logs');
	const hostLogs = readdirSync(logs).flatMap((session) =>
		readdirSync(path.join(logs, session))
			.filter((d) => d.startsWith('exthost'))
			.map((d) => path.join(logs, session, d, 'remoteexthost.log'))
			.filter(existsSync),
	);
	assert.ok(hostLogs.length >= 2, `the first extension host's log is there: ${hostLogs.join(', ')}`);
	const said = hostLogs
		.flatMap((f) => readFileSync(f, 'utf8').split('\n'))
		.filter((l) => /provider FAILED|Channel has been closed|Client is not running|transport-lint.*error/i.test(l));
	assert.deepEqual(said, [], 'nothing failed in the extension host while the window reloaded');
	console.log('✔ a window reload stops Transport Lint without a provider failing (the extension host logs)');
}
