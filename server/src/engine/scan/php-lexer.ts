//! A single-pass PHP lexer that keeps what the scanner needs: string values (unescaped, with offsets), names,
//! numbers and punctuation. Comments and inline HTML are skipped, as the Zend scanner does.

import { ownCopy } from '../memo';
import { firstAt } from '../sorted';
import { replaceRange } from '../arrays';
import type { TextSource } from '../types';

export type TokenKind = 'str' | 'ident' | 'var' | 'num' | 'punct';

export interface Token {
	kind: TokenKind;
	start: number;
	end: number;
	/** str: the known value (the text before the first interpolation); ident/punct/num/var: the source text. */
	text: string;
	/** str: document offset of each value index, length text.length + 1; absent when the value is a plain slice. */
	map?: number[];
	/** str without a map: document offset of value index 0. */
	base?: number;
	/** str with interpolation: the literal text after the last interpolated expression. */
	suffix?: { text: string; start: number };
	/** str with interpolation, lexed with `all`: the literal parts and the interpolated expressions, in order. */
	parts?: StrPart[];
}

/** A part of an interpolated string: literal text (with the document offset of each index) or an expression. */
export type StrPart = { text: string; map: number[] } | { expr: string; start: number };

/** Punctuation the scanner reads (calls, arguments, concatenation, signs, flags, named arguments); the rest is skipped. */
const KEPT_PUNCT = new Set(['(', ')', '[', ']', '{', '}', ',', '.', ':', '-', '|', '->', '?->', '::']);
/** To the end of the line or a closing tag, which ends a line comment too. */
const LINE_COMMENT = /(?:[^\n?]|\?(?!>))*/y;
const NUMBER =
	/^(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9_]+)?|\.[0-9_]+([eE][+-]?[0-9_]+)?)/;

// Character classes by UTF-16 code unit, as PHP's scanner reads bytes: every unit from 0x80 up is a name character.
// (charCodeAt past the end is NaN, which is in none of them.)
function isSpace(c: number): boolean {
	return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}
function isDigit(c: number): boolean {
	return c >= 0x30 && c <= 0x39;
}
function isIdentStart(c: number): boolean {
	return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c >= 0x80;
}
function isIdentPart(c: number): boolean {
	return isIdentStart(c) || isDigit(c);
}

/** End of a possibly qualified name starting at `i` (a name start, or a backslash and one): `Foo`, `\\Foo\\Bar`. */
function qualifiedEnd(src: string, i: number): number {
	const n = src.length;
	if (src.charCodeAt(i) === 0x5c) i++;
	i++;
	for (;;) {
		while (i < n && isIdentPart(src.charCodeAt(i))) i++;
		if (src.charCodeAt(i) === 0x5c && isIdentStart(src.charCodeAt(i + 1))) i += 2;
		else return i;
	}
}

/** Whether [s, e) is one of NOT_A_CALLEE_AFTER, in any case (compared by code unit, no slice). */
function isNoCallWord(src: string, s: number, e: number): boolean {
	const n = e - s;
	const word = n === 2 ? 'fn' : n === 3 ? 'new' : n === 5 ? 'const' : n === 8 ? 'function' : undefined;
	if (word === undefined) return false;
	// `| 0x20` lowers an ASCII capital and leaves a lowercase letter as it is; no other code unit maps onto a letter.
	for (let k = 0; k < n; k++) if ((src.charCodeAt(s + k) | 0x20) !== word.charCodeAt(k)) return false;
	return true;
}

/** The operator at `i` (one to three characters; `code` is the first). */
function operatorAt(src: string, i: number, code: number): string {
	const b = src.charCodeAt(i + 1);
	if (code === 0x3f /* ? */ && b === 0x2d /* - */ && src.charCodeAt(i + 2) === 0x3e) return '?->';
	if (code === 0x2e /* . */ && b === 0x2e && src.charCodeAt(i + 2) === 0x2e) return '...';
	if (b === 0x3e /* > */ && (code === 0x2d /* - */ || code === 0x3d) /* = */) return code === 0x2d ? '->' : '=>';
	if (code === 0x3a /* : */ && b === 0x3a) return '::';
	return src[i]!;
}
const SIMPLE_ESCAPES: Record<string, string> = {
	n: '\n',
	t: '\t',
	r: '\r',
	v: '\v',
	e: '\x1b',
	f: '\f',
	'\\': '\\',
	$: '$',
	'"': '"',
};

