//! Test trees on disk: files by their path relative to a directory, their folders made as needed.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export function writeTree(dir: string, files: Record<string, string>): void {
	for (const [rel, text] of Object.entries(files)) {
		const file = path.join(dir, rel);
		mkdirSync(path.dirname(file), { recursive: true });
		writeFileSync(file, text);
	}
}
