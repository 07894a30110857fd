//! The value layer's entry: reads a PHP file's full token stream (declarations, then every function body and the
//! top-level code) and turns each sink call whose argument it could follow into transport candidates, one per
//! value the argument can take. What the transport scanner already reads in place is left to it.
import type { Token } from '../scan/php-lexer';
import type { ArgValue, Candidate, CallContext, Flow } from '../types';
import type { Reading, SinkHit } from './context';
import { isPunct } from '../scan/php-lexer';
import { firstAt } from '../sorted';
import { basename, readProgram, type FunctionDecl, type Program } from './program';
import { SINKS_BY_CLASS, SINKS_BY_FUNCTION, type TemplatePart } from './sinks';
import { interpretFunction, interpretTop } from './statements';
import type { SymbolLookup } from './symbols';
import * as callSemantics from './calls';
import { classConstant, constantValue, hasParam } from './calls';
import { Evaluator, useCalls } from './expr';
import { serialize, type FileSymbols, type SerialFunction, type SerialValue } from './workspace';
import {
	UNKNOWN,
	concat,
	intOf,
	isHole,
	madeAt,
	str,
	symbolsIn,
	textOf,
	type Known,
	type Part,
	type StrAlt,
	type Value,
} from './value';

// The evaluator's calls, `new`, constants and properties (expr.ts and calls.ts do not import each other).
useCalls(callSemantics);

export interface ValueAnalysis {
	/** Call candidates made from values (origin 'call', with a `flow`). */
	candidates: Candidate[];
	/** The transport scanner's candidates these replace: starts of call arguments and of literals now followed. */
	replaced: { start: number; end: number }[];
	literalStarts: Set<number>;
	/** Constants and functions this file does not define whose values would reach a sink (`NAME`, `C::NAME`, `f()`). */
	needs: Set<string>;
	/** Offset of a STREAM_CRYPTO_METHOD_* constant → every constant it is OR-ed with (itself included). */
	constantSets: Map<number, Set<string>>;
	/** The value of the variable (or `$this->x`'s name) at token index k, reading its function if need be. */
	variable(k: number): Value | undefined;
	/**
	 * The value of the constant named by the identifier at token index k: `define()`d or `const` in this file, else
	 * in another file the workspace index knows (its text is foreign); an unknown one is added to `needs`.
	 */
	constant(k: number): Value | undefined;
	/**
	 * What this file offers the others: its constants, class constants and function summaries (`sinksOnly`: only the
	 * summaries of functions that pass a parameter on to a sink).
	 */
	exports(sinksOnly?: boolean): FileSymbols;
	prog: Program;
}

/** Steps per token a reading may take before the rest is unknown. */
const BUDGET_PER_TOKEN = 40;

export function readValues(tokens: Token[], symbols?: SymbolLookup): ValueAnalysis {
	const prog = readProgram(tokens);
	const r: Reading = {
		prog,
		...(symbols && { symbols }),
		record: new Map(),
		constantSets: new Map(),
		functions: new Map(),
		constants: new Map(),
		budget: BUDGET_PER_TOKEN * tokens.length + 10_000,
		depth: 0,
	};
	// Only the code that holds a sink, or calls a function that does, is read; the rest only when asked for.
	const { bodies, top } = toRead(prog, symbols);
	let topRead = false;
	const hits: SinkHit[] = [];
	if (top) {
		topRead = true;
		hits.push(...interpretTop(r).sinks);
	}
	for (const body of bodies) {
		const result = interpretFunction(r, body);
		if (result) hits.push(...result.sinks);
	}
	const out: ValueAnalysis = {
		candidates: [],
		replaced: [],
		literalStarts: new Set(),
		needs: new Set(),
		constantSets: r.constantSets,
		variable(k) {
			if (!r.record.has(k)) {
				const body = enclosing(prog, k);
				if (body) interpretFunction(r, body);
				else if (!topRead) {
					topRead = true;
					interpretTop(r);
				}
			}
			return r.record.get(k);
		},
		constant(k) {
			const t = tokens[k];
			if (t?.kind !== 'ident') return undefined;
			const name = basename(t.text);
			if (prog.constants.has(name)) return constantValue(new Evaluator(r, { sinks: [] }), t);
			// Another file's (wp-config.php's SMTP_PORT): from the workspace index, which is asked for it by name.
			const foreign = symbols?.constant(name);
			if (foreign) return foreign;
			if (/^[A-Z][A-Z0-9_]*$/.test(name)) out.needs.add(name);
			return undefined;
		},
		exports: (sinksOnly = false) => exportsOf(r, sinksOnly),
		prog,
	};
	const seen = new Set<string>();
	for (const hit of hits) {
		if (hit.spec.crypto !== undefined) continue;
		for (const v of hit.args) if (v) symbolsIn(v, out.needs);
		const key = `${hit.start},${hit.through?.start ?? ''}`;
		if (seen.has(key)) continue;
		seen.add(key);
		candidatesOf(hit, out);
	}
	return out;
}