/**
 * Outside the argument lists of the calls the scanner reads, only what can start such a call, a string, a crypto
 * constant and concatenation matter; everything else becomes a shared placeholder or nothing (no allocation).
 */
const INTERESTING =
	/^\\?(?:(?:p?fsockopen|stream_socket_(?:client|server|enable_crypto)|stream_context_(?:create|set_option))$|STREAM_CRYPTO_METHOD_)/i;
const NOT_A_CALLEE_AFTER = new Set(['function', 'fn', 'new', 'const']);
const OTHER_IDENT: Token = { kind: 'ident', start: -1, end: -1, text: '' };
const OTHER_VAR: Token = { kind: 'var', start: -1, end: -1, text: '$' };
const OTHER_NUM: Token = { kind: 'num', start: -1, end: -1, text: '' };
export function isPunct(t: Token | undefined, text: string): boolean {
	return t?.kind === 'punct' && t.text === text;
}

/** Any other operator after an operand: it ends a concatenation chain. */
const BREAK: Token = { kind: 'punct', start: -1, end: -1, text: ';' };

/** A place where lexing can resume: outside every call the scanner reads, between two tokens. */
export interface Checkpoint {
	i: number;
	/** tokens.length there. */
	tokens: number;
	callee: boolean;
	noCall: boolean;
	/** What the last token was, as far as the lexer looks back. */
	last: Last;
}

/**
 * What the lexer remembers of the last token it kept: whether a string or name that follows continues a
 * concatenation (after "."), and whether "?>" ends a statement (after an operand). A const enum: the loop compares
 * plain numbers.
 */
export const enum Last {
	/** Nothing yet (the start of the text or of a window). */
	None = 0,
	/** ".": what follows is the right side of a concatenation. */
	Dot = 1,
	/** Other punctuation. */
	Punct = 2,
	/** An operand: a string, name, variable or number. */
	Operand = 3,
}

/**
 * Keeps the string just lexed (tokens[at]) if the scanner can read it: inside a call it reads, as the right side of a
 * concatenation (after "."), or when its value has a scheme (`://`: a URL literal, a connection string or the start
 * of a concatenation that builds one). Any other string is dropped, which leaves the last token as it was. Returns
 * the kind of the last token.
 */
function kept(tokens: Token[], at: number, inside: number, last: Last): Last {
	if (inside || last === Last.Dot || tokens[at]!.text.includes('://')) return Last.Operand;
	tokens.length = at;
	return last;
}

/** A lexed text, kept so that the next version can be lexed from the checkpoint before an edit. */
export interface Lexed {
	/** Length of the text lexed. */
	length: number;
	tokens: Token[];
	checkpoints: Checkpoint[];
	/**
	 * Set when this lexing started from a previous one: the text it lexed anew, [start, end) in this version's offsets
	 * (from the checkpoint it resumed at to the one where it resynchronised, or the end of the text); the tokens and
	 * checkpoints before `start` are the previous ones, those from `end` on are the previous ones moved by `delta`
	 * characters and `tokenDelta` places.
	 */
	redone?: { start: number; end: number; delta: number; tokenDelta: number; replaced: Replaced };
}

/**
 * The previous version's tokens [from, to) that a keystroke's lexing replaced, how many of them were strings, and how
 * many old tokens followed them (the previous token array is the new one's now: what it held is known from this).
 */
export interface Replaced {
	from: number;
	to: number;
	strings: number;
	after: number;
}

function replacedOf(old: Token[], from: number, to: number): Replaced {
	let strings = 0;
	for (let k = from; k < to; k++) if (old[k]!.kind === 'str') strings++;
	return { from, to, strings, after: old.length - to };
}

/** One replaced span: [start, oldEnd) of the old text became [start, newEnd) of the new one. */
export interface TextEdit {
	start: number;
	oldEnd: number;
	newEnd: number;
}

/** Checkpoints at least this far apart; every lookahead of the lexer is shorter than MARGIN. */
const CHECKPOINT_GAP = 2048;
const MARGIN = 400;

/**
 * `all`: emit every name, number, variable and operator (for the library-configuration reader, which follows
 * assignments and arrays); otherwise only what the transport scanner reads.
 */
export function lexPhp(src: string, all = false): Token[] {
	return run(src, all, undefined, undefined)!.tokens;
}

