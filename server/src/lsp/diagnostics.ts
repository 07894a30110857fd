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
	DocumentAnalysis,
	fileKind,
	type ClientConfig,
	type FileKind,
	type Finding,
	type PhpEnvironment,
	type ProjectFacts,
	type Settings,
	type Target,
	type TextEdit,
	DEFAULTS,
} from '../engine/index';
import { filterOf, isIncluded, readTextSync, walk, type FileFilter } from '../node/files';
import { ProjectFactsCache } from '../node/project';
import { notedOf, ProjectIndex, type Noted } from './project-index';
import { lintSavedFile, type SavedContext, type SavedLint } from './saved-file';
import { ScanWorkers, taskRunner, type ScanResult, type ScanTask } from './scan-workers';
import type { SymbolScan } from '../node/symbol-pass';
import { CHUNK, PARALLEL_FROM, takeChunk, threadCount } from '../node/threads';
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
	/** 1 while open documents' changes wait for their analysis: the scan's workers wait meanwhile (editorFirst()). */
	private readonly editing = new Int32Array(new SharedArrayBuffer(4));
	private readonly onDisk = new Set<string>();
	private folders: string[] = [];
	/** The workspace scan in progress, and whether another was asked for meanwhile. */
	private scanning?: Promise<number>;
	/** How many threads the last scan linted on (the log says it). */
	scanThreads = 1;
	/** The scan's worker threads while it runs (enough files for them to be worth starting). */
	private workers?: ScanWorkers;
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
		Atomics.store(this.editing, 0, 1);
		if (first) this.work.soon(() => this.flush(doc.uri));
	}

	private async flush(uri: string): Promise<void> {
		const doc = this.pending.get(uri);
		this.pending.delete(uri);
		try {
			if (doc) await this.validate(doc);
		} finally {
			if (!this.pending.size) {
				Atomics.store(this.editing, 0, 0);
				Atomics.notify(this.editing, 0);
			}
		}
	}

	/** Analyses an open document's version and publishes its diagnostics (files not open: validateFile). */
	async validate(doc: TextDocument): Promise<void> {
		const settings = await this.settings.get(doc.uri);
		const current = this.openDocument(doc.uri);
		// A newer version, or closed meanwhile: closing published the saved file's problems, which must stay.
		if (current?.version !== doc.version) return;
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
			let open = this.analyses.get(doc.uri);
			if (open?.analysis.kind !== kind) open = { analysis: new DocumentAnalysis(kind), lineCount: 0 };
			// Where the text changed since the last analysis, from the changes' ranges (else: read afresh).
			const result = open.analysis.update(
				text,
				this.documents.takeEdit(doc.uri),
				settings,
				project,
				this.index.symbols,
			);
			if (result.edit) change = { edit: result.edit, lineDelta: doc.lineCount - open.lineCount };
			this.analyses.set(doc.uri, { analysis: open.analysis, lineCount: doc.lineCount });
			if (kind === 'php') this.noted(doc.uri, notedOf(result));
			findings = result.findings;
			targets = result.targets;
			clients = result.clients;
			for (const e of result.errors) this.connection.console.error(`${doc.uri}: ${e}`);
			if (result.skipped) this.connection.console.info(`Skipped ${doc.uri}: ${result.skipped}`);
		}
		const diagnostics = toDiagnostics(doc, findings, change);
		// Open documents keep their analysis (code actions, hovers, lenses); closed files keep nothing.
		if (kind) this.results.set(doc.uri, { doc, kind, findings, targets, clients, project, diagnostics });
		await this.publish(doc.uri, diagnostics, doc.version);
	}

	/** Records what a PHP file's analysis needs from and offers to other files; a cross-file pass when that changed. */
	private noted(uri: string, analysis: Noted): void {
		if (this.index.noted(uri, this.shownName(uri), analysis) && !this.scanning) this.scheduleCrossFile();
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

	/** Lints a workspace file as saved (an open one is analysed as the editor has it, and noted as on disk). */
	async validateFile(uri: string, folderSettings?: Settings): Promise<void> {
		if (this.openDocument(uri)) return void this.onDisk.add(uri);
		const settings = folderSettings ?? (await this.settings.get(uri));
		this.php?.kick();
		await this.applySaved(lintSavedFile(uri, settings, this.savedContext()));
	}

	private savedContext(): SavedContext {
		return { symbols: this.index.symbols, project: this.project, ...this.detected() };
	}

	/** Publishes a saved file's lint (this thread's or a scan worker's) and notes it in the workspace index. */
	private async applySaved(r: SavedLint): Promise<void> {
		const { uri } = r;
		// Open meanwhile, it is analysed as the editor has it; it is on disk all the same (closing it shows the file).
		if (this.openDocument(uri)) return void this.onDisk.add(uri);
		this.results.delete(uri);
		if (r.kind === 'skipped') {
			if (r.why) this.connection.console.info(`Skipped ${URI.parse(uri).fsPath}: ${r.why}`);
			return this.publish(uri, []);
		}
		this.onDisk.add(uri);
		if (fileKind(URI.parse(uri).path) === 'php') this.noted(uri, r);
		for (const e of r.errors ?? []) this.connection.console.error(`${uri}: ${e}`);
		if (r.skipped) this.connection.console.info(`Skipped ${uri}: ${r.skipped}`);
		await this.publish(uri, r.diagnostics);
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
		const uris: string[] = [];
		const settingsOf: number[] = [];
		const settingsList: Settings[] = [];
		const roots: { root: string; filter: FileFilter }[] = [];
		for (const folder of folders) {
			const settings = await this.settings.get(folder);
			if (!settings.enable) continue;
			settingsList.push(settings);
			roots.push({
				root: URI.parse(folder).fsPath,
				filter: filterOf(settings, await this.settings.filesExclude(folder)),
			});
		}
		// With more than one core, a worker walks the folders (thousands of directories take a while: the editor's
		// requests are answered meanwhile) and stays to lint them if there are enough files for it.
		const threads = threadCount();
		if (threads > 1 && roots.length) this.workers = new ScanWorkers(threads - 1);
		try {
			const walked = await this.workers?.walk(roots);
			for (let k = 0; k < roots.length; k++) {
				let yieldedAt = Date.now();
				for (const file of walked?.[k] ?? walk(roots[k]!.root, roots[k]!.filter, seen)) {
					// A large tree walked here takes a while: messages that arrive meanwhile are read.
					if (Date.now() - yieldedAt >= YIELD_EVERY) {
						await new Promise((resolve) => setImmediate(resolve));
						yieldedAt = Date.now();
					}
					const uri = URI.file(file).toString();
					visited.add(uri);
					uris.push(uri);
					settingsOf.push(k);
				}
			}
			// Too few files to be worth a worker: this thread lints them.
			if (uris.length < PARALLEL_FROM) {
				void this.workers?.dismiss();
				this.workers = undefined;
			}
			this.scanThreads = 1 + (this.workers?.size ?? 0);
			await this.lintSaved(uris, settingsOf, settingsList);
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
			// The workers read the saved PHP files for the index too.
			await this.crossFile();
		} finally {
			void this.workers?.dismiss();
			this.workers = undefined;
		}
		return visited.size;
	}

	/**
	 * Runs a task over its files, giving `take` each chunk's first index and results as they come, one chunk after the
	 * other: on the scan's workers when there are (sharing the list through `task.next`; this thread then only takes
	 * what a failed worker left), else on this thread, which lets other messages in (a keystroke, a cancel) every
	 * YIELD_EVERY ms.
	 */
	private async shared<T extends ScanTask>(
		task: T,
		take: (start: number, results: ScanResult<T>[]) => Promise<void> | void,
	): Promise<void> {
		let taken = Promise.resolve();
		const queue = (start: number, results: ScanResult<T>[]) => (taken = taken.then(() => take(start, results)));
		// A cross-file pass that was due when the scan started runs beside it, on this thread alone.
		const workers = this.workers?.busy ? undefined : this.workers;
		const theirs = workers?.run({ ...task, editing: this.editing }, queue, (e) =>
			this.connection.console.error(`Workspace scan: ${e.message}; the files it held wait for the next scan.`),
		);
		// With workers, this thread is the editor's: it publishes their results and serves requests meanwhile, and takes
		// only what a failed worker left.
		await theirs;
		const one = taskRunner(task) as (i: number) => ScanResult<T>;
		const { length } = task.uris;
		let yieldedAt = Date.now();
		for (let start; (start = takeChunk(task.next, length)) !== undefined;) {
			const mine: ScanResult<T>[] = [];
			for (let i = start; i < Math.min(length, start + CHUNK); i++) {
				if (Date.now() - yieldedAt >= YIELD_EVERY) {
					await new Promise((resolve) => setImmediate(resolve));
					yieldedAt = Date.now();
				}
				mine.push(one(i));
			}
			await queue(start, mine);
		}
		await taken;
	}

	/**
	 * Lints the scan's files as saved, publishing each as it is linted. Progress shows in the status bar (when the
	 * client supports it), cancellable: files not reached stay unlinted until the next scan.
	 */
	private async lintSaved(uris: string[], settingsOf: number[], settings: Settings[]): Promise<void> {
		if (!uris.length) return;
		this.php?.kick();
		const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
		const total = uris.length.toLocaleString('en');
		progress?.begin('Transport Lint', 0, `0 / ${total} files`, true);
		const next = new Int32Array(new SharedArrayBuffer(4));
		progress?.token.onCancellationRequested(() => Atomics.store(next, 0, uris.length));
		let done = 0;
		let shownAt = Date.now();
		const symbols = this.index.symbols.toRecord();
		await this.shared(
			{ task: 'lint', uris, next, settingsOf, settings, symbols, ...this.detected() },
			async (_, results) => {
				for (const r of results) await this.applySaved(r);
				done += results.length;
				if (progress && Date.now() - shownAt >= PROGRESS_EVERY) {
					shownAt = Date.now();
					progress.report(Math.floor((done * 100) / uris.length), `${done.toLocaleString('en')} / ${total} files`);
				}
			},
		);
		progress?.done();
	}

	private detected(): { detected?: PhpEnvironment } {
		const detected = this.php?.answer;
		return detected ? { detected } : {};
	}

	/** The workspace folder a file is in. */
	private folderOf(uri: string): string | undefined {
		const file = URI.parse(uri).fsPath;
		return this.folders.find((f) => file.startsWith(URI.parse(f).fsPath + path.sep));
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
		const again = await this.index.pass(
			php,
			async (uris, wanted, calls) => {
				const scans: SymbolScan[] = new Array(uris.length);
				const task = {
					task: 'symbols' as const,
					uris,
					next: new Int32Array(new SharedArrayBuffer(4)),
					maxFileSize: DEFAULTS.maxFileSize,
					wanted: [...wanted],
					...(calls && { calls: { source: calls.source, flags: calls.flags } }),
				};
				await this.shared(task, (start, results) => results.forEach((r, k) => (scans[start + k] = r)));
				return scans;
			},
			open,
		);
		await this.relint(again);
	}

	/**
	 * Analyses files again (the cross-file pass's answer): open ones as the editor has them, saved ones on the scan's
	 * workers while a scan has them (a large file's analysis would hold up the editor's requests on this thread).
	 */
	private async relint(uris: string[]): Promise<void> {
		const saved: string[] = [];
		for (const uri of uris) {
			const open = this.openDocument(uri);
			if (open) await this.validate(open);
			else if (this.onDisk.has(uri)) saved.push(uri);
		}
		if (!this.workers || this.workers.busy) {
			for (const uri of saved) await this.validateFile(uri);
			return;
		}
		// Each file with its workspace folder's settings, as the scan lints it.
		const settings: Settings[] = [];
		const settingsOf: number[] = [];
		for (const uri of saved) {
			const folder = this.folderOf(uri);
			const s = await this.settings.get(folder ?? uri);
			const k = settings.indexOf(s);
			settingsOf.push(k < 0 ? settings.push(s) - 1 : k);
		}
		const symbols = this.index.symbols.toRecord();
		const next = new Int32Array(new SharedArrayBuffer(4));
		const task = { task: 'lint' as const, uris: saved, next, settingsOf, settings, symbols, ...this.detected() };
		await this.shared(task, async (_, results) => {
			for (const r of results) await this.applySaved(r);
		});
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
		const folder = this.folderOf(uri);
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
const YIELD_EVERY = 2;

/** How often the workspace scan reports its progress, in milliseconds. */
const PROGRESS_EVERY = 250;

/** How long the server waits after a change before it reads other files again (changes come in bursts). */
const CROSS_FILE_DELAY = 300;
