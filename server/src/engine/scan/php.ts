//! Finds transport targets in PHP: the first argument of the socket functions (a target even without a scheme),
//! fsockopen's port and stream_socket_server's flags, STREAM_CRYPTO_METHOD_* constants, and other string
//! literals whose value is a transport URL.
import type { ClientCarry, StringCarry } from '../clients/php';
import { wholeText } from '../text';
import { firstAt } from '../sorted';
import { replaceRange } from '../arrays';
import type { Target } from '../target';
import type {
	ArgValue,
	Candidate,
	CallContext,
	ConstantUse,
	Finding,
	ScanResult,
	SocketFunction,
	TextSource,
} from '../types';
import {
	isPunct,
	lexPhp,
	lexPhpIncremental,
	lexPhpWindow,
	type Checkpoint,
	type Lexed,
	type TextEdit,
	type Token,
} from './php-lexer';

/**
 * Lexing state carried from one version of a document to the next (the language server's keystrokes), with the
 * client pass's (ClientCarry, declared beside it).
 */
export interface Reuse extends ClientCarry {
	prev?: Lexed;
	/** The edit from `prev.src` to the text being analysed. */
	edit?: TextEdit;
	/** Set by the scan: this version's lexing, for the next one. */
	lexed?: Lexed;
	/** Whether the previous version named a library sink class (the value layer's prefilter); set for the next one. */
	prevNamesSink?: boolean;
	namesSink?: boolean;
	/**
	 * Whether the previous version called a function of another file that passes a parameter on to a sink, and the
	 * expression (its source) that said so (the index's functions change); set for the next one when it was asked.
	 */
	prevCallsSink?: { calls: string; found: boolean };
	callsSink?: { calls: string; found: boolean };
	/** Whether the previous version had a transport-lint-disable comment; set by the analysis for the next one. */
	prevSuppresses?: boolean;
	suppresses?: boolean;
	/** Where the prefilter's first match ended in the previous version (absent: no match, nothing was lexed). */
	prevPrefilterEnd?: number;
	prefilterEnd?: number;
	/** The findings of each transport target of the previous version, by target (see analyze.ts); set for the next. */
	prevTargetFindings?: TargetFindings;
	targetFindings?: TargetFindings;
	/** Run the rules on every target, even one seen before (the reference the tests compare the cache with). */
	uncached?: boolean;
	/** The scan of `prev`'s tokens, and its targets (one per candidate, in order); set by the analysis for the next. */
	prevScan?: PhpScan;
	scanned?: PhpScan;
	prevTargets?: Target[];
	targets?: Target[];
	/** Set by the scan when it carried the previous version's candidates: how this version's were made of them. */
	splice?: Splice;
	/** The full token stream (the value layer's and the client pass's), when one was lexed; set for the next version. */
	prevFull?: Token[];
	full?: Token[];
}

/** A PHP scan: its string literals are the lexer's tokens. */
export interface PhpScan extends ScanResult {
	strings: Token[];
	unresolved: number[];
}

/**
 * This version's candidates are the previous version's [0, before), then `fresh` new ones, then the previous version's
 * from index `from` on, moved by `delta` characters (in place).
 */
export interface Splice {
	before: number;
	fresh: number;
	from: number;
	delta: number;
}

/** What an analysis leaves for the next version's (the outputs of its Reuse; not the previous lexing it consumed). */
export type Carried = Pick<
	Reuse,
	| 'lexed'
	| 'namesLibrary'
	| 'namesSink'
	| 'callsSink'
	| 'suppresses'
	| 'prefilterEnd'
	| 'targetFindings'
	| 'scanned'
	| 'targets'
	| 'stringConfigs'
	| 'full'
>;

