//! `npm run bench`: workspace lint vs ripgrep and Node's own read floor, keystroke latency vs a no-op server
//! (publishing nothing, and publishing Transport Lint's diagnostics), the server's initial scan and cold start, on the
//! generated tree and the real-world corpus. Prints one Markdown table. Options: --files N (10000), --edits N (500),
//! --runs N (3), --only a,b (parts: lint, realworld, keys1, keys10, lenses, scan, cold; all by default; realworld adds the
//! corpus to lint and scan). TRANSPORT_LINT_BENCH_PROF=dir writes the servers' CPU profiles there.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	createProtocolConnection,
	StreamMessageReader,
	StreamMessageWriter,
	type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { generate, rng } from './generate';

const ROOT = path.resolve(__dirname, '..', '..');
const arg = (name: string, def: number) => {
	const at = process.argv.indexOf(`--${name}`);
	const value = at < 0 ? def : Number(process.argv[at + 1]);
	if (!Number.isInteger(value) || value < 1) {
		console.error(`bench: --${name} takes a whole number above 0`);
		process.exit(2);
	}
	return value;
};
const FILES = arg('files', 10_000);
const EDITS = arg('edits', 500);
const RUNS = arg('runs', 3);
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]!.split(',') : undefined;
const part = (name: string) => !ONLY || ONLY.includes(name);
const PROF = process.env.TRANSPORT_LINT_BENCH_PROF;
/** The lines an editor shows: the lenses on them are resolved after each keystroke. */
const SCREEN = 50;
/** Keystrokes measured but also shown apart: the first ones run code for the first time. */
const WARM_UP = 50;
const rows: string[][] = [];
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const pct = (a: number[], p: number) =>
	[...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor((a.length * p) / 100))]!;

function timed(cmd: string, args: string[]): { seconds: number; rssMb: number } {
	const r = spawnSync('/usr/bin/time', ['-f', '%e %M', 'sh', '-c', `"$0" "$@" > /dev/null`, cmd, ...args], {
		encoding: 'utf8',
		maxBuffer: 1 << 28,
	});
	const [seconds, kb] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
	return { seconds: seconds!, rssMb: kb! / 1024 };
}

/** Runs alternate: the CLI, rg, the Node floor, RUNS times each; the median of each. */
function workspaceLint(tree: string, label: string): void {
	const lint: number[] = [];
	const grep: number[] = [];
	const floor: number[] = [];
	let rss = 0;
	for (let i = 0; i < RUNS; i++) {
		const l = timed(process.execPath, [path.join(ROOT, 'server/out/cli.js'), tree, '--format', 'json']);
		lint.push(l.seconds);
		rss = Math.max(rss, l.rssMb);
		grep.push(timed('rg', ['-j1', '--hidden', '--no-ignore', '-c', '[A-Za-z0-9+.-]{2,}://', tree]).seconds);
		floor.push(timed(process.execPath, [path.join(__dirname, 'read-floor.js'), tree]).seconds);
	}
	rows.push([
		`workspace lint (CLI, whole process), ${label}`,
		`${median(lint).toFixed(2)} s`,
		`rg -j1: ${median(grep).toFixed(2)} s; Node floor: ${median(floor).toFixed(2)} s`,
		`${(median(lint) / median(grep)).toFixed(1)}× rg, ${(median(lint) / median(floor)).toFixed(1)}× floor`,
		`peak RSS ${rss.toFixed(0)} MB`,
	]);
	rows.push([
		`… Node floor: walk, read, search bytes for :// (one thread, no analysis), ${label}`,
		`${median(floor).toFixed(2)} s`,
		`rg -j1: ${median(grep).toFixed(2)} s`,
		`${(median(floor) / median(grep)).toFixed(1)}×`,
		'',
	]);
	lintSeconds.set(label, median(lint));
}

/** The CLI's median time per tree, for the server scan's row. */
const lintSeconds = new Map<string, number>();

interface Server {
	send: <T>(method: string, params: unknown) => Promise<T>;
	notify: (method: string, params: unknown) => Promise<void>;
	next: (uri: string, version: number) => Promise<void>;
	/** The diagnostics of the last publish for a document. */
	published: Map<string, unknown[]>;
	logs: string[];
	pid: number;
	stop: () => Promise<void>;
}

