//! The declarations of one PHP file, read from its full token stream: functions, classes (constants, properties,
//! methods, parents), `const` and `define()` constants, `use` imports, and every bracket's partner. One linear pass.
import { isPunct, type Token } from '../scan/php-lexer';

export interface Param {
	name: string;
	byRef: boolean;
	/** Token range of the default value, when there is one. */
	def?: [number, number];
	/** A promoted constructor parameter (`private string $host`): its visibility. */
	promoted?: Visibility;
}

export type Visibility = 'public' | 'protected' | 'private';

export interface FunctionDecl {
	/** Lower case (PHP function and method names are case-insensitive). */
	name: string;
	cls?: ClassDecl;
	params: Param[];
	/** Token indexes of the body's braces; an arrow function's body is the expression [open, close). */
	open: number;
	close: number;
	arrow?: boolean;
	/** The `function`/`fn` keyword's token index. */
	at: number;
	/** The body this one is written in (a closure in a method), if any. */
	parent?: FunctionDecl;
}

export interface PropertyDecl {
	visibility: Visibility;
	isStatic: boolean;
	def?: [number, number];
	/** Declared as a constructor parameter: it holds what the constructor is given. */
	promoted?: boolean;
}

export interface ClassDecl {
	name: string;
	parent?: string;
	consts: Map<string, [number, number]>;
	props: Map<string, PropertyDecl>;
	methods: Map<string, FunctionDecl>;
	open: number;
	close: number;
}

export interface Program {
	tokens: Token[];
	/** For each opening bracket, the index of its partner (or the end); -1 for other tokens. */
	partner: Int32Array;
	functions: Map<string, FunctionDecl>;
	/** Every function body: declared functions, methods, closures and arrow functions. */
	bodies: FunctionDecl[];
	/** The bodies by the token that starts them (`function`, `fn`). */
	bodyAt: Map<number, FunctionDecl>;
	classes: Map<string, ClassDecl[]>;
	/** `const NAME = ...` (top level) and `define('NAME', ...)`: the value's token range. */
	constants: Map<string, [number, number][]>;
	/** `use A\B\C as D` → D: A\B\C. */
	imports: Map<string, string>;
}

const MODIFIERS = new Set(['public', 'protected', 'private', 'static', 'readonly', 'final', 'abstract', 'var']);

export function basename(name: string): string {
	return name.slice(name.lastIndexOf('\\') + 1);
}

/** A class name as written, with `use` imports applied: `Handler\SocketHandler` → `Monolog\Handler\SocketHandler`. */
export function fullName(prog: Program, written: string): string {
	const name = written.replace(/^\\/, '');
	const slash = name.indexOf('\\');
	const head = slash < 0 ? name : name.slice(0, slash);
	const imported = prog.imports.get(head);
	return imported ? imported + (slash < 0 ? '' : name.slice(slash)) : name;
}

function lower(t: Token | undefined): string {
	return t?.kind === 'ident' ? t.text.toLowerCase() : '';
}

/** Index of the next token at bracket depth 0 (from `from`) that is one of `stops`, or `to`. */
export function nextAt(prog: Program, from: number, to: number, stops: readonly string[]): number {
	const { tokens, partner } = prog;
	for (let k = from; k < to; k++) {
		const t = tokens[k]!;
		if (t.kind !== 'punct') continue;
		if (stops.includes(t.text)) return k;
		if (partner[k]! >= 0) k = partner[k]!;
	}
	return to;
}

export function readProgram(tokens: Token[]): Program {
	const partner = new Int32Array(tokens.length).fill(-1);
	const stack: number[] = [];
	for (let k = 0; k < tokens.length; k++) {
		const t = tokens[k]!;
		if (t.kind !== 'punct' || t.text.length !== 1) continue;
		const c = t.text.charCodeAt(0);
		if (c === 0x28 /* ( */ || c === 0x5b /* [ */ || c === 0x7b /* { */) stack.push(k);
		else if (c === 0x29 || c === 0x5d || c === 0x7d) {
			const open = c === 0x29 ? '(' : c === 0x5d ? '[' : '{';
			// Broken code: close the nearest bracket of this kind, and everything opened after it.
			let s = stack.length - 1;
			while (s >= 0 && tokens[stack[s]!]!.text !== open) s--;
			if (s < 0) continue;
			while (stack.length > s) partner[stack.pop()!] = k;
		}
	}
	for (const open of stack) partner[open] = tokens.length;
	const prog: Program = {
		tokens,
		partner,
		functions: new Map(),
		bodies: [],
		bodyAt: new Map(),
		classes: new Map(),
		constants: new Map(),
		imports: new Map(),
	};
	readDeclarations(prog, 0, tokens.length, undefined, 0);
	// Bodies are in document order and nest: each one's parent is the innermost one still open where it starts.
	const open: FunctionDecl[] = [];
	for (const b of prog.bodies) {
		prog.bodyAt.set(b.at, b);
		while (open.length && open[open.length - 1]!.close <= b.open) open.pop();
		if (open.length) b.parent = open[open.length - 1];
		open.push(b);
	}
	return prog;
}

