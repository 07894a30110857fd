//! Calls and names in expressions: sink calls (recorded with their arguments), sprintf and a few string functions,
//! functions and methods of the file (their return values, and their sinks filled in with the arguments),
//! constants (`define`, `const`, class constants) and properties of `$this`.
import { isPunct, type Token } from '../scan/php-lexer';
import type { Env, FunctionResult, SinkHit } from './context';
import { Evaluator, forgetAll, type Result } from './expr';
import { basename, fullName, type ClassDecl, type FunctionDecl } from './program';
import { SINKS_BY_CLASS, SINKS_BY_FUNCTION, type SinkSpec } from './sinks';
import { sprintf } from './sprintf';
import { interpretFunction } from './statements';
import { UNKNOWN, concat, isHole, str, symbol, union, via, type Alt, type Part, type Value } from './value';
import { sinkSpecOf, substituteSerial } from './workspace';

/** Built-in functions whose parameters at these positions are references (they can change the variable passed). */
const BY_REF: Record<string, number[]> = {
	preg_match: [2],
	preg_match_all: [2],
	preg_replace: [4],
	preg_replace_callback: [4],
	str_replace: [3],
	str_ireplace: [3],
	parse_str: [1],
	mb_parse_str: [1],
	settype: [0],
	sscanf: [2, 3, 4, 5, 6, 7],
	fsockopen: [2, 3],
	pfsockopen: [2, 3],
	stream_socket_client: [1, 2],
	stream_socket_server: [1, 2],
	exec: [1, 2],
	array_push: [0],
	array_pop: [0],
	array_shift: [0],
	array_unshift: [0],
	array_splice: [0],
	sort: [0],
	rsort: [0],
	usort: [0],
	ksort: [0],
	krsort: [0],
	asort: [0],
	arsort: [0],
	uasort: [0],
	uksort: [0],
	shuffle: [0],
	getmxrr: [1, 2],
};
/** Calls that can set any variable of the scope. */
const FORGET_ALL = new Set(['extract', 'eval', 'parse_str', 'mb_parse_str', 'get_defined_vars']);

/** How many calls deep the values of functions of the file are followed. */
const MAX_DEPTH = 3;

/** Where the token at k ends (the last token's end when an unclosed bracket runs to the end of the file). */
function endOf(tokens: Token[], k: number): number {
	return (tokens[Math.min(k, tokens.length - 1)] ?? { end: 0 }).end;
}

function calleeName(t: Token): string {
	const name = t.text.replace(/^\\/, '');
	// An unqualified call in a namespace falls back to the global function: compare by basename, lower case.
	return basename(name).toLowerCase();
}

export function callValue(ev: Evaluator, k: number, env: Env): Result {
	const tokens = ev.tokens;
	const name = calleeName(tokens[k]!);
	const open = k + 1;
	const close = ev.r.prog.partner[open]!;
	const next = close + 1;
	const spec = SINKS_BY_FUNCTION.get(name);
	const decl = spec ? undefined : ev.r.prog.functions.get(name);
	const a = ev.args(open + 1, close, env, spec?.params ?? decl?.params.map((p) => p.name.slice(1)));
	forgetByRef(ev, env, a.byRef, BY_REF[name] ?? decl?.params.flatMap((p, i) => (p.byRef ? [i] : [])) ?? []);
	if (FORGET_ALL.has(name) && !(name.endsWith('parse_str') && a.values.length > 1)) forgetAll(env);
	if (spec) {
		record(ev, spec, a, tokens[k]!.start, endOf(tokens, close));
		return { v: UNKNOWN, next };
	}
	if (name === 'sprintf' || name === 'vsprintf') return { v: via(sprintf(name, a.values)), next };
	if (name === 'strval' && a.values[0]) return { v: a.values[0], next };
	if ((name === 'strtolower' || name === 'strtoupper' || name === 'trim') && a.values[0])
		return { v: stringFunction(name, a.values[0]), next };
	if (decl) return { v: called(ev, decl, a.values, env, tokens[k]!.start, endOf(tokens, close)), next };
	const written = tokens[k]!.text.replace(/^\\/, '');
	return { v: calledElsewhere(ev, name, written, a.values, tokens[k]!.start, endOf(tokens, close)), next };
}

