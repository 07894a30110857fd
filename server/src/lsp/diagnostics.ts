//! Analyses documents and publishes diagnostics: open documents on every change (stale runs dropped), closed
//! workspace files at start and when they change on disk. Findings are cached by (uri, version) for code actions.
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { Connection, ServerConnection } from './connection';
import type { Work } from './work';
import type { Documents } from './documents';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
	analyze,
	DocumentAnalysis,
	fileKind,
	mayMatter,
	type ClientConfig,
	type FileKind,
	type Finding,
	type ProjectFacts,
	type Settings,
	type Target,
	type TextEdit,
	DEFAULTS,
} from '../engine/index';
import { filterOf, isIncluded, readTextSync, walk } from '../node/files';
import { ProjectFactsCache } from '../node/project';
import { ProjectIndex } from './project-index';
import type { PhpEnvironments } from './php-env';
import { toDiagnostics } from './convert';
import { BufferedTextDocument } from './text-buffer';
import type { SettingsCache } from './settings';

export interface Analysed {
	doc: TextDocument;
	kind: FileKind;
	findings: Finding[];
	targets: Target[];
	/** Mail and Redis client configurations (Test SMTP connection lenses). */
	clients: ClientConfig[];
	/**
	 * What the verdicts are for (hovers say so): the project's package versions and the file they come from, and the
	 * PHP in use when one is known.
	 */
	project?: ProjectFacts;
	diagnostics: Diagnostic[];
}

export class Diagnostics {
	private readonly results = new Map<string, Analysed>();
	/** Each open document's analysis (it keeps what one version leaves for the next), and the line count it saw. */
	private readonly analyses = new Map<string, { analysis: DocumentAnalysis; lineCount: number }>();
	private readonly pending = new Map<string, TextDocument>();
	private readonly onDisk = new Set<string>();
	private folders: string[] = [];
	/** The workspace scan in progress, and whether another was asked for meanwhile. */
	private scanning?: Promise<number>;
	private rescan = false;
	private project = new ProjectFactsCache();
	/** What files need from one another (constants, functions that pass a value on to a sink). */
	private readonly index = new ProjectIndex();
	/** A cross-file pass waits for its delay. */
	private crossFileDue = false;
	/** The PHP in use; set by the server once it knows whether the workspace is trusted. */
	php?: PhpEnvironments;
	/** Files whose last publish had diagnostics: only they need an empty publish to clear them once closed. */
	private readonly shown = new Set<string>();

	private readonly connection: Connection;
	private readonly documents: Documents;
	private readonly work: Work;

	constructor(
		server: ServerConnection,
		private readonly settings: SettingsCache,
	) {
		this.connection = server.connection;
		this.documents = server.documents;
		this.work = server.work;
	}

	private openDocument(uri: string): TextDocument | undefined {
		return this.documents.get(uri);
	}

	/**
	 * Publishes a file's diagnostics. A closed file with none, whose last publish had none either, is not published:
	 * on a large workspace almost every file is clean, and the editor has nothing to clear for them.
	 */
	private publish(uri: string, diagnostics: Diagnostic[], version?: number): Promise<void> {
		const had = this.shown.has(uri);
		if (diagnostics.length) this.shown.add(uri);
		else this.shown.delete(uri);
		if (!diagnostics.length && !had && version === undefined) return Promise.resolve();
		return this.connection.sendDiagnostics({ uri, version, diagnostics });
	}

	/** The analysis of this version of an open document, computed now if the cached one is stale. */
	async current(doc: TextDocument): Promise<Analysed | undefined> {
		const r = this.results.get(doc.uri);
		if (r && r.doc.version === doc.version) return r;
		await this.validate(doc);
		return this.results.get(doc.uri);
	}

	/** The workspace folders (messages name files relative to them), known before any scan. */
	setFolders(folders: string[]): void {
		this.folders = folders;
	}

