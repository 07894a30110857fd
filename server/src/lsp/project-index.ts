//! The language server's workspace index: what each file's sinks need from other files and which functions pass a
//! parameter on to a sink (from every analysis), and the exports of the files on disk that define what is needed
//! (read from disk: values of other files are taken as saved). Says which files to analyse again when that changes.
import { callsOf, WorkspaceSymbols, type AnalyzeResult, type FileSymbols } from '../engine/index';
import { answeredBy } from './saved-file';
import { declaringNames, symbolsOf, type SymbolScan } from '../node/symbol-pass';

/** What the index keeps of a file's analysis. */
export interface Noted {
	/** The names its sinks need from other files. */
	needs?: string[];
	/** Its functions that pass a parameter on to a sink. */
	sinks?: FileSymbols;
	/** What the index answered for `needs` when the file was analysed, if not the index as it is now (a worker's copy). */
	answered?: string;
}

/** What the index keeps of an analysis made with it as it is now. */
export function notedOf(result: AnalyzeResult): Noted {
	return { ...(result.needs && { needs: result.needs }), ...(result.exports && { sinks: result.exports(true) }) };
}

export class ProjectIndex {
	readonly symbols = new WorkspaceSymbols();
	/** uri → the names its sinks need from other files. */
	private readonly needs = new Map<string, string[]>();
	/** uri → its functions that pass a parameter on to a sink (from its last analysis). */
	private readonly sinks = new Map<string, FileSymbols>();
	/** uri → its full exports, for the files that define a needed name (from disk). */
	private readonly exports = new Map<string, FileSymbols>();
	/** uri → the name messages give it (relative to its workspace folder). */
	private readonly names = new Map<string, string>();
	/** uri → which of its needs the index answered when it was last analysed. */
	private readonly seen = new Map<string, string>();

	/**
	 * Records an analysis of `uri` (made with this index as it is now, unless `answered` says what it answered then). True when what the workspace needs or offers changed so that other files may read
	 * differently (a cross-file pass is due).
	 */
	noted(uri: string, name: string, analysis: Noted): boolean {
		this.names.set(uri, name);
		const needs = analysis.needs ?? [];
		const { sinks } = analysis;
		const hasSinks = sinks && Object.keys(sinks.functions).length > 0;
		const oldNeeds = this.needs.get(uri) ?? [];
		const oldSinks = this.sinks.get(uri);
		if (needs.length) this.needs.set(uri, needs);
		else this.needs.delete(uri);
		this.seen.set(uri, analysis.answered ?? this.answered(uri));
		if (hasSinks) this.sinks.set(uri, sinks);
		else this.sinks.delete(uri);
		const sinksChanged = JSON.stringify(oldSinks?.functions ?? {}) !== JSON.stringify(hasSinks ? sinks.functions : {});
		if (sinksChanged) this.publish(uri);
		return sinksChanged || needs.some((n) => !oldNeeds.includes(n));
	}

	/** A file is gone: it needs and offers nothing. */
	forget(uri: string): boolean {
		const had = [this.needs.delete(uri), this.sinks.delete(uri), this.exports.delete(uri)].some(Boolean);
		this.seen.delete(uri);
		this.publish(uri);
		this.names.delete(uri);
		return had;
	}

	/**
	 * The cross-file pass over the PHP files on disk and the open PHP documents (`open`: their texts in the editor):
	 * the exports of the saved files that define a needed name, and the files to analyse again (those whose needs the
	 * index now answers differently, and the callers of functions that pass a parameter on to a sink: as saved, or as
	 * the editor has them when open). `scan` reads the saved files (symbolScanner's answers, in the files' order).
	 */
	async pass(
		files: string[],
		scan: (
			files: string[],
			wanted: ReadonlySet<string>,
			calls: RegExp | undefined,
		) => Promise<SymbolScan[]> | SymbolScan[],
		open = new Map<string, string>(),
	): Promise<string[]> {
		const wanted = new Set(declaringNames([...this.needs.values()].flat()));
		const calls = callsOf(this.symbols.sinkFunctionNames());
		const again = new Set<string>();
		// Nothing is asked for and no function passes a value on: no file needs reading (most workspaces).
		if (wanted.size === 0 && calls === undefined) {
			for (const uri of [...this.exports.keys()]) {
				this.exports.delete(uri);
				this.publish(uri);
			}
		} else {
			const scans = await scan(files, wanted, calls);
			files.forEach((uri, i) => {
				const found = scans[i];
				// Not read (the thread that held it failed): as it was.
				if (!found) return;
				if (found.exports) this.exports.set(uri, found.exports);
				else this.exports.delete(uri);
				this.publish(uri);
				// An open file's calls are those of its text in the editor.
				if (found.calls && !open.has(uri)) again.add(uri);
			});
			if (calls) for (const [uri, text] of open) if (calls.test(text)) again.add(uri);
		}
		// Files whose needs the index now answers otherwise than when they were analysed (a defining file was read,
		// changed or is gone since).
		for (const uri of this.needs.keys()) if (this.answered(uri) !== this.seen.get(uri)) again.add(uri);
		return [...again];
	}

	/** A file changed on disk: its exports again if it defines a needed name; returns the files to analyse again. */
	changed(uri: string, text: string): string[] {
		const wanted = new Set(declaringNames([...this.needs.values()].flat()));
		const found = symbolsOf(text, wanted, undefined);
		const old = JSON.stringify(this.exports.get(uri) ?? null);
		if (found.exports) this.exports.set(uri, found.exports);
		else this.exports.delete(uri);
		if (JSON.stringify(found.exports ?? null) === old) return [];
		this.publish(uri);
		// The files whose needs are now answered otherwise, this one too when open with other text.
		return [...this.needs.keys()].filter((u) => this.answered(u) !== this.seen.get(u));
	}

	/** What the index answers for a file's needs (a key that changes when the answers do). */
	private answered(uri: string): string {
		return answeredBy(this.symbols, this.needs.get(uri) ?? []);
	}

	/** Puts a file's sink summaries and exports (the latter win) in the lookup. */
	private publish(uri: string): void {
		const full = this.exports.get(uri);
		const sinks = this.sinks.get(uri);
		const name = this.names.get(uri) ?? uri;
		if (!full && !sinks) return this.symbols.set(name, undefined);
		this.symbols.set(name, {
			constants: full?.constants ?? {},
			classConstants: full?.classConstants ?? {},
			functions: { ...sinks?.functions, ...full?.functions },
		});
	}
}
