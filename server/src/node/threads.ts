//! How many threads lint a tree: the CLI's and the language server's workspace scan share the answer.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Below this many files a worker costs more than it saves (a worker takes tens of milliseconds to load). */
export const PARALLEL_FROM = 200;

/** How many files a thread takes at a time from a shared list. */
export const CHUNK = 16;

/** How many threads lint (the main one and workers): one per core, at most 4, or TRANSPORT_LINT_THREADS. */
export function threadCount(): number {
	const forced = Number(process.env.TRANSPORT_LINT_THREADS);
	return Number.isInteger(forced) && forced >= 1 ? Math.min(forced, 16) : Math.min(4, availableParallelism());
}

/**
 * The first index of the next CHUNK items of a list of `length` shared by threads through `next` (an atomic counter
 * in shared memory), or undefined when none is left.
 */
export function takeChunk(next: Int32Array, length: number): number | undefined {
	const start = Atomics.add(next, 0, CHUNK);
	return start < length ? start : undefined;
}

/**
 * A worker's heap limits. A young generation of 8 MB instead of V8's default (up to 32 MB of semi-spaces per thread):
 * measured in the bench (2 cores, two threads), the server's scan of the real-world corpus peaked at 189 MB instead of
 * 219 MB, the generated tree at 147 instead of 174, and neither took longer (the files are small and their analyses
 * short-lived, so a smaller nursery only collects more often what is already dead). An old generation of 256 MB
 * (TRANSPORT_LINT_WORKER_HEAP_MB) instead of V8's default, sized from the machine's memory: V8 then collects before
 * growing the heap, and the server's scan of the corpus peaks at 156-158 MB instead of 198-209 (the CLI at 193-196
 * instead of 202-206), in the same time. 256 MB holds the analysis of the densest file the default size limit lets
 * through (5 MB of URLs, 66,000 findings; 160 MB does not); a worker that runs out anyway is dropped and its files
 * are linted by the main thread.
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: workerHeapMb() };

function workerHeapMb(): number {
	const forced = Number(process.env.TRANSPORT_LINT_WORKER_HEAP_MB);
	return Number.isInteger(forced) && forced >= 16 ? forced : 256;
}

/**
 * Posts `message` to a worker and listens until `onMessage` says the exchange is over (returns true), or the worker
 * fails or exits first. Resolves with the failure (undefined when the exchange ended); the listeners are gone either
 * way.
 */
export function converse<M>(
	worker: Worker,
	message: unknown,
	onMessage: (m: M) => boolean,
): Promise<Error | undefined> {
	return new Promise((resolve) => {
		const end = (failure: Error | undefined) => {
			worker.off('message', answer);
			worker.off('error', fail);
			worker.off('exit', exit);
			resolve(failure);
		};
		const answer = (m: M) => {
			if (onMessage(m)) end(undefined);
		};
		const fail = (e: unknown) => end(e instanceof Error ? e : new Error(String(e)));
		const exit = (code: number) => end(new Error(`the worker exited with ${code}`));
		worker.on('message', answer);
		worker.on('error', fail);
		worker.on('exit', exit);
		worker.postMessage(message);
	});
}

/**
 * Worker threads running `file` with WORKER_LIMITS (the CLI's lint workers, the server's scan workers). A worker that
 * failed or exited is dropped and not asked again.
 */
export class WorkerPool {
	protected readonly workers: Worker[] = [];

	/** Starts the threads now: they load (tens of milliseconds each) while the main thread finds the files. */
	constructor(count: number, file: string, workerData: Record<string, unknown>) {
		for (let k = 0; k < count; k++) this.workers.push(new Worker(file, { workerData, resourceLimits: WORKER_LIMITS }));
	}

	get size(): number {
		return this.workers.length;
	}

	protected drop(worker: Worker): void {
		const at = this.workers.indexOf(worker);
		if (at >= 0) this.workers.splice(at, 1);
		void worker.terminate();
	}

	/** Workers gone already (their exit happened before anyone listened): a message to them would wait forever. */
	protected dropExited(): void {
		for (const w of [...this.workers]) if (w.threadId === -1) this.drop(w);
	}

	/** Ends the workers (resolves once they have exited). */
	async dismiss(): Promise<void> {
		await Promise.all(this.workers.map((w) => w.terminate()));
	}
}