	/** A composer.json or composer.lock changed: package versions are read again. */
	projectChanged(): void {
		this.project = new ProjectFactsCache();
	}

	/** Coalesces bursts of changes: only the newest version of a document is analysed. */
	schedule(doc: TextDocument): void {
		const first = !this.pending.has(doc.uri);
		this.pending.set(doc.uri, doc);
		if (first) this.work.soon(() => this.flush(doc.uri));
	}

	private async flush(uri: string): Promise<void> {
		const doc = this.pending.get(uri);
		this.pending.delete(uri);
		if (doc) await this.validate(doc);
	}

	/** `folderSettings`: the workspace scan passes its folder's, instead of a configuration request per file. */
	async validate(doc: TextDocument, folderSettings?: Settings, saved = false): Promise<void> {
		const settings = folderSettings ?? (await this.settings.get(doc.uri));
		const current = this.openDocument(doc.uri);
		if (current && current.version !== doc.version) return;
		// An editor's version closed meanwhile: closing published the saved file's problems, which must stay.
		if (!saved && !current) return;
		const uri = URI.parse(doc.uri);
		const kind = fileKind(uri.path, doc.languageId);
		let findings: Finding[] = [];
		let targets: Target[] = [];
		let clients: ClientConfig[] = [];
		let project: ProjectFacts | undefined;
		let change: { edit: TextEdit; lineDelta: number } | undefined;
		if (kind) {
			// Synchronous from here to the analysis: no newer version can arrive in between.
			const facts = uri.scheme === 'file' ? this.project.forFile(uri.fsPath) : undefined;
			this.php?.kick();
			const php = this.php?.effective(settings, facts?.packages.php);
			project = facts || php ? { ...facts, packages: facts?.packages ?? {}, ...(php && { php }) } : undefined;
			// An open document is read in parts where the analysis can (the text around a keystroke).
			const text: string | BufferedTextDocument = doc instanceof BufferedTextDocument ? doc : doc.getText();
			let result: ReturnType<typeof analyze>;
			if (current) {
				let open = this.analyses.get(doc.uri);
				if (open?.analysis.kind !== kind) open = { analysis: new DocumentAnalysis(kind), lineCount: 0 };
				// Where the text changed since the last analysis, from the changes' ranges (else: read afresh).
				const r = open.analysis.update(text, this.documents.takeEdit(doc.uri), settings, project, this.index.symbols);
				if (r.edit) change = { edit: r.edit, lineDelta: doc.lineCount - open.lineCount };
				this.analyses.set(doc.uri, { analysis: open.analysis, lineCount: doc.lineCount });
				result = r;
			} else {
				// A closed file's analysis has no next version to leave anything for.
				result = analyze(text, kind, settings, project, undefined, this.index.symbols);
			}
			if (kind === 'php' && this.index.noted(doc.uri, this.shownName(doc.uri), result) && !this.scanning)
				this.scheduleCrossFile();
			findings = result.findings;
			targets = result.targets;
			clients = result.clients;
			for (const e of result.errors) this.connection.console.error(`${doc.uri}: ${e}`);
			if (result.skipped) this.connection.console.info(`Skipped ${doc.uri}: ${result.skipped}`);
		}
		const diagnostics = toDiagnostics(doc, findings, change);
		// Only open documents need their analysis kept (code actions, hovers, lenses); closed files keep nothing.
		if (kind && current) this.results.set(doc.uri, { doc, kind, findings, targets, clients, project, diagnostics });
		await this.publish(doc.uri, diagnostics, current ? doc.version : undefined);
	}

	/** A document was closed: show its saved content again, as the workspace scan would. */
	async closed(uri: string): Promise<void> {
		this.results.delete(uri);
		this.analyses.delete(uri);
		if (this.onDisk.has(uri)) await this.validateFile(uri);
		else {
			// Not a workspace file (outside the folders, or excluded): closed, it offers the others nothing.
			if (this.index.forget(uri)) this.scheduleCrossFile();
			await this.publish(uri, []);
		}
	}