function startServer(script: string, env?: Record<string, string>): Server {
	const prof = PROF ? ['--cpu-prof', `--cpu-prof-dir=${PROF}`] : [];
	const child = spawn(process.execPath, [...prof, script, '--stdio'], {
		stdio: 'pipe',
		env: { ...process.env, ...env },
	});
	const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
	const waiting = new Map<string, () => void>();
	const published = new Map<string, unknown[]>();
	const logs: string[] = [];
	conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
		published.set(p.uri, p.diagnostics);
		const key = `${p.uri}#${p.version}`;
		waiting.get(key)?.();
		waiting.delete(key);
	});
	conn.onNotification('window/logMessage', (m: { message: string }) => void logs.push(m.message));
	conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ maxFileSize: 1 << 30 })));
	conn.onRequest('client/registerCapability', () => null);
	conn.listen();
	return {
		send: (m, p) => conn.sendRequest(m, p),
		notify: (m, p) => conn.sendNotification(m, p),
		next: (uri, version) =>
			new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} in 60 s`)), 60_000);
				waiting.set(`${uri}#${version}`, () => {
					clearTimeout(timer);
					resolve();
				});
			}),
		published,
		logs,
		pid: child.pid!,
		// shutdown + exit, so that a server run with --cpu-prof writes its profile; killed if it does not exit soon.
		stop: async () => {
			const gone = new Promise<void>((r) => child.once('exit', () => r()));
			const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
			await Promise.race([conn.sendRequest('shutdown').then(() => conn.sendNotification('exit')), wait(2000)]);
			await Promise.race([gone, wait(3000)]);
			if (child.exitCode === null) child.kill();
			conn.dispose();
		},
	};
}

/** The LSP handshake, with `tree` as the workspace folder when given (the server then scans it). */
async function initialize(s: Server, tree?: string): Promise<void> {
	await s.send('initialize', {
		processId: process.pid,
		rootUri: tree === undefined ? null : pathToFileURL(tree).href,
		...(tree !== undefined && { workspaceFolders: [{ uri: pathToFileURL(tree).href, name: 'bench' }] }),
		capabilities: { workspace: { configuration: true } },
	});
	await s.notify('initialized', {});
}

/** Opens a PHP document (a file name in the temporary directory, not on disk) and waits for its diagnostics. */
async function openDocument(s: Server, name: string, text: string): Promise<string> {
	const uri = pathToFileURL(path.join(tmpdir(), name)).href;
	const opened = s.next(uri, 1);
	await s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'php', version: 1, text } });
	await opened;
	return uri;
}

/**
 * One keystroke as VS Code with this extension sends it: a character typed at the start of `line` (the document's
 * `version`), then what VS Code asks (seen in the e2e suite): the code actions at the cursor, the lenses of the lines
 * on screen and the margin the client asks for (client/src/lenses.ts), and the resolve of each lens on screen. Its
 * time is until the diagnostics are published and all three answered.
 */
async function keystroke(
	s: Server,
	uri: string,
	version: number,
	line: number,
): Promise<{ ms: number; lenses: number }> {
	const published = s.next(uri, version);
	const t0 = performance.now();
	let lenses = 0;
	await s.notify('textDocument/didChange', {
		textDocument: { uri, version },
		contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }],
	});
	const cursor = { line, character: 1 };
	await Promise.all([
		published,
		s.send('textDocument/codeAction', {
			textDocument: { uri },
			range: { start: cursor, end: cursor },
			context: { diagnostics: [], triggerKind: 2 },
		}),
		s
			.send<{ range: { start: { line: number } } }[]>('transportLint/codeLens', {
				textDocument: { uri },
				lines: [{ start: Math.max(0, line - SCREEN / 2 - 100), end: line + SCREEN / 2 + 100 }],
			})
			.then((found) => {
				lenses = found.length;
				const shown = found.filter((l) => Math.abs(l.range.start.line - line) <= SCREEN / 2);
				return Promise.all(shown.map((l) => s.send('codeLens/resolve', l)));
			}),
	]);
	return { ms: performance.now() - t0, lenses };
}

