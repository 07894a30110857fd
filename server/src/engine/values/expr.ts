//! Evaluates a PHP expression (a token range) to its possible values, performing its assignments on the
//! environment: precedence climbing over PHP 8's operator table, with the parts a transport URL is built from
//! (literals, interpolation, `.`, `|`, ternaries, `??`, `match`, arrays, sprintf) and unknown for the rest.
import { isPunct, type Token } from '../scan/php-lexer';
import { merge, type Env, type Frame, type Reading } from './context';
import { ASSIGNMENTS, opAt } from './ops';
import { nextAt } from './program';
import {
	HOLE,
	UNKNOWN,
	asString,
	concat,
	intOf,
	madeAt,
	plain,
	str,
	textOf,
	union,
	via,
	type Alt,
	type ArrAlt,
	type Known,
	type Part,
	type Value,
} from './value';

/** Binary operators: precedence (higher binds tighter) and whether they group to the right. */
const BINARY: Record<string, [number, boolean]> = {
	or: [1, false],
	xor: [2, false],
	and: [3, false],
	'??': [6, true],
	'||': [7, false],
	'&&': [8, false],
	'|': [9, false],
	'^': [10, false],
	'&': [11, false],
	'==': [12, false],
	'!=': [12, false],
	'===': [12, false],
	'!==': [12, false],
	'<>': [12, false],
	'<=>': [12, false],
	'<': [13, false],
	'<=': [13, false],
	'>': [13, false],
	'>=': [13, false],
	'.': [14, false],
	'<<': [15, false],
	'>>': [15, false],
	'+': [16, false],
	'-': [16, false],
	'*': [17, false],
	'/': [17, false],
	'%': [17, false],
	instanceof: [19, false],
	'**': [20, true],
};
const ASSIGN_PREC = 4;
const TERNARY_PREC = 5;
const CASTS = new Set(['string', 'int', 'integer', 'bool', 'boolean', 'float', 'double', 'array', 'object', 'binary']);

/** Where an assignment can write: a variable, a property of `$this`, an element of one, or a list. */
type Target =
	{ kind: 'var'; name: string } | { kind: 'index'; base: Target; key: Value | undefined } | { kind: 'other' };

/**
 * What calls, `new`, constants and properties evaluate to: calls.ts, wired in by the reading (resolve.ts) so that the
 * evaluator and the call semantics that use it do not import each other.
 */
export interface CallSemantics {
	callValue(ev: Evaluator, k: number, env: Env): Result;
	newValue(ev: Evaluator, k: number, to: number, env: Env): Result;
	staticCall(ev: Evaluator, k: number, env: Env): Result;
	thisCall(ev: Evaluator, k: number, env: Env): Result;
	constantValue(ev: Evaluator, t: Token): Value;
	propertyValue(ev: Evaluator, name: string): Value;
}

let calls: CallSemantics = new Proxy({} as CallSemantics, {
	get() {
		throw new Error('the value layer read a call before resolve.ts wired the call semantics (useCalls)');
	},
});

/** Sets the call semantics every Evaluator uses (once, by the reading's module). */
export function useCalls(c: CallSemantics): void {
	calls = c;
}

export interface Result {
	v: Value;
	next: number;
	target?: Target;
}

export class Evaluator {
	constructor(
		readonly r: Reading,
		readonly frame: Frame,
	) {}

	get tokens(): Token[] {
		return this.r.prog.tokens;
	}

	/** The value of the expression [k, to); assignments in it change `env`. */
	value(k: number, to: number, env: Env): Value {
		if (k >= to) return UNKNOWN;
		return this.expr(k, to, env, 0).v;
	}