/**
 * Lexes `src`; given the previous version and the edit that made this one, resumes at the last checkpoint well before
 * the edit and stops as soon as it reaches, past the edit, a checkpoint of the old version in the same state: the
 * lexer only looks forward, so from there on the old tokens are the new ones, shifted. The result is always exactly
 * what a full lexing gives (checked by a property test). `prev` is consumed: its tokens and checkpoints are moved
 * into the result.
 */
export function lexPhpIncremental(src: string, prev?: Lexed, edit?: TextEdit): Lexed {
	if (!prev || !edit) return run(src, false, undefined, undefined)!;
	return run(src, false, prev, edit)!;
}

/** How much text past the edit a windowed lexing reads before it gives up (and the caller lexes the whole string). */
const WINDOW = 64 * 1024;

/**
 * As lexPhpIncremental, reading only the text from the checkpoint before the edit to some way past it. Undefined when
 * the lexing does not resynchronise well inside that window (an edit that opens a string or a comment, say); `prev`
 * is then left as it was, for a lexing of the whole text.
 */
export function lexPhpWindow(source: TextSource, prev: Lexed, edit: TextEdit): Lexed | undefined {
	const from = resumeAt(prev, edit);
	const start = from < 0 ? 0 : prev.checkpoints[from]!.i;
	const end = Math.min(source.length, edit.newEnd + WINDOW);
	return run(source.slice(start, end), false, prev, edit, start, source.length);
}

/** The last checkpoint of `prev` well before the edit (-1: none). */
function resumeAt(prev: Lexed, edit: TextEdit): number {
	for (let k = prev.checkpoints.length - 1; k >= 0; k--) if (prev.checkpoints[k]!.i + MARGIN < edit.start) return k;
	return -1;
}

/** Moves a token of the previous version to its place in this one (in place: the previous lexing is consumed). */
function shifted(t: Token, delta: number): Token {
	if (t.start < 0 || delta === 0) return t;
	t.start += delta;
	t.end += delta;
	if (t.base !== undefined) t.base += delta;
	if (t.map) for (let k = 0; k < t.map.length; k++) t.map[k]! += delta;
	if (t.suffix) t.suffix.start += delta;
	if (t.parts)
		for (const p of t.parts) {
			if ('expr' in p) p.start += delta;
			else if (p.map !== t.map) for (let k = 0; k < p.map.length; k++) p.map[k]! += delta;
		}
	return t;
}

/** The end of token k, or of the nearest real token before it. */
function endNear(tokens: Token[], k: number): number {
	while (k >= 0 && tokens[k]!.start < 0) k--;
	return k < 0 ? -1 : tokens[k]!.end;
}

/** What the lexer remembers of the last token (only whether "?>" ends a statement depends on it). */
function lastKind(t: Token): Last {
	return t.kind !== 'punct' ? Last.Operand : t.text === '.' ? Last.Dot : Last.Punct;
}

/**
 * The full token stream (`lexPhp(text, true)`) of a new version from the previous version's and one edit, reading only
 * a window of the text: lexing resumes right after a token well before the edit (lexing is then in PHP code, and
 * only the last token's kind carries over) and stops at the first token past the edit that starts where an old one
 * starts, moved, with the same text: from there on the text and the lexer's state are the same, so the old tokens
 * are the new ones. Undefined when that does not happen inside the window (the caller lexes the whole text).
 * `prev` is consumed: its tokens are moved into the result.
 */
export function lexAllIncremental(source: string | TextSource, prev: Token[], edit: TextEdit): Token[] | undefined {
	// The last real token ending MARGIN before the edit (a "?>" statement end has no place: step over it).
	let r = firstAt(prev.length, (k) => endNear(prev, k) + MARGIN > edit.start) - 1;
	while (r >= 0 && prev[r]!.start < 0) r--;
	if (r < 0) return undefined;
	const from = prev[r]!.end;
	const end = Math.min(source.length, edit.newEnd + WINDOW);
	const window = source.slice(from, end);
	const fresh = run(window, true, undefined, undefined, 0, window.length, lastKind(prev[r]!))!.tokens;
	const delta = edit.newEnd - edit.oldEnd;
	let j = r + 1;
	for (let i = 0; i < fresh.length; i++) {
		const f = fresh[i]!;
		if (f.start < 0) continue;
		const at = f.start + from;
		// A token near the window's end may be cut short; past the edit, only a whole token can resynchronise.
		if (end < source.length && f.end + MARGIN > window.length) return undefined;
		if (at < edit.newEnd + 1) continue;
		while (j < prev.length && (prev[j]!.start < 0 || prev[j]!.start < edit.oldEnd || prev[j]!.start + delta < at)) j++;
		const old = prev[j];
		if (
			old &&
			old.start + delta === at &&
			old.kind === f.kind &&
			old.text === f.text &&
			old.end + delta === f.end + from
		) {
			const out = prev.slice(0, r + 1);
			for (let k = 0; k < i; k++) out.push(own(shifted(fresh[k]!, from)));
			for (let k = j; k < prev.length; k++) out.push(shifted(prev[k]!, delta));
			return out;
		}
	}
	if (end < source.length) return undefined;
	const out = prev.slice(0, r + 1);
	for (const f of fresh) out.push(own(shifted(f, from)));
	return out;
}

