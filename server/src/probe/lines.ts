//! Reads a plaintext server's lines with a byte cap and a timeout, and writes commands (STARTTLS dialogues).
import type { Socket } from 'node:net';

export class LineReader {
	private buffer = '';
	private bytes = 0;
	private waiter?: () => void;
	private failure?: Error;
	private readonly onData = (d: Buffer): void => {
		this.bytes += d.length;
		this.buffer += d.toString('latin1');
		this.waiter?.();
	};
	private readonly onEnd = (): void => {
		this.failure = Object.assign(new Error('the server closed the connection'), { code: 'ECONNRESET' });
		this.waiter?.();
	};

	constructor(
		private readonly socket: Socket,
		private readonly maxBytes: number,
		private readonly timeoutMs: number,
	) {
		socket.on('data', this.onData);
		socket.on('end', this.onEnd);
		socket.on('close', this.onEnd);
	}

	/** Text received so far (bounded), for reports. */
	get received(): string {
		return this.buffer.slice(0, this.maxBytes);
	}

	/** Resolves with the lines read once `done(lines)` holds; rejects on timeout, close or the byte cap. */
	until(done: (lines: string[]) => boolean): Promise<string[]> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(
				() => finish(Object.assign(new Error(`no answer within ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' })),
				this.timeoutMs,
			);
			const finish = (err?: Error): void => {
				clearTimeout(timer);
				this.waiter = undefined;
				if (err) reject(err);
				else {
					const lines = this.complete();
					this.buffer = this.buffer.slice(this.buffer.lastIndexOf('\n') + 1);
					resolve(lines);
				}
			};
			this.waiter = () => {
				if (done(this.complete())) finish();
				else if (this.bytes > this.maxBytes)
					finish(Object.assign(new Error(`more than ${this.maxBytes} bytes without an answer`), { code: 'EMSGSIZE' }));
				else if (this.failure) finish(this.failure);
			};
			this.waiter();
		});
	}

	/** Complete lines received so far. */
	private complete(): string[] {
		const end = this.buffer.lastIndexOf('\n');
		return end < 0
			? []
			: this.buffer
					.slice(0, end)
					.split('\n')
					.map((l) => l.replace(/\r$/, ''));
	}

	send(line: string): void {
		this.socket.write(line + '\r\n');
	}

	/** Stops listening, so the socket can be handed to TLS. */
	detach(): void {
		this.socket.off('data', this.onData);
		this.socket.off('end', this.onEnd);
		this.socket.off('close', this.onEnd);
	}
}