	expr(k: number, to: number, env: Env, min: number): Result {
		if (--this.r.budget < 0 || k >= to || !this.tokens[k]) return { v: UNKNOWN, next: Math.max(k, to) };
		let left = this.unary(k, to, env);
		for (;;) {
			const at = left.next;
			const t = this.tokens[at];
			if (at >= to || !t) return left;
			const word = t.kind === 'ident' ? t.text.toLowerCase() : '';
			const op = t.kind === 'punct' ? opAt(this.tokens, at) : { text: word, next: at + 1 };
			if (ASSIGNMENTS.has(op.text) && min <= ASSIGN_PREC) {
				left = this.assign(left, op.text, op.next, to, env);
				continue;
			}
			if (op.text === '?' && min <= TERNARY_PREC) {
				left = this.ternary(left, op.next, to, env);
				continue;
			}
			if (op.text === '?:' && min <= TERNARY_PREC) {
				const other = new Map(env);
				const r = this.expr(op.next, to, other, TERNARY_PREC + 1);
				replace(env, merge([env, other]));
				left = { v: union(left.v, r.v), next: r.next };
				continue;
			}
			const info = BINARY[op.text];
			if (!info || info[0] < min) return left;
			const [prec, right] = info;
			const lazy = op.text === '&&' || op.text === '||' || op.text === '??' || op.text === 'and' || op.text === 'or';
			const scope = lazy ? new Map(env) : env;
			const r = this.expr(op.next, to, scope, right ? prec : prec + 1);
			if (lazy) replace(env, merge([env, scope]));
			left = { v: binary(op.text, left.v, r.v, this.r), next: r.next };
		}
	}

	private ternary(_cond: Result, k: number, to: number, env: Env): Result {
		const colon = nextAt(this.r.prog, k, to, [':']);
		if (colon >= to) return { v: UNKNOWN, next: to };
		const yes = new Map(env);
		const no = new Map(env);
		const a = this.expr(k, colon, yes, 0);
		const b = this.expr(colon + 1, to, no, TERNARY_PREC + 1);
		replace(env, merge([yes, no]));
		return { v: union(a.v, b.v), next: b.next };
	}

	private assign(left: Result, op: string, k: number, to: number, env: Env): Result {
		const rhs = this.expr(k, to, env, ASSIGN_PREC);
		const target = left.target;
		if (!target || target.kind === 'other') return { v: rhs.v, next: rhs.next };
		const old = left.v;
		const v =
			op === '='
				? rhs.v
				: op === '.='
					? concat(old, rhs.v)
					: op === '|='
						? binary('|', old, rhs.v, this.r)
						: op === '??='
							? union(old, rhs.v)
							: UNKNOWN;
		this.write(target, v, env);
		return { v, next: rhs.next };
	}

	/** Assigns `v` to `target`; an element of an unknown array leaves it unknown. */
	write(target: Target, v: Value, env: Env): void {
		if (target.kind === 'var') {
			env.set(target.name, v);
			if (target.name.startsWith('$this->') && this.frame.propWrites) {
				const name = target.name.slice(7);
				const was = this.frame.propWrites.get(name);
				this.frame.propWrites.set(name, was ? union(was, v) : v);
			}
			return;
		}
		if (target.kind !== 'index' || target.base.kind !== 'var') return;
		const name = target.base.name;
		const base = env.get(name);
		const key = target.key?.length === 1 ? textOf(target.key[0]!) : undefined;
		if (base === undefined && !name.startsWith('$this->')) {
			// `$a['k'] = v` or `$a[] = v` on a new variable makes an array.
			if (target.key && key === undefined) return void env.set(name, UNKNOWN);
			env.set(name, [{ k: 'a', entries: new Map([[key ?? '0', v]]) }]);
			return;
		}
		if (base?.length === 1 && base[0]!.k === 'a') {
			const arr = base[0] as ArrAlt;
			if (target.key && key === undefined) return void env.set(name, UNKNOWN);
			const entries = new Map(arr.entries);
			entries.set(key ?? String(nextIndex(arr)), v);
			env.set(name, [{ k: 'a', entries }]);
			return;
		}
		env.set(name, UNKNOWN);
	}