/**
 * A token made on a keystroke outlives its version: its texts must not keep the window it was sliced from alive
 * (V8 slices strings of 13 characters or more instead of copying them).
 */
function own(t: Token): Token {
	if (t.start < 0) return t;
	if (t.text.length >= 13) t.text = ownCopy(t.text);
	if (t.suffix && t.suffix.text.length >= 13) t.suffix.text = ownCopy(t.suffix.text);
	if (t.parts)
		for (const p of t.parts) {
			if ('expr' in p) {
				if (p.expr.length >= 13) p.expr = ownCopy(p.expr);
			} else if (p.text.length >= 13) p.text = ownCopy(p.text);
		}
	return t;
}

/** Makes every token's texts its own (a full lexing kept for the next version). */
export function ownTokens(tokens: Token[]): void {
	for (const t of tokens) own(t);
}

/**
 * `src` is the text from offset `base` of one of length `total` (a window, for lexPhpWindow; else the whole text):
 * positions in the loop are relative to `src`, tokens and checkpoints are stored with absolute offsets. A window's
 * lexing is undefined (and `prev` untouched) unless it resynchronises at least MARGIN before the window's end, so
 * that nothing it read was cut off by the window, or the window reaches the end of the text.
 */
function run(
	src: string,
	all: boolean,
	prev: Lexed | undefined,
	edit: TextEdit | undefined,
	base = 0,
	total = src.length,
	inPhp?: Last,
): Lexed | undefined {
	const tokens: Token[] = [];
	const checkpoints: Checkpoint[] = [];
	let i = 0;
	const n = src.length;
	/** Bracket depth inside the outermost call the scanner reads; 0 outside. With `all`, never 0. */
	let inside = all ? 1 : 0;
	/** The previous token was a callee the scanner reads (so its "(" opens a call). */
	let callee = false;
	/** The previous token forbids a call here (->, ?->, ::, function, fn, new, const). */
	let noCall = false;
	/** What the last token pushed is (lastKind), kept as tokens are pushed rather than read back from them. */
	let last: Last = inPhp ?? Last.None;
	/** The old checkpoints past the edit, from index `next` on, are where the lexing may resynchronise. */
	let next = prev ? prev.checkpoints.length : 0;
	const delta = edit ? edit.newEnd - edit.oldEnd : 0;
	let resumed = false;
	/** Where this lexing started reading (as an offset of the whole text). */
	let started = base;
	/**
	 * How many of the previous version's tokens come before `tokens` (those before the checkpoint lexing resumed at):
	 * they stay in the previous array, which the result takes over, so that a keystroke copies no array as long as
	 * the document (`tokens` holds only what is lexed anew; a token's index is prefix + its index in `tokens`).
	 */
	let prefix = 0;
	if (prev && edit) {
		const from = resumeAt(prev, edit);
		if (from >= 0) {
			const c = prev.checkpoints[from]!;
			prefix = c.tokens;
			checkpoints.push(...prev.checkpoints.slice(0, from + 1));
			i = c.i - base;
			started = c.i;
			callee = c.callee;
			noCall = c.noCall;
			last = c.last;
			resumed = true;
		}
		next = from + 1;
		while (next < prev.checkpoints.length && prev.checkpoints[next]!.i < edit.oldEnd + MARGIN) next++;
	}
	if (!resumed && inPhp === undefined) i = htmlUntilTag(src, i);
	/** Checkpoints are at least CHECKPOINT_GAP apart. */
	let nextCheckpoint = checkpoints.length ? checkpoints[checkpoints.length - 1]!.i + CHECKPOINT_GAP : 0;
	// No closure in here: one that captured a variable of the loop would make V8 keep it in a heap context.
	while (i < n) {
		if (!all && inside === 0) {
			const at = base + i;
			// Past the edit, at an old checkpoint's place in the same state: from here on the old tokens are the new.
			if (prev && next < prev.checkpoints.length) {
				while (next < prev.checkpoints.length && prev.checkpoints[next]!.i + delta < at) next++;
				const old = prev.checkpoints[next];
				if (old && old.i + delta === at && old.callee === callee && old.noCall === noCall && old.last === last) {
					if (base + n < total && i + MARGIN > n) return undefined;
					const moved = prefix + tokens.length - old.tokens;
					const lexed = finished(tokens, checkpoints, base, total, {
						start: resumed ? started : 0,
						end: at,
						delta,
						tokenDelta: moved,
						replaced: replacedOf(prev.tokens, prefix, old.tokens),
					});
					// The old tokens from here on are moved in place, and the new ones take the place of those they replace
					// in the old array: copying arrays as long as the document (a slice for the prefix, pushes for the
					// rest) cost a keystroke in a 2 MB file with a URL on every line two thirds of its lexing.
					const all = prev.tokens;
					for (let k = old.tokens; k < all.length; k++) shifted(all[k]!, delta);
					lexed.tokens = replaceRange(all, prefix, old.tokens, tokens);
					for (let k = next; k < prev.checkpoints.length; k++) {
						const c = prev.checkpoints[k]!;
						c.i += delta;
						c.tokens += moved;
						checkpoints.push(c);
					}
					return lexed;
				}
			}
			if (at >= nextCheckpoint) {
				checkpoints.push({ i: at, tokens: prefix + tokens.length, callee, noCall, last });
				nextCheckpoint = at + CHECKPOINT_GAP;
			}
		}
		const code = src.charCodeAt(i);
		if (code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d) {
			i++;
			while (i < n && isSpace(src.charCodeAt(i))) i++;
		} else if (isIdentStart(code) || (code === 0x5c /* \ */ && isIdentStart(src.charCodeAt(i + 1)))) {
			const s = i;
			i = qualifiedEnd(src, i);
			if (inside) {
				const text = src.slice(s, i);
				const interesting = INTERESTING.test(text);
				tokens.push({ kind: 'ident', start: s, end: i, text });
				last = Last.Operand;
				callee = interesting && !noCall;
				noCall = NOT_A_CALLEE_AFTER.has(text.toLowerCase());
			} else {
				// Outside the calls the scanner reads, a name matters only if it can be a callee the scanner reads or a
				// crypto constant (nine characters or more, starting with f, p or s), or is a word after which no call
				// follows; the others are not even sliced out of the text.
				const b = code === 0x5c ? s + 1 : s;
				const first = src.charCodeAt(b) | 0x20;
				const interesting =
					i - b >= 9 && (first === 0x66 || first === 0x70 || first === 0x73) && INTERESTING.test(src.slice(s, i));
				if (interesting) tokens.push({ kind: 'ident', start: s, end: i, text: src.slice(s, i) });
				else if (last === Last.Dot) tokens.push(OTHER_IDENT);
				if (interesting || last === Last.Dot) last = Last.Operand;
				callee = interesting && !noCall;
				noCall = isNoCallWord(src, s, i);
			}
		} else if (code === 0x3f /* ? */ && src.charCodeAt(i + 1) === 0x3e /* > */) {
			i = htmlUntilTag(src, i + 2);
			// A closing tag ends a statement: no concatenation runs through it.
			if (last === Last.Operand) {
				tokens.push(BREAK);
				last = Last.Punct;
			}
		} else if (
			(code === 0x2f /* / */ && src.charCodeAt(i + 1) === 0x2f) ||
			(code === 0x23 /* # */ && src.charCodeAt(i + 1) !== 0x5b) /* [ */
		) {
			LINE_COMMENT.lastIndex = i;
			LINE_COMMENT.test(src);
			i = LINE_COMMENT.lastIndex;
		} else if (code === 0x2f && src.charCodeAt(i + 1) === 0x2a /* * */) {
			const close = src.indexOf('*/', i + 2);
			i = close < 0 ? n : close + 2;
		} else if (code === 0x27 /* ' */) {
			const at = tokens.length;
			i = singleQuoted(src, i, tokens, inside > 0 || last === Last.Dot);
			if (tokens.length > at) last = Last.Operand;
		} else if (code === 0x22 /* " */ || code === 0x60 /* ` */) {
			const at = tokens.length;
			i = interpolated(src, i + 1, code === 0x22 ? '"' : '`', i, tokens, all);
			last = kept(tokens, at, inside, last);
		} else if (code === 0x3c /* < */ && src.startsWith('<<<', i)) {
			const at = tokens.length;
			i = heredoc(src, i, tokens, all);
			last = tokens[at]!.kind === 'str' ? kept(tokens, at, inside, last) : Last.Punct;
		} else if (code === 0x24 /* $ */ && isIdentStart(src.charCodeAt(i + 1))) {
			const s = i;
			i += 2;
			while (i < n && isIdentPart(src.charCodeAt(i))) i++;
			if (inside) tokens.push({ kind: 'var', start: s, end: i, text: src.slice(s, i) });
			else if (last === Last.Dot) tokens.push(OTHER_VAR);
			if (inside || last === Last.Dot) last = Last.Operand;
			callee = noCall = false;
		} else if (isDigit(code) || (code === 0x2e /* . */ && isDigit(src.charCodeAt(i + 1)))) {
			const s = i;
			const m = NUMBER.exec(src.slice(i, i + 80));
			i += m ? m[0].length : 1;
			if (inside) tokens.push({ kind: 'num', start: s, end: i, text: src.slice(s, i) });
			else if (last === Last.Dot) tokens.push(OTHER_NUM);
			if (inside || last === Last.Dot) last = Last.Operand;
			callee = noCall = false;
		} else {
			const op = operatorAt(src, i, code);
			if (inside || (op === '(' && callee)) {
				if (op === '(' || op === '[' || op === '{') inside++;
				else if ((op === ')' || op === ']' || op === '}') && !all) inside--;
				if (all || KEPT_PUNCT.has(op)) {
					tokens.push({ kind: 'punct', start: i, end: i + op.length, text: op });
					last = op === '.' ? Last.Dot : Last.Punct;
				}
			} else if (op === '.') {
				tokens.push({ kind: 'punct', start: i, end: i + 1, text: op });
				last = Last.Dot;
			} else if (last === Last.Operand) {
				tokens.push(BREAK);
				last = Last.Punct;
			}
			callee = false;
			noCall = op === '->' || op === '?->' || op === '::';
			i += op.length;
		}
	}
	// The end of the window is not the end of the text: what was lexed last may be cut short.
	if (base + n < total) return undefined;
	const lexed = finished(
		tokens,
		checkpoints,
		base,
		total,
		prev
			? {
					start: resumed ? started : 0,
					end: total,
					delta,
					tokenDelta: 0,
					replaced: replacedOf(prev.tokens, prefix, prev.tokens.length),
				}
			: undefined,
	);
	if (prefix) lexed.tokens = replaceRange(prev!.tokens, prefix, prev!.tokens.length, tokens);
	return lexed;
}

