//! A workspace file that is not open, linted as saved on disk: read (the prefilter decides on its bytes), analysed and
//! turned into diagnostics. Plain data in and out, so that the workspace scan's worker threads run it as the main
//! thread does (lsp/scan-workers.ts); the main thread applies the result (Diagnostics.applySaved).
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
	analyze,
	fileKind,
	effectivePhp,
	mayMatter,
	type FileSymbols,
	type PhpEnvironment,
	type ProjectFacts,
	type Settings,
	type WorkspaceSymbols,
} from '../engine/index';
import { readTextSync } from '../node/files';
import type { ProjectFactsCache } from '../node/project';
import { toDiagnostics } from './convert';

/** What linting a saved file gives. */
export type SavedLint =
	/** Not read: not a kind Transport Lint reads, linting is off, too large or unreadable (`why`, to be logged). */
	| { uri: string; kind: 'skipped'; why?: string }
	/**
	 * Read and analysed (`quiet`: turned down by the prefilter on its bytes, so an empty file's analysis): its
	 * diagnostics, the names its sinks need from other files and what the index answered for them when it was
	 * analysed, and its functions that pass a parameter on to a sink.
	 */
	| {
			uri: string;
			kind: 'linted';
			quiet?: true;
			diagnostics: Diagnostic[];
			needs?: string[];
			answered?: string;
			sinks?: FileSymbols;
			errors?: string[];
			skipped?: string;
	  };

/** What a saved file's analysis depends on besides its text. */
export interface SavedContext {
	symbols: WorkspaceSymbols;
	project: ProjectFactsCache;
	/** The PHP binary's answer, when one was asked. */
	detected?: PhpEnvironment;
}

export function lintSavedFile(uri: string, settings: Settings, ctx: SavedContext): SavedLint {
	const file = URI.parse(uri).fsPath;
	const kind = fileKind(file);
	if (!kind || !settings.enable) return { uri, kind: 'skipped' };
	const { symbols } = ctx;
	const read = readTextSync(file, settings.maxFileSize, (view) => mayMatter(kind, view, symbols), kind === 'php');
	// Found on its bytes to hold nothing any pass reads: no problem, and nothing the workspace index needs from it or
	// must still hold from an earlier version.
	if ('quiet' in read) return { uri, kind: 'linted', quiet: true, diagnostics: [] };
	if ('skipped' in read) return { uri, kind: 'skipped', why: read.skipped };
	const facts = ctx.project.forFile(file);
	const php = effectivePhp(settings.php.version, ctx.detected, facts?.packages.php);
	const project: ProjectFacts | undefined =
		facts || php ? { ...facts, packages: facts?.packages ?? {}, ...(php && { php }) } : undefined;
	const result = analyze(read.text, kind, settings, project, undefined, symbols);
	const doc = TextDocument.create(uri, kind, 0, read.text);
	const sinks = kind === 'php' ? result.exports?.(true) : undefined;
	return {
		uri,
		kind: 'linted',
		diagnostics: toDiagnostics(doc, result.findings),
		...(kind === 'php' && result.needs?.length && { needs: result.needs, answered: answeredBy(symbols, result.needs) }),
		...(sinks && Object.keys(sinks.functions).length && { sinks }),
		...(result.errors.length && { errors: result.errors }),
		...(result.skipped && { skipped: result.skipped }),
	};
}

/** What an index answers for a file's needs: a key that changes when the answers do. */
export function answeredBy(symbols: WorkspaceSymbols, needs: readonly string[]): string {
	return needs.map((n) => symbols.answerOf(n)).join('\0');
}
