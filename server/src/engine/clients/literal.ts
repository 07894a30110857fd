//! Literal values in the full token stream, for the mail and Redis client readers: a string, a number, true/false/
//! null, a class constant or env('NAME', default), and call arguments. With the value layer, a variable holding one
//! literal reads as that literal (where it is written, so a fix edits it there).
import { isPunct, type Token } from '../scan/php-lexer';
import type { ValueAnalysis } from '../values/resolve';
import { isHole } from '../values/value';
import type { ModeText, Setting } from './model';

/** A literal value: a string, a number, true/false/null, a class constant or env('NAME', default). */
export interface Literal {
	setting: Setting;
	kind: 'str' | 'num' | 'bool' | 'null' | 'const';
	/** For strings: the token, to map value indexes back to document offsets. */
	token?: Token;
	/** Index of the first token after the value. */
	next: number;
}

const ENV_FUNCTIONS = new Set(['env', 'getenv', '\\env']);

/** A setting as read: its literal, or 'other' when it is written as something that is not one. */
export type Entry = Literal | 'other';

/** A setting's text: '' for null (and 'null' / '(null)' strings, as dotenv and config layers read them). */
export function entryText(e: Entry | undefined): string | undefined | 'other' {
	if (e === undefined) return undefined;
	if (e === 'other') return 'other';
	if (e.kind === 'null') return '';
	return e.kind === 'str' && /^\(?null\)?$/i.test(e.setting.text) ? '' : e.setting.text;
}

/** A setting's port: a number of up to five digits, or 'other'. */
export function entryPort(e: Entry | undefined): number | undefined | 'other' {
	const t = entryText(e);
	if (t === undefined || t === 'other') return t;
	return /^\d{1,5}$/.test(t) ? Number(t) : 'other';
}

/** Document offset of value index k of a string token. */
export function offsetIn(t: Pick<Token, 'map' | 'base'>, k: number): number {
	return t.map ? t.map[Math.min(k, t.map.length - 1)]! : t.base! + k;
}

/**
 * The setting for characters [from, to) of a string literal's value (a host's scheme, its port): at their document
 * offsets, or, for another file's constant, at the name here (with where it was written: no fix edits it).
 */
export function partOf(l: Literal, from: number, to: number, name: string): Setting | undefined {
	const text = l.setting.text.slice(from, to);
	const { foreign } = l.setting;
	if (foreign) return { text, start: l.setting.start, end: l.setting.end, name, foreign };
	if (l.token) return { text, start: offsetIn(l.token, from), end: offsetIn(l.token, to), name };
	return l.kind === 'str' ? { text, start: l.setting.start + from, end: l.setting.start + to, name } : undefined;
}

/**
 * `{ addMode }`: a fix inserts `text` at a literal as written here, at its value's start (a scheme before a host:
 * `ssl://`) or after it (past a string's closing quote: another array entry). Nothing without a literal, and nothing
 * at another file's constant: its text is not here.
 */
export function withMode(
	l: Literal | undefined,
	where: 'value start' | 'after',
	text: ModeText,
): { addMode?: { at: number; text: ModeText } } {
	if (!l || l.setting.foreign) return {};
	const at = where === 'value start' ? l.setting.start : l.kind === 'str' && l.token ? l.token.end : l.setting.end;
	return { addMode: { at, text } };
}

/** The basename of a possibly qualified name: \PHPMailer\PHPMailer\PHPMailer → PHPMailer. */
export function basename(name: string): string {
	return name.slice(name.lastIndexOf('\\') + 1);
}