function exportsOf(r: Reading, sinksOnly: boolean): FileSymbols {
	const { prog } = r;
	const out: FileSymbols = { constants: {}, classConstants: {}, functions: {} };
	const ev = new Evaluator(r, { sinks: [] });
	const worth = (v: SerialValue | undefined): v is SerialValue =>
		!!v && v.some((alt) => alt.some((p) => typeof p === 'string'));
	if (!sinksOnly)
		for (const name of prog.constants.keys()) {
			const v = serialize(constantValue(ev, { kind: 'ident', start: -1, end: -1, text: name }));
			if (worth(v)) out.constants[name] = v;
		}
	const summarise = (key: string, decl: FunctionDecl) => {
		// A function that holds a sink was read already; reading the others is only worth it for their return values.
		const read = r.functions.get(decl);
		if (sinksOnly && (read === undefined || read === 'busy')) return;
		const result = interpretFunction(r, decl);
		if (!result) return;
		const sinks: SerialFunction['sinks'] = [];
		for (const hit of result.sinks) {
			if (!hit.spec.socket || !hit.args.some((v) => v && hasParam(v))) continue;
			const call = 'fn' in hit.spec.call ? hit.spec.call.fn : hit.spec.call.new;
			sinks.push({ call, args: hit.args.map((v) => (v && serialize(v)) ?? null) });
		}
		const returns = !sinksOnly && result.returns ? serialize(result.returns) : undefined;
		if (!sinks.length && !worth(returns)) return;
		out.functions[key] = { params: decl.params.map((p) => p.name), ...(worth(returns) && { returns }), sinks };
	};
	for (const [name, decl] of prog.functions) summarise(name, decl);
	for (const [name, list] of prog.classes) {
		if (list.length !== 1) continue;
		const cls = list[0]!;
		if (!sinksOnly)
			for (const c of cls.consts.keys()) {
				const v = serialize(classConstant(new Evaluator(r, { sinks: [], cls }), 'self', c));
				if (worth(v)) out.classConstants[`${name}::${c}`] = v;
			}
		for (const [m, decl] of cls.methods) summarise(`${name.toLowerCase()}::${m}`, decl);
	}
	return out;
}

/** The innermost function body holding token k (undefined: the top-level code). */
function enclosing(prog: Program, k: number): FunctionDecl | undefined {
	const bodies = prog.bodies;
	let b = bodies[firstAt(bodies.length, (j) => bodies[j]!.open >= k) - 1];
	// The last body opened before k, or the one it is written in, and so on out.
	while (b && k >= b.close) b = b.parent;
	return b;
}

/**
 * The function bodies (and whether the top-level code) to read: those holding a sink call or a crypto constant, and
 * those calling a function or method that holds a sink (its summary is filled in there; one level, no fixpoint).
 */
function toRead(prog: Program, symbols: SymbolLookup | undefined): { bodies: Set<FunctionDecl>; top: boolean } {
	const { tokens } = prog;
	const bodies = new Set<FunctionDecl>();
	let top = false;
	const mark = (k: number) => {
		const b = enclosing(prog, k);
		if (b) bodies.add(b);
		else top = true;
	};
	// Names are compared in lower case, but only names as long as a sink's are lowered (most are not: this loop runs
	// over every token of the file).
	const lengths = new Set([...SINKS_BY_FUNCTION.keys(), ...SINKS_BY_CLASS.keys()].map((n) => n.length));
	const anyLength = symbols?.sinkCalls() !== undefined;
	for (let k = 0; k < tokens.length; k++) {
		const t = tokens[k]!;
		if (t.kind !== 'ident') continue;
		const raw = t.text;
		const crypto = raw.length > 21 && raw.includes('STREAM_CRYPTO_METHOD_');
		if (!crypto && !anyLength && !lengths.has(raw.length) && !raw.includes('\\')) continue;
		const name = basename(raw).toLowerCase();
		const call = isPunct(tokens[k + 1], '(');
		const isNew = isNewBefore(tokens, k);
		if (
			(call && SINKS_BY_FUNCTION.has(name)) ||
			(SINKS_BY_CLASS.has(name) && isNew) ||
			name.startsWith('stream_crypto_method_') ||
			(call && symbols && symbols.isSinkFunction(callKey(tokens, k, name, isNew)))
		)
			mark(k);
	}
	// Calls of the file's own functions, methods and constructors that hold a sink (one level).
	const holders = new Set<string>();
	const constructors = new Set<string>();
	for (const b of bodies) {
		if (b.name) holders.add(b.name);
		if (b.cls && b.name === '__construct') constructors.add(b.cls.name.toLowerCase());
	}
	const holderLengths = new Set([...holders, ...constructors].map((n) => n.length));
	if (holders.size)
		for (let k = 0; k < tokens.length; k++) {
			const t = tokens[k]!;
			if (t.kind !== 'ident' || !isPunct(tokens[k + 1], '(')) continue;
			if (!holderLengths.has(t.text.length) && !t.text.includes('\\')) continue;
			const name = basename(t.text).toLowerCase();
			if (isNewBefore(tokens, k) ? constructors.has(name) : holders.has(name)) mark(k);
		}
	return { bodies, top };
}

