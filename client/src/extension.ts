//! The extension: starts the bundled language server over IPC and owns the editor UI (output channel, commands).
import * as path from 'node:path';
import { commands, window, workspace, type ExtensionContext, type QuickPick, type QuickPickItem } from 'vscode';
import {
	LanguageClient,
	TransportKind,
	type LanguageClientOptions,
	type ServerOptions,
} from 'vscode-languageclient/node';
import {
	Commands,
	PhpStateNotification,
	SettingsProblemsNotification,
	TrustGrantedNotification,
} from '../../server/src/protocol';
import { DEFAULT_INCLUDE } from '../../server/src/engine/settings';
import { disableRule } from './disable-rule';
import { RestartingErrorHandler } from './error-handler';
import { fixAllInFile } from './fix-all';
import { VisibleLenses } from './lenses';
import { PhpStatus } from './php-status';
import { ruleLinks } from './rule-links';
import { SettingsProblems } from './settings-problems';
import { showRules } from './show-rules';
import { quietWhenStopping } from './stopping';
import { refusals, targetPick, testConnection, type LensArgs } from './test-connection';
import { SettingTraceChannel } from './trace-channel';

let client: LanguageClient | undefined;

export const DOCUMENT_SELECTOR = [
	{ language: 'php' },
	{ language: 'dotenv' },
	{ language: 'ini' },
	{ language: 'yaml' },
	{ language: 'json' },
	{ language: 'jsonc' },
	{ language: 'xml' },
	{ language: 'neon' },
	{ language: 'toml' },
	// Every file the workspace scan reads, whatever language VS Code gives it (docker-compose.yml is "dockercompose",
	// php.ini-development may be "properties"): hovers, lenses and code actions follow the squiggles.
	...DEFAULT_INCLUDE.map((pattern) => ({ scheme: 'file', pattern })),
];

/** What the extension offers other extensions (and the end-to-end tests). */
export interface TransportLintApi {
	/** The invalid-settings problems shown so far. */
	settingsProblems(): readonly string[];
	/** What the PHP status item shows now (for the active editor). */
	phpStatus(): { text: string; detail?: string; label?: string };
	/** Whether the cursor is on a URL Test connection can test (the context menu's `transportLint.onTarget`). */
	onTarget(): boolean;
	/** Lines written to the "Transport Lint Trace" channel (`transportLint.trace.server`). */
	traceLines(): number;
	/** Test connection's quick pick of targets while it is open. */
	targetPick(): QuickPick<QuickPickItem> | undefined;
	/** What Test connection said when it refused (Restricted Mode): the message and its button. */
	refusals(): readonly (readonly [string, string])[];
}

export async function activate(context: ExtensionContext): Promise<TransportLintApi> {
	const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
	const serverOptions: ServerOptions = {
		run: { module, transport: TransportKind.ipc },
		debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
	};
	const outputChannel = window.createOutputChannel('Transport Lint', { log: true });
	const traceOutputChannel = new SettingTraceChannel();
	context.subscriptions.push(outputChannel, traceOutputChannel);
	const lenses = new VisibleLenses();
	const clientOptions: LanguageClientOptions = {
		documentSelector: DOCUMENT_SELECTOR,
		// This window's client, also once deactivate() has let go of it (a request may fail after it stopped).
		middleware: { ...quietWhenStopping(() => started), ...lenses.middleware, ...ruleLinks },
		outputChannel,
		traceOutputChannel,
		errorHandler: new RestartingErrorHandler(),
		workspaceFolder: workspace.workspaceFolders?.[0],
		// The server runs the configured PHP binary only when the workspace is trusted.
		initializationOptions: { trusted: workspace.isTrusted },
	};
	client = new LanguageClient('transportLint', 'Transport Lint', serverOptions, clientOptions);
	const started = client;
	lenses.attach(client);
	const phpStatus = new PhpStatus(outputChannel, DOCUMENT_SELECTOR);
	const problems = new SettingsProblems(outputChannel);
	context.subscriptions.push(
		phpStatus,
		client.onNotification(PhpStateNotification.type, (state) => phpStatus.show(state)),
		client.onNotification(SettingsProblemsNotification.type, (p) => problems.show(p.problems)),
		workspace.onDidGrantWorkspaceTrust(() => void started.sendNotification(TrustGrantedNotification.type, {})),
		commands.registerCommand(Commands.detectPhp, () => phpStatus.detect(started)),
		commands.registerCommand(Commands.testConnectionWithPhp, (arg?: LensArgs) =>
			testConnection(started, outputChannel, false, arg, true),
		),
	);
	context.subscriptions.push(
		client,
		lenses,
		commands.registerCommand(Commands.fixAll, () => fixAllInFile(started)),
		commands.registerCommand(Commands.showRules, (id?: string) => showRules(started, id)),
		commands.registerCommand(Commands.disableRule, disableRule),
		commands.registerCommand(Commands.showOutput, () => outputChannel.show(true)),
		commands.registerCommand(Commands.testConnection, (arg?: LensArgs) =>
			testConnection(started, outputChannel, false, arg),
		),
		commands.registerCommand(Commands.testConnectionStarttls, (arg?: LensArgs) =>
			testConnection(started, outputChannel, true, arg),
		),
	);
	await client.start();
	phpStatus.attach(client);
	return {
		settingsProblems: () => problems.shown,
		onTarget: () => lenses.onTarget,
		traceLines: () => traceOutputChannel.lines,
		targetPick,
		refusals: () => refusals,
		phpStatus: () => ({
			text: phpStatus.item.text,
			detail: phpStatus.item.detail,
			label: phpStatus.item.accessibilityInformation?.label,
		}),
	};
}

export async function deactivate(): Promise<void> {
	await client?.stop();
	client = undefined;
}