export function carried(done: Reuse): Carried {
	const { lexed, namesLibrary, namesSink, callsSink, suppresses, prefilterEnd, targetFindings } = done;
	const { scanned, targets, stringConfigs, full } = done;
	return {
		lexed,
		namesLibrary,
		namesSink,
		callsSink,
		suppresses,
		prefilterEnd,
		targetFindings,
		scanned,
		targets,
		stringConfigs,
		full,
	};
}

/**
 * The Reuse for the next version's analysis, from what the last one left and the edit between the two (undefined
 * when it is not known: then only the findings by target are carried, and the text is lexed afresh).
 */
export function nextReuse(last: Carried | undefined, edit: TextEdit | undefined): Reuse {
	return {
		prevTargetFindings: last?.targetFindings,
		...(last?.lexed &&
			edit && {
				prev: last.lexed,
				edit,
				prevNamesLibrary: last.namesLibrary,
				prevNamesSink: last.namesSink,
				prevCallsSink: last.callsSink,
				prevSuppresses: last.suppresses,
				prevPrefilterEnd: last.prefilterEnd,
				prevScan: last.scanned,
				prevTargets: last.targets,
				prevStringConfigs: last.stringConfigs,
				prevFull: last.full,
			}),
	};
}

/** Findings of targets, offsets relative to the target's start, keyed by the target's text and shape. */
export interface TargetFindings {
	/** The rule context they were computed in (settings, file kind, project facts). */
	context: string;
	byTarget: Map<string, Finding[]>;
	/**
	 * The findings of each client configuration carried from version to version (a connection string's: the same
	 * object, moved), with the configuration's start when they were made.
	 */
	byClient?: Map<object, { start: number; findings: Finding[] }>;
	/** The findings of each target of the version, in order, with its offsets (absent where not cacheable). */
	perTarget?: (Finding[] | undefined)[];
}

import { documentsShape, hasUserInfo, looksLikeTransportUrl } from './schemes';

const PARAMS: Record<string, string[]> = {
	fsockopen: ['hostname', 'port', 'error_code', 'error_message', 'timeout'],
	pfsockopen: ['hostname', 'port', 'error_code', 'error_message', 'timeout'],
	stream_socket_client: ['address', 'error_code', 'error_message', 'timeout', 'flags', 'context'],
	stream_socket_server: ['address', 'error_code', 'error_message', 'flags', 'context'],
	stream_socket_enable_crypto: ['stream', 'enable', 'crypto_method', 'session_stream'],
	stream_context_create: ['options', 'params'],
	stream_context_set_option: ['context', 'wrapper_or_options', 'option_name', 'value'],
};
const SOCKET_FUNCTIONS = new Set<string>(['fsockopen', 'pfsockopen', 'stream_socket_client', 'stream_socket_server']);
const NOT_A_CALL_BEFORE = new Set(['->', '?->', '::', 'function', 'fn', 'new', 'const']);

/** An open call of interest; brackets nested inside its arguments are only counted. */
interface Frame {
	fn: string;
	/** Where the callee's name starts. */
	at: number;
	args: Token[][];
	nested: boolean[];
	depth: number;
}

/** The socket functions and crypto-method constants this pass reads (the file prefilter's part of it). */
export const SOCKET_WORDS = /sockopen|stream_socket_|STREAM_CRYPTO_METHOD/i;
/** Nothing here can produce a candidate or a constant: skip the lexer. */
const PREFILTER = new RegExp(`://|${SOCKET_WORDS.source}`, 'i');

/**
 * `src` may be a TextSource (an open document): given the previous version's lexing and an edit after the
 * prefilter's first match, only the text around the edit is read; otherwise the whole text is.
 */