function addConstant(prog: Program, name: string, range: [number, number]): void {
	const list = prog.constants.get(name);
	if (list) list.push(range);
	else prog.constants.set(name, [range]);
}

/** Reads declarations in [from, to); `cls` when inside a class body; `depth` counts enclosing functions. */
function readDeclarations(prog: Program, from: number, to: number, cls: ClassDecl | undefined, depth: number): void {
	const { tokens, partner } = prog;
	for (let k = from; k < to; k++) {
		const t = tokens[k]!;
		if (t.kind === 'punct') continue;
		const word = lower(t);
		if (word === 'function' || word === 'fn') {
			const f = readFunction(prog, k, cls && depth === 0 ? cls : undefined);
			if (!f) continue;
			if (cls && depth === 0) {
				cls.methods.set(f.name, f);
				if (f.name === '__construct')
					for (const p of f.params)
						if (p.promoted) cls.props.set(p.name.slice(1), { visibility: p.promoted, isStatic: false, promoted: true });
			} else if (f.name && depth === 0 && !cls) prog.functions.set(f.name, f);
			if (f.open < f.close) {
				readDeclarations(prog, f.arrow ? f.open : f.open + 1, f.close, undefined, depth + 1);
				k = f.arrow ? f.open - 1 : f.close;
			}
			continue;
		}
		if ((word === 'class' || word === 'interface' || word === 'trait' || word === 'enum') && !cls) {
			if (isPunct(tokens[k - 1], '::')) continue;
			const c = readClass(prog, k);
			if (!c) continue;
			readDeclarations(prog, c.open + 1, c.close, c, 0);
			k = c.close;
			continue;
		}
		if (word === 'const' && depth === 0) {
			// `const A = 1, B = 2;` in a class body or at the top level.
			const end = nextAt(prog, k + 1, to, [';']);
			let j = k + 1;
			while (j < end) {
				const eq = nextAt(prog, j, end, ['=']);
				if (eq >= end) break;
				const name = tokens[eq - 1];
				const stop = nextAt(prog, eq + 1, end, [',']);
				if (name?.kind === 'ident') {
					if (cls) cls.consts.set(name.text, [eq + 1, stop]);
					else addConstant(prog, basename(name.text), [eq + 1, stop]);
				}
				j = stop + 1;
			}
			k = end;
			continue;
		}
		if (cls && depth === 0 && (MODIFIERS.has(word) || t.kind === 'var')) {
			k = readProperty(prog, k, to, cls);
			continue;
		}
		if (word === 'define' && isPunct(tokens[k + 1], '(') && !isPunct(tokens[k - 1], '->')) {
			const name = tokens[k + 2];
			const comma = tokens[k + 3];
			const close = partner[k + 1]!;
			if (name?.kind === 'str' && !name.suffix && isPunct(comma, ',')) {
				const end = nextAt(prog, k + 4, close, [',']);
				addConstant(prog, basename(name.text), [k + 4, end]);
			}
			continue;
		}
		if (word === 'use' && depth === 0 && !cls) {
			const end = nextAt(prog, k + 1, to, [';', '{']);
			readImports(prog, k + 1, end);
			k = end;
		}
	}
}

function readImports(prog: Program, from: number, to: number): void {
	const { tokens } = prog;
	for (let j = from; j < to; j++) {
		const t = tokens[j]!;
		if (t.kind !== 'ident' || /^(function|const)$/i.test(t.text)) continue;
		const alias = lower(tokens[j + 1]) === 'as' ? tokens[j + 2] : undefined;
		const full = t.text.replace(/^\\/, '');
		prog.imports.set(alias?.kind === 'ident' ? alias.text : basename(full), full);
		if (alias) j += 2;
	}
}