	private unary(k: number, to: number, env: Env): Result {
		const t = this.tokens[k]!;
		if (t.kind === 'punct') {
			const op = opAt(this.tokens, k);
			if (op.text === '(' && this.castAt(k)) {
				const inner = this.expr(k + 3, to, env, 18);
				const cast = this.tokens[k + 1]!.text.toLowerCase();
				return { v: cast === 'string' || cast === 'binary' ? inner.v : castInt(cast, inner.v), next: inner.next };
			}
			if (op.text === '@' || op.text === '+') return this.expr(op.next, to, env, 18);
			if (op.text === '-') {
				const inner = this.expr(op.next, to, env, 18);
				return { v: negate(inner.v), next: inner.next };
			}
			if (op.text === '!' || op.text === '~' || op.text === '++' || op.text === '--' || op.text === '&') {
				const inner = this.expr(op.next, to, env, 18);
				if (inner.target && op.text !== '!' && op.text !== '~' && op.text !== '&')
					this.write(inner.target, UNKNOWN, env);
				return { v: UNKNOWN, next: inner.next };
			}
		}
		if (t.kind === 'ident') {
			const w = t.text.toLowerCase();
			if (w === 'new') {
				const r = calls.newValue(this, k, to, env);
				return this.postfix(r, to, env);
			}
			if (
				w === 'print' ||
				w === 'yield' ||
				w === 'throw' ||
				w === 'clone' ||
				w === 'include' ||
				w === 'require' ||
				w === 'include_once' ||
				w === 'require_once'
			) {
				const inner = this.expr(k + 1, to, env, w === 'clone' ? 18 : ASSIGN_PREC);
				if (w.startsWith('include') || w.startsWith('require')) forgetAll(env);
				return { v: UNKNOWN, next: inner.next };
			}
		}
		return this.postfix(this.primary(k, to, env), to, env);
	}

	private castAt(k: number): boolean {
		const name = this.tokens[k + 1];
		return name?.kind === 'ident' && CASTS.has(name.text.toLowerCase()) && isPunct(this.tokens[k + 2], ')');
	}

	private primary(k: number, to: number, env: Env): Result {
		const tokens = this.tokens;
		const t = tokens[k]!;
		switch (t.kind) {
			case 'str':
				return { v: this.literal(t, env), next: k + 1 };
			case 'num': {
				const n = phpNumber(t.text);
				const part = n === t.text ? plain(n, t.start) : n === undefined ? undefined : madeAt(n, t.start, t.end);
				return { v: part ? str([part]) : UNKNOWN, next: k + 1 };
			}
			case 'var': {
				const name = t.text;
				if (
					name === '$this' &&
					isPunct(tokens[k + 1], '->') &&
					tokens[k + 2]?.kind === 'ident' &&
					isPunct(tokens[k + 3], '(')
				)
					return calls.thisCall(this, k, env);
				if (
					name === '$this' &&
					isPunct(tokens[k + 1], '->') &&
					tokens[k + 2]?.kind === 'ident' &&
					!isPunct(tokens[k + 3], '(')
				) {
					const key = `$this->${tokens[k + 2]!.text}`;
					const known = env.get(key);
					// The target of a plain assignment is not read (reading it would read the method being read).
					const assigned = tokens[k + 3]?.kind === 'punct' && opAt(tokens, k + 3).text === '=';
					const v = known ?? (assigned ? UNKNOWN : calls.propertyValue(this, tokens[k + 2]!.text));
					this.r.record.set(k + 2, v);
					return { v: via(v), next: k + 3, target: { kind: 'var', name: key } };
				}
				const v = env.get(name) ?? UNKNOWN;
				this.r.record.set(k, v);
				return { v: via(v), next: k + 1, target: { kind: 'var', name } };
			}
			case 'ident':
				return this.identifier(k, to, env);
			case 'punct':
				break;
		}
		if (t.text === '(') {
			const close = this.r.prog.partner[k]!;
			const inner = this.expr(k + 1, close, env, 0);
			return { v: inner.v, next: close + 1 };
		}
		if (t.text === '[') {
			const close = this.r.prog.partner[k]!;
			return { v: this.array(k + 1, close, env), next: close + 1, target: { kind: 'other' } };
		}
		if (t.text === '#' && isPunct(tokens[k + 1], '[')) {
			// An attribute before a closure: skip it.
			const close = this.r.prog.partner[k + 1]!;
			return close + 1 < to ? this.unary(close + 1, to, env) : { v: UNKNOWN, next: to };
		}
		return { v: UNKNOWN, next: k + 1 };
	}