export function scanPhp(src: string | TextSource, reuse?: Reuse): ScanResult {
	let tokens: Token[] | undefined;
	if (reuse) {
		const { prev, edit, prevPrefilterEnd } = reuse;
		reuse.lexed = reuse.prefilterEnd = reuse.scanned = reuse.splice = reuse.stringCarry = undefined;
		// The text before the edit is unchanged, so a prefilter match that ends before it is still the first one.
		if (typeof src !== 'string' && prev && edit && prevPrefilterEnd !== undefined && prevPrefilterEnd <= edit.start) {
			reuse.lexed = lexPhpWindow(src, prev, edit);
			if (reuse.lexed) {
				reuse.prefilterEnd = prevPrefilterEnd;
				tokens = reuse.lexed.tokens;
			}
		}
	}
	if (!tokens) {
		const text = wholeText(src);
		const match = PREFILTER.exec(text);
		if (!match) return { candidates: [], constants: [] };
		if (reuse) {
			reuse.prefilterEnd = match.index + match[0].length;
			reuse.lexed = lexPhpIncremental(text, reuse.prev, reuse.edit);
			tokens = reuse.lexed.tokens;
		} else tokens = lexPhp(text);
	}
	if (reuse?.lexed && reuse.prevScan) {
		const carried = carriedScan(reuse.lexed, reuse.prev!, reuse.prevScan);
		if (carried) {
			reuse.scanned = carried.scan;
			reuse.splice = carried.splice;
			reuse.stringCarry = carried.strings;
			return carried.scan;
		}
	}
	const scanned = scanTokens(tokens, 0, tokens.length)!;
	if (reuse) reuse.scanned = scanned;
	return scanned;
}

/**
 * Candidates, constants and string literals of tokens [from, to), where the scanner's state is empty at `from`, as
 * at a clean checkpoint (undefined if a call is still open at `to`, which a clean checkpoint rules out).
 */
function scanTokens(tokens: Token[], from: number, to: number): PhpScan | undefined {
	const candidates: Candidate[] = [];
	const constants: ConstantUse[] = [];
	const strings: Token[] = [];
	const unresolved: number[] = [];
	/** Where each of `strings` is in `tokens`. */
	const at: number[] = [];
	const consumed = new Set<Token>();
	const stack: Frame[] = [];
	for (let k = from; k < to; k++) {
		const t = tokens[k]!;
		const top = stack[stack.length - 1];
		if (t.kind === 'str') {
			strings.push(t);
			at.push(k);
		}
		if (t.kind === 'punct' && (t.text === '(' || t.text === '[' || t.text === '{')) {
			const prev = tokens[k - 1];
			const fn = t.text === '(' && prev?.kind === 'ident' && isCallee(tokens, k - 1) ? bareName(prev.text) : undefined;
			if (top) top.nested[top.nested.length - 1] = true;
			if (fn && PARAMS[fn]) stack.push({ fn, at: prev!.start, args: [[]], nested: [false], depth: 0 });
			else if (top) top.depth++;
			continue;
		}
		if (t.kind === 'punct' && (t.text === ')' || t.text === ']' || t.text === '}')) {
			if (!top) continue;
			if (top.depth > 0) {
				top.depth--;
				continue;
			}
			stack.pop();
			if (SOCKET_FUNCTIONS.has(top.fn)) {
				const c = callCandidate(top.fn as SocketFunction, byName(top), consumed);
				if (c) candidates.push(c);
				// What the scanner cannot read in place, the value layer may follow.
				if (!c || c.partial || c.call?.port?.known === false) unresolved.push(top.at);
			}
			continue;
		}
		if (top && top.depth === 0) {
			if (t.kind === 'punct' && t.text === ',') {
				top.args.push([]);
				top.nested.push(false);
			} else top.args[top.args.length - 1]!.push(t);
		}
		if (t.kind === 'ident' && /^\\?STREAM_CRYPTO_METHOD_/.test(t.text)) {
			const name = bareName(t.text);
			constants.push({ name, start: t.start + t.text.length - name.length, end: t.end, fn: top?.fn });
		}
	}
	if (stack.length && to < tokens.length) return undefined;
	for (let s = 0; s < strings.length; s++) {
		const t = strings[s]!;
		const k = at[s]!;
		// A literal candidate's value is its first string's (known) text: test that before building the candidate.
		if (consumed.has(t) || isPunct(tokens[k - 1], '.') || !looksLikeTransportUrl(t.text)) continue;
		// Outside socket calls: a documented shape or a URL with user info is not a transport written for PHP.
		if (documentsShape(t.text) || hasUserInfo(t.text)) continue;
		const c = strCandidate(tokens, k, 'literal');
		if (c) candidates.push(c);
	}
	candidates.sort((a, b) => a.start - b.start);
	unresolved.sort((a, b) => a - b);
	return { candidates, constants, strings, unresolved };
}

