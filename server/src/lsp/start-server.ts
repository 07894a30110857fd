//! Wires the language server: capabilities gated on the client's, document sync, settings, workspace scan.
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { CodeActionKind } from 'vscode-languageserver-types';
import { DEFAULT_INCLUDE } from '../engine/settings';
import {
	DetectPhpRequest,
	FIX_ALL_KIND,
	FixAllRequest,
	ListTargetsRequest,
	SettledRequest,
	TestConnectionRequest,
	TrustGrantedNotification,
} from '../protocol';
import { PhpEnvironments } from './php-env';
import { readCa } from './ca';
import { listTargets, testConnection, type ProbeSettings } from './test-connection';
import { codeActions, fixAllEdit } from './code-actions';
import { codeLenses } from './code-lens';
import { hover } from './hover';
import type { Connection } from './connection';
import { Diagnostics } from './diagnostics';
import { SettingsCache } from './settings';

export function startServer(connection: Connection): void {
	const documents = connection.documents;
	let settings = new SettingsCache(connection, false);
	let diagnostics = new Diagnostics(connection, settings, documents);
	let folders: string[] = [];
	let canRegisterConfig = false;
	let canRegisterWatchers = false;
	let hasFolderEvents = false;
	let canRefreshLenses = false;
	let php: PhpEnvironments | undefined;
	/** The first workspace scan has started: before that, a change only re-lints the open documents. */
	let scanStarted = false;
	const relintAll = async (): Promise<void> => {
		await diagnostics.refreshAll(documents.all(), scanStarted);
		if (canRefreshLenses) await connection.sendRequest('workspace/codeLens/refresh');
	};

	connection.onInitialize((params): InitializeResult => {
		const caps = params.capabilities;
		settings = new SettingsCache(connection, caps.workspace?.configuration === true);
		diagnostics = new Diagnostics(connection, settings, documents);
		canRegisterConfig = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
		canRegisterWatchers = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
		hasFolderEvents = caps.workspace?.workspaceFolders === true;
		canRefreshLenses = caps.workspace?.codeLens?.refreshSupport === true;
		folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
		diagnostics.setFolders(folders);
		php = new PhpEnvironments(connection, settings, relintAll);
		// The client says whether the workspace is trusted; without that word, the binary is never run.
		const options = params.initializationOptions as { trusted?: unknown } | undefined;
		php.trusted = options?.trusted === true;
		diagnostics.php = php;
		return {
			capabilities: {
				textDocumentSync: { openClose: true, change: 2 /* TextDocumentSyncKind.Incremental */ },
				codeActionProvider: caps.textDocument?.codeAction?.codeActionLiteralSupport
					? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] }
					: true,
				hoverProvider: true,
				codeLensProvider: { resolveProvider: false },
				workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
			},
			serverInfo: { name: 'transport-lint' },
		};
	});

	connection.onDidChangeWorkspaceFolders(async (e) => {
		if (!hasFolderEvents) return;
		folders = folders.filter((f) => !e.removed.some((r) => r.uri === f)).concat(e.added.map((a) => a.uri));
		await diagnostics.scanWorkspace(folders);
	});

	connection.onInitialized(async () => {
		if (canRegisterConfig) await connection.register('workspace/didChangeConfiguration', { section: 'transportLint' });
		if (canRegisterWatchers) {
			// composer.lock / composer.json: the package versions some verdicts depend on (Laravel's mail settings).
			const globs = [...DEFAULT_INCLUDE, '**/composer.lock'].map((globPattern) => ({ globPattern }));
			await connection.register('workspace/didChangeWatchedFiles', { watchers: globs });
		}
		// The binary usually answers in milliseconds: give it a moment so that the first scan already uses it
		// (open documents are linted meanwhile with what is known).
		if (php?.trusted) await Promise.race([php.detect(false), new Promise((r) => setTimeout(r, 2000))]);
		scanStarted = true;
		if (folders.length) {
			const started = Date.now();
			const count = await diagnostics.scanWorkspace(folders);
			connection.console.info(`Workspace scan: ${count} files in ${Date.now() - started} ms`);
		}
	});

	connection.onDidChangeConfiguration(async () => {
		settings.clear();
		if (php) void connection.work.track(php.detect(false));
		await diagnostics.refreshAll(documents.all());
		if (canRefreshLenses) await connection.sendRequest('workspace/codeLens/refresh');
	});

	connection.onDidChangeWatchedFiles(async (params) => {
		for (const change of params.changes)
			await diagnostics.fileChanged(change.uri, change.type === 3 /* FileChangeType.Deleted */);
		// Package versions changed: every file under that composer file may read differently.
		if (params.changes.some((c) => /\/composer\.(?:json|lock)$/.test(c.uri))) {
			diagnostics.projectChanged();
			await relintAll();
		}
	});

	const analysed = async (uri: string) => {
		const doc = documents.get(uri);
		return doc ? diagnostics.current(doc) : undefined;
	};
	connection.onCodeAction(async (params) => {
		const a = await analysed(params.textDocument.uri);
		return a ? codeActions(params, a, await settings.get(a.doc.uri)) : [];
	});
	connection.onHover(async (params) => {
		const a = await analysed(params.textDocument.uri);
		return a ? hover(a, params.position) : null;
	});
	connection.onCodeLens(async (params) => {
		const a = await analysed(params.textDocument.uri);
		return a && (await settings.get(a.doc.uri)).codeLens ? codeLenses(a) : [];
	});
	connection.onRequest(FixAllRequest.type, async (params) => {
		const a = await analysed(params.textDocument.uri);
		if (!a || a.doc.version !== params.textDocument.version) return null;
		return fixAllEdit(a.doc, a.kind, await settings.get(a.doc.uri)) ?? null;
	});

	connection.onRequest(ListTargetsRequest.type, async (params) => {
		const a = await analysed(params.uri);
		return a ? listTargets(a) : [];
	});
	connection.onRequest(TestConnectionRequest.type, async (params, token) => {
		const a = params.uri ? await analysed(params.uri) : undefined;
		const s = (await settings.get(params.uri ?? '')).probe;
		const ca = await readCa(s.caFile, params.uri);
		let phpBinary: ProbeSettings['php'];
		if (params.php) {
			const state = php ? await php.detect(false) : undefined;
			phpBinary = state?.env?.path
				? { binary: state.env.path }
				: { refused: `No PHP binary answered: ${state?.error ?? 'not initialized'}` };
		}
		return testConnection(params, a, { timeoutMs: s.timeoutMs, ca, udpPayload: s.udpPayload, php: phpBinary }, token);
	});

	// Answers once nothing is left to do: no analysis scheduled or running, no scan, no cross-file pass due.
	connection.onRequest(SettledRequest.type, async () => {
		await connection.work.settled();
		return null;
	});

	connection.onRequest(DetectPhpRequest.type, async () => {
		if (!php) return { assumed: 'PHP 8.2+', error: 'The server is not initialized.' };
		const state = await php.detect(true);
		return { ...state, assumed: php.state(await settings.get('')).assumed };
	});
	connection.onNotification(TrustGrantedNotification.type, () => {
		if (!php) return;
		php.trusted = true;
		void connection.work.track(php.detect(true));
	});

	documents.onDidOpen((doc) => diagnostics.schedule(doc));
	documents.onDidChangeContent((doc) => diagnostics.schedule(doc));
	documents.onDidClose((uri) => void connection.work.track(diagnostics.closed(uri)));

	connection.listen();
}
