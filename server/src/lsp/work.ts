//! The server's work in flight: handlers still running, analyses scheduled, the workspace scan, the cross-file pass
//! waiting for its delay. `settled()` resolves once none is left (the `transportLint/settled` request: a scripted
//! client or a test asks it instead of guessing how long to wait).

export class Work {
	private readonly running = new Set<Promise<unknown>>();

	/** Counts `p` as work until it ends (a failure is the caller's to report; here it only ends the work). */
	track<T>(p: Promise<T> | T): Promise<T> | T {
		if (!(p instanceof Promise)) return p;
		this.running.add(p);
		const done = () => void this.running.delete(p);
		p.then(done, done);
		return p;
	}

	/** Runs `f` on the next turn of the event loop (after the messages already read), as work. */
	soon(f: () => Promise<void>): void {
		void this.track(new Promise<void>((resolve) => setImmediate(() => void f().finally(resolve))));
	}

	/** Runs `f` after `ms`, as work: waiting for it counts. */
	after(ms: number, f: () => Promise<void>): void {
		void this.track(new Promise<void>((resolve) => setTimeout(() => void f().finally(resolve), ms)));
	}

	/** Resolves when no work is left, including work that the work in flight starts. */
	async settled(): Promise<void> {
		while (this.running.size) await Promise.allSettled([...this.running]);
	}
}