/** Past the inline HTML from `i` to the next opening tag (`<?php`, `<?=`, `<?`); the end of the text if none. */
function htmlUntilTag(src: string, i: number): number {
	const open = src.indexOf('<?', i);
	if (open < 0) return src.length;
	i = open + 2;
	if (src.slice(i, i + 3).toLowerCase() === 'php') return i + 3;
	return src[i] === '=' ? i + 1 : i;
}

/**
 * The lexing's result: the new tokens moved to absolute offsets and, on a keystroke (`redone`), given
 * texts of their own.
 */
function finished(
	tokens: Token[],
	checkpoints: Checkpoint[],
	base: number,
	total: number,
	redone: Lexed['redone'],
): Lexed {
	for (let k = 0; k < tokens.length; k++) {
		const t = tokens[k]!;
		if (base !== 0) shifted(t, base);
		// A token's text is a slice of the text lexed; one made on a keystroke outlives that version, and must not
		// keep all of it (or its window) alive: V8 slices strings of 13 characters or more instead of copying them.
		if (redone && t.start >= 0) {
			if (t.text.length >= 13) t.text = ownCopy(t.text);
			if (t.suffix && t.suffix.text.length >= 13) t.suffix.text = ownCopy(t.suffix.text);
		}
	}
	const lexed: Lexed = { length: total, tokens, checkpoints };
	if (redone) lexed.redone = redone;
	return lexed;
}

