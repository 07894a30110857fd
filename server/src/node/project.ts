//! What the project's composer files say about the libraries it uses, for rules whose verdict depends on a version
//! (Laravel's MAIL_ENCRYPTION). The nearest composer.lock (installed versions) wins over composer.json (constraints).
//! Reads are cached per directory and re-checked at most every few seconds, so a keystroke costs no disk access and
//! a workspace lint one or two failed stats per directory. Synchronous: the stats take microseconds, and awaiting
//! thousands of them made the workspace lint wait on the thread pool.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { statOrUndefined } from './files';
import type { ProjectFacts } from '../engine/index';

const MAX_BYTES = 32 * 1024 * 1024;
const RECHECK_MS = 3000;

interface Entry {
	facts: ProjectFacts | undefined;
	/** The composer file the facts came from, and its mtime, to notice edits. */
	file?: string;
	mtimeMs?: number;
	checkedAt: number;
}

/** Package versions from a composer.lock or composer.json text; undefined when it is not one. */
export function parseComposer(text: string, lock: boolean): ProjectFacts | undefined {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return undefined;
	}
	if (typeof json !== 'object' || json === null) return undefined;
	const packages: Record<string, string> = {};
	const o = json as Record<string, unknown>;
	if (lock) {
		for (const list of [o.packages, o['packages-dev']])
			if (Array.isArray(list))
				for (const p of list)
					if (p && typeof p.name === 'string' && typeof p.version === 'string') packages[p.name] = p.version;
		const platform = o.platform as Record<string, unknown> | undefined;
		if (platform && typeof platform.php === 'string') packages.php = platform.php;
	} else {
		for (const req of [o.require, o['require-dev']])
			if (req && typeof req === 'object')
				for (const [name, v] of Object.entries(req as Record<string, unknown>))
					if (typeof v === 'string') packages[name] = v;
	}
	return { packages, from: lock ? 'composer.lock' : 'composer.json' };
}

export class ProjectFactsCache {
	private readonly dirs = new Map<string, Entry>();

	/** Facts for a file: the nearest composer.lock or composer.json in its directory or above. */
	forFile(file: string): ProjectFacts | undefined {
		return this.forDir(path.dirname(path.resolve(file)));
	}

	private forDir(dir: string): ProjectFacts | undefined {
		const now = Date.now();
		const cached = this.dirs.get(dir);
		if (cached && now - cached.checkedAt < RECHECK_MS) return cached.facts;
		if (cached?.file) {
			const st = statOrUndefined(cached.file);
			if (st && st.mtimeMs === cached.mtimeMs) {
				cached.checkedAt = now;
				return cached.facts;
			}
		}
		const entry = this.read(dir, now);
		this.dirs.set(dir, entry);
		return entry.facts;
	}

	private read(dir: string, now: number): Entry {
		for (const [name, lock] of [
			['composer.lock', true],
			['composer.json', false],
		] as const) {
			const file = path.join(dir, name);
			const st = statOrUndefined(file);
			if (!st?.isFile() || st.size > MAX_BYTES) continue;
			let text: string | undefined;
			try {
				text = readFileSync(file, 'utf8');
			} catch {
				text = undefined;
			}
			const facts = text === undefined ? undefined : parseComposer(text, lock);
			if (facts) return { facts, file, mtimeMs: st.mtimeMs, checkedAt: now };
		}
		const parent = path.dirname(dir);
		if (parent === dir) return { facts: undefined, checkedAt: now };
		return { facts: this.forDir(parent), checkedAt: now };
	}
}
