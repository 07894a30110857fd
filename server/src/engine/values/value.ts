//! What the value layer knows of a PHP expression: a small set of alternatives (branches, several assignments), each a
//! string made of known parts (with the document offset of every character) and holes, a set of OR-ed constants, or
//! an array. A hole is what cannot be known here; it is never judged.

/** Known text; `map[k]` is the document offset of character k (length text.length + 1). */
export interface Known {
	text: string;
	map: number[];
	/** Set when the text was written in another file (its offsets are not this document's). */
	foreign?: string;
	/** The other file's constant or function it came from (`NAME`, `Class::NAME`, `name()`). */
	sym?: string;
}

/** What cannot be known here: a parameter of the function being read (a summary fills it in later) or anything. */
export interface Hole {
	hole: true;
	/** The parameter this hole is, inside a function whose summary is being made. */
	param?: string;
	/** The hole holds an integer (`%d`, an int cast): never a colon or a scheme. */
	int?: boolean;
	/** A constant (`NAME`, `Class::NAME`) or function (`name()`) this file does not define: another file may. */
	sym?: string;
}

export type Part = Known | Hole;

export interface StrAlt {
	k: 's';
	parts: Part[];
	/** Some part came through a variable, constant, property, call or sprintf (not only literals written in place). */
	via: boolean;
}

/** Constants OR-ed together (`A | B`, `$m |= C`), with where each one is written. */
export interface FlagsAlt {
	k: 'f';
	names: { name: string; start: number; end: number }[];
	/** One constant this file does not define (a flag, or a value another file may define). */
	sym?: string;
}

/** An array of literals: entries by key (a list's keys are "0", "1", ...). */
export interface ArrAlt {
	k: 'a';
	entries: Map<string, Value>;
}

export type Alt = StrAlt | FlagsAlt | ArrAlt;

/** One to MAX_ALTERNATIVES alternatives. */
export type Value = Alt[];

/** More alternatives than this make a value unknown (bounds the work on pathological code). */
export const MAX_ALTERNATIVES = 8;
/** The most parts (known pieces and holes) and known characters a string value keeps before it is unknown. */
export const MAX_PARTS = 64;
export const MAX_TEXT = 4096;

export const HOLE: Hole = { hole: true };
export const UNKNOWN: Value = [{ k: 's', parts: [HOLE], via: false }];

export function isHole(p: Part): p is Hole {
	return (p as Hole).hole === true;
}

/** Known text written at [start, start + text.length) with no escapes. */
export function plain(text: string, start: number): Known {
	const map = new Array<number>(text.length + 1);
	for (let k = 0; k <= text.length; k++) map[k] = start + k;
	return { text, map };
}

export function str(parts: Part[], via = false): Value {
	return [{ k: 's', parts: normalize(parts), via }];
}

export function hole(param?: string, int?: boolean): Part {
	return param === undefined && !int
		? HOLE
		: { hole: true, ...(param !== undefined && { param }), ...(int && { int }) };
}

/** Joins known parts written one after the other (the same literal) and adjacent anonymous holes. */
function normalize(parts: Part[]): Part[] {
	const out: Part[] = [];
	for (const p of parts) {
		const last = out[out.length - 1];
		if (!isHole(p) && p.text === '') continue;
		if (
			last &&
			!isHole(last) &&
			!isHole(p) &&
			last.foreign === p.foreign &&
			last.map[last.text.length] === p.map[0] &&
			p.map[0]! >= 0
		) {
			out[out.length - 1] = {
				text: last.text + p.text,
				map: last.map.slice(0, last.text.length).concat(p.map),
				...(p.foreign !== undefined && { foreign: p.foreign }),
			};
		} else if (last && isHole(last) && isHole(p) && !last.param && !p.param && !last.sym && !p.sym) {
			if (!p.int && last.int) out[out.length - 1] = HOLE;
		} else out.push(p);
	}
	return out;
}

/**
 * All alternatives of both values (several branches or assignments). Too many make the value unknown; arrays and
 * flags mixed with strings are kept apart as alternatives of their own.
 */