/**
 * A clean checkpoint: the scanner's state is empty there (no call open: the lexer is outside every call it reads)
 * and nothing it reads crosses it: the token before is punctuation other than "." (a statement's end, a call's ")"),
 * so no concatenation runs through it, no string after it is a concatenation's right side and no "(" after it opens
 * a call named before it. Or there is no token before it.
 */
function clean(c: Checkpoint): boolean {
	return c.last === 2 || c.tokens === 0;
}

/** How many checkpoints the carried scan looks through for a clean one on either side before it scans everything. */
const CLEAN_SEARCH = 16;

/**
 * The scan of a lexing that started from the previous version's (`lexed.redone`): the previous scan's results before
 * the last clean checkpoint at or before where the lexing resumed, tokens scanned anew from there to the first
 * clean checkpoint at or after where it resynchronised, and the previous results after that, moved (in place: the
 * previous scan is consumed, as the previous lexing is). Undefined when there is nothing to carry.
 */
function carriedScan(
	lexed: Lexed,
	prev: Lexed,
	before: PhpScan,
): { scan: PhpScan; splice: Splice; strings: StringCarry } | undefined {
	const r = lexed.redone;
	if (!r) return undefined;
	const cps = lexed.checkpoints;
	let li = firstAt(cps.length, (k) => cps[k]!.i > r.start) - 1;
	for (let n = 0; li >= 0 && !clean(cps[li]!); n++) if (n === CLEAN_SEARCH || --li < 0) return undefined;
	let ri = firstAt(cps.length, (k) => cps[k]!.i >= r.end);
	for (let n = 0; ri < cps.length && !clean(cps[ri]!); n++)
		if (n === CLEAN_SEARCH || ++ri === cps.length) return undefined;
	const from = li < 0 ? { i: 0, tokens: 0 } : cps[li]!;
	const to = ri < cps.length ? cps[ri]! : { i: lexed.length, tokens: lexed.tokens.length };
	const fresh = scanTokens(lexed.tokens, from.tokens, to.tokens);
	if (!fresh) return undefined;
	const { delta } = r;
	// The previous version's offsets of the two checkpoints (past the last one: its end).
	const oldTo = ri < cps.length ? to.i - delta : prev.length;
	const starts = <T extends { start: number }>(list: T[], at: number) =>
		firstAt(list.length, (k) => list[k]!.start >= at);
	const c0 = starts(before.candidates, from.i);
	const c1 = starts(before.candidates, oldTo);
	const k0 = starts(before.constants, from.i);
	const k1 = starts(before.constants, oldTo);
	const u0 = firstAt(before.unresolved.length, (k) => before.unresolved[k]! >= from.i);
	const u1 = firstAt(before.unresolved.length, (k) => before.unresolved[k]! >= oldTo);
	// The previous strings are tokens, and those past the resynchronisation are moved already: count the ones between,
	// the previous version's tokens [from.tokens, oldTokensTo). The previous token array is this version's now: the
	// tokens before those the lexing replaced are at the same places, the replaced ones are counted by the lexer, and
	// the ones after them are this version's from the resynchronisation on.
	const s0 = starts(before.strings, from.i);
	const { replaced } = r;
	const oldTokensTo = ri < cps.length ? to.tokens - r.tokenDelta : replaced.to + replaced.after;
	let s1 = s0 + replaced.strings;
	for (let k = from.tokens; k < replaced.from; k++) if (lexed.tokens[k]!.kind === 'str') s1++;
	for (let k = replaced.to; k < oldTokensTo; k++) if (lexed.tokens[k + r.tokenDelta]!.kind === 'str') s1++;
	// The previous results after the edit are moved in place, and the new ones take the place of those they replace
	// in the previous arrays (the previous scan is consumed).
	if (delta !== 0) {
		for (let k = c1; k < before.candidates.length; k++) moveCandidate(before.candidates[k]!, delta);
		for (let k = k1; k < before.constants.length; k++) {
			const c = before.constants[k]!;
			c.start += delta;
			c.end += delta;
		}
		for (let k = u1; k < before.unresolved.length; k++) before.unresolved[k]! += delta;
	}
	return {
		scan: {
			candidates: replaceRange(before.candidates, c0, c1, fresh.candidates),
			constants: replaceRange(before.constants, k0, k1, fresh.constants),
			strings: replaceRange(before.strings, s0, s1, fresh.strings),
			unresolved: replaceRange(before.unresolved, u0, u1, fresh.unresolved),
		},
		splice: { before: c0, fresh: fresh.candidates.length, from: c1, delta },
		strings: { before: s0, fresh: fresh.strings.length, start: from.i, oldEnd: oldTo, delta },
	};
}

