//! Puts the editor in the states the README shows and asks the runner (screenshots.ts) to photograph each one:
//! it writes .screens/<name>.request in the workspace and waits for .screens/<name>.done.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as net from 'node:net';
import * as vscode from 'vscode';

function ws(rel: string): vscode.Uri {
	return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, rel);
}

async function shoot(name: string): Promise<void> {
	const dir = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, '.screens');
	mkdirSync(dir, { recursive: true });
	writeFileSync(path.join(dir, `${name}.request`), '');
	const deadline = Date.now() + 30_000;
	while (!existsSync(path.join(dir, `${name}.done`))) {
		if (Date.now() > deadline) throw new Error(`screenshot ${name} was not taken`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

async function diagnostics(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
	for (let i = 0; i < 200; i++) {
		const d = vscode.languages.getDiagnostics(uri);
		if (d.length) return d;
		await new Promise<void>((resolve) => {
			const sub = vscode.languages.onDidChangeDiagnostics(() => (sub.dispose(), resolve()));
			setTimeout(() => (sub.dispose(), resolve()), 100);
		});
	}
	throw new Error(`no diagnostics for ${uri.path}`);
}

export async function run(): Promise<void> {
	const uri = ws('app.php');
	const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
	const diags = await diagnostics(uri);
	await vscode.commands.executeCommand('workbench.actions.view.problems');
	await vscode.window.showTextDocument(editor.document);
	await shoot('diagnostics');

	const ipv6 = diags.find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'ipv6-brackets')!;
	editor.selection = new vscode.Selection(ipv6.range.start, ipv6.range.start);
	await vscode.commands.executeCommand('editor.action.quickFix');
	await new Promise((r) => setTimeout(r, 800));
	await shoot('quick-fix');
	await vscode.commands.executeCommand('hideSuggestWidget');
	await vscode.commands.executeCommand('workbench.action.closePanel');

	const at = editor.document.positionAt(editor.document.getText().indexOf('ssl://smtp') + 4);
	editor.selection = new vscode.Selection(at, at);
	await vscode.commands.executeCommand('editor.action.showHover');
	await new Promise((r) => setTimeout(r, 800));
	await shoot('hover');

	const server = net.createServer((s) => {
		s.on('error', () => undefined);
		s.end('220 mail.test ESMTP\r\n');
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const port = (server.address() as net.AddressInfo).port;
	await editor.edit((b) =>
		b.replace(editor.document.lineAt(5).range, `$local = fsockopen('tls://127.0.0.1', ${port});`),
	);
	const offset = editor.document.getText().indexOf("'tls://127.0.0.1'") + 1;
	editor.selection = new vscode.Selection(editor.document.positionAt(offset), editor.document.positionAt(offset));
	await vscode.commands.executeCommand('transportLint.testConnection', { uri: uri.toString(), offset });
	await vscode.commands.executeCommand('transportLint.showOutput');
	await new Promise((r) => setTimeout(r, 800));
	await shoot('test-connection');
	server.close();
}