function readFunction(prog: Program, at: number, cls: ClassDecl | undefined): FunctionDecl | undefined {
	const { tokens, partner } = prog;
	let k = at + 1;
	if (isPunct(tokens[k], '&')) k++;
	let name = '';
	if (tokens[k]?.kind === 'ident') name = tokens[k++]!.text.toLowerCase();
	if (!isPunct(tokens[k], '(')) return undefined;
	const close = partner[k]!;
	const params = readParams(prog, k + 1, close);
	k = close + 1;
	const arrow = lower(tokens[at]) === 'fn';
	if (arrow) {
		const body = nextAt(prog, k, tokens.length, ['=>', ';']);
		if (!isPunct(tokens[body], '=>')) return undefined;
		const end = nextAt(prog, body + 1, tokens.length, [';', ',', ')', ']', '}']);
		const f: FunctionDecl = { name, params, open: body + 1, close: end, arrow: true, at, ...(cls && { cls }) };
		prog.bodies.push(f);
		return f;
	}
	// `use (...)`, a return type: up to the body's "{", or ";" for an abstract method.
	while (k < tokens.length && !isPunct(tokens[k], '{') && !isPunct(tokens[k], ';')) {
		if (partner[k]! >= 0) k = partner[k]!;
		k++;
	}
	if (!isPunct(tokens[k], '{')) {
		return { name, params, open: k, close: k, at, ...(cls && { cls }) };
	}
	const f: FunctionDecl = { name, params, open: k, close: partner[k]!, at, ...(cls && { cls }) };
	prog.bodies.push(f);
	return f;
}

function readParams(prog: Program, from: number, to: number): Param[] {
	const { tokens } = prog;
	const params: Param[] = [];
	for (let j = from; j < to;) {
		const end = nextAt(prog, j, to, [',']);
		let promoted: Visibility | undefined;
		let byRef = false;
		let def: [number, number] | undefined;
		let name = '';
		for (let m = j; m < end; m++) {
			const t = tokens[m]!;
			const w = lower(t);
			if (w === 'public' || w === 'protected' || w === 'private') promoted = w;
			else if (isPunct(t, '&')) byRef = true;
			else if (t.kind === 'var' && !name) name = t.text;
			else if (isPunct(t, '=') && name) {
				def = [m + 1, end];
				break;
			}
		}
		if (name) params.push({ name, byRef, ...(def && { def }), ...(promoted && { promoted }) });
		j = end + 1;
	}
	return params;
}

function readClass(prog: Program, at: number): ClassDecl | undefined {
	const { tokens, partner } = prog;
	const name = tokens[at + 1];
	let k = at + 1;
	let parent: string | undefined;
	while (k < tokens.length && !isPunct(tokens[k], '{')) {
		if (lower(tokens[k]) === 'extends' && tokens[k + 1]?.kind === 'ident') parent = basename(tokens[k + 1]!.text);
		if (isPunct(tokens[k], ';')) return undefined;
		k++;
	}
	if (k >= tokens.length) return undefined;
	const c: ClassDecl = {
		name: name?.kind === 'ident' ? name.text : '',
		...(parent && { parent }),
		consts: new Map(),
		props: new Map(),
		methods: new Map(),
		open: k,
		close: partner[k]!,
	};
	if (c.name) {
		const list = prog.classes.get(c.name);
		if (list) list.push(c);
		else prog.classes.set(c.name, [c]);
	}
	return c;
}

/** `[modifiers] [type] $a = ..., $b;` in a class body; returns the index where reading goes on. */
function readProperty(prog: Program, k: number, to: number, cls: ClassDecl): number {
	const { tokens } = prog;
	let visibility: Visibility = 'public';
	let isStatic = false;
	let j = k;
	for (; j < to; j++) {
		const w = lower(tokens[j]);
		if (w === 'protected' || w === 'private' || w === 'public') visibility = w;
		else if (w === 'static') isStatic = true;
		else if (!MODIFIERS.has(w)) break;
	}
	const w = lower(tokens[j]);
	// A method or constant after modifiers: let the caller read it.
	if (w === 'function' || w === 'const') return j - 1;
	const end = nextAt(prog, j, to, [';']);
	for (let m = j; m < end; m++) {
		const t = tokens[m]!;
		if (t.kind !== 'var') continue;
		const stop = nextAt(prog, m + 1, end, [',']);
		const def: [number, number] | undefined = isPunct(tokens[m + 1], '=') ? [m + 2, stop] : undefined;
		cls.props.set(t.text.slice(1), { visibility, isStatic, ...(def && { def }) });
		m = stop;
	}
	return end;
}