/**
 * A call of a function (or `class::method`) of another file: its summary's sinks filled in with the arguments (at
 * this call) and its return value.
 */
function calledElsewhere(
	ev: Evaluator,
	name: string,
	written: string,
	args: (Value | undefined)[],
	start: number,
	end: number,
): Value {
	const f = ev.r.symbols?.function(name);
	if (!f) return symbol(`${name}()`);
	const shown = `${written}() in ${f.file}`;
	for (const s of f.fn.sinks) {
		const spec = sinkSpecOf(s.call);
		if (!spec) continue;
		const values = s.args.map((v) => (v ? substituteSerial(v, f.fn.params, args, f.file, `${name}()`) : undefined));
		ev.frame.sinks.push({
			spec,
			args: values,
			argSpans: values.map(() => ({ start, end })),
			vars: [],
			start,
			end,
			through: { start, end, name: shown },
			...(ev.frame.fn && { fn: ev.frame.fn }),
		});
	}
	return f.fn.returns ? (substituteSerial(f.fn.returns, f.fn.params, args, f.file, `${name}()`) ?? UNKNOWN) : UNKNOWN;
}

function forgetByRef(ev: Evaluator, env: Env, passed: (string | undefined)[], positions: number[]): void {
	for (const p of positions) {
		const v = passed[p];
		if (v) env.set(v, UNKNOWN);
	}
	void ev;
}

/** A sink call met while reading: kept with its evaluated arguments. */
function record(ev: Evaluator, spec: SinkSpec, a: ReturnType<Evaluator['args']>, start: number, end: number): void {
	const hit: SinkHit = {
		spec,
		args: a.values,
		argSpans: a.spans.map((s) => s && { start: s.start, end: s.end }),
		vars: a.byRef.map((name, i) =>
			name && a.spans[i] ? { name, start: a.spans[i].start, end: a.spans[i].end } : undefined,
		),
		start,
		end,
		...(ev.frame.fn && { fn: ev.frame.fn }),
	};
	ev.frame.sinks.push(hit);
}

/** `new Name(...)`: a library sink when the class is one (in its namespace); an object otherwise. */
export function newValue(ev: Evaluator, k: number, to: number, env: Env): Result {
	const tokens = ev.tokens;
	const cls = tokens[k + 1];
	if (cls?.kind !== 'ident') return { v: UNKNOWN, next: Math.min(to, k + 1) };
	if (cls.text.toLowerCase() === 'class') {
		// An anonymous class: its body is read as declarations, not as this expression.
		let j = k + 2;
		while (j < to && !isPunct(tokens[j], '{')) j = ev.r.prog.partner[j]! >= 0 ? ev.r.prog.partner[j]! + 1 : j + 1;
		return { v: UNKNOWN, next: j < to ? ev.r.prog.partner[j]! + 1 : to };
	}
	if (!isPunct(tokens[k + 2], '(')) return { v: UNKNOWN, next: k + 2 };
	const close = ev.r.prog.partner[k + 2]!;
	const full = fullName(ev.r.prog, cls.text);
	const spec = SINKS_BY_CLASS.get(basename(full).toLowerCase());
	const inNamespace = spec && 'new' in spec.call && (!spec.call.ns || full.startsWith(spec.call.ns));
	const local = inNamespace ? undefined : classOf(ev, cls.text)?.methods.get('__construct');
	const params = inNamespace ? spec.params : local?.params.map((p) => p.name.slice(1));
	const a = ev.args(k + 3, close, env, params);
	const start = tokens[k]!.start;
	const end = endOf(tokens, close);
	if (spec && inNamespace) record(ev, spec, a, start, end);
	// A constructor of this file or of another one that passes a parameter on to a sink.
	else if (local) called(ev, local, a.values, env, start, end);
	else calledElsewhere(ev, `${basename(full).toLowerCase()}::__construct`, `new ${cls.text}`, a.values, start, end);
	return { v: UNKNOWN, next: close + 1 };
}

