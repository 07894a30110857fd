//! Finds transport targets in PHP: the first argument of the socket functions (a target even without a scheme),
//! fsockopen's port and stream_socket_server's flags, STREAM_CRYPTO_METHOD_* constants, and other string
//! literals whose value is a transport URL.
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
import { isPunct, lexPhp, lexPhpIncremental, lexPhpWindow, type Lexed, type TextEdit, type Token } from './php-lexer';

/** Lexing state carried from one version of a document to the next (the language server's keystrokes). */
export interface Reuse {
	prev?: Lexed;
	/** The edit from `prev.src` to the text being analysed. */
	edit?: TextEdit;
	/** Set by the scan: this version's lexing, for the next one. */
	lexed?: Lexed;
	/** Whether the previous version named a mail/Redis library or a stream context (the client pass's prefilter). */
	prevNamesLibrary?: boolean;
	/** Set by the client pass, for the next version. */
	namesLibrary?: boolean;
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
}

/** What an analysis leaves for the next version's (the outputs of its Reuse; not the previous lexing it consumed). */
export type Carried = Pick<Reuse, 'lexed' | 'namesLibrary' | 'suppresses' | 'prefilterEnd' | 'targetFindings'>;

export function carried(done: Reuse): Carried {
	const { lexed, namesLibrary, suppresses, prefilterEnd, targetFindings } = done;
	return { lexed, namesLibrary, suppresses, prefilterEnd, targetFindings };
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
				prevSuppresses: last.suppresses,
				prevPrefilterEnd: last.prefilterEnd,
			}),
	};
}

/** Findings of targets, offsets relative to the target's start, keyed by the target's text and shape. */
export interface TargetFindings {
	/** The rule context they were computed in (settings, file kind, project facts). */
	context: string;
	byTarget: Map<string, Finding[]>;
}

/** All of a text: a TextSource makes it on demand (the language server's open documents). */
export function wholeText(text: string | TextSource): string {
	return typeof text === 'string' ? text : text.text();
}

/**
 * Whether `re` (a search for words shorter than `pad`) matches `src`: when the previous version had no match and one
 * span changed, only that span (with `pad` characters around it) is searched.
 */
export function mentions(
	src: string | TextSource,
	re: RegExp,
	pad: number,
	reuse: Reuse | undefined,
	before: boolean | undefined,
) {
	const e = reuse?.edit;
	return reuse?.prev && before === false && e
		? re.test(src.slice(Math.max(0, e.start - pad), e.newEnd + pad))
		: re.test(wholeText(src));
}
import { looksLikeTransportUrl } from './schemes';

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
	args: Token[][];
	nested: boolean[];
	depth: number;
}

/** Nothing here can produce a candidate or a constant: skip the lexer. */
const PREFILTER = /:\/\/|sockopen|stream_socket_|STREAM_CRYPTO_METHOD/i;

/**
 * `src` may be a TextSource (an open document): given the previous version's lexing and an edit after the
 * prefilter's first match, only the text around the edit is read; otherwise the whole text is.
 */
export function scanPhp(src: string | TextSource, reuse?: Reuse): ScanResult {
	let tokens: Token[] | undefined;
	if (reuse) {
		const { prev, edit, prevPrefilterEnd } = reuse;
		reuse.lexed = reuse.prefilterEnd = undefined;
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
	const candidates: Candidate[] = [];
	const constants: ConstantUse[] = [];
	const consumed = new Set<Token>();
	const stack: Frame[] = [];
	for (let k = 0; k < tokens.length; k++) {
		const t = tokens[k]!;
		const top = stack[stack.length - 1];
		if (t.kind === 'punct' && (t.text === '(' || t.text === '[' || t.text === '{')) {
			const prev = tokens[k - 1];
			const fn = t.text === '(' && prev?.kind === 'ident' && isCallee(tokens, k - 1) ? bareName(prev.text) : undefined;
			if (top) top.nested[top.nested.length - 1] = true;
			if (fn && PARAMS[fn]) stack.push({ fn, args: [[]], nested: [false], depth: 0 });
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
	for (let k = 0; k < tokens.length; k++) {
		const t = tokens[k]!;
		// A literal candidate's value is its first string's (known) text: test that before building the candidate.
		if (t.kind !== 'str' || !looksLikeTransportUrl(t.text) || consumed.has(t) || isPunct(tokens[k - 1], '.')) continue;
		const c = strCandidate(tokens, k, 'literal');
		if (c) candidates.push(c);
	}
	candidates.sort((a, b) => a.start - b.start);
	return { candidates, constants, strings: tokens.filter((t) => t.kind === 'str') };
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