/** Whether `new` comes right before tokens[k] (compared without making a lower-case copy of every name). */
function isNewBefore(tokens: Token[], k: number): boolean {
	const t = tokens[k - 1];
	return t?.kind === 'ident' && t.text.length === 3 && t.text.toLowerCase() === 'new';
}

/** How the workspace index names what a call calls: `name`, `class::name`, or `class::__construct` after `new`. */
function callKey(tokens: Token[], k: number, name: string, isNew: boolean): string {
	if (isNew) return `${name}::__construct`;
	const before = tokens[k - 1];
	const cls = tokens[k - 2];
	if (isPunct(before, '::') && cls?.kind === 'ident') return `${basename(cls.text).toLowerCase()}::${name}`;
	return isPunct(before, '->') || isPunct(before, '?->') ? '' : name;
}

function template(parts: readonly TemplatePart[], hit: SinkHit): Value | undefined {
	let v: Value = str([]);
	for (const p of parts) {
		if (typeof p === 'string') v = concat(v, str([madeAt(p, -1, -1)]));
		else {
			const arg = hit.args[p.arg];
			if (!arg && p.def === undefined) return undefined;
			v = concat(v, arg ?? str([madeAt(p.def!, -1, -1)]));
		}
	}
	return v;
}

function candidatesOf(hit: SinkHit, out: ValueAnalysis): void {
	const sock = hit.spec.socket;
	if (!sock) return;
	const target = template(sock.target, hit);
	if (!target) return;
	const port = sock.port ? portValue(sock.port, hit) : undefined;
	const isFunction = 'fn' in hit.spec.call;
	const followed = target.some((a) => a.k === 's' && a.via) || (port?.some((a) => a.k === 's' && a.via) ?? false);
	// The scanner reads a socket call's literal (and its concatenations) in place; the library sinks only come from here.
	if (isFunction && !followed && !hit.through) return;
	if (port && target.length > 1 && port.length > 1) return;
	const argAt = hit.argSpans[0] ?? { start: hit.start, end: hit.end };
	const at = hit.through ? { start: hit.through.start, end: hit.through.end } : argAt;
	const receiver = isFunction
		? `${sock.fn}()`
		: `${hit.spec.library?.name ?? ''} ${'new' in hit.spec.call ? hit.spec.call.new : ''}`.trim();
	const made: Candidate[] = [];
	for (const t of target) {
		// Nothing known (an empty string is known: it is empty).
		if (t.k !== 's' || (t.parts.length > 0 && t.parts.every(isHole))) continue;
		for (const p of port ?? [undefined]) {
			const c = candidate(t, p, hit, at, argAt, receiver);
			if (c) made.push(c);
		}
	}
	if (!made.length) return;
	const of = made.length > 1 ? made.length : undefined;
	for (const c of made) {
		if (of) c.flow!.of = of;
		out.candidates.push(c);
		for (const s of c.flow!.spans) out.literalStarts.add(s.start);
	}
	if (isFunction && !hit.through) out.replaced.push(argAt);
}

/** fsockopen's port: absent (or its default -1) appends nothing; a library's default port (SSH2's 22) does. */
function portValue(parts: readonly TemplatePart[], hit: SinkHit): Value | undefined {
	const arg = parts.find((p) => typeof p !== 'string');
	if (!arg || typeof arg === 'string') return undefined;
	if (hit.args[arg.arg] === undefined && (arg.def === undefined || arg.def === '-1')) return undefined;
	return template(parts, hit);
}