/** Moves a candidate by `delta` in place. Its offset map is its string token's, which the lexer has moved already. */
function moveCandidate(c: Candidate, delta: number): void {
	c.start += delta;
	c.end += delta;
	// A concatenation whose right side the lexer kept only as a placeholder has no place (-1), as the placeholder.
	if (c.partial && c.partial.suffixStart >= 0) c.partial.suffixStart += delta;
	const call = c.call;
	if (!call) return;
	// Each by name, not a loop over a list of them: this runs for every candidate after the edit on every keystroke.
	moveSpan(call.port, delta);
	moveSpan(call.flags, delta);
	moveSpan(call.context, delta);
}

function moveSpan(a: { start: number; end: number } | undefined, delta: number): void {
	if (!a) return;
	a.start += delta;
	a.end += delta;
}

function isCallee(tokens: Token[], k: number): boolean {
	const before = tokens[k - 1];
	return !before || !NOT_A_CALL_BEFORE.has(before.text.toLowerCase());
}

/** `\fsockopen` is the global function; `Foo\fsockopen` is not. Names are case-insensitive in PHP. */
function bareName(text: string): string {
	const name = text.startsWith('\\') ? text.slice(1) : text;
	return name.includes('\\') ? name : name.startsWith('STREAM_') ? name : name.toLowerCase();
}

interface Arg {
	tokens: Token[];
	/** Holds a nested call, array or closure: not a plain literal. */
	complex: boolean;
}

/** Puts named arguments (PHP 8) in their positions. */
function byName(frame: Frame): (Arg | undefined)[] {
	const params = PARAMS[frame.fn]!;
	const out: (Arg | undefined)[] = [];
	frame.args.forEach((tokens, pos) => {
		const complex = frame.nested[pos] === true;
		if (tokens.length >= 2 && tokens[0]!.kind === 'ident' && isPunct(tokens[1], ':')) {
			const at = params.indexOf(tokens[0]!.text);
			if (at >= 0) out[at] = { tokens: tokens.slice(2), complex };
		} else out[pos] = { tokens, complex };
	});
	return out;
}

