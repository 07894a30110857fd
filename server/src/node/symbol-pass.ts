//! The workspace index's passes over files on disk, shared by the CLI and the language server: what a file needs
//! from the others (names it asked for), what it offers them (its exports), and whether it calls a function of the
//! workspace that passes a parameter on to a sink.
import { declaredNames, fileKind, lexPhp, type FileSymbols } from '../engine/index';
import { escapeRegExp } from '../engine/text';
import { readValues } from '../engine/values/resolve';
import { readTextSync } from './files';

/** What reading a file for the index found. */
export interface SymbolScan {
	exports?: FileSymbols;
	/** It calls one of the sink functions asked about. */
	calls: boolean;
}

/**
 * Reads PHP files for the index: a file's exports when it declares one of `wanted` (constants, classes), and whether
 * it calls one of the functions `calls` matches. What the search needs is made once, for every file of a task.
 */
export function symbolScanner(
	maxFileSize: number,
	wanted: ReadonlySet<string>,
	calls: RegExp | undefined,
): (file: string) => SymbolScan {
	// Both searches are of ASCII words, which the bytes read as Latin-1 answer as the text would (a name with other
	// characters is matched up to them either way): only a file that declares a wanted name is decoded and lexed.
	const ascii = calls === undefined || !/[^ -~\t\r\n]/.test(calls.source);
	// A file that declares a wanted name has the name in it: most files do not, and are not read for declarations.
	const mention = wanted.size ? new RegExp([...wanted].map(escapeRegExp).join('|')) : undefined;
	return (file) => {
		if (fileKind(file) !== 'php') return { calls: false };
		let called = false;
		const read = readTextSync(
			file,
			maxFileSize,
			(bytes) => {
				const view = typeof bytes === 'string' ? bytes : bytes.toString('latin1');
				called = calls?.test(view) ?? false;
				return (
					!ascii || (mention !== undefined && mention.test(view) && declaredNames(view).some((n) => wanted.has(n)))
				);
			},
			true,
		);
		if ('quiet' in read) return { calls: called };
		if ('skipped' in read) return { calls: false };
		return symbolsOf(read.text, wanted, calls);
	};
}

export function symbolsOf(text: string, wanted: ReadonlySet<string>, calls: RegExp | undefined): SymbolScan {
	const declares = wanted.size > 0 && declaredNames(text).some((n) => wanted.has(n));
	return {
		...(declares && { exports: readValues(lexPhp(text, true)).exports() }),
		calls: calls?.test(text) ?? false,
	};
}

/** The names a file asked the index for, as the names that declare them: `Class::NAME` → Class, `f()` → f. */
export function declaringNames(asked: Iterable<string>): string[] {
	const out = new Set<string>();
	for (const a of asked) {
		if (a.endsWith('()')) continue;
		out.add(a.includes('::') ? a.slice(0, a.indexOf('::')) : a);
	}
	return [...out];
}