/** Local known text keeps its offsets; text from another file or made by an operator sits at `at`. */
function located(parts: Part[], at: { start: number; end: number }): Part[] {
	return parts.map((p) => {
		if (isHole(p)) return p;
		if (p.foreign !== undefined || p.map.some((x) => x < 0)) return madeAt(p.text, at.start, at.end);
		return p;
	});
}

function joined(parts: Known[], fallback: number): { text: string; map: number[] } {
	let text = '';
	const map: number[] = [];
	for (const p of parts) {
		text += p.text;
		for (let k = 0; k < p.text.length; k++) map.push(p.map[k]!);
	}
	map.push(parts.length ? parts[parts.length - 1]!.map[parts[parts.length - 1]!.text.length]! : fallback);
	return { text, map };
}

function candidate(
	t: StrAlt,
	p: Value[number] | undefined,
	hit: SinkHit,
	at: { start: number; end: number },
	argAt: { start: number; end: number },
	receiver: string,
): Candidate | undefined {
	const sock = hit.spec.socket!;
	const from = t.parts.find((x): x is Known => !isHole(x) && x.foreign !== undefined)?.foreign;
	const parts = located(t.parts, argAt);
	const first = parts.findIndex(isHole);
	const last = parts.length - 1 - [...parts].reverse().findIndex(isHole);
	const prefix = joined((first < 0 ? parts : parts.slice(0, first)) as Known[], argAt.start);
	const spans: Flow['spans'] = [];
	const pieces: Flow['pieces'] = [];
	let index = 0;
	for (const [i, part] of parts.entries()) {
		if (isHole(part)) continue;
		const s = part.map[0]!;
		const e = part.map[part.text.length]!;
		// Only text written in this file can hold a finding or take an edit: not text placed at the use site because it
		// was written in another file, or made by an operator.
		const written = t.parts[i] === part;
		if (written && s < e && !spans.some((x) => x.start === s && x.end === e)) spans.push({ start: s, end: e });
		if (first < 0 || i < first) pieces.push({ from: index, to: index + part.text.length });
		index += part.text.length;
	}
	const c: Candidate = {
		value: prefix.text,
		start: prefix.map[0]!,
		end: prefix.map[prefix.text.length]!,
		map: prefix.map,
		origin: 'call',
		flow: {
			at,
			spans,
			pieces,
			receiver: hit.through ? hit.through.name : receiver,
			...(hit.through && { socket: `${sock.fn}()` }),
			...(from !== undefined && { from }),
			// The socket call inside the function, when that function is in this file.
			...(hit.through && argAt.start !== hit.through.start && { inner: { ...argAt, name: receiver } }),
		},
	};
	if (first >= 0) {
		const suffix = joined(parts.slice(last + 1) as Known[], argAt.end);
		c.partial = { suffix: suffix.text, suffixStart: suffix.map[0]!, suffixMap: suffix.map };
	}
	const call: CallContext = { fn: sock.fn };
	if (p !== undefined) {
		const portAt = hit.argSpans[1] ?? argAt;
		call.port = portArg(p, portAt, spans);
	}
	if (sock.flags !== undefined) {
		const f = hit.args[sock.flags];
		const fAt = hit.argSpans[sock.flags];
		const only = f?.length === 1 ? f[0] : undefined;
		if (f && fAt)
			call.flags =
				only?.k === 'f' ? { ...fAt, known: true, constants: only.names.map((n) => n.name) } : { ...fAt, known: false };
	}
	const ctx = sock.context === undefined ? undefined : hit.vars[sock.context];
	if (ctx) call.context = { var: ctx.name, start: ctx.start, end: ctx.end };
	c.call = call;
	return c;
}

function portArg(
	p: Value[number],
	portAt: { start: number; end: number },
	spans: Flow['spans'],
): ArgValue & { known: boolean } {
	const n = intOf(p);
	const text = textOf(p);
	if (n === undefined || text === undefined) return { ...portAt, known: false };
	const s = p.k === 's' && p.parts.length === 1 && !isHole(p.parts[0]!) ? p.parts[0] : undefined;
	const local =
		s && s.foreign === undefined && s.map[0]! >= 0 ? { start: s.map[0]!, end: s.map[s.text.length]! } : portAt;
	if (local !== portAt && !spans.some((x) => x.start === local.start)) spans.push(local);
	return { ...local, known: true, int: n };
}

export { UNKNOWN };
