//! The language server's workspace index: what each file's sinks need from other files and which functions pass a
//! parameter on to a sink (from every analysis), and the exports of the files on disk that define what is needed
//! (read from disk: values of other files are taken as saved). Says which files to analyse again when that changes.
import { callsOf, WorkspaceSymbols, type AnalyzeResult, type FileSymbols } from '../engine/index';
import { declaringNames, symbolsOf } from '../node/symbol-pass';

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
	 * Records an analysis of `uri`. True when what the workspace needs or offers changed so that other files may read
	 * differently (a cross-file pass is due).
	 */
	noted(uri: string, name: string, result: AnalyzeResult): boolean {
		this.names.set(uri, name);
		const needs = result.needs ?? [];
		const sinks = result.exports?.(true);
		const hasSinks = sinks && Object.keys(sinks.functions).length > 0;
		const oldNeeds = this.needs.get(uri) ?? [];
		const oldSinks = this.sinks.get(uri);
		if (needs.length) this.needs.set(uri, needs);
		else this.needs.delete(uri);
		this.seen.set(uri, this.answered(uri));
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
	 * The cross-file pass over the PHP files on disk (`read` gives a file's saved text) and the open PHP documents
	 * (`open`: their texts in the editor): the exports of the saved files that define a needed name, and the files to
	 * analyse again (those whose needs the index now answers differently, and the callers of functions that pass a
	 * parameter on to a sink: as saved, or as the editor has them when open).
	 */
	pass(files: string[], read: (uri: string) => string | undefined, open = new Map<string, string>()): string[] {
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
			for (const uri of files) {
				const saved = read(uri);
				if (saved === undefined) continue;
				const found = symbolsOf(saved, wanted, open.has(uri) ? undefined : calls);
				if (found.exports) this.exports.set(uri, found.exports);
				else this.exports.delete(uri);
				this.publish(uri);
				if (found.calls) again.add(uri);
			}
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
		return (this.needs.get(uri) ?? []).map((n) => this.symbols.answerOf(n)).join('\0');
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