/**
 * A single-quoted string; pushed only when `keep` or when its value has a scheme (see kept()). Without a backslash
 * before the next quote, that quote ends it and its value is the text between: no token is made unless it is kept.
 */
function singleQuoted(src: string, open: number, tokens: Token[], keep: boolean): number {
	const close = src.indexOf("'", open + 1);
	const plainEnd = close < 0 ? src.length : close;
	let escaped = false;
	let scheme = keep;
	for (let k = open + 1; k < plainEnd; k++) {
		const c = src.charCodeAt(k);
		if (c === 0x5c /* backslash */) escaped = true;
		else if (c === 0x3a /* : */ && src.charCodeAt(k + 1) === 0x2f && src.charCodeAt(k + 2) === 0x2f) scheme = true;
	}
	if (!escaped) {
		if (!scheme) return plainEnd + 1;
		tokens.push({
			kind: 'str',
			start: open,
			end: Math.min(plainEnd + 1, src.length),
			text: src.slice(open + 1, plainEnd),
			base: open + 1,
		});
		return plainEnd + 1;
	}
	let i = open + 1;
	let text = '';
	const map: number[] = [];
	while (i < src.length && src[i] !== "'") {
		if (src[i] === '\\' && (src[i + 1] === "'" || src[i + 1] === '\\')) {
			map.push(i);
			text += src[i + 1];
			i += 2;
		} else {
			map.push(i);
			text += src[i];
			i++;
		}
	}
	map.push(i);
	if (keep || text.includes('://'))
		tokens.push({ kind: 'str', start: open, end: Math.min(i + 1, src.length), text, map });
	return i + 1;
}