export function union(a: Value, b: Value): Value {
	const out: Value = [...a];
	for (const alt of b) if (!out.some((x) => sameAlt(x, alt))) out.push(alt);
	return out.length > MAX_ALTERNATIVES ? UNKNOWN : out;
}

function sameAlt(a: Alt, b: Alt): boolean {
	if (a.k !== b.k) return false;
	if (a.k === 's' && b.k === 's')
		return (
			a.parts.length === b.parts.length &&
			a.parts.every((p, i) => {
				const q = b.parts[i]!;
				if (isHole(p) || isHole(q))
					return isHole(p) && isHole(q) && p.param === q.param && p.int === q.int && p.sym === q.sym;
				return p.text === q.text && p.map[0] === q.map[0] && p.foreign === q.foreign;
			})
		);
	if (a.k === 'f' && b.k === 'f')
		return a.names.length === b.names.length && a.names.every((n, i) => n.start === b.names[i]!.start);
	return a === b;
}

/**
 * `a . b`. When both sides have several alternatives, which one goes with which depends on conditions this layer
 * does not follow (a scheme chosen by one `if`, the port by another): the result is unknown rather than a guess.
 */
export function concat(a: Value, b: Value): Value {
	if (a.length > 1 && b.length > 1) return UNKNOWN;
	const out: Value = [];
	for (const x of a)
		for (const y of b) {
			const l = asString(x);
			const r = asString(y);
			const parts = normalize([...l.parts, ...r.parts]);
			// Past these sizes a value is not a connection string being built but text (HTML, a log line) growing in
			// a loop or a long chain: unknown, so that no chain makes this layer quadratic.
			const big = parts.length > MAX_PARTS || parts.reduce((n, p) => n + (isHole(p) ? 0 : p.text.length), 0) > MAX_TEXT;
			out.push(big ? { k: 's', parts: [HOLE], via: false } : { k: 's', parts, via: l.via || r.via });
		}
	return out;
}

/** An alternative as a string: an array or a set of flags converts to something this layer does not model. */
export function asString(a: Alt): StrAlt {
	if (a.k === 's') return a;
	return { k: 's', parts: [a.k === 'f' && a.sym ? { hole: true, sym: a.sym } : HOLE], via: false };
}

/** An unknown value that another file may define: `NAME`, `Class::NAME`, `name()`. */
export function symbol(name: string): Value {
	return [{ k: 's', parts: [{ hole: true, sym: name }], via: false }];
}

/** The names of other files' symbols a value depends on. */
export function symbolsIn(v: Value, into: Set<string>): void {
	for (const a of v) {
		if (a.k === 'f' && a.sym) into.add(a.sym);
		if (a.k === 's') for (const p of a.parts) if (p.sym) into.add(p.sym);
	}
}

/** Marks every alternative with known text as having come through a variable, constant or call. */
export function via(v: Value): Value {
	const known = (a: StrAlt) => a.parts.length === 0 || !a.parts.every(isHole);
	return v.map((a) => (a.k === 's' && !a.via && known(a) ? { ...a, via: true } : a));
}

/** The known text of an alternative that has no hole, else undefined. */
export function textOf(a: Alt): string | undefined {
	if (a.k !== 's') return undefined;
	let s = '';
	for (const p of a.parts) {
		if (isHole(p)) return undefined;
		s += p.text;
	}
	return s;
}

/** PHP's integer value of a numeric string (leading whitespace, sign, digits), or undefined. */
export function intOf(a: Alt): number | undefined {
	const t = textOf(a);
	if (t === undefined || !/^[ \t\n\r\v\f]*[+-]?\d+(\.\d*)?[ \t\n\r\v\f]*$/.test(t)) return undefined;
	return Math.trunc(Number(t));
}

/** Known text made anew at one place (a value converted by a call): every character maps to [start, end]. */
export function madeAt(text: string, start: number, end: number): Known {
	const map = new Array<number>(text.length + 1).fill(start);
	map[text.length] = end;
	return { text, map };
}