async function keystrokes(text: string, label: string): Promise<void> {
	const results: Record<string, number[]> = {};
	const noop = path.join(ROOT, 'out/bench/noop-server.js');
	/** Transport Lint's last diagnostics of the document, which the third server publishes on every change. */
	const payload = path.join(tmpdir(), `bench-payload-${process.pid}.json`);
	/** How many lenses Transport Lint's last answer had, which the third server answers with too. */
	const lensPayload = path.join(tmpdir(), `bench-lenses-${process.pid}.txt`);
	let diagnostics = 0;
	for (const [name, script, env] of [
		['transport-lint', path.join(ROOT, 'server/out/server.js'), undefined],
		['no-op', noop, undefined],
		[
			'no-op, same diagnostics',
			noop,
			{ TRANSPORT_LINT_BENCH_PAYLOAD: payload, TRANSPORT_LINT_BENCH_LENSES: lensPayload },
		],
	] as const) {
		const s = startServer(script, env);
		await initialize(s);
		const uri = await openDocument(s, `bench-${label}.php`, text);
		const rand = rng(7);
		const lines = text.split('\n').length;
		const times: number[] = [];
		let lensCount = 0;
		for (let v = 2; v < EDITS + 2; v++) {
			const k = await keystroke(s, uri, v, Math.floor(rand() * (lines - 1)));
			times.push(k.ms);
			lensCount = k.lenses;
		}
		if (name === 'transport-lint') writeFileSync(lensPayload, String(lensCount));
		results[name] = times;
		if (name === 'transport-lint') {
			const last = s.published.get(uri) ?? [];
			diagnostics = last.length;
			writeFileSync(payload, JSON.stringify(last));
		}
		await s.stop();
	}
	rmSync(payload, { force: true });
	rmSync(lensPayload, { force: true });
	const ours = results['transport-lint']!;
	const floor = results['no-op']!;
	const same = results['no-op, same diagnostics']!;
	rows.push([
		`keystroke → diagnostics, code actions and lenses, ${label} document (${EDITS} edits)`,
		`p50 ${pct(ours, 50).toFixed(2)} ms, p99 ${pct(ours, 99).toFixed(2)} ms`,
		`no-op server: p50 ${pct(floor, 50).toFixed(2)} ms, p99 ${pct(floor, 99).toFixed(2)} ms`,
		`p99 ${(pct(ours, 99) / pct(floor, 99)).toFixed(1)}×`,
		'',
	]);
	// The same edits without the first WARM-UP of each server: the cost of code run for the first time (interpreted,
	// then compiled) shows apart from typing's. An extra row; the one above is the measurement the targets are for.
	if (EDITS > 2 * WARM_UP) {
		const [o, f] = [ours.slice(WARM_UP), floor.slice(WARM_UP)];
		rows.push([
			`… the same, edits ${WARM_UP + 1}–${EDITS} only`,
			`p50 ${pct(o, 50).toFixed(2)} ms, p99 ${pct(o, 99).toFixed(2)} ms`,
			`no-op server: p50 ${pct(f, 50).toFixed(2)} ms, p99 ${pct(f, 99).toFixed(2)} ms`,
			`p99 ${(pct(o, 99) / pct(f, 99)).toFixed(1)}×`,
			'',
		]);
	}
	// What publishing this many diagnostics costs by itself (writing, reading and parsing them): the no-op server
	// again, publishing Transport Lint's last list for the document on every change. An extra row, for the reasons.
	rows.push([
		`… no-op server publishing the same ${diagnostics} diagnostics and answering with as many lenses`,
		`p50 ${pct(ours, 50).toFixed(2)} ms, p99 ${pct(ours, 99).toFixed(2)} ms`,
		`p50 ${pct(same, 50).toFixed(2)} ms, p99 ${pct(same, 99).toFixed(2)} ms`,
		`p99 ${(pct(ours, 99) / pct(same, 99)).toFixed(1)}×`,
		'',
	]);
}

async function initialScan(tree: string, label: string): Promise<void> {
	const s = startServer(path.join(ROOT, 'server/out/server.js'));
	const t0 = performance.now();
	await initialize(s, tree);
	while (!s.logs.some((l) => l.startsWith('Workspace scan:'))) await new Promise((r) => setTimeout(r, 20));
	const ms = performance.now() - t0;
	const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${s.pid}/status`, 'utf8'))![1]!;
	const cli = lintSeconds.get(label);
	rows.push([
		`server initial scan, ${label}`,
		`${(ms / 1000).toFixed(2)} s`,
		cli === undefined ? '' : `CLI: ${cli.toFixed(2)} s`,
		cli === undefined ? '' : `${(ms / 1000 / cli).toFixed(1)}×`,
		`server peak RSS ${(Number(hwm) / 1024).toFixed(0)} MB`,
	]);
	await s.stop();
}

/**
 * Typing during the initial scan (issue 22: the scan yields to keystrokes): a second server scans the tree while a
 * document outside it, open from the start, gets keystrokes one after the other; then as many keystrokes once the
 * scan is over, the reference of the same run.
 */
async function typingDuringScan(tree: string, label: string, text: string, docLabel: string): Promise<void> {
	const s = startServer(path.join(ROOT, 'server/out/server.js'));
	await initialize(s, tree);
	const uri = await openDocument(s, `bench-typing-${process.pid}.php`, text);
	const rand = rng(11);
	const lines = text.split('\n').length;
	const during: number[] = [];
	let v = 2;
	const scanned = () => s.logs.some((l) => l.startsWith('Workspace scan:'));
	while (!scanned()) during.push((await keystroke(s, uri, v++, Math.floor(rand() * (lines - 1)))).ms);
	const after: number[] = [];
	for (let k = 0; k < Math.max(during.length, 100); k++)
		after.push((await keystroke(s, uri, v++, Math.floor(rand() * (lines - 1)))).ms);
	await s.stop();
	rows.push([
		`keystroke during the server's initial scan, ${label} (${docLabel} document, ${during.length} edits)`,
		`p50 ${pct(during, 50).toFixed(2)} ms, p99 ${pct(during, 99).toFixed(2)} ms, max ${Math.max(...during).toFixed(0)} ms`,
		`after the scan: p50 ${pct(after, 50).toFixed(2)} ms, p99 ${pct(after, 99).toFixed(2)} ms, max ${Math.max(...after).toFixed(0)} ms`,
		`p99 ${(pct(during, 99) / pct(after, 99)).toFixed(1)}×`,
		'',
	]);
}

