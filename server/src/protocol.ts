//! Custom messages between the extension and the server, typed once (vscode-eslint, rust-analyzer lsp_ext.ts).
//! The only server file the client imports.
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { VersionedTextDocumentIdentifier, WorkspaceEdit } from 'vscode-languageserver-types';
import { counted } from './engine/text';

/** Command ids contributed in package.json and used in code actions and code lenses. */
export const Commands = {
	testConnection: 'transportLint.testConnection',
	testConnectionStarttls: 'transportLint.testConnectionStarttls',
	testConnectionWithPhp: 'transportLint.testConnectionWithPhp',
	detectPhp: 'transportLint.detectPhp',
	fixAll: 'transportLint.fixAll',
	disableRule: 'transportLint.disableRule',
	showOutput: 'transportLint.showOutput',
	showRules: 'transportLint.showRules',
} as const;

export const FIX_ALL_KIND = 'source.fixAll.transportLint';

export interface FixAllParams {
	textDocument: VersionedTextDocumentIdentifier;
}

/** What Fix All does to a document: only fixes that keep what the code means (the rules' preferred ones). */
export interface FixAllResult {
	/** The edit that applies them (until none is left), or null when there is none. */
	edit: WorkspaceEdit | null;
	/** How many fixes it applies. */
	fixed: number;
	/** Problems it leaves whose fixes are a choice (a port or a scheme to change): Quick Fix offers them. */
	choices: number;
}

/** Fix All for the active document (null when the version is not the server's). */
export namespace FixAllRequest {
	export const method = 'transportLint/fixAll' as const;
	export const type = new RequestType<FixAllParams, FixAllResult | null, void>(method);
}

/** What Fix All did, in a sentence or two (the VS Code command shows it). */
export function fixAllSummary(r: Pick<FixAllResult, 'fixed' | 'choices'>): string {
	const left = `${counted(r.choices, 'problem')} ${r.choices === 1 ? 'has' : 'have'} fixes to choose from (Quick Fix)`;
	if (r.fixed)
		return `Transport Lint applied ${counted(r.fixed, 'fix')}${r.choices ? `; ${left}, which Fix All leaves to you.` : '.'}`;
	if (r.choices) return `Transport Lint: nothing to fix without a choice. ${left}: a port or a scheme to change.`;
	return 'Transport Lint: nothing to fix in this file.';
}

/** Arguments of the disable-rule command: the rule and the document whose settings scope to change. */
export interface DisableRuleArgs {
	ruleId: string;
	uri: string;
}

/** The probe's report, as the server sends it (see server/src/probe/types.ts), and its text form. */
export type { ProbeReport, StarttlsProtocol } from './probe/types';
export { briefVerdict, formatReport } from './probe/format';

/**
 * Answers (null) once the server has nothing left to do for what it was sent before: no analysis scheduled or running,
 * no workspace scan, no cross-file pass due. For scripted clients and tests, instead of waiting for a guessed time.
 */
export namespace SettledRequest {
	export const method = 'transportLint/settled' as const;
	export const type = new RequestType<null, null, void>(method);
}

export interface TestConnectionParams {
	/** A URL in a document (at `offset`), or a typed `target`. */
	uri?: string;
	offset?: number;
	target?: string;
	starttls?: import('./probe/types').StarttlsProtocol | 'auto';
	/** `offset` is a mail or Redis client configuration: test it with its library's semantics. */
	client?: boolean;
	/** Also run the user's PHP on the same target ("Test connection with PHP"). */
	php?: boolean;
}

export type TestConnectionResult = { report: import('./probe/types').ProbeReport } | { refused: string };

/**
 * Test connection for any LSP client (workspace/executeCommand): one TestConnectionParams argument, the report as
 * text. Named apart from the VS Code extension's own commands, which vscode-languageclient would otherwise collide with.
 */
export const TEST_CONNECTION_COMMAND = 'transportLint.server.testConnection';

