//! The workspace scan's worker threads. A worker walks the workspace folders, lints files as saved (lintSavedFile)
//! and reads them for the workspace index (symbolScanner); the workers share one list of files through an atomic
//! counter, CHUNK files at a time (the CLI's design), and post each chunk's results as soon as they have them, so that
//! the server's main thread publishes, reports progress and answers the editor while the scan goes on (it lints only
//! what a failed worker left). The workers run niced, and run this same module: the bundle's server.js, or this file
//! in out/.
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { URI } from 'vscode-uri';
import { WorkspaceSymbols, type FileSymbols, type PhpEnvironment, type Settings } from '../engine/index';
import { walk, type FileFilter } from '../node/files';
import { ProjectFactsCache } from '../node/project';
import { symbolScanner, type SymbolScan } from '../node/symbol-pass';
import { CHUNK, converse, takeChunk, WorkerPool } from '../node/threads';
import { lintSavedFile, type SavedLint } from './saved-file';

/**
 * Work for the threads, as plain data (a worker gets a copy). `next`: the index of the next file no thread took.
 * `editing`: 1 while the main thread analyses an open document's change (editorFirst()).
 */
export type ScanTask = { uris: string[]; next: Int32Array; editing?: Int32Array } & (
	| {
			task: 'lint';
			/** Each file's settings, as an index into `settings` (a folder's settings are shared by its files). */
			settingsOf: number[];
			settings: Settings[];
			/** The workspace index when the scan started. */
			symbols: Record<string, FileSymbols>;
			/** The PHP binary's answer, when it gave one. */
			detected?: PhpEnvironment;
	  }
	| { task: 'symbols'; maxFileSize: number; wanted: string[]; calls?: { source: string; flags: string } }
);

/** What a task gives for each file. */
export type ScanResult<T extends ScanTask> = T extends { task: 'lint' } ? SavedLint : SymbolScan;

/** A tree to walk (lsp's workspace folders), for a worker: the main thread stays free while a large tree is walked. */
export interface WalkTask {
	task: 'walk';
	roots: { root: string; filter: FileFilter }[];
}

type FromWorker = { start: number; results: unknown[] } | { done: true } | { walked: string[][] };

const FLAG = 'transportLintScanWorker';

/** What a thread does with the file at an index of a task (made once per task). */
export function taskRunner(task: ScanTask): (i: number) => SavedLint | SymbolScan {
	if (task.task === 'lint') {
		const ctx = {
			symbols: WorkspaceSymbols.from(task.symbols),
			project: new ProjectFactsCache(),
			...(task.detected && { detected: task.detected }),
		};
		return (i) => lintSavedFile(task.uris[i]!, task.settings[task.settingsOf[i]!]!, ctx);
	}
	const calls = task.calls && new RegExp(task.calls.source, task.calls.flags);
	const scan = symbolScanner(task.maxFileSize, new Set(task.wanted), calls);
	return (i) => scan(URI.parse(task.uris[i]!).fsPath);
}

export class ScanWorkers extends WorkerPool {
	constructor(count: number) {
		super(count, __filename, { [FLAG]: true });
	}

	/** A task is running: the workers take one task at a time (another goes to the main thread alone). */
	busy = false;

	/**
	 * Has every worker take chunks of the task until none is left, calling `onChunk` with each chunk's first index and
	 * results as they arrive. Resolves when every worker has finished; a worker that fails is said in `onError` (the
	 * files it held are left out) and is not asked again. Not while `busy`.
	 */
	run<T extends ScanTask>(
		task: T,
		onChunk: (start: number, results: ScanResult<T>[]) => void,
		onError: (e: Error) => void,
	): Promise<void> {
		this.dropExited();
		this.busy = true;
		return Promise.all(
			this.workers.map(async (worker) => {
				const failure = await converse(worker, task, (m: FromWorker) => {
					if ('start' in m) onChunk(m.start, m.results as ScanResult<T>[]);
					return 'done' in m;
				});
				if (failure) {
					onError(failure);
					this.drop(worker);
				}
			}),
		).then(() => void (this.busy = false));
	}

	/**
	 * The files of each root (walk(), symlinked directories followed once across all of them), walked by the first
	 * worker; undefined if it failed (the caller walks).
	 */
	async walk(roots: WalkTask['roots']): Promise<string[][] | undefined> {
		this.dropExited();
		const worker = this.workers[0];
		if (!worker) return undefined;
		let walked: string[][] | undefined;
		const failure = await converse(worker, { task: 'walk', roots } satisfies WalkTask, (m: FromWorker) => {
			if ('walked' in m) walked = m.walked;
			return walked !== undefined;
		});
		if (failure) this.drop(worker);
		return walked;
	}
}

/**
 * A worker's side: walks the trees of a walk task; takes chunks of another task until none is left, posting each
 * chunk's results, then says it is done.
 */
function work(task: ScanTask | WalkTask): void {
	if (task.task === 'walk') {
		const seen = new Set<string>();
		const walked = task.roots.map(({ root, filter }) => [...walk(root, filter, seen)]);
		return void parentPort!.postMessage({ walked } satisfies FromWorker);
	}
	const one = taskRunner(task);
	const { length } = task.uris;
	for (let start; (start = takeChunk(task.next, length)) !== undefined;) {
		const results: unknown[] = [];
		for (let i = start; i < Math.min(length, start + CHUNK); i++) {
			editorFirst(task.editing);
			results.push(one(i));
		}
		parentPort!.postMessage({ start, results } satisfies FromWorker);
	}
	parentPort!.postMessage({ done: true } satisfies FromWorker);
}

/**
 * A scan worker runs at a lower priority than the editor (nice 10, or its own if lower already, on Linux where a thread can be niced alone: its id
 * from /proc/thread-self): while it lints, the server's main thread, VS Code and the user's other programs come first.
 * Elsewhere the thread keeps the process's priority.
 */
export function yieldToTheEditor(): void {
	try {
		const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
		if (Number.isInteger(tid) && tid > 0 && tid !== process.pid)
			setPriority(tid, Math.max(getPriority(tid), SCAN_NICE));
	} catch {
		/* not Linux, or not allowed: the process's priority */
	}
}

/**
 * Before each file, a scan worker waits while the main thread analyses a change of an open document (`editing` is
 * 1), at most EDITOR_WAIT_MS: the keystroke's analysis then runs with no scan beside it. On this 2-core machine a
 * scan worker does not take the editor's core, but it slows it anyway: two threads that allocate slow each other
 * down (the same allocating loop took 1.0 s alone and 1.5–1.7 s beside another: memory, not CPU).
 */
export function editorFirst(editing: Int32Array | undefined): void {
	if (editing && Atomics.load(editing, 0) === 1) Atomics.wait(editing, 0, 1, EDITOR_WAIT_MS);
}

/** The longest a scan worker waits for one change's analysis (a flag left set cannot stop the scan). */
const EDITOR_WAIT_MS = 50;

/** The scan workers' niceness (0 is the default, 19 the lowest priority). */
export const SCAN_NICE = 10;

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[FLAG]) {
	yieldToTheEditor();
	parentPort!.on('message', work);
}