/** Reads a double-quoted, backtick or heredoc body up to `close` (a quote char, or an end index for heredoc). */
function interpolated(
	src: string,
	from: number,
	close: string | number,
	tokenStart: number,
	tokens: Token[],
	withParts = false,
): number {
	const end = typeof close === 'number' ? close : src.length;
	// The first character that ends the plain part: a backslash or "$" (and "{", the closing quote, for quoted strings).
	let stop = from;
	if (typeof close === 'number') {
		for (; stop < end; stop++) {
			const c = src.charCodeAt(stop);
			if (c === 0x5c /* backslash */ || c === 0x24 /* $ */) break;
		}
	} else {
		const q = close.charCodeAt(0);
		for (; stop < end; stop++) {
			const c = src.charCodeAt(stop);
			if (c === q || c === 0x5c || c === 0x24 || c === 0x7b /* { */) break;
		}
	}
	if (stop === end || src[stop] === close) {
		tokens.push({
			kind: 'str',
			start: tokenStart,
			end: typeof close === 'number' ? stop : Math.min(stop + 1, src.length),
			text: src.slice(from, stop),
			base: from,
		});
		return typeof close === 'number' ? stop : stop + 1;
	}
	let i = from;
	let text = '';
	let map: number[] = [];
	let prefix: { text: string; map: number[] } | undefined;
	let suffixStart = from;
	const parts: StrPart[] | undefined = withParts ? [] : undefined;
	const atEnd = (): boolean => i >= end || (typeof close === 'string' && src[i] === close);
	while (!atEnd()) {
		const c = src[i]!;
		if (c === '\\' && i + 1 < end) {
			const esc = escape(src, i + 1, close === '"');
			for (let k = 0; k < esc.text.length; k++) map.push(i + k);
			text += esc.text;
			i = esc.end;
		} else if ((c === '$' && /[A-Za-z_{\x80-\uffff]/.test(src[i + 1] ?? '')) || (c === '{' && src[i + 1] === '$')) {
			prefix ??= { text, map: [...map, i] };
			const at = i;
			i = skipInterpolation(src, i, end);
			if (parts) {
				if (text) parts.push({ text, map: [...map, at] });
				parts.push({ expr: src.slice(at, i), start: at });
			}
			text = '';
			map = [];
			suffixStart = i;
		} else {
			map.push(i);
			text += c;
			i++;
		}
	}
	const tokenEnd = typeof close === 'number' ? i : Math.min(i + 1, src.length);
	if (prefix) {
		const t: Token = {
			kind: 'str',
			start: tokenStart,
			end: tokenEnd,
			text: prefix.text,
			map: prefix.map,
			suffix: { text, start: suffixStart },
		};
		if (parts) {
			if (text) parts.push({ text, map: [...map, i] });
			t.parts = parts;
		}
		tokens.push(t);
	} else {
		map.push(i);
		tokens.push({ kind: 'str', start: tokenStart, end: tokenEnd, text, map });
	}
	return typeof close === 'number' ? i : i + 1;
}

function escape(src: string, at: number, doubleQuoted: boolean): { text: string; end: number } {
	const d = src[at]!;
	if (SIMPLE_ESCAPES[d] !== undefined && (doubleQuoted || d !== '"')) return { text: SIMPLE_ESCAPES[d]!, end: at + 1 };
	const oct = /^[0-7]{1,3}/.exec(src.slice(at, at + 3));
	if (oct) return { text: String.fromCharCode(parseInt(oct[0], 8) & 255), end: at + oct[0].length };
	const hex = /^x([0-9A-Fa-f]{1,2})/.exec(src.slice(at, at + 3));
	if (hex) return { text: String.fromCharCode(parseInt(hex[1]!, 16)), end: at + hex[0].length };
	const uni = /^u\{([0-9A-Fa-f]{1,6})\}/.exec(src.slice(at, at + 10));
	if (uni) {
		const cp = parseInt(uni[1]!, 16);
		if (cp <= 0x10ffff) return { text: String.fromCodePoint(cp), end: at + uni[0].length };
	}
	return { text: '\\' + d, end: at + 1 };
}

function skipInterpolation(src: string, i: number, end: number): number {
	if (src[i] === '{' || src[i + 1] === '{') {
		let depth = 0;
		for (; i < end; i++) {
			if (src[i] === '{') depth++;
			else if (src[i] === '}' && --depth === 0) return i + 1;
		}
		return end;
	}
	i++;
	while (i < end && /[A-Za-z0-9_\x80-\uffff]/.test(src[i]!)) i++;
	if (src[i] === '[') {
		const close = src.indexOf(']', i);
		return close < 0 || close > end ? end : close + 1;
	}
	if (src[i] === '-' && src[i + 1] === '>' && /[A-Za-z_]/.test(src[i + 2] ?? '')) {
		i += 2;
		while (i < end && /[A-Za-z0-9_]/.test(src[i]!)) i++;
	}
	return i;
}

/** Heredoc (`<<<ID`, `<<<"ID"`) and nowdoc (`<<<'ID'`), with PHP 7.3's closing-marker indentation removed. */
function heredoc(src: string, at: number, tokens: Token[], withParts = false): number {
	const m = /^<<<[ \t]*(['"]?)([A-Za-z_\x80-\uffff][A-Za-z0-9_\x80-\uffff]*)\1\r?\n/.exec(src.slice(at, at + 300));
	if (!m) {
		tokens.push({ kind: 'punct', start: at, end: at + 1, text: '<' });
		return at + 1;
	}
	const id = m[2]!;
	const bodyStart = at + m[0].length;
	const closeRe = new RegExp(`(^|\\n)([ \\t]*)${id}(?![A-Za-z0-9_\\x80-\\uffff])`, 'g');
	closeRe.lastIndex = bodyStart - 1;
	const close = closeRe.exec(src);
	const bodyEnd = close ? close.index : src.length;
	const indent = close ? close[2]!.length : 0;
	const end = close ? close.index + close[0].length : src.length;
	const before = tokens.length;
	if (m[1] === "'") {
		const map: number[] = [];
		let text = '';
		for (let i = bodyStart; i < bodyEnd; i++) {
			map.push(i);
			text += src[i];
		}
		map.push(bodyEnd);
		tokens.push({ kind: 'str', start: at, end, text, map });
	} else {
		interpolated(src, bodyStart, bodyEnd, at, tokens, withParts);
		tokens[before]!.end = end;
	}
	const tok = tokens[before]!;
	if (indent > 0) {
		dedent(tok, indent);
		// The parts are not dedented: such a value is known only as its prefix and suffix.
		delete tok.parts;
	}
	return end;
}

/** Removes up to `indent` leading blanks from every line of a heredoc value, keeping the offset map aligned. */
function dedent(tok: Token, indent: number): void {
	tok.map ??= Array.from({ length: tok.text.length + 1 }, (_, k) => tok.base! + k);
	let text = '';
	const map: number[] = [];
	let col = 0;
	for (let k = 0; k < tok.text.length; k++) {
		const ch = tok.text[k]!;
		if (col < indent && (ch === ' ' || ch === '\t')) {
			col++;
			continue;
		}
		col = ch === '\n' ? 0 : indent;
		text += ch;
		map.push(tok.map![k]!);
	}
	map.push(tok.map![tok.text.length]!);
	tok.text = text;
	tok.map = map;
}
