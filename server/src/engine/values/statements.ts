//! Reads statements in order with an environment of the values variables hold on the paths that reach each point:
//! branches of `if`/`switch`/`try` are read from the same environment and joined; a variable a loop assigns is
//! unknown in and after the loop (a `foreach` variable takes the array's values); code after `return` is dead.
import { isPunct } from '../scan/php-lexer';
import { merge, type Env, type Frame, type FunctionResult, type Reading } from './context';
import { Evaluator, replace } from './expr';
import { ASSIGNMENTS, opAt } from './ops';
import { nextAt, type FunctionDecl } from './program';
import { UNKNOWN, hole, union, type Value } from './value';

/** The result of reading a function body once (memoised; a function being read is unknown to itself). */
export function interpretFunction(r: Reading, decl: FunctionDecl): FunctionResult | undefined {
	const memo = r.functions.get(decl);
	if (memo === 'busy') return undefined;
	if (memo) return memo;
	r.functions.set(decl, 'busy');
	const frame: Frame = { fn: decl, ...(decl.cls && { cls: decl.cls }), sinks: [], propWrites: new Map() };
	const env: Env = new Map();
	for (const p of decl.params) env.set(p.name, [{ k: 's', parts: [hole(p.name)], via: false }]);
	const w = new Walker(r, frame);
	if (decl.arrow) frame.returns = w.ev.value(decl.open, decl.close, env);
	else w.block(decl.open + 1, decl.close, env);
	const result: FunctionResult = { returns: frame.returns, sinks: frame.sinks, propWrites: frame.propWrites! };
	r.functions.set(decl, result);
	return result;
}

/** Reads the file's top-level code (declarations are read as functions of their own). */
export function interpretTop(r: Reading): Frame {
	const frame: Frame = { sinks: [] };
	new Walker(r, frame).block(0, r.prog.tokens.length, new Map());
	return frame;
}

const ENDS: Record<string, string[]> = {
	if: ['elseif', 'else', 'endif'],
	while: ['endwhile'],
	for: ['endfor'],
	foreach: ['endforeach'],
	switch: ['endswitch'],
	declare: ['enddeclare'],
};

class Walker {
	readonly ev: Evaluator;
	constructor(
		readonly r: Reading,
		readonly frame: Frame,
	) {
		this.ev = new Evaluator(r, frame);
	}

	get tokens() {
		return this.r.prog.tokens;
	}

	/** Reads statements in [k, to) (or up to one of `ends` at this level); returns where it stopped and whether every path left. */
	block(k: number, to: number, env: Env, ends?: string[]): { next: number; exits: boolean } {
		to = Math.min(to, this.tokens.length);
		while (k < to) {
			if (this.r.budget < 0) return { next: to, exits: false };
			const w = this.word(k);
			if (ends && ends.includes(w)) return { next: k, exits: false };
			const s = this.statement(k, to, env);
			k = s.next;
			if (s.exits) {
				// Dead code up to the end of the block (or the next label a `case` or alternative syntax starts).
				return { next: ends ? this.skipTo(k, to, ends) : to, exits: true };
			}
		}
		return { next: to, exits: false };
	}

	private skipTo(k: number, to: number, ends: string[]): number {
		for (; k < to; k++) {
			if (ends.includes(this.word(k))) return k;
			const p = this.r.prog.partner[k]!;
			if (p >= 0) k = p;
		}
		return to;
	}

	private word(k: number): string {
		const t = this.tokens[k];
		return t?.kind === 'ident' ? t.text.toLowerCase() : '';
	}

