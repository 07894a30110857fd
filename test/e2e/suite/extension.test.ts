import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, diagnosticsFor, EXTENSION_ID, until, workspaceUri, withGreeter } from './helpers';

suite('Transport Lint in VS Code', () => {
	test('a PHP file shows its diagnostics with codes, ranges and severities', async () => {
		const uri = workspaceUri('app.php');
		const doc = await vscode.workspace.openTextDocument(uri);
		await vscode.window.showTextDocument(doc);
		const diags = await diagnosticsFor(uri, (d) => d.length >= 2);
		assert.equal(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, true);
		const byCode = Object.fromEntries(diags.map((d) => [codeOf(d), d]));
		assert.deepEqual(Object.keys(byCode).sort(), ['ipv6-brackets', 'tls-port-mismatch']);
		const ipv6 = byCode['ipv6-brackets']!;
		assert.equal(ipv6.severity, vscode.DiagnosticSeverity.Error);
		assert.equal(doc.getText(ipv6.range), 'fd00::6379:6379');
		assert.equal(byCode['tls-port-mismatch']!.severity, vscode.DiagnosticSeverity.Warning);
		assert.equal(doc.getText(byCode['tls-port-mismatch']!.range), '587');
	});

	test('files in the workspace that were never opened get diagnostics', async () => {
		const env = await diagnosticsFor(workspaceUri('.env'), (d) => d.length === 1);
		assert.equal(codeOf(env[0]!), 'unknown-transport');
		const yaml = await diagnosticsFor(workspaceUri('config/services.yaml'), (d) => d.length === 1);
		assert.equal(codeOf(yaml[0]!), 'outdated-tls');
	});

	test('docker-compose.yml, whatever language VS Code gives it: squiggles, hover and quick fixes', async () => {
		const uri = workspaceUri('docker-compose.yml');
		const doc = await vscode.workspace.openTextDocument(uri);
		await vscode.window.showTextDocument(doc);
		console.log(`docker-compose.yml opens as language "${doc.languageId}"`);
		const [d] = await diagnosticsFor(uri, (x) => x.length === 1);
		assert.equal(codeOf(d!), 'ipv6-brackets');
		const pos = doc.positionAt(doc.getText().indexOf('fe80') + 2);
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
		const text = hovers
			.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
			.join('\n');
		assert.match(text, /\*\*ipv6-brackets\*\* \(error\)/);
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
			'vscode.executeCodeActionProvider',
			uri,
			d!.range,
			vscode.CodeActionKind.QuickFix.value,
		);
		assert.ok(
			actions.some((a) => a.title.includes('[fe80::1]:6379')),
			actions.map((a) => a.title).join(' | '),
		);
	});

	test('editing updates diagnostics, and fixing the URL clears them', async () => {
		const uri = workspaceUri('app.php');
		const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		const line = editor.document.lineAt(5);
		await editor.edit((b) => b.replace(line.range, "$local = fsockopen('TCP://127.0.0.1', 1);"));
		await diagnosticsFor(uri, (d) => d.some((x) => codeOf(x) === 'unknown-transport'));
		await editor.edit((b) => b.replace(editor.document.lineAt(5).range, "$local = fsockopen('127.0.0.1', 1);"));
		await diagnosticsFor(uri, (d) => !d.some((x) => codeOf(x) === 'unknown-transport') && d.length === 2);
	});

	test('quick fixes are offered and the preferred one gives the expected text', async () => {
		const uri = workspaceUri('app.php');
		const doc = await vscode.workspace.openTextDocument(uri);
		const ipv6 = (await diagnosticsFor(uri, (d) => d.some((x) => codeOf(x) === 'ipv6-brackets'))).find(
			(x) => codeOf(x) === 'ipv6-brackets',
		)!;
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
			'vscode.executeCodeActionProvider',
			uri,
			ipv6.range,
			vscode.CodeActionKind.QuickFix.value,
		);
		const titles = actions.map((a) => a.title);
		assert.ok(titles.includes('Bracket as [fd00::6379]:6379 (port 6379)'), titles.join(' | '));
		assert.ok(titles.includes('Disable ipv6-brackets for this line'));
		const preferred = actions.find((a) => a.isPreferred)!;
		assert.ok(await vscode.workspace.applyEdit(preferred.edit!));
		assert.equal(doc.lineAt(3).text, "$redis = stream_socket_client('tcp://[fd00::6379]:6379', $errno, $errstr, 2);");
		await diagnosticsFor(uri, (d) => d.length === 1 && codeOf(d[0]!) === 'tls-port-mismatch');
	});

	test('Fix All applies the fixes that keep what the code means and leaves the choices (a port to change)', async () => {
		const uri = workspaceUri('fix-all.php');
		const text = "<?php\n$a = fsockopen('fe80::1', 80);\n$b = stream_socket_client('tls://smtp.example.com:587');\n";
		await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
		const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		await diagnosticsFor(uri, (d) => d.length === 2);
		await vscode.commands.executeCommand('transportLint.fixAll');
		await diagnosticsFor(uri, (d) => d.length === 1 && codeOf(d[0]!) === 'tls-port-mismatch');
		assert.equal(editor.document.lineAt(1).text, "$a = fsockopen('[fe80::1]', 80);");
		assert.equal(editor.document.lineAt(2).text, "$b = stream_socket_client('tls://smtp.example.com:587');");
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
		await vscode.workspace.fs.delete(uri);
	});

	test('the context menu offers Test connection on a URL that can be tested only (transportLint.onTarget)', async () => {
		const api = vscode.extensions.getExtension<{ onTarget(): boolean }>(EXTENSION_ID)!.exports;
		const uri = workspaceUri('app.php');
		const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		const line = editor.document
			.getText()
			.split('\n')
			.findIndex((l) => l.includes("'tls://"));
		assert.ok(line > 0);
		const at = async (l: number, want: boolean) => {
			editor.selection = new vscode.Selection(l, 5, l, 5);
			const deadline = Date.now() + 10_000;
			while (api.onTarget() !== want && Date.now() < deadline) {
				// Lenses are asked for after changes and scrolls: ask now, as the editor would.
				await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri);
				editor.selection = new vscode.Selection(l, 6, l, 6);
				await new Promise((r) => setTimeout(r, 100));
			}
			assert.equal(api.onTarget(), want, `line ${l}`);
		};
		await at(line, true);
		await at(0, false);
	});

	test("a diagnostic's code link and Show Rules open the rule page rendered (the Markdown preview), not the raw file", async () => {
		// The link as the Problems panel and the hover open it: a command link (VS Code opens them with commands allowed).
		const [d] = await diagnosticsFor(workspaceUri('app.php'), (x) => x.length > 0);
		const target = (d!.code as { target: vscode.Uri }).target;
		assert.equal(target.scheme, 'command', String(target));
		assert.equal(target.path, 'transportLint.showRules');
		await vscode.commands.executeCommand(target.path, ...(JSON.parse(target.query) as unknown[]));
		await previewOpens(codeOf(d!));
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
		await vscode.commands.executeCommand('transportLint.showRules', 'ipv6-brackets');
		await previewOpens('ipv6-brackets');
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	});

	async function previewOpens(id: string): Promise<void> {
		await until(() => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputWebview);
		const tab = vscode.window.tabGroups.activeTabGroup.activeTab!;
		assert.ok(tab.input instanceof vscode.TabInputWebview, `${tab.label}: ${JSON.stringify(tab.input)}`);
		assert.match(tab.input.viewType, /markdown\.preview/);
		assert.match(tab.label, new RegExp(id));
	}

	test('the installed extension page is for users (no developer commands) and its images ship with it', function () {
		const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
		// Loaded from the repository (a development run), the page is the developer README: nothing to check.
		if (existsSync(path.join(root, 'package-lock.json'))) return this.skip();
		const page = readFileSync(path.join(root, 'readme.md'), 'utf8');
		assert.doesNotMatch(page, /npm ci|npm test/);
		const images = [...page.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
		assert.ok(images.length >= 4, images.join(', '));
		for (const image of images) {
			assert.doesNotMatch(image, /^https?:/, 'images are in the package, shown offline');
			assert.ok(existsSync(path.join(root, image)), `${image} is in the package`);
		}
	});

	test('hover explains a URL', async () => {
		const uri = workspaceUri('app.php');
		const doc = await vscode.workspace.openTextDocument(uri);
		const pos = doc.positionAt(doc.getText().indexOf('ssl://smtp') + 3);
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
		const text = hovers
			.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
			.join('\n');
		assert.match(text, /PHP will connect to the addresses of `smtp\.example\.com` port 465 with TLS/);
		assert.match(text, /465 — SMTPS/);
	});

	test('Test connection against a loopback server returns the verdict', async () => {
		await withGreeter(async (port) => {
			const uri = workspaceUri('app.php');
			const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
			await editor.edit((b) => b.replace(editor.document.lineAt(5).range, `$local = fsockopen('127.0.0.1', ${port});`));
			const offset = editor.document.getText().indexOf("'127.0.0.1'") + 1;
			const ok = await vscode.commands.executeCommand<{ ok: boolean; verdict: string }>(
				'transportLint.testConnection',
				{ uri: uri.toString(), offset },
			);
			assert.equal(ok.ok, true, ok.verdict);
			assert.match(ok.verdict, new RegExp(`TCP connection to 127\\.0\\.0\\.1 port ${port} works`));
			await editor.edit((b) =>
				b.replace(editor.document.lineAt(5).range, `$local = fsockopen('tls://127.0.0.1', ${port});`),
			);
			const tls = await vscode.commands.executeCommand<{ ok: boolean; verdict: string }>(
				'transportLint.testConnection',
				{ uri: uri.toString(), offset },
			);
			assert.equal(tls.ok, false);
			assert.match(tls.verdict, /plaintext first \(an SMTP greeting/);
		});
	});

	test('the Test connection quick pick tests a URL typed into it (a URL made at run time)', async () => {
		const api = vscode.extensions.getExtension<{ targetPick(): vscode.QuickPick<vscode.QuickPickItem> | undefined }>(
			EXTENSION_ID,
		)!.exports;
		await withGreeter(async (port) => {
			const editor = await vscode.window.showTextDocument(
				await vscode.workspace.openTextDocument(workspaceUri('app.php')),
			);
			editor.selection = new vscode.Selection(0, 0, 0, 0);
			const running = vscode.commands.executeCommand<{ ok: boolean; verdict: string } | undefined>(
				'transportLint.testConnection',
			);
			if (!(await until(() => !!api.targetPick(), 10_000, 50))) throw new Error('no quick pick of targets');
			const pick = api.targetPick()!;
			pick.value = `tcp://127.0.0.1:${port}`;
			if (!(await until(() => pick.activeItems[0]?.label === `tcp://127.0.0.1:${port}`, 10_000, 50)))
				throw new Error(`typed URL not offered: ${pick.items.map((i) => i.label).join(' | ')}`);
			await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
			const report = await running;
			assert.equal(report?.ok, true, report?.verdict);
			assert.match(report!.verdict, new RegExp(`TCP connection to 127\\.0\\.0\\.1 port ${port} works`));
		});
	});

	test('the transport URL grammar is contributed, injected into PHP and config languages', () => {
		const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
			contributes: { grammars: { scopeName: string; injectTo?: string[] }[] };
		};
		const injection = pkg.contributes.grammars.find((g) => g.scopeName === 'transport-url.injection');
		assert.ok(injection, 'injection grammar contributed');
		for (const host of ['text.html.php', 'source.yaml', 'source.json', 'source.ini', 'source.dotenv', 'text.xml'])
			assert.ok(injection.injectTo!.includes(host), host);
		assert.deepEqual(
			vscode.workspace.textDocuments.filter((d) => d.uri.path.endsWith('/.env')).map((d) => d.languageId),
			[],
			'the .env file was never opened by the suite',
		);
	});

	test('.env files get the dotenv language', async () => {
		const doc = await vscode.workspace.openTextDocument(workspaceUri('.env'));
		assert.equal(doc.languageId, 'dotenv');
	});

	test('a killed language server is restarted and diagnostics come back', async () => {
		const pids = serverPids();
		assert.equal(pids.length, 1, `one server process under this extension host (${pids.join(', ')})`);
		process.kill(Number(pids[0]), 'SIGKILL');
		const uri = workspaceUri('app.php');
		const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		const deadline = Date.now() + 20_000;
		for (;;) {
			const again = serverPids().filter((p) => p !== pids[0]);
			if (again.length) break;
			if (Date.now() > deadline) throw new Error('the server was not restarted');
			await new Promise((r) => setTimeout(r, 100));
		}
		await editor.edit((b) =>
			b.replace(editor.document.lineAt(5).range, "$local = fsockopen('sslv3://127.0.0.1', 443);"),
		);
		await diagnosticsFor(uri, (d) => d.some((x) => codeOf(x) === 'unknown-transport'));
	});

	test('a 2 MB file with 13,500 URLs gets lenses near what is on screen only, resolved, and more as it scrolls', async () => {
		const lines = ['<?php'];
		for (let i = 0; i < 13_500; i++)
			lines.push(
				`$s${i} = stream_socket_client('tcp://127.0.0.1:${1024 + (i % 60_000)}', $errno, $errstr, 5); // ${'x'.repeat(60)}`,
			);
		const uri = workspaceUri('big-lenses.php');
		await vscode.workspace.fs.writeFile(uri, Buffer.from(lines.join('\n') + '\n'));
		const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		assert.ok(editor.document.getText().length > 1_500_000);
		// Without a resolve count VS Code returns every lens as the provider gave it; with one, only that many, resolved.
		const lensesNear = async (line: number): Promise<vscode.CodeLens[]> => {
			const deadline = Date.now() + 20_000;
			for (;;) {
				const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
				if (lenses.some((l) => Math.abs(l.range.start.line - line) < 5)) return lenses;
				if (Date.now() > deadline) throw new Error(`no lens near line ${line}: ${lenses.length} lenses`);
				await new Promise((r) => setTimeout(r, 200));
			}
		};
		const top = await lensesNear(1);
		assert.ok(top.length < 1_000, `${top.length} lenses for a screen of lines`);
		assert.ok(
			top.every((l) => l.command === undefined),
			'sent without their commands: only the lenses on screen are resolved',
		);
		const resolved = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 5);
		assert.deepEqual(
			resolved.map((l) => [l.range.start.line, l.command?.title, l.command?.command]),
			[1, 2, 3, 4, 5].map((line) => [line, 'Test connection', 'transportLint.testConnection']),
		);
		editor.revealRange(new vscode.Range(10_000, 0, 10_000, 0), vscode.TextEditorRevealType.AtTop);
		const lower = await lensesNear(10_000);
		assert.ok(lower.length < 1_000, `${lower.length} lenses after scrolling`);
		assert.ok(!lower.some((l) => l.range.start.line < 5_000), 'the lenses follow the screen');
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
		await vscode.workspace.fs.delete(uri);
	});

	test('a misspelt rule id in the settings is said (warning with Open Settings, output channel), not ignored', async () => {
		const api = vscode.extensions.getExtension<{ settingsProblems(): readonly string[] }>(EXTENSION_ID)!.exports;
		const config = vscode.workspace.getConfiguration('transportLint');
		await config.update('rules', { 'tls-port-missmatch': 'off' }, vscode.ConfigurationTarget.Workspace);
		const said =
			'transportLint.rules: there is no rule "tls-port-missmatch" (did you mean "tls-port-mismatch"?); the entry is ignored.';
		try {
			if (!(await until(() => api.settingsProblems().includes(said), 20_000)))
				throw new Error(`not said; said: ${api.settingsProblems().join(' | ')}`);
		} finally {
			await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
		}
	});

	test('transportLint.trace.server alone turns the trace on (no log level to change) and "off" turns it off', async () => {
		const api = vscode.extensions.getExtension<{ traceLines(): number }>(EXTENSION_ID)!.exports;
		const config = vscode.workspace.getConfiguration('transportLint');
		const uri = workspaceUri('app.php');
		const hover = () =>
			vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 1));
		await vscode.workspace.openTextDocument(uri);
		const before = api.traceLines();
		await hover();
		assert.equal(api.traceLines(), before, 'off by default: nothing traced');
		await config.update('trace.server', 'messages', vscode.ConfigurationTarget.Workspace);
		try {
			const traced = await until(async () => {
				await hover();
				return api.traceLines() !== before;
			}, 20_000);
			if (!traced) throw new Error('nothing traced with trace.server "messages"');
		} finally {
			await config.update('trace.server', undefined, vscode.ConfigurationTarget.Workspace);
		}
		await new Promise((r) => setTimeout(r, 500));
		const after = api.traceLines();
		await hover();
		await new Promise((r) => setTimeout(r, 500));
		assert.equal(api.traceLines(), after, 'off again: nothing traced');
	});

	test('"Disable in settings" turns the rule off and its message offers Undo, which puts the setting back', async () => {
		const uri = workspaceUri('.env');
		const config = () => vscode.workspace.getConfiguration('transportLint', uri);
		assert.equal(config().inspect('rules')?.workspaceValue, undefined);
		await vscode.commands.executeCommand('transportLint.disableRule', {
			ruleId: 'unknown-transport',
			uri: uri.toString(),
		});
		await diagnosticsFor(uri, (d) => d.length === 0);
		assert.deepEqual(config().inspect('rules')?.workspaceValue, { 'unknown-transport': 'off' });
		// The message's first button, as a keyboard user presses it.
		await vscode.commands.executeCommand('notifications.focusFirstToast');
		await vscode.commands.executeCommand('notification.acceptPrimaryAction');
		await diagnosticsFor(uri, (d) => d.length === 1);
		assert.equal(config().inspect('rules')?.workspaceValue, undefined);
	});

	test('the PHP status item shows the PHP of the active file, the one its hover names (a binary wins over composer.json)', async () => {
		const api = vscode.extensions.getExtension<{ phpStatus(): { text: string; detail?: string; label?: string } }>(
			EXTENSION_ID,
		)!.exports;
		const composer = workspaceUri('legacy/composer.json');
		await vscode.workspace.fs.writeFile(composer, Buffer.from('{"require": {"php": "^7.4"}}\n'));
		const uri = workspaceUri('legacy/old.php');
		await vscode.workspace.fs.writeFile(uri, Buffer.from("<?php\n$s = stream_socket_client('tcp://fe80::1:80');\n"));
		const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		const [d] = await diagnosticsFor(uri, (x) => x.length > 0);
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
			'vscode.executeHoverProvider',
			uri,
			d!.range.start,
		);
		const hover = hovers
			.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
			.join('\n');
		// The hover names the version and where it comes from; the status item must say the same.
		const agrees = () =>
			hover.includes(`_Verdict for PHP ${api.phpStatus().text.slice(4)} (${api.phpStatus().detail})._`);
		await until(agrees);
		const status = api.phpStatus();
		assert.ok(agrees(), `${JSON.stringify(status)} vs ${hover}`);
		assert.equal(status.label, `Transport Lint judges for ${status.text}: ${status.detail}`);
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
		assert.ok(editor);
	});

	test('changing a setting changes the diagnostics', async () => {
		const uri = workspaceUri('.env');
		const config = vscode.workspace.getConfiguration('transportLint');
		await config.update('rules', { 'unknown-transport': 'off' }, vscode.ConfigurationTarget.Workspace);
		await diagnosticsFor(uri, (d) => d.length === 0);
		await config.update('rules', { 'unknown-transport': 'info' }, vscode.ConfigurationTarget.Workspace);
		const info = await diagnosticsFor(uri, (d) => d.length === 1);
		assert.equal(info[0]!.severity, vscode.DiagnosticSeverity.Information);
		await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
		await diagnosticsFor(uri, (d) => d.length === 1 && d[0]!.severity === vscode.DiagnosticSeverity.Error);
	});
});

/** The language server processes started by this extension host (its children running server/out/server.js). */
function serverPids(): string[] {
	return readdirSync('/proc').filter((p) => {
		if (!/^\d+$/.test(p) || !readCmdline(p).includes('server/out/server.js')) return false;
		try {
			return readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(process.pid);
		} catch {
			return false;
		}
	});
}

function readCmdline(pid: string): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
	} catch {
		return '';
	}
}