/** `Name::CONST`, `Name::method(...)`, `Name::$prop` with tokens[k] the class name. */
export function staticCall(ev: Evaluator, k: number, env: Env): Result {
	const tokens = ev.tokens;
	const member = tokens[k + 2];
	const cls = tokens[k];
	if (!member || member.kind === 'var' || cls?.kind !== 'ident') return { v: UNKNOWN, next: k + 3 };
	if (member.kind !== 'ident') return { v: UNKNOWN, next: k + 2 };
	const target = classOf(ev, cls.text);
	if (isPunct(tokens[k + 3], '(')) {
		const close = ev.r.prog.partner[k + 3]!;
		const method = target?.methods.get(member.text.toLowerCase());
		const a = ev.args(
			k + 4,
			close,
			env,
			method?.params.map((p) => p.name.slice(1)),
		);
		const w = cls.text.toLowerCase();
		// A class of another file: `Class::method()` of the workspace index.
		const elsewhere =
			!target && w !== 'self' && w !== 'static' && w !== 'parent'
				? `${basename(fullName(ev.r.prog, cls.text)).toLowerCase()}::${member.text.toLowerCase()}`
				: undefined;
		const end = endOf(tokens, close);
		const v = method
			? called(ev, method, a.values, env, cls.start, end)
			: elsewhere
				? calledElsewhere(ev, elsewhere, `${cls.text}::${member.text}`, a.values, cls.start, end)
				: UNKNOWN;
		return { v, next: close + 1 };
	}
	if (member.text === 'class') return { v: UNKNOWN, next: k + 3 };
	return { v: classConstant(ev, cls.text, member.text), next: k + 3 };
}

/** `$this->name(...)` with tokens[k] `$this`: a method of the class being read. */
export function thisCall(ev: Evaluator, k: number, env: Env): Result {
	const tokens = ev.tokens;
	const open = k + 3;
	const close = ev.r.prog.partner[open]!;
	const method = ev.frame.cls?.methods.get(tokens[k + 2]!.text.toLowerCase());
	const a = ev.args(
		open + 1,
		close,
		env,
		method?.params.map((p) => p.name.slice(1)),
	);
	const v = method ? called(ev, method, a.values, env, tokens[k]!.start, endOf(tokens, close)) : UNKNOWN;
	return { v, next: close + 1, target: undefined };
}

/** The class a name refers to in this file: self, static, parent or a class declared here (one of that name). */
function classOf(ev: Evaluator, written: string): ClassDecl | undefined {
	const w = written.toLowerCase();
	const own = ev.frame.cls;
	if (w === 'self') return own;
	if (w === 'static') return own && !overridden(ev, own) ? own : undefined;
	const name = w === 'parent' ? own?.parent : basename(fullName(ev.r.prog, written));
	const list = name === undefined ? undefined : ev.r.prog.classes.get(name);
	return list?.length === 1 ? list[0] : undefined;
}

/** Whether some class of the file extends `cls` (then `static::` may mean the subclass's member). */
function overridden(ev: Evaluator, cls: ClassDecl): boolean {
	for (const list of ev.r.prog.classes.values()) for (const c of list) if (c.parent === cls.name) return true;
	return false;
}

export function classConstant(ev: Evaluator, written: string, name: string): Value {
	let found = classOf(ev, written);
	for (let n = 0; found && n < 8; n++) {
		const here = found;
		const range = here.consts.get(name);
		if (range) return cached(ev, `${here.name}::${name}@${range[0]}`, () => evaluateIn(ev, range, here));
		const parent = here.parent ? ev.r.prog.classes.get(here.parent) : undefined;
		found = parent?.length === 1 ? parent[0] : undefined;
	}
	const w = written.toLowerCase();
	if (w === 'self' || w === 'static' || w === 'parent') return UNKNOWN;
	const cls = basename(fullName(ev.r.prog, written));
	return ev.r.symbols?.classConstant(cls, name) ?? symbol(`${cls}::${name}`);
}