	/** One statement starting at k. */
	private statement(k: number, to: number, env: Env): { next: number; exits: boolean } {
		const tokens = this.tokens;
		const t = tokens[k]!;
		this.r.budget--;
		if (t.kind === 'punct') {
			if (t.text === ';' || t.text === ':') return { next: k + 1, exits: false };
			if (t.text === '{') {
				const close = this.r.prog.partner[k]!;
				const r = this.block(k + 1, close, env);
				return { next: close + 1, exits: r.exits };
			}
			if (t.text === '}' || t.text === ')' || t.text === ']') return { next: k + 1, exits: false };
			if (t.text === '#' && isPunct(tokens[k + 1], '[')) return { next: this.r.prog.partner[k + 1]! + 1, exits: false };
		}
		const w = this.word(k);
		const paren = isPunct(tokens[k + 1], '(');
		if (!paren && (w === 'if' || w === 'while' || w === 'for' || w === 'foreach' || w === 'switch')) {
			const end = nextAt(this.r.prog, k + 1, to, [';']);
			return { next: end + 1, exits: false };
		}
		switch (w) {
			case 'if':
				return this.ifStatement(k, to, env);
			case 'while':
			case 'for':
			case 'foreach':
				return this.loop(k, to, env, w);
			case 'do': {
				const body = this.skipStatement(k + 1, to);
				const cond = nextAt(this.r.prog, body, to, [';']);
				this.loopBody(k + 1, cond, env, () => this.block(k + 1, body, env));
				return { next: cond + 1, exits: false };
			}
			case 'switch':
				return this.switchStatement(k, to, env);
			case 'try':
				return this.tryStatement(k, to, env);
			case 'return':
			case 'throw': {
				const end = nextAt(this.r.prog, k + 1, to, [';']);
				if (k + 1 < end) {
					const v = this.ev.value(k + 1, end, env);
					if (w === 'return') this.frame.returns = this.frame.returns ? union(this.frame.returns, v) : v;
				}
				return { next: end + 1, exits: true };
			}
			case 'break':
			case 'continue':
			case 'exit':
			case 'die':
				return {
					next: nextAt(this.r.prog, k + 1, to, [';']) + 1,
					exits: !isPunct(tokens[k + 1], '(') || w === 'exit' || w === 'die',
				};
			case 'global':
			case 'static':
				if ((w === 'static' && !tokens[k + 1]) || (w === 'static' && tokens[k + 1]!.kind !== 'var')) break;
				return this.declareUnknown(k, to, env);
			case 'function':
			case 'fn': {
				const decl = this.r.prog.bodyAt.get(k);
				if (decl && decl.name) return { next: decl.arrow ? decl.close : decl.close + 1, exits: false };
				break;
			}
			case 'abstract':
			case 'final':
			case 'readonly':
			case 'class':
			case 'interface':
			case 'trait':
			case 'enum': {
				if (isPunct(tokens[k + 1], '::') || isPunct(tokens[k - 1], '::') || isPunct(tokens[k - 1], '->')) break;
				let j = k;
				while (j < to && !isPunct(tokens[j], '{') && !isPunct(tokens[j], ';')) j++;
				if (isPunct(tokens[j], '{')) return { next: this.r.prog.partner[j]! + 1, exits: false };
				break;
			}
			case 'namespace': {
				const end = nextAt(this.r.prog, k + 1, to, [';', '{']);
				return { next: isPunct(tokens[end], '{') ? end + 1 : end + 1, exits: false };
			}
			case 'use':
			case 'goto':
				return { next: nextAt(this.r.prog, k + 1, to, [';']) + 1, exits: false };
			case 'declare': {
				if (!paren) break;
				const close = this.r.prog.partner[k + 1]!;
				if (isPunct(tokens[close + 1], ':')) {
					const r = this.block(close + 2, to, env, ENDS['declare']);
					return { next: nextAt(this.r.prog, r.next, to, [';']) + 1, exits: false };
				}
				return { next: close + 1, exits: false };
			}
			case 'echo':
			case 'print':
			case 'unset': {
				const end = nextAt(this.r.prog, k + 1, to, [';']);
				if (w === 'unset')
					for (let j = k; j < end; j++)
						if (tokens[j]!.kind === 'var') env.set(tokens[j]!.text, UNKNOWN);
						else this.ev.value(k + 1, end, env);
				return { next: end + 1, exits: false };
			}
			case 'else':
			case 'elseif':
			case 'endif':
			case 'endwhile':
			case 'endfor':
			case 'endforeach':
			case 'endswitch':
			case 'enddeclare':
			case 'case':
			case 'default':
				// Stray (broken code, or a label read by the construct that owns it).
				return { next: nextAt(this.r.prog, k + 1, to, [';', ':']) + 1, exits: false };
		}
		const end = nextAt(this.r.prog, k, to, [';']);
		this.ev.value(k, end, env);
		return { next: end + 1, exits: false };
	}

