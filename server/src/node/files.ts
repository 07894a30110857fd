//! Finding and reading the files to lint, shared by the CLI and the language server's workspace scan.
import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAscii } from 'node:buffer';
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import { fileKind } from '../engine/file-kind';
import type { Settings } from '../engine/index';

export interface FileFilter {
	include: string[];
	exclude: string[];
}

export function filterOf(settings: Settings, extraExclude: string[] = []): FileFilter {
	return { include: settings.include, exclude: [...settings.exclude, ...extraExclude] };
}

const opts = { dot: true, nocase: process.platform === 'win32' };
/** Globs compile once: matching a walk of thousands of files must not recompile them per file. */
const compiled = new Map<string, Minimatch>();
function matches(rel: string, glob: string): boolean {
	let m = compiled.get(glob);
	if (!m) {
		if (compiled.size > 1000) compiled.clear();
		compiled.set(glob, (m = new Minimatch(glob, opts)));
	}
	return m.match(rel);
}

/** `rel` is relative to the root being walked, with forward slashes. */
export function isIncluded(rel: string, filter: FileFilter): boolean {
	return filter.include.some((g) => matches(rel, g)) && !filter.exclude.some((g) => matches(rel, g));
}

function isExcludedDir(rel: string, filter: FileFilter): boolean {
	return filter.exclude.some((g) => matches(rel, g) || matches(rel + '/', g) || matches(rel + '/x', g));
}

/**
 * Yields every included file under `root` (a file or a directory) that the engine reads (it has a file kind: checked
 * by name before the globs, which most files of a project, images and scripts, never reach). Symlinked directories
 * are followed once (by real path), so loops end; entries that vanish or cannot be read while walking are skipped.
 * Synchronous, one directory per step: a walk of 10,000 files takes a quarter of the time of awaiting each readdir,
 * realpath and stat, and the language server's scan yields to its event loop between files anyway.
 */
export function* walk(root: string, filter: FileFilter, seen = new Set<string>()): Generator<string> {
	const stat = statOrUndefined(root);
	if (!stat) return;
	if (!stat.isDirectory()) {
		if (fileKind(root)) yield root;
		return;
	}
	// Each directory with its path relative to the root, forward slashes ('' for the root itself).
	const stack: [string, string][] = [[root, '']];
	while (stack.length) {
		const [dir, relDir] = stack.pop()!;
		let real: string;
		let entries;
		try {
			// One realpath(3) call; the JavaScript realpathSync makes an lstat per path component.
			real = realpathSync.native(dir);
			if (seen.has(real)) continue;
			seen.add(real);
			entries = readdirSync(dir, { withFileTypes: true });
		} catch {
			continue;
		}
		entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		const subdirs: [string, string][] = [];
		for (const e of entries) {
			const full = path.join(dir, e.name);
			const rel = relDir ? `${relDir}/${e.name}` : e.name;
			let isDir = e.isDirectory();
			let isFile = e.isFile();
			if (e.isSymbolicLink()) {
				const s = statOrUndefined(full);
				if (!s) continue;
				isDir = s.isDirectory();
				isFile = s.isFile();
			}
			if (isDir && !isExcludedDir(rel, filter)) subdirs.push([full, rel]);
			else if (isFile && fileKind(e.name) && isIncluded(rel, filter)) yield full;
		}
		stack.push(...subdirs.reverse());
	}
}

/** The working directory at start: output names files relative to it. */
const CWD = process.cwd();

/** The file as output names it: relative to the working directory, with forward slashes. */
export function shownPath(file: string): string {
	// Under the working directory and plainly written (no "." or ".." segment, no "//"): a slice, once per file.
	if (path.sep === '/' && CWD !== '/' && file.startsWith(CWD) && file[CWD.length] === '/') {
		const rest = file.slice(CWD.length + 1);
		if (rest[0] !== '.' && !rest.includes('/.') && !rest.includes('//')) return rest;
	}
	return path.relative(CWD, file).split(path.sep).join('/') || file;
}

/** The file's stat, or undefined when it is missing or cannot be looked at (a missing file throws nothing: cheap). */
export function statOrUndefined(file: string): Stats | undefined {
	try {
		return statSync(file, { throwIfNoEntry: false });
	} catch {
		return undefined;
	}
}