async function coldStart(): Promise<void> {
	const times: number[] = [];
	for (let i = 0; i < 5; i++) {
		const t0 = performance.now();
		const s = startServer(path.join(ROOT, 'server/out/server.js'));
		await s.send('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
		times.push(performance.now() - t0);
		await s.stop();
	}
	const kb = (f: string) => (statSync(path.join(ROOT, f)).size / 1024).toFixed(0);
	rows.push([
		'cold start (spawn → initialize result)',
		`${median(times).toFixed(0)} ms`,
		'',
		'',
		`bundles: server ${kb('server/out/server.js')} KiB, client ${kb('client/out/extension.js')} KiB`,
	]);
}

async function main(): Promise<void> {
	const tree = path.join(tmpdir(), `tl-bench-tree-${FILES}`);
	if (!existsSync(path.join(tree, '.ready'))) {
		mkdirSync(tree, { recursive: true });
		const g = generate(tree, FILES, 10_000);
		writeFileSync(path.join(tree, '.ready'), JSON.stringify(g));
	}
	const g = JSON.parse(readFileSync(path.join(tree, '.ready'), 'utf8')) as { files: number; bytes: number };
	console.error(`tree: ${g.files} files, ${(g.bytes / 1e6).toFixed(0)} MB at ${tree}`);
	const generated = `generated tree, ${g.files} files`;
	// The real-world corpus (test/realworld/setup.sh lays it out, downloading it once).
	const corpus = part('realworld')
		? spawnSync('bash', [path.join(ROOT, 'test/realworld/setup.sh')], { encoding: 'utf8' }).stdout.trim()
		: undefined;
	if (part('lint')) workspaceLint(tree, generated);
	if (corpus) workspaceLint(corpus, 'real-world corpus');
	const php = (bytes: number) => {
		const rand = rng(3);
		const parts = ['<?php'];
		let n = 5;
		while (n < bytes) {
			const l =
				rand() < 0.01
					? "$s = stream_socket_client('tcp://fd00::10:6379', $e, $m, 5);"
					: '$total = array_sum(array_map(fn ($x) => $x * 2, $items));';
			parts.push(l);
			n += l.length + 1;
		}
		return parts.join('\n');
	};
	if (part('keys1')) await keystrokes(php(1 << 20), '1 MB');
	if (part('keys10')) await keystrokes(php(10 << 20), '10 MB');
	// issue 24's case: 2 MB of PHP with a URL on every line, so a lens on every line.
	const urls = () => {
		const parts = ['<?php'];
		for (let i = 0; i < 13_500; i++)
			parts.push(
				`$s${i} = stream_socket_client('tcp://127.0.0.1:${1024 + i}', $errno, $errstr, 5); // ${'x'.repeat(70)}`,
			);
		return parts.join('\n');
	};
	if (part('lenses')) await keystrokes(urls(), '2 MB, 13,500 URLs');
	if (part('scan')) await initialScan(tree, generated);
	if (corpus && part('scan')) await initialScan(corpus, 'real-world corpus');
	if (part('scan')) await typingDuringScan(tree, generated, php(1 << 20), '1 MB');
	if (corpus && part('scan')) await typingDuringScan(corpus, 'real-world corpus', php(1 << 20), '1 MB');
	if (part('cold')) await coldStart();
	console.log('| measurement | Transport Lint | reference | ratio | memory / size |');
	console.log('| --- | --- | --- | --- | --- |');
	for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

void main().then(() => process.exit(0));