/**
 * Runs a probe. Only ever sent on an explicit user action; the server refuses unless the client said the workspace is
 * trusted (initializationOptions.trusted, or transportLint/trustGranted).
 */
export namespace TestConnectionRequest {
	export const method = 'transportLint/testConnection' as const;
	export const type = new RequestType<TestConnectionParams, TestConnectionResult, void>(method);
}

export interface TargetItem {
	offset: number;
	end: number;
	line: number;
	/** What PHP will be given, e.g. "tls://smtp.example.com:587" for fsockopen("tls://smtp.example.com", 587). */
	target: string;
	/** Why it cannot be tested, when it cannot. */
	refused?: string;
	/** A mail or Redis client configuration rather than a transport URL. */
	client?: boolean;
}

/** The transport URLs of a document, for the Test connection quick pick. */
export namespace ListTargetsRequest {
	export const method = 'transportLint/listTargets' as const;
	export const type = new RequestType<{ uri: string }, TargetItem[], void>(method);
}

/**
 * The code lenses of the given lines only (VS Code's client asks for the lines on screen: the standard request has no
 * range, and a file of 13,500 URLs would send 13,500 lenses on every change). Each lens as textDocument/codeLens
 * gives it, resolved by codeLens/resolve.
 */
export namespace VisibleCodeLensRequest {
	export const method = 'transportLint/codeLens' as const;
	export const type = new RequestType<
		{ textDocument: { uri: string }; lines: { start: number; end: number }[] },
		import('vscode-languageserver-protocol').CodeLens[],
		void
	>(method);
}

/**
 * Server → client: settings that are invalid and what is used instead, each sent once per server (the VS Code client
 * shows a warning with an "Open Settings" button and writes them to its output channel).
 */
export namespace SettingsProblemsNotification {
	export const method = 'transportLint/settingsProblems' as const;
	export const type = new NotificationType<{ problems: string[] }>(method);
}

/** Every rule, as the "Show Rules" command lists it: its summary, its severity for a document, and its page. */
export namespace RulesRequest {
	export const method = 'transportLint/rules' as const;
	export const type = new RequestType<
		{ uri?: string },
		{ id: string; summary: string; severity: string; page: string }[],
		void
	>(method);
}

/** Which PHP the analysis assumes: the binary's answer, or why there is none. */
export interface PhpState {
	env?: import('./engine/php-env').PhpEnvironment;
	/** The binary could not be asked (not found, not PHP, timed out), or it is not asked (untrusted workspace). */
	error?: string;
	/** What the verdicts are for when no binary answered: a version from a setting or composer.json, or 8.2+. */
	assumed: string;
}

/** What the verdicts are for when no PHP is configured, detected or required by composer.json. */
export const NO_PHP = { version: '8.2+', source: 'no PHP configured or detected' } as const;

/**
 * The PHP a document's verdicts are for, as its hover says it (the configured version, the binary, composer.json's
 * require.php, else 8.2+): the status item shows it for the active editor.
 */
export namespace PhpForDocumentRequest {
	export const method = 'transportLint/phpForDocument' as const;
	export const type = new RequestType<{ uri: string }, { version: string; source: string } | null, void>(method);
}

/** Server → client after each detection: updates the status bar item. */
export namespace PhpStateNotification {
	export const method = 'transportLint/phpState' as const;
	export const type = new NotificationType<PhpState>(method);
}

/** Client → server: ask the configured PHP again (the binary may have changed). Trusted workspaces only. */
export namespace DetectPhpRequest {
	export const method = 'transportLint/detectPhp' as const;
	export const type = new RequestType<Record<string, never>, PhpState, void>(method);
}

/** Client → server: the user trusted the workspace; running the PHP binary is now allowed. */
export namespace TrustGrantedNotification {
	export const method = 'transportLint/trustGranted' as const;
	export const type = new NotificationType<Record<string, never>>(method);
}
