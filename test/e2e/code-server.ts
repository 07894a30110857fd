//! Starts code-server (VS Code 1.100.3 for the browser, installed by setup-code-server.sh) on a loopback port and
//! Debian's Chromium driven by playwright-core, with the extension and a test suite loaded the way VS Code's own
//! integration tests do (extensionDevelopmentPath / extensionTestsPath in the workbench payload).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { ROOT } from '../helpers/paths';

const CODE_SERVER = path.join(ROOT, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Session {
	page: Page;
	workspace: string;
	/** Resolves with the suite's exit code (0 passed, 1 failed). */
	exit: Promise<number>;
	close(): Promise<void>;
}

export interface SessionOptions {
	/** Compiled suite entry (exports run()), without ".js". */
	suite: string;
	/** Folder copied to a temp dir and opened as the workspace. */
	fixture: string;
	/** Installs this .vsix instead of loading the extension from the repository. */
	vsix?: string;
	/** Opens the workspace in Restricted Mode (workspace trust on, the folder not trusted). */
	restricted?: boolean;
	log?: (line: string) => void;
}

function ensureInstalled(): void {
	if (existsSync(CODE_SERVER) && existsSync(path.join(ROOT, '.vscode-test/code-server/.ready-4.100.3'))) return;
	const r = spawnSync('bash', [path.join(ROOT, 'test/e2e/setup-code-server.sh')], { stdio: 'inherit' });
	if (r.status !== 0) throw new Error('test/e2e/setup-code-server.sh failed: code-server is not installed');
}

async function freePort(): Promise<number> {
	const s = net.createServer();
	await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
	const port = (s.address() as net.AddressInfo).port;
	await new Promise((r) => s.close(r));
	return port;
}

async function waitForHttp(port: number, child: ChildProcess, ms: number): Promise<void> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
		const up = await new Promise<boolean>((resolve) => {
			const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
				res.resume();
				resolve(res.statusCode === 200);
			});
			req.on('error', () => resolve(false));
			req.on('timeout', () => req.destroy());
		});
		if (up) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`code-server did not answer on 127.0.0.1:${port} within ${ms} ms`);
}

/** Applies the console's printf-style formats (%c styles dropped), as the devtools console shows them. */
async function formatConsole(m: ConsoleMessage): Promise<string> {
	const args = await Promise.all(m.args().map((a) => a.jsonValue().catch(() => '?') as Promise<unknown>));
	const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
	const out: string[] = [];
	while (args.length) {
		const head = args.shift();
		if (typeof head !== 'string' || !/%[csdifoO]/.test(head)) {
			out.push(show(head));
			continue;
		}
		out.push(head.replace(/%[csdifoO]/g, (spec) => (spec === '%c' ? (args.shift(), '') : show(args.shift()))));
	}
	return out.join(' ').replace(/^\s*INFO\s+/, '');
}

const LOOPBACK_URL = /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

export async function startSession(opts: SessionOptions): Promise<Session> {
	ensureInstalled();
	const log = opts.log ?? ((l: string) => console.log(l));
	const tmp = mkdtempSync(path.join(tmpdir(), 'tl-e2e-'));
	const workspace = path.join(tmp, 'workspace');
	cpSync(opts.fixture, workspace, { recursive: true });
	const extensionsDir = path.join(tmp, 'extensions');
	// No gallery, updates, telemetry or experiments: the editor must not reach past loopback.
	const userDir = path.join(tmp, 'user', 'User');
	mkdirSync(userDir, { recursive: true });
	writeFileSync(
		path.join(userDir, 'settings.json'),
		JSON.stringify({
			'extensions.autoCheckUpdates': false,
			'extensions.autoUpdate': false,
			'update.mode': 'none',
			'telemetry.telemetryLevel': 'off',
			'workbench.enableExperiments': false,
			'workbench.startupEditor': 'none',
			'workbench.tips.enabled': false,
			'chat.disableAIFeatures': true,
			'files.exclude': { '**/.screens': true },
			// Restricted Mode without the dialog that asks whether to trust the folder.
			...(opts.restricted && { 'security.workspace.trust.startupPrompt': 'never' }),
		}),
	);
	const common = ['--user-data-dir', path.join(tmp, 'user'), '--extensions-dir', extensionsDir];
	if (opts.vsix) {
		const r = spawnSync(process.execPath, [CODE_SERVER, ...common, '--install-extension', opts.vsix], {
			encoding: 'utf8',
		});
		if (r.status !== 0) throw new Error(`installing ${opts.vsix} failed: ${r.stderr}`);
		log(r.stdout.trim());
	}
	const port = await freePort();
	const server = spawn(
		process.execPath,
		[
			CODE_SERVER,
			'--auth',
			'none',
			'--bind-addr',
			`127.0.0.1:${port}`,
			'--disable-telemetry',
			'--disable-update-check',
			...(opts.restricted ? [] : ['--disable-workspace-trust']),
			...common,
			workspace,
		],
		{
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
			env: {
				...process.env,
				EXTENSIONS_GALLERY: JSON.stringify({
					serviceUrl: 'http://127.0.0.1:9/gallery',
					itemUrl: 'http://127.0.0.1:9/items',
				}),
			},
		},
	);
	server.stdout!.on('data', (d: Buffer) => process.env.E2E_VERBOSE && log(`[code-server] ${d.toString().trim()}`));
	server.stderr!.on('data', (d: Buffer) => log(`[code-server] ${d.toString().trim()}`));
	let browser: Browser | undefined;
	const close = async (): Promise<void> => {
		await browser?.close().catch(() => undefined);
		try {
			process.kill(-server.pid!, 'SIGTERM');
		} catch {
			/* already gone */
		}
		if (!process.env.E2E_KEEP) rmSync(tmp, { recursive: true, force: true });
	};
	try {
		await waitForHttp(port, server, 60_000);
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		let settle: (code: number) => void = () => undefined;
		const exit = new Promise<number>((resolve) => (settle = resolve));
		await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
		await page.route('**/*', (route) =>
			LOOPBACK_URL.test(route.request().url()) || !/^(https?|wss?):/.test(route.request().url())
				? route.continue()
				: route.abort(),
		);
		page.on('console', (m) => void formatConsole(m).then(log));
		page.on('pageerror', (e) => log(`[page error] ${e.message}`));
		const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
		// VS Code runs extensionTestsPath only in an extension development host: with a .vsix installed, develop an
		// empty extension instead, so what runs is the installed package.
		const devPath = opts.vsix ? path.join(ROOT, 'test/e2e/host') : ROOT;
		const payload: [string, string][] = [
			['extensionDevelopmentPath', remote(devPath)],
			['extensionTestsPath', remote(opts.suite)],
		];
		const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
		await page.goto(url);
		return { page, workspace, exit, close };
	} catch (e) {
		await close();
		throw e;
	}
}