	private identifier(k: number, to: number, env: Env): Result {
		const tokens = this.tokens;
		const t = tokens[k]!;
		const w = t.text.toLowerCase();
		const next = tokens[k + 1];
		if (w === 'true') return { v: str([madeAt('1', t.start, t.end)]), next: k + 1 };
		if (w === 'false' || w === 'null') return { v: str([]), next: k + 1 };
		if ((w === 'array' || w === 'list') && isPunct(next, '(')) {
			const close = this.r.prog.partner[k + 1]!;
			return { v: w === 'array' ? this.array(k + 2, close, env) : UNKNOWN, next: close + 1, target: { kind: 'other' } };
		}
		if ((w === 'function' || w === 'fn' || w === 'static') && !isPunct(next, '::')) return this.closure(k, env);
		if (w === 'match' && isPunct(next, '(')) return this.match(k, to, env);
		if ((w === 'isset' || w === 'empty' || w === 'unset') && isPunct(next, '(')) {
			const close = this.r.prog.partner[k + 1]!;
			if (w === 'unset') this.forgetArgs(k + 2, close, env);
			return { v: UNKNOWN, next: close + 1 };
		}
		if (isPunct(next, '::')) return calls.staticCall(this, k, env);
		if (isPunct(next, '(')) return calls.callValue(this, k, env);
		if (next?.kind === 'var' || isPunct(next, '&') || isPunct(next, '...')) return { v: UNKNOWN, next: k + 1 };
		if (/^\\?STREAM_CRYPTO_METHOD_/.test(t.text) || /^STREAM_(CLIENT|SERVER)_/.test(t.text)) {
			const name = t.text.replace(/^\\/, '');
			return { v: [{ k: 'f', names: [{ name, start: t.end - name.length, end: t.end }] }], next: k + 1 };
		}
		return { v: calls.constantValue(this, t), next: k + 1 };
	}

	/** Index, property, method and call suffixes of a primary. */
	private postfix(left: Result, to: number, env: Env): Result {
		const tokens = this.tokens;
		for (;;) {
			const k = left.next;
			const t = tokens[k];
			if (k >= to || t?.kind !== 'punct') return left;
			if (t.text === '[' || t.text === '{') {
				const close = this.r.prog.partner[k]!;
				const key = close > k + 1 ? this.value(k + 1, close, env) : undefined;
				left = {
					v: key ? index(left.v, key) : UNKNOWN,
					next: close + 1,
					target: left.target ? { kind: 'index', base: left.target, key } : undefined,
				};
				continue;
			}
			if (t.text === '->' || t.text === '?->') {
				const name = tokens[k + 1];
				let next = k + 2;
				if (isPunct(tokens[next], '(')) {
					const close = this.r.prog.partner[next]!;
					this.args(next + 1, close, env);
					next = close + 1;
				} else if (name?.kind !== 'ident') next = k + 1;
				left = { v: UNKNOWN, next, target: { kind: 'other' } };
				continue;
			}
			if (t.text === '::') {
				const r = calls.staticCall(this, k - 1, env);
				left = { v: UNKNOWN, next: Math.max(r.next, k + 1) };
				continue;
			}
			if (t.text === '(') {
				const close = this.r.prog.partner[k]!;
				this.args(k + 1, close, env);
				left = { v: UNKNOWN, next: close + 1 };
				continue;
			}
			const op = opAt(tokens, k);
			if (op.text === '++' || op.text === '--') {
				if (left.target) this.write(left.target, UNKNOWN, env);
				left = { v: UNKNOWN, next: op.next };
				continue;
			}
			return left;
		}
	}

	/** Evaluates call arguments in order: their values and token ranges (named arguments in their place). */
	args(
		from: number,
		close: number,
		env: Env,
		params?: readonly string[],
	): {
		values: (Value | undefined)[];
		spans: ({ start: number; end: number; from: number; to: number } | undefined)[];
		byRef: (string | undefined)[];
	} {
		const tokens = this.tokens;
		const values: (Value | undefined)[] = [];
		const spans: ({ start: number; end: number; from: number; to: number } | undefined)[] = [];
		const byRef: (string | undefined)[] = [];
		let pos = 0;
		for (let j = from; j < close;) {
			const end = nextAt(this.r.prog, j, close, [',']);
			let at = pos;
			let s = j;
			if (params && tokens[j]?.kind === 'ident' && isPunct(tokens[j + 1], ':') && !isPunct(tokens[j + 2], ':')) {
				const named = params.indexOf(tokens[j]!.text);
				if (named >= 0) at = named;
				s = j + 2;
			}
			if (s < end) {
				if (isPunct(tokens[s], '...')) {
					this.value(s + 1, end, env);
					return { values, spans, byRef };
				}
				values[at] = this.value(s, end, env);
				spans[at] = { start: tokens[s]!.start, end: tokens[end - 1]!.end, from: s, to: end };
				const only = end === s + 1 && tokens[s]!.kind === 'var' ? tokens[s]!.text : undefined;
				byRef[at] = only;
			}
			pos++;
			j = end + 1;
		}
		return { values, spans, byRef };
	}