	private declareUnknown(k: number, to: number, env: Env): { next: number; exits: boolean } {
		const end = nextAt(this.r.prog, k + 1, to, [';']);
		for (let j = k + 1; j < end; j++) {
			const t = this.tokens[j]!;
			if (t.kind === 'var') env.set(t.text, UNKNOWN);
			const p = this.r.prog.partner[j]!;
			if (p >= 0) j = p;
		}
		return { next: end + 1, exits: false };
	}

	/** The end of the statement starting at k (a block, a control structure or an expression). */
	private skipStatement(k: number, to: number): number {
		const t = this.tokens[k];
		if (isPunct(t, '{')) return this.r.prog.partner[k]! + 1;
		const w = this.word(k);
		if (
			(w === 'if' || w === 'while' || w === 'for' || w === 'foreach' || w === 'switch') &&
			isPunct(this.tokens[k + 1], '(')
		) {
			const close = this.r.prog.partner[k + 1]!;
			if (w === 'if' || w === 'while' || w === 'for' || w === 'foreach') {
				let end = this.skipStatement(close + 1, to);
				while (w === 'if' && (this.word(end) === 'elseif' || this.word(end) === 'else')) {
					end =
						this.word(end) === 'else' || !isPunct(this.tokens[end + 1], '(')
							? this.skipStatement(end + 1, to)
							: this.skipStatement(this.r.prog.partner[end + 1]! + 1, to);
				}
				return end;
			}
			return this.skipStatement(close + 1, to);
		}
		if (w === 'try') {
			let end = this.skipStatement(k + 1, to);
			while (this.word(end) === 'catch' || this.word(end) === 'finally') {
				const body =
					this.word(end) === 'catch' && isPunct(this.tokens[end + 1], '(')
						? this.r.prog.partner[end + 1]! + 1
						: end + 1;
				end = this.skipStatement(body, to);
			}
			return end;
		}
		return nextAt(this.r.prog, k, to, [';']) + 1;
	}

	/** The body after a control structure's condition: a statement, or alternative syntax up to one of `ends`. */
	private body(k: number, to: number, env: Env, ends: string[]): { next: number; exits: boolean; alt: boolean } {
		if (isPunct(this.tokens[k], ':')) {
			const r = this.block(k + 1, to, env, ends);
			return { ...r, alt: true };
		}
		const end = Math.min(this.skipStatement(k, to), to);
		const r = this.block(k, end, env);
		return { next: end, exits: r.exits, alt: false };
	}

	private ifStatement(k: number, to: number, env: Env): { next: number; exits: boolean } {
		const outs: Env[] = [];
		let allExit = true;
		let hasElse = false;
		let at = k;
		for (;;) {
			const w = this.word(at);
			let bodyAt: number;
			if (w === 'if' || w === 'elseif') {
				if (!isPunct(this.tokens[at + 1], '(')) break;
				const close = this.r.prog.partner[at + 1]!;
				this.ev.value(at + 2, close, env);
				bodyAt = close + 1;
			} else if (w === 'else' && this.word(at + 1) === 'if') {
				at++;
				continue;
			} else {
				hasElse = true;
				bodyAt = at + 1;
			}
			const branch = new Map(env);
			const r = this.body(bodyAt, to, branch, ENDS['if']!);
			if (!r.exits) {
				outs.push(branch);
				allExit = false;
			}
			at = r.next;
			const next = this.word(at);
			if (r.alt && next === 'endif') {
				at = nextAt(this.r.prog, at + 1, to, [';']) + 1;
				break;
			}
			if (hasElse || (next !== 'elseif' && next !== 'else')) break;
		}
		if (!hasElse) {
			outs.push(new Map(env));
			allExit = false;
		}
		replace(env, outs.length ? merge(outs) : env);
		return { next: at, exits: allExit };
	}