/** A constant: `define()` and `const` of this file, then of the workspace; other upper-case names are constants. */
export function constantValue(ev: Evaluator, t: Token): Value {
	const name = basename(t.text);
	const ranges = ev.r.prog.constants.get(name);
	if (ranges) {
		return cached(ev, name, () => {
			let v: Value | undefined;
			for (const range of ranges) {
				const x = evaluateIn(ev, range, undefined);
				v = v ? union(v, x) : x;
			}
			return v ?? UNKNOWN;
		});
	}
	const foreign = ev.r.symbols?.constant(name);
	if (foreign) return foreign;
	// An upper-case name is a constant: maybe a flag (it ORs with others), maybe a value another file defines.
	// PHP's own (STREAM_CLIENT_CONNECT, PHP_EOL…) are never asked of the workspace.
	if (/^[A-Z][A-Z0-9_]*$/.test(name)) {
		const names = [{ name, start: t.end - name.length, end: t.end }];
		return [PHP_CONSTANT.test(name) ? { k: 'f', names } : { k: 'f', names, sym: name }];
	}
	return symbol(name);
}

/** Names PHP and its bundled extensions define: the prefixes of their constants, and a few without one. */
const PHP_CONSTANT =
	/^(?:(?:STREAM|PHP|E|SOCK|SOL|SO|AF|IPPROTO|MSG|TCP|OPENSSL|PKCS7|X509|JSON|ENT|PREG|FILTER|FILE|LOCK|SEEK|CURL|CURLOPT|INI|M|SORT|COUNT|ARRAY|PASSWORD|DATE)_\w+|DIRECTORY_SEPARATOR|PATH_SEPARATOR|SOMAXCONN)$/;

function cached(ev: Evaluator, key: string, make: () => Value): Value {
	const memo = ev.r.constants.get(key);
	if (memo === 'busy') return UNKNOWN;
	if (memo) return memo;
	ev.r.constants.set(key, 'busy');
	const v = via(make());
	ev.r.constants.set(key, v);
	return v;
}

/** The value of an expression written at class or file level (a constant's or a property's default). */
function evaluateIn(ev: Evaluator, range: [number, number], cls: ClassDecl | undefined): Value {
	const inner = new Evaluator(ev.r, { sinks: [], ...(cls && { cls }) });
	return inner.value(range[0], range[1], new Map());
}

/**
 * `$this->name` where nothing in the method assigned it: a private or protected property's default and every value
 * the class's methods assign to it. A public property can be set from anywhere, and one that a method sets from a
 * parameter or anything else unknown (a setter) holds what callers give it: then its default is only where it
 * starts, and the property is unknown.
 */
export function propertyValue(ev: Evaluator, name: string): Value {
	const cls = ev.frame.cls;
	const decl = cls?.props.get(name);
	if (!cls || !decl || decl.visibility === 'public' || decl.isStatic) return UNKNOWN;
	const key = `${cls.name}->${name}@${cls.open}`;
	let complete = true;
	const v = cached(ev, key, () => {
		if (decl.promoted) return UNKNOWN;
		let v: Value | undefined = decl.def ? evaluateIn(ev, decl.def, cls) : undefined;
		for (const m of cls.methods.values()) {
			const result = interpretFunction(ev.r, m);
			// A method being read (up the call chain) has not told its writes yet: this answer is not the last word.
			if (!result && m !== ev.frame.fn) complete = false;
			const w = result?.propWrites.get(name);
			if (!w) continue;
			if (w.some((a) => a.k === 's' && a.parts.some(isHole))) return UNKNOWN;
			v = v ? union(v, w) : w;
		}
		return v ?? UNKNOWN;
	});
	if (!complete) ev.r.constants.delete(key);
	return v;
}