	private forgetArgs(from: number, close: number, env: Env): void {
		for (let j = from; j < close; j++) {
			const t = this.tokens[j]!;
			if (t.kind === 'var') env.set(t.text, UNKNOWN);
		}
	}

	/** A string literal: its text, or its parts with interpolated variables and properties evaluated. */
	literal(t: Token, env: Env): Value {
		if (!t.suffix) return str([t.map ? { text: t.text, map: t.map } : plain(t.text, t.base!)]);
		if (!t.parts) {
			const suffix: Known = { text: t.suffix.text, map: plain(t.suffix.text, t.suffix.start).map };
			return str([{ text: t.text, map: t.map! }, HOLE, suffix]);
		}
		let v: Value = str([]);
		for (const p of t.parts) {
			if ('text' in p) v = concat(v, str([p]));
			else v = concat(v, this.interpolation(p.expr, env));
		}
		return v;
	}

	/** `$x`, `{$x}`, `$this->x`, `{$this->x}`; anything else in a string is unknown. */
	private interpolation(expr: string, env: Env): Value {
		const m = /^\{?\$([A-Za-z_\x80-\uffff][A-Za-z0-9_\x80-\uffff]*)(?:->([A-Za-z_][A-Za-z0-9_]*))?\}?$/.exec(expr);
		if (!m || expr.startsWith('{') !== expr.endsWith('}')) return UNKNOWN;
		if (m[2]) {
			if (m[1] !== 'this') return UNKNOWN;
			return via(env.get(`$this->${m[2]}`) ?? calls.propertyValue(this, m[2]));
		}
		return via(env.get(`$${m[1]}`) ?? UNKNOWN);
	}

	/** `[k => v, ...]` / `array(...)` with literal keys; other keys make the value unknown. */
	private array(from: number, close: number, env: Env): Value {
		const tokens = this.tokens;
		const entries = new Map<string, Value>();
		let next = 0;
		for (let j = from; j < close;) {
			const end = nextAt(this.r.prog, j, close, [',']);
			if (j >= end) {
				j = end + 1;
				continue;
			}
			if (isPunct(tokens[j], '...')) {
				this.value(j + 1, end, env);
				return UNKNOWN;
			}
			const arrow = nextAt(this.r.prog, j, end, ['=>']);
			let key: string | undefined;
			if (arrow < end) {
				const k = this.value(j, arrow, env);
				key = k.length === 1 ? textOf(k[0]!) : undefined;
				if (key === undefined) return UNKNOWN;
				if (/^(0|-?[1-9]\d*)$/.test(key)) next = Math.max(next, Number(key) + 1);
				entries.set(key, this.value(arrow + 1, end, env));
			} else entries.set(String(next++), this.value(j, end, env));
			j = end + 1;
		}
		return [{ k: 'a', entries }];
	}

	/** `match (x) { a, b => v, default => w }`: any arm's value. */
	private match(k: number, to: number, env: Env): Result {
		const tokens = this.tokens;
		const close = this.r.prog.partner[k + 1]!;
		this.value(k + 2, close, env);
		const open = close + 1;
		if (!isPunct(tokens[open], '{')) return { v: UNKNOWN, next: Math.min(to, open) };
		const end = this.r.prog.partner[open]!;
		let v: Value | undefined;
		for (let j = open + 1; j < end;) {
			const stop = nextAt(this.r.prog, j, end, [',']);
			const arrow = nextAt(this.r.prog, j, stop, ['=>']);
			if (arrow < stop) {
				const arm = this.value(arrow + 1, stop, new Map(env));
				v = v ? union(v, arm) : arm;
			}
			j = stop + 1;
		}
		return { v: v ?? UNKNOWN, next: end + 1 };
	}

	/** A closure or arrow function is a value this layer does not follow; `use (&$x)` may change $x later. */
	private closure(k: number, env: Env): Result {
		const tokens = this.tokens;
		let j = k;
		if (tokens[j]?.text.toLowerCase() === 'static') j++;
		const decl = this.r.prog.bodyAt.get(j);
		if (!decl) return { v: UNKNOWN, next: k + 1 };
		for (let m = decl.at; m < decl.open; m++)
			if (isPunct(tokens[m], '&') && tokens[m + 1]?.kind === 'var') env.set(tokens[m + 1]!.text, UNKNOWN);
		return { v: UNKNOWN, next: decl.arrow ? decl.close : decl.close + 1 };
	}
}