export type ReadResult = { text: string } | { skipped: string };

/**
 * Reads a file as VS Code would show it: UTF-8 with the BOM removed; UTF-16 with a BOM decoded. Synchronous: for
 * thousands of small files one blocking read each is several times faster than awaiting open/stat/read/close, and
 * files are bounded by the size limit (checked on the open file, so a file is looked up once).
 */
export function readTextSync(file: string, maxBytes: number): ReadResult;
/**
 * With `matters` (the engine's prefilter, given the bytes of a UTF-8 file, or the text of a UTF-16 one): a file it
 * turns down is `{ quiet: true }`, found so on its bytes, never decoded. With `stringView` (a prefilter that reads a
 * string anyway: PHP's), an ASCII file is given as its Latin-1 string, which is also its text when kept.
 */
export function readTextSync(
	file: string,
	maxBytes: number,
	matters: (view: Buffer | string) => boolean,
	stringView?: boolean,
): ReadResult | { quiet: true };
export function readTextSync(
	file: string,
	maxBytes: number,
	matters?: (view: Buffer | string) => boolean,
	stringView = false,
): ReadResult | { quiet: true } {
	let fd: number | undefined;
	try {
		fd = openSync(file, 'r');
		const size = fstatSync(fd).size;
		if (size > maxBytes) return { skipped: `larger than the size limit (${size} > ${maxBytes} bytes)` };
		const buf = readAll(fd, size, maxBytes);
		if (!matters) return decode(buf);
		// An ASCII file (most source code) reads the same as Latin-1 and as UTF-8: one string is both the prefilter's
		// view and the text, made once, instead of a view and then a decoding.
		if (stringView && isAscii(buf) && !isBinary(buf)) {
			const text = buf.toString('latin1');
			return matters(text) ? { text } : { quiet: true };
		}
		if (!isUtf16(buf) && !isBinary(buf) && !matters(buf)) return { quiet: true };
		const read = decode(buf);
		return 'text' in read && isUtf16(buf) && !matters(read.text) ? { quiet: true } : read;
	} catch (e) {
		return { skipped: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/**
 * One buffer reads every file up to its size (this thread's: each worker has its own module) instead of one
 * allocation outside the heap per file. What is read into it is decoded into a string (a copy) before the next read.
 */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);
const SCRATCH_MAX = 1 << 20;

/** Reads to the end (the file may have grown or shrunk since its size was taken), never past `maxBytes` + 1. */
function readAll(fd: number, size: number, maxBytes: number): Buffer {
	if (size + 1 > scratch.length && size + 1 <= SCRATCH_MAX)
		scratch = Buffer.allocUnsafeSlow(Math.min(SCRATCH_MAX, Math.max(size + 1, scratch.length * 2)));
	// One byte more than the size, to see the end (or a file that grew); never more than one past the limit.
	const limit = maxBytes + 1;
	let buf = size + 1 <= scratch.length ? scratch : Buffer.allocUnsafe(Math.max(size, 1) + 1);
	let length = 0;
	for (;;) {
		const room = Math.min(buf.length, limit);
		if (length === room) {
			if (length === limit) throw Object.assign(new Error('grew past the size limit'), { code: 'EFBIG' });
			const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, limit));
			buf.copy(bigger, 0, 0, length);
			buf = bigger;
			continue;
		}
		const got = readSync(fd, buf, length, room - length, null);
		if (got === 0) return buf.subarray(0, length);
		length += got;
	}
}

const isUtf16 = (buf: Buffer) => (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
const isBinary = (buf: Buffer) => buf.subarray(0, 8192).includes(0);

export function decode(buf: Buffer): ReadResult {
	if (buf[0] === 0xff && buf[1] === 0xfe) return { text: buf.subarray(2).toString('utf16le') };
	if (buf[0] === 0xfe && buf[1] === 0xff) {
		const swapped = Buffer.from(buf.subarray(2, 2 + ((buf.length - 2) & ~1)));
		swapped.swap16();
		return { text: swapped.toString('utf16le') };
	}
	if (isBinary(buf)) return { skipped: 'binary file (NUL bytes)' };
	const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
	return { text: buf.subarray(start).toString('utf8') };
}
