//! The workspace's constants, class constants and functions as the value layer of one file sees those of the others:
//! each file's exports as plain data (made by the value layer of the file that defines them), looked up by name. A
//! name defined differently in two files is unknown (nothing is guessed). No fixpoint: a constant defined from
//! another file's constant, or a summary of a function that calls another file's function, is not followed.
import { escapeRegExp } from '../text';
import { SINKS_BY_CLASS, SINKS_BY_FUNCTION } from './sinks';
import type { FileSymbols, SerialFunction, SerialValue, SymbolLookup } from './symbols';

export type { FileSymbols, SerialFunction, SerialPart, SerialValue } from './symbols';
import { isHole, union, type Alt, type Known, type Value } from './value';

/** A value as data: string alternatives only (arrays and flags are not exported). */
export function serialize(v: Value): SerialValue | undefined {
	const out: SerialValue = [];
	for (const a of v) {
		if (a.k !== 's') return undefined;
		out.push(a.parts.map((p) => (isHole(p) ? (p.param !== undefined ? { p: p.param } : 0) : p.text)));
	}
	return out;
}

/** A value of another file (`sym` names it there): its text is foreign, placed at the use site by whoever reports. */
export function deserialize(s: SerialValue, file: string, sym?: string): Value {
	return s.map((parts): Alt => ({
		k: 's',
		parts: parts.map((p) => {
			if (p === 0) return { hole: true };
			if (typeof p !== 'string') return { hole: true, param: p.p };
			const known: Known = {
				text: p,
				map: new Array<number>(p.length + 1).fill(-1),
				foreign: file,
				...(sym !== undefined && { sym }),
			};
			return known;
		}),
		via: true,
	}));
}

