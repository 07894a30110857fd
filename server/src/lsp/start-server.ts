//! Wires the language server: capabilities read once from the client's, document sync, settings, workspace scan.
//! Handlers that start work hand it to `work` (what `transportLint/settled` waits for).
import {
	DidChangeConfigurationNotification,
	type CancellationToken,
	DidChangeWatchedFilesNotification,
	type ClientCapabilities,
	type InitializeResult,
} from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver-types';
import { DEFAULT_INCLUDE } from '../engine/settings';
import { RULES } from '../engine/index';
import { DOCS_BASE } from '../docs-link';
import { counted } from '../engine/text';
import {
	DetectPhpRequest,
	FIX_ALL_KIND,
	FixAllRequest,
	ListTargetsRequest,
	NO_PHP,
	PhpForDocumentRequest,
	RulesRequest,
	SettledRequest,
	TEST_CONNECTION_COMMAND,
	TestConnectionRequest,
	TrustGrantedNotification,
	VisibleCodeLensRequest,
	type TestConnectionParams,
	type TestConnectionResult,
} from '../protocol';
import { formatReport } from '../probe/format';
import { PhpEnvironments } from './php-env';
import { readCa } from './ca';
import { listTargets, testConnection, type ProbeSettings } from './test-connection';
import { codeActions, fixAllResult } from './code-actions';
import { codeLenses, codeLensesOn, resolveCodeLens } from './code-lens';
import { hover } from './hover';
import type { ServerConnection } from './connection';
import { Diagnostics } from './diagnostics';
import { SettingsCache } from './settings';

/** What the server does with the client's capabilities. */
interface ClientSupport {
	/** workspace/configuration: settings are pulled per resource (else the defaults). */
	configuration: boolean;
	registerConfig: boolean;
	registerWatchers: boolean;
	folderEvents: boolean;
	refreshLenses: boolean;
	codeActionLiterals: boolean;
}

function supportOf(caps: ClientCapabilities): ClientSupport {
	return {
		configuration: caps.workspace?.configuration === true,
		registerConfig: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
		registerWatchers: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
		folderEvents: caps.workspace?.workspaceFolders === true,
		refreshLenses: caps.workspace?.codeLens?.refreshSupport === true,
		codeActionLiterals: caps.textDocument?.codeAction?.codeActionLiteralSupport !== undefined,
	};
}