function callCandidate(fn: SocketFunction, args: (Arg | undefined)[], consumed: Set<Token>): Candidate | undefined {
	const target = args[0];
	if (!target?.tokens.length || target.complex || target.tokens[0]!.kind !== 'str') return undefined;
	const c = strCandidate(target.tokens, 0, 'call');
	if (!c) return undefined;
	consumed.add(target.tokens[0]!);
	const call: CallContext = { fn };
	const port = args[1];
	if ((fn === 'fsockopen' || fn === 'pfsockopen') && port?.tokens.length)
		call.port = port.complex ? unknownArg(port.tokens) : intArg(port.tokens);
	const flags = args[3];
	if (fn === 'stream_socket_server' && flags?.tokens.length)
		call.flags = flags.complex ? unknownArg(flags.tokens) : constantsArg(flags.tokens);
	const context = args[fn === 'stream_socket_client' ? 5 : fn === 'stream_socket_server' ? 4 : -1];
	if (context && !context.complex && context.tokens.length === 1 && context.tokens[0]!.kind === 'var') {
		const v = context.tokens[0]!;
		call.context = { var: v.text, start: v.start, end: v.end };
	}
	c.call = call;
	return c;
}

function unknownArg(arg: Token[]): ArgValue & { known: boolean } {
	return { start: arg[0]!.start, end: arg[arg.length - 1]!.end, known: false };
}

/** A string token, or a concatenation starting with one: `'tls://' . $host . ':587'` keeps prefix and suffix. */
function strCandidate(tokens: Token[], k: number, origin: 'call' | 'literal'): Candidate | undefined {
	const t = tokens[k]!;
	const c: Candidate = t.map
		? { value: t.text, start: t.map[0]!, end: t.map[t.text.length]!, map: t.map, origin }
		: { value: t.text, start: t.base!, end: t.base! + t.text.length, origin };
	if (t.suffix) c.partial = { suffix: t.suffix.text, suffixStart: t.suffix.start };
	let j = k + 1;
	while (isPunct(tokens[j], '.') && tokens[j + 1] && tokens[j + 1]!.kind !== 'punct') {
		const next = tokens[j + 1]!;
		c.partial =
			next.kind === 'str'
				? { suffix: next.suffix?.text ?? next.text, suffixStart: next.suffix?.start ?? next.map?.[0] ?? next.base! }
				: { suffix: '', suffixStart: next.end };
		j += 2;
	}
	if (origin === 'call' && j < tokens.length) return undefined;
	return c;
}

function intArg(arg: Token[]): ArgValue & { known: boolean } {
	const start = arg[0]!.start;
	const end = arg[arg.length - 1]!.end;
	const negative = arg.length === 2 && isPunct(arg[0], '-');
	const lit = negative ? arg[1]! : arg.length === 1 ? arg[0]! : undefined;
	let int: number | undefined;
	if (lit?.kind === 'num') int = phpInt(lit.text);
	else if (lit?.kind === 'str' && !lit.suffix && /^[ \t\n\r\v\f]*[+-]?\d+(\.\d*)?[ \t\n\r\v\f]*$/.test(lit.text))
		int = Math.trunc(Number(lit.text));
	if (int === undefined) return { start, end, known: false };
	return { start, end, known: true, int: negative ? -int : int };
}

function phpInt(text: string): number | undefined {
	const t = text.replace(/_/g, '');
	if (/^0[xX]/.test(t)) return parseInt(t.slice(2), 16);
	if (/^0[bB]/.test(t)) return parseInt(t.slice(2), 2);
	if (/^0[oO]/.test(t)) return parseInt(t.slice(2), 8);
	if (/^0[0-7]+$/.test(t)) return parseInt(t, 8);
	if (/^\d+$/.test(t)) return Number(t);
	const f = Number(t);
	return Number.isFinite(f) ? Math.trunc(f) : undefined;
}

function constantsArg(arg: Token[]): ArgValue & { known: boolean } {
	const start = arg[0]!.start;
	const end = arg[arg.length - 1]!.end;
	const names: string[] = [];
	for (let i = 0; i < arg.length; i++) {
		const t = arg[i]!;
		if (i % 2 === 0 ? t.kind !== 'ident' : !isPunct(t, '|')) return { start, end, known: false };
		if (i % 2 === 0) names.push(bareName(t.text));
	}
	return { start, end, known: true, constants: names };
}
