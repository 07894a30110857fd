//! A minimal LSP client over stdio for tests: spawns the built server and speaks JSON-RPC to it.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
	createProtocolConnection,
	StreamMessageReader,
	StreamMessageWriter,
	type ProtocolConnection,
	type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from './paths';

export class TestClient {
	readonly connection: ProtocolConnection;
	readonly process: ChildProcess;
	readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
	private waiters: (() => void)[] = [];
	/** What the server gets for workspace/configuration, by section. */
	config: Record<string, unknown> = { transportLint: {}, 'files.exclude': {} };
	readonly stderr: string[] = [];
	/** The server's window/logMessage messages. */
	readonly logs: string[] = [];
	/** Called with every publish, before it replaces the last one. */
	onPublish?: (p: PublishDiagnosticsParams) => void;

	/** `env`: added to this process's environment for the server's. */
	constructor(env: Record<string, string> = {}) {
		this.process = spawn(process.execPath, [path.join(ROOT, 'server/out/server.js'), '--stdio'], {
			stdio: 'pipe',
			env: { ...process.env, ...env },
		});
		this.process.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
		this.connection = createProtocolConnection(
			new StreamMessageReader(this.process.stdout!),
			new StreamMessageWriter(this.process.stdin!),
		);
		this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
			this.onPublish?.(p);
			this.diagnostics.set(p.uri, p);
			const w = this.waiters;
			this.waiters = [];
			w.forEach((f) => f());
		});
		this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
			p.items.map((i) => this.config[i.section ?? ''] ?? null),
		);
		this.connection.onRequest('client/registerCapability', () => null);
		this.connection.onNotification('window/logMessage', (p: { message: string }) => void this.logs.push(p.message));
		this.connection.listen();
	}

	/**
	 * The LSP handshake: `initialize` (this process as the client, no root unless `params` names one) then
	 * `initialized`. Returns the server's InitializeResult.
	 */
	async initialize(capabilities: object, params: Record<string, unknown> = {}): Promise<{ capabilities: object }> {
		const result = await this.connection.sendRequest('initialize', {
			processId: process.pid,
			rootUri: null,
			workspaceFolders: null,
			capabilities,
			...params,
		});
		await this.connection.sendNotification('initialized', {});
		return result as { capabilities: object };
	}

	/** Resolves when the diagnostics published for `uri` satisfy `ok`; rejects after `ms`. */
	waitFor(uri: string, ok: (p: PublishDiagnosticsParams) => boolean, ms = 5000): Promise<PublishDiagnosticsParams> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(
				() =>
					reject(
						new Error(
							`no matching diagnostics for ${uri} within ${ms} ms; last: ${JSON.stringify(this.diagnostics.get(uri))}`,
						),
					),
				ms,
			);
			const check = (): void => {
				const p = this.diagnostics.get(uri);
				if (p && ok(p)) {
					clearTimeout(timer);
					resolve(p);
				} else this.waiters.push(check);
			};
			check();
		});
	}

	async stop(): Promise<void> {
		try {
			await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
			await this.connection.sendNotification('exit');
		} catch {
			/* already gone */
		}
		this.connection.dispose();
		if (this.process.exitCode === null) this.process.kill();
	}
}