	async validateFile(uri: string, folderSettings?: Settings): Promise<void> {
		// Open, it is analysed as the editor has it; it is on disk all the same (closing it shows the saved file).
		if (this.openDocument(uri)) return void this.onDisk.add(uri);
		const file = URI.parse(uri).fsPath;
		const kind = fileKind(file);
		const settings = folderSettings ?? (await this.settings.get(uri));
		const symbols = this.index.symbols;
		const read =
			kind && settings.enable
				? readTextSync(file, settings.maxFileSize, (view) => mayMatter(kind, view, symbols))
				: undefined;
		if (read && 'quiet' in read) {
			// Found on its bytes to hold nothing any pass reads: its analysis is an empty file's (no problem, and nothing
			// the workspace index needs from it or must still hold from an earlier version).
			this.onDisk.add(uri);
			return this.validate(TextDocument.create(uri, kind!, 0, ''), settings, true);
		}
		if (!read || 'skipped' in read) {
			if (read) this.connection.console.info(`Skipped ${file}: ${read.skipped}`);
			this.results.delete(uri);
			await this.publish(uri, []);
			return;
		}
		this.onDisk.add(uri);
		await this.validate(TextDocument.create(uri, kind!, 0, read.text), settings, true);
	}

	/**
	 * Lints every included file of the workspace folders that is not open, and clears files a previous scan showed
	 * that are no longer included. A scan asked for while one runs is done once after it, not in parallel.
	 */
	scanWorkspace(folders: string[]): Promise<number> {
		this.folders = folders;
		if (this.scanning) {
			this.rescan = true;
			return this.scanning;
		}
		const loop = async (): Promise<number> => {
			let count: number;
			do {
				this.rescan = false;
				count = await this.scanOnce(this.folders);
			} while (this.rescan);
			return count;
		};
		this.scanning = loop().finally(() => (this.scanning = undefined));
		return this.scanning;
	}
	private async scanOnce(folders: string[]): Promise<number> {
		const before = new Set(this.onDisk);
		const visited = new Set<string>();
		const seen = new Set<string>();
		const files: { uri: string; settings: Settings }[] = [];
		for (const folder of folders) {
			const root = URI.parse(folder).fsPath;
			const settings = await this.settings.get(folder);
			if (!settings.enable) continue;
			const filter = filterOf(settings, await this.settings.filesExclude(folder));
			for (const file of walk(root, filter, seen)) {
				const uri = URI.file(file).toString();
				visited.add(uri);
				files.push({ uri, settings });
			}
		}
		// Progress in the status bar (when the client supports it), cancellable: files not reached stay unlinted
		// until the next scan.
		const progress = files.length
			? await this.connection.window.createWorkDoneProgress().catch(() => undefined)
			: undefined;
		progress?.begin('Transport Lint', 0, `0 / ${files.length.toLocaleString('en')} files`, true);
		let shownAt = Date.now();
		let yieldedAt = Date.now();
		for (let k = 0; k < files.length; k++) {
			// Messages that arrived meanwhile (a keystroke, a cancel) are read at least every YIELD_EVERY ms.
			if (Date.now() - yieldedAt >= YIELD_EVERY) {
				await new Promise((resolve) => setImmediate(resolve));
				yieldedAt = Date.now();
			}
			if (progress?.token.isCancellationRequested) break;
			await this.validateFile(files[k]!.uri, files[k]!.settings);
			if (progress && Date.now() - shownAt >= PROGRESS_EVERY) {
				shownAt = Date.now();
				const done = `${(k + 1).toLocaleString('en')} / ${files.length.toLocaleString('en')} files`;
				progress.report(Math.floor(((k + 1) * 100) / files.length), done);
			}
		}
		progress?.done();
		for (const uri of before) {
			if (visited.has(uri)) continue;
			// No longer a file of the workspace (deleted, excluded, its folder removed): it offers nothing to the
			// others. Open, it stays as the editor has it (its analysis notes what it needs again).
			this.onDisk.delete(uri);
			this.index.forget(uri);
			const open = this.openDocument(uri);
			if (open) {
				await this.validate(open);
				continue;
			}
			this.results.delete(uri);
			await this.publish(uri, []);
		}
		await this.crossFile();
		return visited.size;
	}