export function startServer(server: ServerConnection): void {
	const { connection, documents, work } = server;
	let support = supportOf({});
	let settings = new SettingsCache(connection, false);
	let diagnostics = new Diagnostics(server, settings);
	let folders: string[] = [];
	let php: PhpEnvironments | undefined;
	/** The first workspace scan has started: before that, a change only re-lints the open documents. */
	let scanStarted = false;
	const refreshLenses = async (): Promise<void> => {
		if (support.refreshLenses) await connection.sendRequest('workspace/codeLens/refresh');
	};
	const relintAll = async (): Promise<void> => {
		await diagnostics.refreshAll(documents.all(), scanStarted);
		await refreshLenses();
	};

	connection.onInitialize((params): InitializeResult => {
		support = supportOf(params.capabilities);
		settings = new SettingsCache(connection, support.configuration);
		diagnostics = new Diagnostics(server, settings);
		folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
		diagnostics.setFolders(folders);
		php = new PhpEnvironments(server, settings, relintAll);
		// The client says whether the workspace is trusted; without that word, the binary is never run.
		const options = params.initializationOptions as { trusted?: unknown } | undefined;
		php.trusted = options?.trusted === true;
		diagnostics.php = php;
		return {
			capabilities: {
				textDocumentSync: { openClose: true, change: 2 /* TextDocumentSyncKind.Incremental */ },
				codeActionProvider: support.codeActionLiterals
					? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] }
					: true,
				hoverProvider: true,
				codeLensProvider: { resolveProvider: true },
				executeCommandProvider: { commands: [TEST_CONNECTION_COMMAND] },
				workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
			},
			serverInfo: { name: 'transport-lint' },
		};
	});

	connection.onInitialized(() => void work.track(initialized()));
	async function initialized(): Promise<void> {
		// The library has the event only when the client announced workspace folders (in `initialize`).
		if (support.folderEvents)
			connection.workspace.onDidChangeWorkspaceFolders((e) => {
				folders = folders.filter((f) => !e.removed.some((r) => r.uri === f)).concat(e.added.map((a) => a.uri));
				void work.track(diagnostics.scanWorkspace(folders));
			});
		if (support.registerConfig)
			await connection.client.register(DidChangeConfigurationNotification.type, { section: 'transportLint' });
		if (support.registerWatchers) {
			// composer.lock / composer.json: the package versions some verdicts depend on (Laravel's mail settings).
			const globs = [...DEFAULT_INCLUDE, '**/composer.lock'].map((globPattern) => ({ globPattern }));
			await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: globs });
		}
		// The binary usually answers in milliseconds: give it a moment so that the first scan already uses it
		// (open documents are linted meanwhile with what is known).
		if (php?.trusted) await Promise.race([php.detect(false), new Promise((r) => setTimeout(r, 2000))]);
		scanStarted = true;
		if (folders.length) {
			const started = Date.now();
			const count = await diagnostics.scanWorkspace(folders);
			connection.console.info(
				`Workspace scan: ${count} files in ${Date.now() - started} ms (${counted(diagnostics.scanThreads, 'thread')})`,
			);
		}
	}

	connection.onDidChangeConfiguration(() => {
		settings.clear();
		if (php) void work.track(php.detect(false));
		void work.track(diagnostics.refreshAll(documents.all()).then(refreshLenses));
	});

	connection.onDidChangeWatchedFiles((params) => void work.track(filesChanged(params.changes)));
	async function filesChanged(changes: { uri: string; type: number }[]): Promise<void> {
		for (const change of changes)
			await diagnostics.fileChanged(change.uri, change.type === 3 /* FileChangeType.Deleted */);
		// Package versions changed: every file under that composer file may read differently.
		if (changes.some((c) => /\/composer\.(?:json|lock)$/.test(c.uri))) {
			diagnostics.projectChanged();
			await relintAll();
		}
	}

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
	connection.onCodeLensResolve(resolveCodeLens);
	connection.onRequest(VisibleCodeLensRequest.type, async (params) => {
		const a = await analysed(params.textDocument.uri);
		return a && (await settings.get(a.doc.uri)).codeLens ? codeLensesOn(a, params.lines) : [];
	});
	connection.onRequest(FixAllRequest.type, async (params) => {
		const a = await analysed(params.textDocument.uri);
		if (!a || a.doc.version !== params.textDocument.version) return null;
		return fixAllResult(a.doc, a.kind, await settings.get(a.doc.uri));
	});

	connection.onRequest(RulesRequest.type, async (params) => {
		const s = await settings.get(params.uri ?? '');
		return RULES.map((r) => ({
			id: r.meta.id,
			summary: r.meta.summary,
			severity: s.rules[r.meta.id] ?? r.meta.defaultSeverity,
			page: `${DOCS_BASE}${r.meta.id}.md`,
		}));
	});
	connection.onRequest(PhpForDocumentRequest.type, async (params) => {
		const a = await analysed(params.uri);
		if (!a) return null;
		const php = a.project?.php;
		return php ? { version: php.version, source: php.source } : NO_PHP;
	});
	connection.onRequest(ListTargetsRequest.type, async (params) => {
		const a = await analysed(params.uri);
		return a ? listTargets(a) : [];
	});
	/** Test connection: only on an explicit request, and only when the client said the workspace is trusted. */
	const runTest = async (params: TestConnectionParams, token: CancellationToken): Promise<TestConnectionResult> => {
		if (!php?.trusted)
			return {
				refused: 'Test connection is off in an untrusted workspace (the client has not said the workspace is trusted).',
			};
		const a = params.uri ? await analysed(params.uri) : undefined;
		const s = (await settings.get(params.uri ?? '')).probe;
		const { ca, problem } = await readCa(s.caFile, params.uri, folders);
		if (problem) settings.report([problem]);
		let phpBinary: ProbeSettings['php'];
		if (params.php) {
			const state = await php.detect(false);
			phpBinary = state?.env?.path
				? { binary: state.env.path }
				: { refused: `No PHP binary answered: ${state?.error ?? 'not initialized'}` };
		}
		return testConnection(params, a, { timeoutMs: s.timeoutMs, ca, udpPayload: s.udpPayload, php: phpBinary }, token);
	};
	connection.onRequest(TestConnectionRequest.type, runTest);
	// The same for any LSP client, as a command: its arguments are one TestConnectionParams, its result the report as
	// text (what the VS Code extension shows in its output channel).
	connection.onExecuteCommand(async (params, token) => {
		if (params.command !== TEST_CONNECTION_COMMAND) return null;
		const [arg] = (params.arguments ?? []) as [TestConnectionParams | undefined];
		if (!arg || typeof arg !== 'object')
			return `${TEST_CONNECTION_COMMAND} takes one argument: { uri, offset } or { target }.`;
		const result = await runTest(arg, token);
		return 'refused' in result ? result.refused : formatReport(result.report);
	});

	// Answers once nothing is left to do: no analysis scheduled or running, no scan, no cross-file pass due.
	connection.onRequest(SettledRequest.type, async () => {
		await work.settled();
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
		void work.track(php.detect(true));
	});

	// TextDocuments fires onDidChangeContent on open too; the analysis is scheduled once per turn either way.
	documents.onDidChangeContent((e) => diagnostics.schedule(e.document));
	documents.onDidClose((e) => void work.track(diagnostics.closed(e.document.uri)));
}