	/** A loop: variables it assigns are unknown inside and after it; `foreach (... as $v)` gives $v the values. */
	private loop(k: number, to: number, env: Env, w: string): { next: number; exits: boolean } {
		const tokens = this.tokens;
		const close = this.r.prog.partner[k + 1]!;
		let bound: { name: string; v: Value } | undefined;
		let keyName: string | undefined;
		if (w === 'foreach') {
			const as = this.findWord(k + 2, close, 'as');
			const arr = this.ev.value(k + 2, as, env);
			const arrow = nextAt(this.r.prog, as + 1, close, ['=>']);
			const valueAt = arrow < close ? arrow + 1 : as + 1;
			const v = tokens[isPunct(tokens[valueAt], '&') ? valueAt + 1 : valueAt];
			if (arrow < close && tokens[as + 1]?.kind === 'var') keyName = tokens[as + 1]!.text;
			if (v?.kind === 'var' && valueAt + (isPunct(tokens[valueAt], '&') ? 2 : 1) === close)
				bound = { name: v.text, v: elements(arr) };
			else for (let j = as + 1; j < close; j++) if (tokens[j]!.kind === 'var') env.set(tokens[j]!.text, UNKNOWN);
		} else if (w === 'for') {
			const first = nextAt(this.r.prog, k + 2, close, [';']);
			this.ev.value(k + 2, first, env);
		}
		const bodyEnd = isPunct(tokens[close + 1], ':') ? undefined : this.skipStatement(close + 1, to);
		let next = bodyEnd ?? to;
		this.loopBody(k + 1, bodyEnd ?? to, env, () => {
			if (bound) env.set(bound.name, bound.v);
			if (keyName) env.set(keyName, UNKNOWN);
			if (w !== 'foreach') this.ev.value(k + 2, close, env);
			const r = this.body(close + 1, to, env, ENDS[w]!);
			next = r.alt ? nextAt(this.r.prog, r.next + 1, to, [';']) + 1 : r.next;
			return r;
		});
		return { next, exits: false };
	}

	/** Runs `read` with every variable assigned in [from, to) unknown, and leaves them unknown after. */
	private loopBody(from: number, to: number, env: Env, read: () => unknown): void {
		const assigned = this.assignedIn(from, to);
		for (const name of assigned) env.set(name, UNKNOWN);
		const inner = new Map(env);
		const outer = new Map(env);
		replace(env, inner);
		read();
		for (const name of assigned) env.set(name, UNKNOWN);
		replace(env, merge([outer, env]));
		for (const name of assigned) env.set(name, UNKNOWN);
	}

	/** Variables (and `$this->x`) assigned, incremented or passed by reference anywhere in [from, to). */
	private assignedIn(from: number, to: number): Set<string> {
		const tokens = this.tokens;
		const out = new Set<string>();
		to = Math.min(to, tokens.length);
		// Nested loops scan their ranges again at every level: that counts against the budget too.
		this.r.budget -= to - from;
		for (let j = from; j < to; j++) {
			const t = tokens[j]!;
			if (t.kind !== 'var') continue;
			let name = t.text;
			let after = j + 1;
			if (name === '$this' && isPunct(tokens[j + 1], '->') && tokens[j + 2]?.kind === 'ident') {
				name = `$this->${tokens[j + 2]!.text}`;
				after = j + 3;
			}
			while (isPunct(tokens[after], '[')) after = this.r.prog.partner[after]! + 1;
			const n = tokens[after];
			if (n?.kind === 'punct') {
				const op = opAt(tokens, after).text;
				if (ASSIGNMENTS.has(op) || op === '++' || op === '--') out.add(name);
			}
			const before = tokens[j - 1];
			if (
				isPunct(before, '&') ||
				(before?.kind === 'punct' && opAt(tokens, j - 2).text === '++') ||
				this.word(j - 1) === 'as'
			)
				out.add(name);
		}
		return out;
	}