/** Replaces the content of `env` by `from`'s (environments are shared by reference up the call chain). */
export function replace(env: Env, from: Env): void {
	if (env === from) return;
	env.clear();
	for (const [k, v] of from) env.set(k, v);
}

/** `include`/`require` and the like can set any variable. */
export function forgetAll(env: Env): void {
	for (const k of env.keys()) env.set(k, UNKNOWN);
}

function binary(op: string, a: Value, b: Value, r: Reading): Value {
	if (op === '.') return concat(a, b);
	if (op === '|') return flags(a, b, r);
	if (op === '??') return union(a, b);
	if (op === '+' || op === '-' || op === '*') {
		if (a.length !== 1 || b.length !== 1) return UNKNOWN;
		const x = intOf(a[0]!);
		const y = intOf(b[0]!);
		if (x === undefined || y === undefined) return UNKNOWN;
		const n = op === '+' ? x + y : op === '-' ? x - y : x * y;
		return Number.isSafeInteger(n) ? str([madeAt(String(n), -1, -1)]) : UNKNOWN;
	}
	return UNKNOWN;
}

/** `A | B`: the constants of both sides, recorded for each constant (the crypto method sets). */
function flags(a: Value, b: Value, r: Reading): Value {
	if (a.length !== 1 || b.length !== 1 || a[0]!.k !== 'f' || b[0]!.k !== 'f') return UNKNOWN;
	const names = [...a[0]!.names, ...b[0]!.names];
	const all = names.map((n) => n.name);
	for (const n of names) {
		let set = r.constantSets.get(n.start);
		if (!set) r.constantSets.set(n.start, (set = new Set()));
		for (const x of all) set.add(x);
	}
	return [{ k: 'f', names }];
}

function index(base: Value, key: Value): Value {
	if (key.length !== 1) return UNKNOWN;
	const k = textOf(key[0]!);
	if (k === undefined) return UNKNOWN;
	let out: Value | undefined;
	for (const alt of base) {
		const v = alt.k === 'a' ? (alt.entries.get(k) ?? UNKNOWN) : UNKNOWN;
		out = out ? union(out, v) : v;
	}
	return via(out ?? UNKNOWN);
}

function nextIndex(arr: ArrAlt): number {
	let n = 0;
	for (const k of arr.entries.keys()) if (/^(0|[1-9]\d*)$/.test(k)) n = Math.max(n, Number(k) + 1);
	return n;
}

function negate(v: Value): Value {
	return v.map((a): Alt => {
		const n = intOf(a);
		if (n === undefined) return asString(UNKNOWN[0]!);
		const s = asString(a);
		const first = s.parts[0] as Known;
		return { k: 's', parts: [madeAt(String(-n), first.map[0]! - 1, first.map[first.text.length]!)], via: s.via };
	});
}

function castInt(cast: string, v: Value): Value {
	if (cast !== 'int' && cast !== 'integer') return UNKNOWN;
	return v.map((a): Alt => {
		const n = intOf(a);
		const s = asString(a);
		const first = s.parts[0];
		if (n === undefined || !first || !('text' in first)) return asString(UNKNOWN[0]!);
		return { k: 's', parts: [madeAt(String(n), first.map[0]!, first.map[first.text.length]!)], via: s.via };
	});
}

/** The decimal text of a PHP integer literal (hex, octal, binary, underscores), or undefined for floats. */
export function phpNumber(text: string): string | undefined {
	const t = text.replace(/_/g, '');
	let n: number;
	if (/^0[xX][0-9a-fA-F]+$/.test(t)) n = parseInt(t.slice(2), 16);
	else if (/^0[bB][01]+$/.test(t)) n = parseInt(t.slice(2), 2);
	else if (/^0[oO][0-7]+$/.test(t)) n = parseInt(t.slice(2), 8);
	else if (/^0[0-7]+$/.test(t)) n = parseInt(t, 8);
	else if (/^\d+$/.test(t)) n = Number(t);
	else return undefined;
	return Number.isSafeInteger(n) ? String(n) : undefined;
}

export type { Part };
