//! The soak (issue 26): scripted editing, opening, saving and closing across the generated workspace for
//! SOAK_MINUTES (30 by default), the language server's RSS sampled every 10 s from /proc; at the end every editor is
//! closed and the Problems panel (vscode.languages.getDiagnostics) must equal the CLI's output on the saved files.
//! The numbers go to SOAK_REPORT (JSON) for `npm run soak` to print.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, EXTENSION_ID } from '../suite/helpers';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const SAMPLE_MS = 10_000;

/** The language server: the child of this extension host whose command line runs server.js. */
function serverPid(): number | undefined {
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const status = readFileSync(`/proc/${entry}/status`, 'utf8');
			const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
			const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
			if (ppid === process.pid && cmd.includes('server.js')) return Number(entry);
		} catch {
			/* gone */
		}
	}
	return undefined;
}

function rssMb(pid: number): number {
	const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
	return kb / 1024;
}

/** A deterministic random sequence (the soak is reproducible). */
function rng(seed: number): () => number {
	let s = seed;
	return () => {
		s = (s * 1103515245 + 12345) & 0x7fffffff;
		return s / 0x7fffffff;
	};
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until no diagnostics changed for `quietMs` (the server has caught up), at most `ms`. */
async function quiet(quietMs: number, ms: number): Promise<void> {
	let last = Date.now();
	const sub = vscode.languages.onDidChangeDiagnostics(() => (last = Date.now()));
	const deadline = Date.now() + ms;
	try {
		while (Date.now() - last < quietMs && Date.now() < deadline) await sleep(200);
	} finally {
		sub.dispose();
	}
}

const PIECES = [
	"'tcp://fe80::1:80'",
	':25',
	'ssl://',
	'x',
	'\n',
	' ',
	'6379',
	"fsockopen('ssl://mx.example.org', 25);\n",
];

suite('soak', () => {
	test(`${MINUTES} minutes of editing, opening, saving and closing; then the Problems panel equals the CLI`, async () => {
		const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
		await ext.activate();
		const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
		const files = (await vscode.workspace.findFiles('**/*.{php,env,yaml,yml}')).sort((a, b) =>
			a.fsPath.localeCompare(b.fsPath),
		);
		assert.ok(files.length >= 1000, `the soak workspace has ${files.length} files`);
		// The initial workspace scan publishes for every file with problems: wait for it.
		await quiet(5000, 300_000);
		const pid = serverPid();
		assert.ok(pid, 'the language server process was not found');
		const rand = rng(26);
		const samples: { minute: number; rssMb: number }[] = [];
		const started = Date.now();
		let nextSample = 0;
		let edits = 0;
		let opens = 0;
		let saves = 0;
		while (Date.now() - started < MINUTES * 60_000) {
			if (Date.now() >= nextSample) {
				samples.push({ minute: (Date.now() - started) / 60_000, rssMb: rssMb(pid!) });
				nextSample = Date.now() + SAMPLE_MS;
			}
			const uri = files[Math.floor(rand() * files.length)]!;
			const doc = await vscode.workspace.openTextDocument(uri);
			const editor = await vscode.window.showTextDocument(doc, { preview: false });
			opens++;
			// A burst of typing: pieces inserted or text deleted at random places, a keystroke every few ms.
			const burst = 1 + Math.floor(rand() * 30);
			for (let k = 0; k < burst; k++) {
				const at = doc.positionAt(Math.floor(rand() * doc.getText().length));
				await editor.edit((e) => {
					if (rand() < 0.7) e.insert(at, PIECES[Math.floor(rand() * PIECES.length)]!);
					else e.delete(new vscode.Range(at, doc.positionAt(doc.offsetAt(at) + 1 + Math.floor(rand() * 5))));
				});
				edits++;
				await sleep(5 + Math.floor(rand() * 30));
			}
			// Saved a third of the time (the file on disk changes); else the editor is reverted and closed.
			if (rand() < 0.33) {
				await doc.save();
				saves++;
				await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
			} else if (rand() < 0.5) {
				await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
			}
			// Sometimes several editors stay open for a while; close them all now and then.
			if (rand() < 0.1) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
			if (rand() < 0.05) {
				await vscode.commands.executeCommand('workbench.action.files.saveAll');
				await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			}
		}
		await vscode.commands.executeCommand('workbench.action.files.saveAll');
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await quiet(5000, 120_000);
		samples.push({ minute: (Date.now() - started) / 60_000, rssMb: rssMb(pid!) });

		// The Problems panel against the CLI on the saved files.
		const cli = path.join(ext.extensionPath, 'server/out/cli.js');
		// Exit 1: problems were found (the point here); anything else is a failure.
		const run = spawnSync(process.execPath, [cli, '--format', 'json', '.'], {
			cwd: root,
			encoding: 'utf8',
			maxBuffer: 1 << 28,
			env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
		});
		assert.ok(run.status === 0 || run.status === 1, `the CLI failed (${run.status}): ${run.stderr}`);
		const out = run.stdout;
		const fromCli = new Map<string, string[]>();
		for (const f of JSON.parse(out) as {
			file: string;
			line: number;
			column: number;
			endLine: number;
			endColumn: number;
			ruleId: string;
		}[]) {
			const key = path.resolve(root, f.file);
			const list = fromCli.get(key) ?? [];
			list.push(`${f.ruleId} ${f.line - 1}:${f.column - 1}-${f.endLine - 1}:${f.endColumn - 1}`);
			fromCli.set(key, list);
		}
		const fromPanel = new Map<string, string[]>();
		for (const [uri, list] of vscode.languages.getDiagnostics()) {
			const mine = list.filter((d) => d.source === 'transport-lint');
			if (!mine.length) continue;
			const r = (d: vscode.Diagnostic) =>
				`${codeOf(d)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
			fromPanel.set(uri.fsPath, mine.map(r));
		}
		const differ: string[] = [];
		for (const file of new Set([...fromCli.keys(), ...fromPanel.keys()])) {
			const a = (fromCli.get(file) ?? []).sort().join('\n');
			const b = (fromPanel.get(file) ?? []).sort().join('\n');
			if (a !== b) differ.push(`${path.relative(root, file)}:\n  CLI:   ${a}\n  panel: ${b}`);
		}
		const atFive = samples.filter((s) => s.minute >= 5 && s.minute < 6).map((s) => s.rssMb);
		const base = atFive.length ? Math.max(...atFive) : samples[0]!.rssMb;
		const end = samples[samples.length - 1]!.rssMb;
		const report = {
			minutes: MINUTES,
			files: files.length,
			opens,
			edits,
			saves,
			rssMb: { start: samples[0]!.rssMb, atFiveMinutes: base, end, max: Math.max(...samples.map((s) => s.rssMb)) },
			samples,
			problems: { cli: [...fromCli.values()].flat().length, panel: [...fromPanel.values()].flat().length },
			differ,
		};
		if (process.env.SOAK_REPORT) writeFileSync(process.env.SOAK_REPORT, JSON.stringify(report, null, 2));
		console.log(`soak: ${JSON.stringify({ ...report, samples: samples.length, differ: differ.length })}`);
		assert.deepEqual(differ, [], 'the Problems panel differs from the CLI');
		if (MINUTES >= 10) assert.ok(end <= base * 1.2, `server RSS grew from ${base.toFixed(0)} to ${end.toFixed(0)} MB`);
	});
});