	private findWord(from: number, to: number, word: string): number {
		for (let j = from; j < to; j++) {
			if (this.word(j) === word) return j;
			const p = this.r.prog.partner[j]!;
			if (p >= 0) j = p;
		}
		return to;
	}

	private switchStatement(k: number, to: number, env: Env): { next: number; exits: boolean } {
		const tokens = this.tokens;
		const close = this.r.prog.partner[k + 1]!;
		this.ev.value(k + 2, close, env);
		const alt = isPunct(tokens[close + 1], ':');
		const open = close + 1;
		const end = alt ? this.findWord(open + 1, to, 'endswitch') : this.r.prog.partner[open]!;
		// Each case is read from the environment before the switch (fallthrough joins them anyway).
		const outs: Env[] = [new Map(env)];
		let hasDefault = false;
		for (let j = open + 1; j < end;) {
			const w = this.word(j);
			if (w === 'case' || w === 'default') {
				if (w === 'default') hasDefault = true;
				const label = nextAt(this.r.prog, j + 1, end, [':', ';']);
				const branch = new Map(env);
				const r = this.block(label + 1, end, branch, ['case', 'default']);
				if (!r.exits || this.breaksOut(label + 1, r.next)) outs.push(branch);
				j = r.next;
			} else j++;
		}
		if (hasDefault && outs.length > 1) outs.shift();
		replace(env, merge(outs));
		return { next: alt ? nextAt(this.r.prog, end + 1, to, [';']) + 1 : end + 1, exits: false };
	}

	/** Whether a case body that "exits" ends with `break` (which leaves the switch, not the function). */
	private breaksOut(from: number, to: number): boolean {
		for (let j = from; j < to; j++) if (this.word(j) === 'break' || this.word(j) === 'continue') return true;
		return false;
	}

	private tryStatement(k: number, to: number, env: Env): { next: number; exits: boolean } {
		const before = new Map(env);
		const tried = new Map(env);
		let end = this.skipStatement(k + 1, to);
		const r = this.block(k + 1, end, tried);
		const outs: Env[] = r.exits ? [] : [tried];
		while (this.word(end) === 'catch' || this.word(end) === 'finally') {
			const finallyBlock = this.word(end) === 'finally';
			const bodyAt = finallyBlock || !isPunct(this.tokens[end + 1], '(') ? end + 1 : this.r.prog.partner[end + 1]! + 1;
			const bodyEnd = this.skipStatement(bodyAt, to);
			if (finallyBlock) {
				const joined = outs.length ? merge(outs) : before;
				replace(env, joined);
				this.block(bodyAt, bodyEnd, env);
				return { next: bodyEnd, exits: false };
			}
			const caught = merge([before, tried]);
			const c = this.block(bodyAt, bodyEnd, caught);
			if (!c.exits) outs.push(caught);
			end = bodyEnd;
		}
		replace(env, outs.length ? merge(outs) : before);
		return { next: end, exits: outs.length === 0 };
	}
}

/** The values a `foreach` variable takes over an array's values. */
function elements(arr: Value): Value {
	let out: Value | undefined;
	for (const a of arr) {
		if (a.k !== 'a' || a.entries.size === 0) return UNKNOWN;
		for (const v of a.entries.values()) out = out ? union(out, v) : v;
	}
	return out ?? UNKNOWN;
}
