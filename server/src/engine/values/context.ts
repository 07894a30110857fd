//! What one reading of a file's values shares: the program, the sinks met, memos, the work budget, and the
//! environment type (a variable or `$this->prop` → its value) with its merge.
import type { ClassDecl, FunctionDecl, Program } from './program';
import type { SinkSpec } from './sinks';
import type { SymbolLookup } from './symbols';
import { UNKNOWN, union, type Value } from './value';

/** Variables (`$x`) and properties of `$this` (`$this->x`) assigned so far on the paths that reach a point. */
export type Env = Map<string, Value>;

/** A sink call met while reading: its spec, its evaluated arguments, and where it and its arguments are. */
export interface SinkHit {
	spec: SinkSpec;
	args: (Value | undefined)[];
	/** Document ranges of the arguments (undefined where absent). */
	argSpans: ({ start: number; end: number } | undefined)[];
	/** Arguments that are one variable: its name and where it is written (a stream context `$ctx`). */
	vars: ({ name: string; start: number; end: number } | undefined)[];
	/** The call, from its name to its closing parenthesis (document offsets). */
	start: number;
	end: number;
	/** The function the call is in, when its values still hold that function's parameters. */
	fn?: FunctionDecl;
	/** Made from a call of a function that holds the sink: the call site, and the function's name as written. */
	through?: { start: number; end: number; name: string };
}

/** What reading a function's body gives: the values its `return`s can give (with its parameters as holes). */
export interface FunctionResult {
	returns: Value | undefined;
	/** Sinks in the body whose values hold the function's parameters (a summary, filled in at each call). */
	sinks: SinkHit[];
	/** `$this->x = ...` in the body: the values assigned. */
	propWrites: Map<string, Value>;
}

/** The function (and class) a statement is read in. */
export interface Frame {
	fn?: FunctionDecl;
	cls?: ClassDecl;
	/** Sinks met in this frame are collected here. */
	sinks: SinkHit[];
	returns?: Value;
	propWrites?: Map<string, Value>;
}

export interface Reading {
	prog: Program;
	symbols?: SymbolLookup;
	/** Variable token index → its value there (for the mail and Redis client pass). */
	record: Map<number, Value>;
	/** Offset of a STREAM_CRYPTO_METHOD_* constant → the constants it is OR-ed with. */
	constantSets: Map<number, Set<string>>;
	functions: Map<FunctionDecl, FunctionResult | 'busy'>;
	constants: Map<string, Value | 'busy'>;
	/** Steps left; when none are, everything still unread is unknown (bounds pathological files). */
	budget: number;
	/** How deep calls of functions are followed (a summary of a summary, at most). */
	depth: number;
}

/** Joins the environments of paths that meet (after an `if`, a loop, a `switch`). */
export function merge(envs: Env[]): Env {
	if (envs.length === 1) return envs[0]!;
	const out: Env = new Map();
	const names = new Set<string>();
	for (const e of envs) for (const k of e.keys()) names.add(k);
	for (const name of names) {
		let v: Value | undefined;
		for (const e of envs) {
			const x = e.get(name) ?? UNKNOWN;
			v = v ? (v === x ? v : union(v, x)) : x;
		}
		out.set(name, v!);
	}
	return out;
}