/**
 * A call of a function or method of this file: what its `return`s give with the arguments in place of its parameters,
 * and its sinks that depend on its parameters, filled in with the arguments (at this call).
 */
function called(
	ev: Evaluator,
	decl: FunctionDecl,
	args: (Value | undefined)[],
	env: Env,
	start: number,
	end: number,
): Value {
	void env;
	if (ev.r.depth >= MAX_DEPTH) return UNKNOWN;
	ev.r.depth++;
	try {
		const result = interpretFunction(ev.r, decl);
		if (!result) return UNKNOWN;
		const bindings = bind(ev, decl, args);
		for (const s of result.sinks) {
			if (!s.args.some((v) => v && hasParam(v))) continue;
			ev.frame.sinks.push({
				...s,
				args: s.args.map((v) => v && substitute(v, bindings)),
				through: { start, end, name: decl.cls ? `${decl.cls.name}::${decl.name}()` : `${decl.name}()` },
				...(ev.frame.fn ? { fn: ev.frame.fn } : { fn: undefined }),
			});
		}
		return result.returns ? via(substitute(result.returns, bindings)) : UNKNOWN;
	} finally {
		ev.r.depth--;
	}
}

function bind(ev: Evaluator, decl: FunctionDecl, args: (Value | undefined)[]): Map<string, Value> {
	const out = new Map<string, Value>();
	decl.params.forEach((p, i) => {
		const given = args[i];
		if (given) out.set(p.name, given);
		else if (p.def) out.set(p.name, evaluateIn(ev, p.def, decl.cls));
	});
	return out;
}

export function hasParam(v: Value): boolean {
	return v.some((a) => a.k === 's' && a.parts.some((p) => isHole(p) && p.param !== undefined));
}

/** Fills parameter holes with their values (an unbound parameter stays unknown). */
export function substitute(v: Value, bindings: Map<string, Value>): Value {
	let out: Value | undefined;
	for (const a of v) {
		let alt: Value;
		if (a.k !== 's' || !a.parts.some((p) => isHole(p) && p.param)) alt = [a];
		else {
			alt = str([], a.via);
			for (const p of a.parts)
				alt = concat(alt, isHole(p) && p.param ? (bindings.get(p.param) ?? UNKNOWN) : str([p], a.via));
		}
		out = out ? union(out, alt) : alt;
	}
	return out ?? UNKNOWN;
}

function stringFunction(name: string, v: Value): Value {
	return v.map((a): Alt => {
		if (a.k !== 's' || a.parts.some(isHole)) return UNKNOWN[0] as Alt;
		const parts = a.parts.map((p) => {
			if (isHole(p)) return p;
			if (name === 'strtolower') return { ...p, text: p.text.toLowerCase() };
			if (name === 'strtoupper') return { ...p, text: p.text.toUpperCase() };
			return p;
		});
		if (name !== 'trim') return { ...a, parts };
		const text = parts.map((p) => (isHole(p) ? '' : p.text)).join('');
		const lead = text.length - text.replace(/^[ \t\n\r\0\v]+/, '').length;
		const trail = text.length - text.replace(/[ \t\n\r\0\v]+$/, '').length;
		return { k: 's', parts: trimParts(parts, lead, trail), via: a.via };
	});
}

function trimParts(parts: Part[], lead: number, trail: number): Part[] {
	const out: Part[] = [];
	const total = parts.reduce((n, p) => n + (isHole(p) ? 0 : p.text.length), 0);
	let at = 0;
	for (const p of parts) {
		if (isHole(p)) continue;
		const from = Math.max(0, lead - at);
		const to = Math.min(p.text.length, total - trail - at);
		if (to > from) out.push({ ...p, text: p.text.slice(from, to), map: p.map.slice(from, to + 1) });
		at += p.text.length;
	}
	return out;
}

export type { FunctionResult };