	/** How messages name a file: relative to its workspace folder. */
	private shownName(uri: string): string {
		const file = URI.parse(uri).fsPath;
		const folder = this.folders.map((f) => URI.parse(f).fsPath).find((f) => file.startsWith(f + path.sep));
		return folder ? path.relative(folder, file).split(path.sep).join('/') : path.basename(file);
	}

	private scheduleCrossFile(): void {
		if (this.crossFileDue) return;
		this.crossFileDue = true;
		this.work.after(CROSS_FILE_DELAY, () => {
			this.crossFileDue = false;
			return this.crossFile();
		});
	}

	/**
	 * Values of other files: reads the PHP files on disk for the exports the workspace needs and the callers of
	 * functions that pass a value on, then analyses again the files whose reading changes (once: no fixpoint).
	 */
	private async crossFile(): Promise<void> {
		const php = [...this.onDisk].filter((uri) => fileKind(URI.parse(uri).path) === 'php');
		const open = new Map<string, string>();
		for (const doc of this.documents.all())
			if (fileKind(URI.parse(doc.uri).path, doc.languageId) === 'php') open.set(doc.uri, doc.getText());
		const again = this.index.pass(php, (uri) => this.diskText(uri), open);
		for (const uri of again) await this.revalidate(uri);
	}

	private diskText(uri: string): string | undefined {
		const read = readTextSync(URI.parse(uri).fsPath, DEFAULTS.maxFileSize);
		return 'text' in read ? read.text : undefined;
	}

	private async revalidate(uri: string): Promise<void> {
		const open = this.openDocument(uri);
		if (open) await this.validate(open);
		else if (this.onDisk.has(uri)) await this.validateFile(uri);
	}

	/** A watched file changed on disk. */
	async fileChanged(uri: string, deleted: boolean): Promise<void> {
		if (deleted) {
			this.onDisk.delete(uri);
			if (this.index.forget(uri)) this.scheduleCrossFile();
			// Open, the document lives on as the editor has it (its analysis notes it in the index again).
			const open = this.openDocument(uri);
			if (open) return this.validate(open);
			this.results.delete(uri);
			await this.publish(uri, []);
			return;
		}
		const file = URI.parse(uri).fsPath;
		const folder = this.folders.find((f) => file.startsWith(URI.parse(f).fsPath + path.sep));
		if (!folder) return;
		const settings = await this.settings.get(folder);
		const rel = path.relative(URI.parse(folder).fsPath, file).split(path.sep).join('/');
		if (isIncluded(rel, filterOf(settings, await this.settings.filesExclude(folder)))) {
			await this.validateFile(uri, settings);
			// Saved constants of this file may be what other files' sinks read.
			const text = fileKind(file) === 'php' ? this.diskText(uri) : undefined;
			if (text !== undefined) for (const other of this.index.changed(uri, text)) await this.revalidate(other);
		}
	}

	/** Settings changed: re-lint open documents and the workspace. */
	async refreshAll(open: TextDocument[], workspace = true): Promise<void> {
		for (const doc of open) await this.validate(doc);
		if (workspace) await this.scanWorkspace(this.folders);
	}
}

/** How long the workspace scan runs before it lets other messages in, in milliseconds. */
const YIELD_EVERY = 10;

/** How often the workspace scan reports its progress, in milliseconds. */
const PROGRESS_EVERY = 250;

/** How long the server waits after a change before it reads other files again (changes come in bursts). */
const CROSS_FILE_DELAY = 300;
