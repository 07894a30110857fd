import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsFor, workspaceUri, withGreeter } from '../suite/helpers';

suite('Mail and Redis client configurations in VS Code', () => {
	test('a never-opened Laravel .env is judged with the version in composer.lock, pointing at MAIL_PORT', async () => {
		// Opening a PHP file starts the extension; its workspace scan reaches laravel/.env.
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('redis/cache.php')));
		await diagnosticsFor(workspaceUri('redis/cache.php'), (d) => d.length === 2);
		const uri = workspaceUri('laravel/.env');
		const diags = await diagnosticsFor(uri, (d) => d.some((x) => codeOf(x) === 'laravel-mail-encryption'));
		const d = diags.find((x) => codeOf(x) === 'laravel-mail-encryption')!;
		assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
		assert.match(d.message, /^On Laravel 8, MAIL_ENCRYPTION=ssl/);
		assert.equal(d.range.start.line, 9);
		assert.equal(d.relatedInformation?.length, 1);
		assert.equal(d.relatedInformation![0]!.location.uri.toString(), uri.toString());
		assert.equal(d.relatedInformation![0]!.location.range.start.line, 6);
		assert.ok(diags.some((x) => codeOf(x) === 'redis-tls-port'));
	});

	test('PHPMailer: both fixes are offered, and changing the port clears the diagnostic', async () => {
		const uri = workspaceUri('phpmailer/send.php');
		const doc = await vscode.workspace.openTextDocument(uri);
		await vscode.window.showTextDocument(doc);
		const first = (await diagnosticsFor(uri, (d) => d.length === 2))[0]!;
		assert.equal(codeOf(first), 'phpmailer-encryption');
		assert.equal(doc.getText(first.range), 'ENCRYPTION_SMTPS');
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
			'vscode.executeCodeActionProvider',
			uri,
			first.range,
			vscode.CodeActionKind.QuickFix.value,
		);
		const titles = actions.map((a) => a.title);
		assert.ok(titles.includes("Use STARTTLS ('tls') on this port"), titles.join(' | '));
		const port = actions.find((a) => a.title === "Use port 465 (SMTPS) with 'ssl'")!;
		assert.ok(await vscode.workspace.applyEdit(port.edit!));
		assert.equal(doc.lineAt(12).text.trim(), '$mail->Port = 465;');
		await diagnosticsFor(uri, (d) => d.length === 1 && d[0]!.range.start.line === 22);
		await vscode.commands.executeCommand('workbench.action.files.revert');
	});

	test('Test SMTP connection connects the way the library will', async () => {
		await withGreeter(async (port) => {
			const uri = workspaceUri('phpmailer/send.php');
			const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
			await editor.edit((b) => {
				b.replace(editor.document.lineAt(9).range, "    $mail->Host = '127.0.0.1';");
				b.replace(editor.document.lineAt(12).range, `    $mail->Port = ${port};`);
			});
			// Lenses come without their commands; VS Code resolves the ones it shows (here: with a resolve count).
			const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 50);
			const lens = lenses.find((l) => l.command?.title === 'Test SMTP connection' && l.range.start.line === 9);
			assert.ok(lens, lenses.map((l) => `${l.range.start.line}:${l.command?.title}`).join(' | '));
			const report = await vscode.commands.executeCommand<{ ok: boolean; verdict: string; library?: string }>(
				lens.command!.command,
				...lens.command!.arguments!,
			);
			assert.equal(report.ok, false, 'SMTPS to a plaintext greeter fails, as PHPMailer would');
			assert.match(
				report.library!,
				/^PHPMailer \(\$mail\) connects to 127\.0\.0\.1:\d+ with TLS from the first byte\.$/,
			);
			// Said in the configuration's terms: what to set, not tcp:// and stream_socket_enable_crypto().
			assert.match(report.verdict, /speaks plaintext first \("220 e2e ESMTP"\), but \$mail starts TLS at once/);
			assert.match(report.verdict, /Set SMTPSecure to /);
			await vscode.commands.executeCommand('workbench.action.files.revert');
		});
	});

	test('Detect the PHP in Use asks the real php-cli and hovers say which PHP a verdict is for', async () => {
		const state = await vscode.commands.executeCommand<{ env?: { version: string; transports?: string[] } }>(
			'transportLint.detectPhp',
		);
		assert.match(state?.env?.version ?? '', /^8\./, JSON.stringify(state));
		assert.ok(state!.env!.transports!.includes('tls'));
		const uri = workspaceUri('mailer.php');
		const doc = await vscode.workspace.openTextDocument(uri);
		await vscode.window.showTextDocument(doc);
		const at = doc.positionAt(doc.getText().indexOf('tls://smtp.example.com:587') + 3);
		const deadline = Date.now() + 20_000;
		let text = '';
		while (Date.now() < deadline) {
			const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
			text = hovers
				.flatMap((h) => h.contents)
				.map((c) => (typeof c === 'string' ? c : c.value))
				.join('\n');
			if (/Verdict for PHP 8\./.test(text)) break;
			await new Promise((r) => setTimeout(r, 200));
		}
		assert.match(text, new RegExp(`Verdict for PHP ${state!.env!.version.replace(/\./g, '\\.')} \\(`));
	});
});