/** The names a file may define for others (constants, classes, functions), found by a cheap search of its text. */
export function declaredNames(text: string): string[] {
	const out = new Set<string>();
	for (const m of text.matchAll(DECLARED)) out.add(m[1] ?? m[2] ?? m[3]!);
	return [...out];
}
const DECLARED =
	/\bconst\s+([A-Za-z_]\w*)\s*=|\bdefine\s*\(\s*['"]\\?([A-Za-z_]\w*)['"]|\b(?:class|interface|trait|enum)\s+([A-Za-z_]\w*)/g;

/** A lookup over every file's exports. */
export class WorkspaceSymbols implements SymbolLookup {
	private readonly files = new Map<string, FileSymbols>();
	private byName?: {
		constants: Map<string, { file: string; value: SerialValue }[]>;
		classConstants: Map<string, { file: string; value: SerialValue }[]>;
		functions: Map<string, { file: string; fn: SerialFunction }[]>;
		sinkWords?: RegExp;
	};

	set(file: string, symbols: FileSymbols | undefined): void {
		if (symbols) this.files.set(file, symbols);
		else this.files.delete(file);
		this.byName = undefined;
	}

	get size(): number {
		return this.files.size;
	}

	/** Every file's exports, as plain data (for a worker thread). */
	toRecord(): Record<string, FileSymbols> {
		return Object.fromEntries(this.files);
	}

	static from(record: Record<string, FileSymbols>): WorkspaceSymbols {
		const w = new WorkspaceSymbols();
		for (const [file, s] of Object.entries(record)) w.set(file, s);
		return w;
	}

	/** Whether a name asked for (`NAME`, `Class::NAME`, `name()`) is defined in the index now. */
	answers(asked: string): boolean {
		const i = this.index();
		if (asked.endsWith('()')) return i.functions.has(asked.slice(0, -2));
		return asked.includes('::') ? i.classConstants.has(asked) : i.constants.has(asked);
	}

	/** What the index answers for a name asked for, as a string that changes when the answer does. */
	answerOf(asked: string): string {
		const i = this.index();
		const list = asked.endsWith('()')
			? i.functions.get(asked.slice(0, -2))
			: (asked.includes('::') ? i.classConstants : i.constants).get(asked);
		return list ? JSON.stringify(list) : '';
	}

	private index() {
		if (this.byName) return this.byName;
		const constants = new Map<string, { file: string; value: SerialValue }[]>();
		const classConstants = new Map<string, { file: string; value: SerialValue }[]>();
		const functions = new Map<string, { file: string; fn: SerialFunction }[]>();
		const add = <T>(map: Map<string, T[]>, key: string, entry: T) => {
			const list = map.get(key);
			if (list) list.push(entry);
			else map.set(key, [entry]);
		};
		for (const [file, s] of this.files) {
			for (const [name, value] of Object.entries(s.constants)) add(constants, name, { file, value });
			for (const [name, value] of Object.entries(s.classConstants)) add(classConstants, name, { file, value });
			for (const [name, fn] of Object.entries(s.functions)) add(functions, name, { file, fn });
		}
		const sinks = [...functions].filter(([, list]) => list.some((x) => x.fn.sinks.length)).map(([n]) => n);
		const calls = callsOf(sinks);
		this.byName = { constants, classConstants, functions, ...(calls && { sinkWords: calls }) };
		return this.byName;
	}

	constant(name: string): Value | undefined {
		return one(this.index().constants.get(name), name);
	}

	classConstant(cls: string, name: string): Value | undefined {
		return one(this.index().classConstants.get(`${cls}::${name}`), `${cls}::${name}`);
	}

	/** A function (lower-case name, or `class::method`) of exactly one other file. */
	function(name: string): { file: string; fn: SerialFunction } | undefined {
		const list = this.index().functions.get(name);
		return list?.length === 1 ? list[0] : undefined;
	}

	functionValue(name: string, args: (Value | undefined)[]): Value | undefined {
		const f = this.function(name);
		if (!f?.fn.returns) return undefined;
		return substituteSerial(f.fn.returns, f.fn.params, args, f.file, `${name}()`);
	}

	/** Whether a function (`name`), static method (`class::name`) or constructor (`class::__construct`) passes a
	 * parameter on to a sink. */
	isSinkFunction(key: string): boolean {
		return (
			this.index()
				.functions.get(key)
				?.some((x) => x.fn.sinks.length > 0) ?? false
		);
	}

	/** The names of functions that pass a parameter on to a sink. */
	sinkFunctionNames(): string[] {
		return [...this.index().functions].filter(([, l]) => l.some((x) => x.fn.sinks.length)).map(([n]) => n);
	}

	sinkCalls(): RegExp | undefined {
		return this.index().sinkWords;
	}
}

/** The one value every definition agrees on (defined once, or the same everywhere), else undefined. */
function one(list: { file: string; value: SerialValue }[] | undefined, sym: string): Value | undefined {
	if (!list?.length) return undefined;
	const first = JSON.stringify(list[0]!.value);
	if (list.some((x) => JSON.stringify(x.value) !== first)) return undefined;
	// Defined the same way in several files: messages name the first by name, whatever order the index read them in.
	const named = list.reduce((a, b) => (b.file < a.file ? b : a));
	return deserialize(named.value, named.file, sym);
}

/** A summary's value with its parameters replaced by the arguments (a parameter without one is unknown). */
export function substituteSerial(
	s: SerialValue,
	params: string[],
	args: (Value | undefined)[],
	file: string,
	sym?: string,
): Value | undefined {
	let out: Value | undefined;
	for (const parts of s) {
		let alt: Value = [{ k: 's', parts: [], via: true }];
		for (const p of parts) {
			const piece: Value =
				typeof p === 'object' && p !== null
					? (args[params.indexOf(p.p)] ?? [{ k: 's', parts: [{ hole: true }], via: false }])
					: deserialize([[p]], file, sym);
			const next: Value = [];
			if (alt.length > 1 && piece.length > 1) return undefined;
			for (const a of alt)
				for (const b of piece) {
					if (a.k !== 's' || b.k !== 's') return undefined;
					next.push({ k: 's', parts: [...a.parts, ...b.parts], via: true });
				}
			alt = next;
		}
		out = out ? union(out, alt) : alt;
	}
	return out;
}

/** The sink a summary names, as the value layer knows it. */
export function sinkSpecOf(call: string) {
	return SINKS_BY_FUNCTION.get(call) ?? SINKS_BY_CLASS.get(call.toLowerCase());
}

/**
 * A search for calls of these functions as PHP writes them: `name(` (not a method), `Class::name(`, and `new Class(`
 * for a constructor (`class::__construct`). Undefined for none.
 */
export function callsOf(keys: string[]): RegExp | undefined {
	const alternatives = new Set<string>();
	for (const key of keys) {
		const [cls, name] = key.includes('::') ? key.split('::') : [undefined, key];
		if (!cls) alternatives.add(`(?<![\\w$>:\\\\])${escapeRegExp(name!)}`);
		else if (name === '__construct') alternatives.add(`\\bnew\\s+\\\\?(?:\\w+\\\\)*${escapeRegExp(cls)}`);
		else alternatives.add(`\\b${escapeRegExp(cls)}\\s*::\\s*${escapeRegExp(name!)}`);
	}
	return alternatives.size ? new RegExp(`(?:${[...alternatives].join('|')})\\s*\\(`, 'i') : undefined;
}