/** The literal starting at tokens[k], when the expression there is only that literal. */
export function literalAt(tokens: Token[], k: number, name: string): Literal | undefined {
	const t = tokens[k];
	if (!t) return undefined;
	let lit: Literal | undefined;
	if (t.kind === 'str' && !t.suffix && (t.map !== undefined || t.base !== undefined)) {
		const start = offsetIn(t, 0);
		lit = {
			setting: { text: t.text, start, end: offsetIn(t, t.text.length), name },
			kind: 'str',
			token: t,
			next: k + 1,
		};
	} else if (t.kind === 'num' && /^[0-9]+$/.test(t.text)) {
		lit = { setting: { text: t.text, start: t.start, end: t.end, name }, kind: 'num', next: k + 1 };
	} else if (t.kind === 'ident' && /^(true|false|null)$/i.test(t.text)) {
		const lower = t.text.toLowerCase();
		lit = {
			setting: { text: lower, start: t.start, end: t.end, name },
			kind: lower === 'null' ? 'null' : 'bool',
			next: k + 1,
		};
	} else if (t.kind === 'ident' && isPunct(tokens[k + 1], '::') && tokens[k + 2]?.kind === 'ident') {
		const c = tokens[k + 2]!;
		lit = {
			setting: { text: `${basename(t.text)}::${c.text}`, start: c.start, end: c.end, name },
			kind: 'const',
			next: k + 3,
		};
	} else if (t.kind === 'ident' && ENV_FUNCTIONS.has(t.text.toLowerCase()) && isPunct(tokens[k + 1], '(')) {
		const v = tokens[k + 2];
		if (v?.kind !== 'str') return undefined;
		if (isPunct(tokens[k + 3], ')')) return undefined;
		if (!isPunct(tokens[k + 3], ',')) return undefined;
		const inner = literalAt(tokens, k + 4, name);
		if (!inner || !isPunct(tokens[inner.next], ')')) return undefined;
		inner.setting.envName = v.text;
		inner.next += 1;
		lit = inner;
	}
	if (!lit) return undefined;
	const after = tokens[lit.next];
	const ends = after === undefined || (after.kind === 'punct' && /^[;,)\]]$/.test(after.text));
	return ends ? lit : undefined;
}

/** Argument start indexes of the call whose "(" is tokens[open], and the index after its ")". */
export function callArgs(tokens: Token[], open: number): { args: number[]; end: number } {
	const args: number[] = [];
	let depth = 0;
	let j = open;
	for (; j < tokens.length && j < open + MAX_LOOK; j++) {
		const t = tokens[j]!;
		if (t.kind !== 'punct') continue;
		if (t.text === '(' || t.text === '[' || t.text === '{') {
			if (depth++ === 0 && !isPunct(tokens[j + 1], ')')) args.push(j + 1);
		} else if (t.text === ')' || t.text === ']' || t.text === '}') {
			if (--depth === 0) return { args, end: j + 1 };
		} else if (t.text === ',' && depth === 1 && !isPunct(tokens[j + 1], ')')) args.push(j + 1);
	}
	return { args, end: j };
}

/** Look-backs and look-aheads are bounded, so no input makes the pass super-linear. */
export const MAX_LOOK = 2000;

/** Reads the value at tokens[k] for the setting `name`. */
export type ReadValue = (tokens: Token[], k: number, name: string) => Literal | undefined;

/**
 * literalAt, and else, when the expression at k is only a variable (or `$this->x`), or a constant, that the value
 * layer knows holds one literal written in this file, that literal.
 */
export function readWith(values: (() => ValueAnalysis | undefined) | undefined): ReadValue {
	return (tokens, k, name) => {
		const lit = literalAt(tokens, k, name);
		if (lit || !values) return lit;
		const t = tokens[k];
		let at = k;
		if (t?.kind === 'var' && t.text === '$this' && isPunct(tokens[k + 1], '->') && tokens[k + 2]?.kind === 'ident')
			at = k + 2;
		else if (t?.kind !== 'var' && t?.kind !== 'ident') return undefined;
		const after = tokens[at + 1];
		if (after && !(after.kind === 'punct' && /^[;,)\]]$/.test(after.text))) return undefined;
		// A constant this file defines (`define('SMTP_PORT', 587)`, `const PORT = 587;`), else a variable.
		const v = t.kind === 'ident' && at === k ? values()?.constant(at) : values()?.variable(at);
		const alt = v?.length === 1 ? v[0] : undefined;
		const part = alt?.k === 's' && alt.parts.length <= 1 ? alt.parts[0] : undefined;
		if (alt?.k !== 's' || (part && isHole(part))) return undefined;
		// Another file's constant: read at the name, with where it was written.
		if (part?.foreign !== undefined && t.kind === 'ident') {
			const text = part.text;
			return {
				setting: {
					text,
					start: t.start,
					end: t.end,
					name,
					foreign: { file: part.foreign, constant: t.text, value: text },
				},
				kind: /^\d+$/.test(text) ? 'num' : 'str',
				next: at + 1,
			};
		}
		const map = part ? part.map : undefined;
		// One literal written here: offsets that rise character by character (a value made by PHP has none).
		if (!map || part!.foreign !== undefined || map[0]! < 0 || map.some((x, i) => i > 0 && x <= map[i - 1]!))
			return undefined;
		const text = part!.text;
		const token: Token = { kind: 'str', start: map[0]!, end: map[text.length]!, text, map };
		return {
			setting: { text, start: map[0]!, end: map[text.length]!, name },
			kind: /^\d+$/.test(text) ? 'num' : 'str',
			token,
			next: at + 1,
		};
	};
}
