//! Reads mail and Redis client configurations from PHP code: PHPMailer property assignments, Swift_SmtpTransport
//! constructors and setters, config arrays (Laravel's config/mail.php and config/database.php, Predis parameters,
//! SwiftmailerBundle's `loadFromExtension('swiftmailer', [...])`), phpredis connect() calls, DSN strings, and the
//! frameworks' settings groups (frameworks.ts: array entries, `$config['key'] = …`, class properties, define()s).
//! One pass over the full token stream; every look-ahead is bounded.
import { lineBefore } from '../lines';
import { firstAt } from '../sorted';
import { replaceRange } from '../arrays';
import { isPunct, lexPhp, type Token } from '../scan/php-lexer';
import { mentions, wholeText, type Since } from '../text';
import type { ScanResult, TextSource } from '../types';
import type { ValueAnalysis } from '../values/resolve';
import { basename, callArgs, literalAt, MAX_LOOK, offsetIn, readWith, type Literal, type ReadValue } from './literal';
import { moveConfig, type ClientConfig, type SslOptions } from './model';
import { laravelMail, predisArray } from './laravel';
import { phpmailer, type MailerGroup } from './phpmailer';
import { CONNECTION_SCHEME_PATTERN, urlString } from './urls';
import { swift, type SwiftCall } from './swift';
import { redisConnect } from './redis';
import { esmtpTransport } from './symfony';
import { frameworkConfigs, type SettingsGroup } from './frameworks';
import { bundleMailer } from './swiftmailer-bundle';

/**
 * Library configurations need the full token stream, which costs a token per name and operator: only read it when
 * the text names a library, a config key or a stream context. Connection strings come from the transport
 * scanner's string literals instead, so a file full of `tcp://…:6379` literals is not lexed twice.
 */
export const CLIENT_PREFILTER =
	/SMTPSecure|->Port\b|PHPMailer|Swift_SmtpTransport|EsmtpTransport|stream_context_|['"](?:scheme|encryption|ssl|redis|transport|driver)['"]\s*=>|redis(?:->|\?->)p?connect\s*\(|smtp_(?:crypto|port|host|server)|mail_smtp(?:secure|port)|SMTP(?:Crypto|Port)|imap_host|default_host|WPMS_SMTP_PORT|WP_REDIS_(?:HOST|SCHEME|CLUSTER)\b|\bSmtpTransport\b|['"]Smtp['"]|['"]swiftmailer['"]|Predis\\Client\s*\(/i;

const URL_STRING = new RegExp(`^(?:${CONNECTION_SCHEME_PATTERN})://`, 'i');
const KEY_BEFORE = /(?:(['"])([A-Za-z0-9_.-]+)\1\s*=>|\$([A-Za-z0-9_]+)\s*=)\s*$/;

/**
 * A frame's entries and parent keys until it has some: shared, never written (a file of a million `[` holds a
 * million frames; a Map and an array each made the garbage collector's work grow faster than the file).
 */
const NO_ENTRIES = new Map<string, Literal | 'other'>();
const NO_KEYS: readonly string[] = [];

/** An array literal being read: its `'key' => value` entries at depth 1. */
interface ArrayFrame {
	close: string;
	/** The key this array is the value of, if any. */
	key?: string;
	parentKeys: readonly string[];
	entries: Map<string, Literal | 'other'>;
	start: number;
	/** Token index of the opening bracket. */
	open: number;
}

/** What the client pass finds in PHP: library configurations, literal ssl context options, function starts. */
export interface PhpClientScan {
	configs: ClientConfig[];
	ssl: SslOptions[];
	/** Offsets of the `function` / `fn` keywords, ascending: a scope is the number of them before an offset. */
	functionStarts: number[];
}

/** The scope (function body) an offset is in, as an index into `functionStarts`. */
export function scopeOf(functionStarts: number[], offset: number): number {
	return firstAt(functionStarts.length, (k) => functionStarts[k]! >= offset);
}

/**
 * Whether the text names a library: a full search, or, when the previous version did not and only one span changed,
 * a search of that span with room for the longest trigger on each side (a keystroke in a 10 MB file stays cheap).
 */
export function namesLibrary(src: string | TextSource, reuse?: ClientCarry): boolean {
	const found = mentions(src, CLIENT_PREFILTER, 64, reuse, reuse?.prevNamesLibrary);
	if (reuse) reuse.namesLibrary = found;
	return found;
}

/** What the client pass carries from one version of a document to the next (a part of the scan's Reuse). */
export interface ClientCarry extends Since {
	/** Whether the previous version named a mail/Redis library or a stream context (the pass's prefilter). */
	prevNamesLibrary?: boolean;
	/** Set by the pass, for the next version. */
	namesLibrary?: boolean;
	/**
	 * The previous version's connection strings, in order (consumed: those after the edit are moved in place), and this
	 * version's, set by the pass for the next one.
	 */
	prevStringConfigs?: ClientConfig[];
	stringConfigs?: ClientConfig[];
	/** Set by the scan when it carried the previous version's string literals (see StringCarry). */
	stringCarry?: StringCarry;
}

/**
 * How a carried scan made this version's string literals of the previous version's: those before `start` are the
 * same, the `fresh` ones from index `before` on are new (the region the scan read anew, which ended at `oldEnd` in
 * the previous version), and those after it are the previous ones moved by `delta`. The lexer carries no token
 * within 400 characters after an edit (MARGIN), so no carried string's key (LOOK_BACK before it) was edited.
 */
export interface StringCarry {
	before: number;
	fresh: number;
	start: number;
	oldEnd: number;
	delta: number;
}

/** How far before a URL string its key (`'url' =>`, `$url =`) is looked for. */
const LOOK_BACK = 100;

export type { Literal };

/**
 * The client pass: connection strings among the transport scanner's string literals (`strings`), then, when the text
 * names a library or a stream context, one walk over the full token stream read by construct (see ClientWalk).
 */
export function scanPhpClients(
	src: string | TextSource,
	strings: ScanResult['strings'] = [],
	reuse?: ClientCarry,
	full?: () => Token[],
	values?: () => ValueAnalysis | undefined,
): PhpClientScan {
	const configs = connectionStrings(src, strings, reuse);
	if (!namesLibrary(src, reuse)) return { configs, ssl: [], functionStarts: [] };
	const text = wholeText(src);
	// The walk adds its own configurations: to a copy (the connection strings' list is the next version's).
	const walk = new ClientWalk(text, full ? full() : lexPhp(text, true), readWith(values), configs.slice());
	return walk.run();
}

/**
 * Connection strings (`'url' => 'rediss://…'`, `$dsn = 'smtp://…'`). With the previous version's and how the scan
 * carried its strings (`reuse.stringCarry`), only the strings the scan read anew are read: the configurations of the
 * others are the previous version's, those after the edit moved in place (a keystroke in a file with a URL on every
 * line looked up 13,500 strings).
 */
function connectionStrings(
	src: string | TextSource,
	strings: NonNullable<ScanResult['strings']>,
	reuse: ClientCarry | undefined,
): ClientConfig[] {
	const carry = reuse?.prev && reuse.edit ? reuse.stringCarry : undefined;
	const prev = carry ? reuse!.prevStringConfigs : undefined;
	let configs: ClientConfig[];
	if (carry && prev) {
		const b = firstAt(prev.length, (k) => prev[k]!.start >= carry.start);
		const a = firstAt(prev.length, (k) => prev[k]!.start >= carry.oldEnd);
		if (carry.delta !== 0) for (let k = a; k < prev.length; k++) moveConfig(prev[k]!, carry.delta);
		configs = replaceRange(prev, b, a, readStrings(src, strings, carry.before, carry.before + carry.fresh));
	} else configs = readStrings(src, strings, 0, strings.length);
	if (reuse) reuse.stringConfigs = configs;
	return configs;
}

/** The connection strings among strings [from, to). */
function readStrings(
	src: string | TextSource,
	strings: NonNullable<ScanResult['strings']>,
	from: number,
	to: number,
): ClientConfig[] {
	const configs: ClientConfig[] = [];
	for (let k = from; k < to; k++) {
		const t = strings[k]!;
		if (t.suffix || !URL_STRING.test(t.text)) continue;
		// A key (`'url' =>`, `$url =`) ends in "=" or ">" right before the string (after blanks): look for it only then.
		// The last few characters usually tell (a string after "(" or ","): `src` may be a buffer that makes a new
		// string for each slice.
		const wide = () => src.slice(Math.max(0, t.start - LOOK_BACK), t.start);
		const c =
			lastNonBlank(src.slice(Math.max(0, t.start - 16), t.start)) ?? (t.start > 16 ? lastNonBlank(wide()) : undefined);
		const key = c === '=' || c === '>' ? KEY_BEFORE.exec(wide()) : null;
		const url = urlString(t.text, (i) => offsetIn(t, i), key?.[2] ?? key?.[3] ?? '');
		if (url) configs.push(url);
	}
	return configs;
}

/**
 * One walk over a PHP file's tokens, one reader per construct: function starts (scopes), stream contexts, `new`
 * (PHPMailer, Swift_SmtpTransport, EsmtpTransport), `Swift_SmtpTransport::newInstance`, array literals (config
 * arrays, ssl options), and `->` (PHPMailer properties and isSMTP, Swift setters, phpredis connect). Each reader
 * returns the index of the last token it consumed.
 */
class ClientWalk {
	readonly ssl: SslOptions[] = [];
	readonly functionStarts: number[] = [];
	/** `$ctx = stream_context_create(` being read: the variable and the token index where the call ends. */
	private pendingContext: { var: string; until: number } | undefined;
	private readonly mailers = new Map<string, MailerGroup>();
	private readonly swifts = new Map<string, SwiftCall>();
	private readonly frames: ArrayFrame[] = [];
	/** `$config['key'] = …;` statements, by variable, in the function being read. */
	private readonly assigns = new Map<string, Group>();
	/** The file's `define('NAME', …)` calls. */
	private defines: Group | undefined;
	/** The properties of the class being read. */
	private klass: Group | undefined;
	/** `loadFromExtension('swiftmailer', [`: the token index of that array's opening bracket. */
	private swiftmailerArray = -1;

	constructor(
		private readonly text: string,
		private readonly tokens: Token[],
		/** A setting written as a variable reads as the literal the value layer says it holds. */
		private readonly read: ReadValue,
		private readonly configs: ClientConfig[],
	) {}

	run(): PhpClientScan {
		const tokens = this.tokens;
		for (let k = 0; k < tokens.length; k++) {
			const t = tokens[k]!;
			if (t.kind === 'ident') k = this.ident(t, k);
			else if (t.kind === 'str') k = this.arrayKey(t, k);
			else if (t.kind === 'punct') k = t.text === '->' ? this.arrow(t, k) : this.bracket(t, k);
			else if (t.kind === 'var' && isPunct(tokens[k + 1], '[')) k = this.indexAssign(t, k);
		}
		this.flush();
		this.judge(this.klass);
		this.judge(this.defines);
		return { configs: this.configs, ssl: this.ssl, functionStarts: this.functionStarts };
	}

	/** Mailers are read per function: what one function set up is judged when the next begins. */
	private flush(): void {
		for (const g of this.mailers.values()) this.configs.push(...phpmailer(g));
		for (const s of this.swifts.values()) this.configs.push(...swift(s));
		this.mailers.clear();
		this.swifts.clear();
		for (const g of this.assigns.values()) this.judge(g);
		this.assigns.clear();
	}

	private judge(g: Group | undefined): void {
		if (g) this.configs.push(...frameworkConfigs(g));
	}

	/** `$config['key'] = value;` at token k (the variable): one more setting of the variable's group. */
	private indexAssign(t: Token, k: number): number {
		const tokens = this.tokens;
		const key = tokens[k + 2];
		if (key?.kind !== 'str' || !isPunct(tokens[k + 3], ']') || !isPunct(tokens[k + 4], '=')) return k;
		if (isPunct(tokens[k + 5], '=') || isPunct(tokens[k + 5], '>')) return k;
		let g = this.assigns.get(t.text);
		if (!g) this.assigns.set(t.text, (g = newGroup('assign', t.start, t.text)));
		setIn(g, key.text, this.read(tokens, k + 5, key.text), tokens[k + 5]?.end ?? t.end);
		return k + 4;
	}

	/** `define('NAME', value)` at token k. */
	private define(k: number): void {
		const tokens = this.tokens;
		const name = tokens[k + 2];
		if (name?.kind !== 'str' || !isPunct(tokens[k + 3], ',')) return;
		this.defines ??= newGroup('define', tokens[k]!.start);
		setIn(this.defines, name.text, this.read(tokens, k + 4, name.text), tokens[k + 4]?.end ?? name.end);
		// Redis Object Cache's cluster: a list of node URLs, each an entry of its own (`WP_REDIS_CLUSTER[0]`…).
		if (name.text === 'WP_REDIS_CLUSTER') listItems(tokens, k + 4, this.read, name.text, this.defines);
	}

	/** A property declaration at token k (a modifier): `public string $SMTPCrypto = 'tls';`. */
	private property(k: number): void {
		const tokens = this.tokens;
		let j = k + 1;
		while (j < k + 6 && (tokens[j]?.kind === 'ident' || isPunct(tokens[j], '?') || isPunct(tokens[j], '|'))) j++;
		const v = tokens[j];
		if (v?.kind !== 'var' || !isPunct(tokens[j + 1], '=') || isPunct(tokens[j + 2], '=')) return;
		const name = v.text.slice(1);
		setIn(this.klass!, name, this.read(tokens, j + 2, name), tokens[j + 2]?.end ?? v.end);
	}

	private ident(t: Token, k: number): number {
		const tokens = this.tokens;
		const lower = t.text.toLowerCase();
		if (lower === 'function' || lower === 'fn') {
			this.functionStarts.push(t.start);
			this.flush();
		} else if (lower === 'stream_context_create' && isPunct(tokens[k + 1], '(')) {
			const v = assignedVar(tokens, k);
			if (v) this.pendingContext = { var: v, until: callArgs(tokens, k + 1).end };
		} else if (lower === 'stream_context_set_option' && isPunct(tokens[k + 1], '(')) {
			const o = setOption(tokens, k + 1, this.functionStarts.length);
			if (o) this.ssl.push(o);
		} else if (lower === 'new' && tokens[k + 1]?.kind === 'ident') this.newObject(t, k);
		else if (lower === 'class' && tokens[k + 1]?.kind === 'ident' && !isPunct(tokens[k - 1], '::')) {
			this.judge(this.klass);
			this.klass = newGroup('class', t.start, tokens[k + 1]!.text);
		} else if (this.klass && PROPERTY_MODIFIERS.has(lower)) this.property(k);
		else if (lower === 'define' && isPunct(tokens[k + 1], '(')) this.define(k);
		else if (
			(lower === 'loadfromextension' || lower === 'extension' || lower === 'prependextensionconfig') &&
			isPunct(tokens[k + 1], '(') &&
			tokens[k + 2]?.kind === 'str' &&
			tokens[k + 2]!.text === 'swiftmailer' &&
			isPunct(tokens[k + 3], ',')
		)
			this.swiftmailerArray = isPunct(tokens[k + 4], '[') ? k + 4 : k + 5;
		else if (basename(t.text) === 'Swift_SmtpTransport' && isPunct(tokens[k + 1], '::')) this.swiftNewInstance(t, k);
		else if (lower === 'array' && isPunct(tokens[k + 1], '(')) {
			openFrame(this.frames, tokens, k + 1, ')', k + 1 === this.swiftmailerArray ? 'swiftmailer' : undefined);
			return k + 1;
		}
		return k;
	}

	/** `new PHPMailer`, `new Swift_SmtpTransport(…)`, `new EsmtpTransport(…)`, at token k (`new`). */
	private newObject(t: Token, k: number): void {
		const tokens = this.tokens;
		const cls = basename(tokens[k + 1]!.text);
		const v = assignedVar(tokens, k);
		if (cls === 'PHPMailer' && v) {
			const old = this.mailers.get(v);
			if (old) this.configs.push(...phpmailer(old));
			this.mailers.set(v, { receiver: v, created: true, props: new Map(), smtp: false });
		}
		if (cls === 'Swift_SmtpTransport' && isPunct(tokens[k + 2], '('))
			this.swiftMade(swiftFrom(tokens, k + 2, t.start, this.read), v);
		if (cls === 'EsmtpTransport' && isPunct(tokens[k + 2], '(')) {
			const c = esmtpTransport(tokens, k + 2, t.start, this.read);
			if (c) this.configs.push(c);
		}
	}

	/**
	 * A Swift transport made: kept under its variable for the setters that follow, else judged now. A variable given
	 * a new transport has the old one judged as it was set up.
	 */
	private swiftMade(call: SwiftCall, v: string | undefined): void {
		const old = v === undefined ? undefined : this.swifts.get(v);
		if (old) this.configs.push(...swift(old));
		if (v) this.swifts.set(v, call);
		else this.configs.push(...swift(call));
	}

	/** `Swift_SmtpTransport::newInstance(…)`, at token k (the class name). */
	private swiftNewInstance(t: Token, k: number): void {
		const tokens = this.tokens;
		const m = tokens[k + 2];
		if (m?.kind === 'ident' && m.text === 'newInstance' && isPunct(tokens[k + 3], '(')) {
			this.swiftMade(swiftFrom(tokens, k + 3, t.start, this.read), assignedVar(tokens, k - 1));
		}
	}

	/** A string: the key of an entry of the array being read (`'key' => value`), whose value may be an array. */
	private arrayKey(t: Token, k: number): number {
		const tokens = this.tokens;
		const top = this.frames[this.frames.length - 1];
		if (!top || !isPunct(tokens[k + 1], '=>')) return k;
		const lit = literalAt(tokens, k + 2, t.text);
		if (top.entries === NO_ENTRIES) top.entries = new Map();
		top.entries.set(t.text, lit ?? 'other');
		if (lit) return k;
		const square = isPunct(tokens[k + 2], '[');
		if (square || (tokens[k + 2]?.text.toLowerCase() === 'array' && isPunct(tokens[k + 3], '('))) {
			const open = square ? k + 2 : k + 3;
			openFrame(this.frames, tokens, open, square ? ']' : ')', t.text);
			return open;
		}
		return k;
	}

	/** Brackets: `[` opens an array, `(` a group that is not one, and their close judges the array read. */
	private bracket(t: Token, k: number): number {
		if (t.text === '[')
			openFrame(this.frames, this.tokens, k, ']', k === this.swiftmailerArray ? 'swiftmailer' : undefined);
		else if (t.text === '(')
			this.frames.push({ close: ')', parentKeys: NO_KEYS, entries: NO_ENTRIES, start: -1, open: k });
		else if (t.text === ']' || t.text === ')') {
			const top = this.frames.pop();
			if (top && top.start >= 0) {
				this.configs.push(
					...arrayConfigs(top, t.end, {
						predisCall: predisArgument(this.tokens, top.open),
						// Only CodeIgniter's settings are worth the look-ahead.
						alone: top.entries.has('smtp_port') && emailLibraryConfig(this.tokens, top.open, k),
					}),
				);
				if (top.key?.toLowerCase() === 'ssl') {
					const pending = this.pendingContext;
					const context = pending && top.open < pending.until ? pending.var : undefined;
					this.ssl.push(sslOptions(top.entries, top.start, t.end, this.functionStarts.length, context));
				}
			}
		}
		return k;
	}

	/** `$receiver->name`: PHPMailer's isSMTP() and properties, phpredis connect(), Swift setters. */
	private arrow(t: Token, k: number): number {
		const tokens = this.tokens;
		const prop = tokens[k + 1];
		if (prop?.kind !== 'ident') return k;
		const receiver = receiverBefore(tokens, k);
		if (!receiver) return k;
		const call = isPunct(tokens[k + 2], '(');
		if (prop.text === 'isSMTP' && call) group(this.mailers, receiver).smtp = true;
		else if ((prop.text === 'connect' || prop.text === 'pconnect') && call && /redis/i.test(receiver)) {
			const c = redisConnect(tokens, k + 2, receiver, this.read);
			if (c) this.configs.push(c);
		} else if (this.swifts.has(receiver) && /^set(Host|Port|Encryption)$/.test(prop.text) && call)
			readSetter(tokens, k + 1, this.swifts.get(receiver)!, this.read);
		else if (
			PHPMAILER_PROPS.has(prop.text) &&
			isPunct(tokens[k + 2], '=') &&
			!isPunct(tokens[k + 3], '=') &&
			!isPunct(tokens[k + 3], '>')
		) {
			const lit = this.read(tokens, k + 3, prop.text);
			const end = tokens[lit?.next ?? k + 3];
			group(this.mailers, receiver).props.set(prop.text, {
				lit,
				statementEnd: lit && isPunct(end, ';') ? end!.end : undefined,
				indent: indentBefore(this.text, t.start),
			});
		}
		return k;
	}
}

function sslOptions(
	entries: Map<string, Literal | 'other'>,
	start: number,
	end: number,
	scope: number,
	context: string | undefined,
): SslOptions {
	const out: SslOptions['entries'] = new Map();
	for (const [name, lit] of entries) {
		if (name.startsWith('\0')) continue;
		if (lit === 'other') {
			out.set(name, undefined);
			continue;
		}
		const { text, start: s, end: e } = lit.setting;
		const whole = lit.token ? { start: lit.token.start, end: lit.token.end } : { start: s, end: e };
		out.set(name, { text, kind: lit.kind, start: s, end: e, whole });
	}
	return { entries: out, start, end, scope, ...(context && { context }) };
}

/** `stream_context_set_option($ctx, 'ssl', 'verify_peer', false)`. */
function setOption(tokens: Token[], open: number, scope: number): SslOptions | undefined {
	const { args } = callArgs(tokens, open);
	if (args.length !== 4) return undefined;
	const ctx = tokens[args[0]!];
	const wrapper = tokens[args[1]!];
	const name = tokens[args[2]!];
	if (wrapper?.kind !== 'str' || wrapper.text !== 'ssl' || name?.kind !== 'str') return undefined;
	const valueToken = tokens[args[3]!];
	if (!valueToken) return undefined;
	const lit = literalAt(tokens, args[3]!, name.text);
	const entries = new Map<string, Literal | 'other'>([[name.text, lit ?? 'other']]);
	const context = ctx?.kind === 'var' && isPunct(tokens[args[0]! + 1], ',') ? ctx.text : undefined;
	return sslOptions(entries, tokens[open]!.start, valueToken.end, scope, context);
}

const PHPMAILER_PROPS = new Set(['Host', 'Port', 'SMTPSecure', 'SMTPAutoTLS']);
const MAX_CHAIN = 16;

/** The last character of `s` that is not a blank (space, tab, line break), if any. */
function lastNonBlank(s: string): string | undefined {
	let k = s.length - 1;
	while (k >= 0 && (s[k] === ' ' || s[k] === '\t' || s[k] === '\n' || s[k] === '\r')) k--;
	return s[k];
}

/** The indentation of the line holding `at`, when the line starts within reach. */
function indentBefore(src: string, at: number): string {
	return /^[ \t]*/.exec(lineBefore(src, at, 200))![0];
}

function group(mailers: Map<string, MailerGroup>, receiver: string): MailerGroup {
	let g = mailers.get(receiver);
	if (!g) mailers.set(receiver, (g = { receiver, created: false, props: new Map(), smtp: false }));
	return g;
}

/** `$a->b->c` ending just before tokens[k] (an "->"), or undefined. */
function receiverBefore(tokens: Token[], k: number): string | undefined {
	const parts: string[] = [];
	let j = k - 1;
	while (tokens[j]?.kind === 'ident' && isPunct(tokens[j - 1], '->') && parts.length < MAX_CHAIN) {
		parts.unshift(tokens[j]!.text);
		j -= 2;
	}
	const v = tokens[j];
	if (v?.kind !== 'var') return undefined;
	return [v.text, ...parts].join('->');
}

/** `$x = new ...` / `$x = Class::...`: the variable assigned, when tokens[k] follows "=". */
function assignedVar(tokens: Token[], k: number): string | undefined {
	if (!isPunct(tokens[k - 1], '=')) return undefined;
	if (isPunct(tokens[k - 2], '=') || isPunct(tokens[k - 2], '!')) return undefined;
	return receiverBefore(tokens, k - 1) ?? (tokens[k - 2]?.kind === 'var' ? tokens[k - 2]!.text : undefined);
}

function openFrame(frames: ArrayFrame[], tokens: Token[], open: number, close: string, key?: string): void {
	const parent = frames[frames.length - 1];
	const parentKeys = !parent ? NO_KEYS : parent.key ? [...parent.parentKeys, parent.key] : parent.parentKeys;
	frames.push({ close, key, parentKeys, entries: NO_ENTRIES, start: tokens[open]!.start, open });
}

/** The index of the token before an array opened at tokens[open] (`[`, or `array` before its `(`). */
function beforeArray(tokens: Token[], open: number): number {
	const k = open - 1;
	return tokens[k]?.kind === 'ident' && tokens[k]!.text.toLowerCase() === 'array' ? k - 1 : k;
}

/** Whether the array opened at tokens[open] (`[` or array's `(`) is `new Predis\Client(...)`'s first argument. */
function predisArgument(tokens: Token[], open: number): boolean {
	const k = beforeArray(tokens, open);
	const name = tokens[k - 1];
	return (
		isPunct(tokens[k], '(') &&
		name?.kind === 'ident' &&
		/(^|\\)Predis\\Client$/i.test(name.text) &&
		tokens[k - 2]?.kind === 'ident' &&
		tokens[k - 2]!.text.toLowerCase() === 'new'
	);
}

/**
 * CodeIgniter 3's `$this->load->library('email', $config)` (or the array written there): the library is made from
 * these settings alone, as Loader::_ci_init_library() reads config/email.php only when no config is given
 * (`if ($config === NULL)`). `$config = [...]` is linked to a later call in the next tokens (bounded).
 */
function emailLibraryConfig(tokens: Token[], open: number, close: number): boolean {
	const k = beforeArray(tokens, open);
	const loadsEmail = (j: number) =>
		isPunct(tokens[j - 1], '->') &&
		tokens[j]?.kind === 'ident' &&
		tokens[j]!.text.toLowerCase() === 'library' &&
		isPunct(tokens[j + 1], '(') &&
		tokens[j + 2]?.kind === 'str' &&
		tokens[j + 2]!.text.toLowerCase() === 'email' &&
		isPunct(tokens[j + 3], ',');
	if (loadsEmail(k - 3)) return true;
	const v = tokens[k - 1];
	if (!isPunct(tokens[k], '=') || v?.kind !== 'var' || isPunct(tokens[k - 2], '->')) return false;
	for (let j = close + 1; j < tokens.length && j < close + MAX_LOOK; j++) {
		const t = tokens[j]!;
		if (t.kind === 'var' && t.text === v.text && isPunct(tokens[j + 1], '=')) return false;
		if (loadsEmail(j) && tokens[j + 4]?.kind === 'var' && tokens[j + 4]!.text === v.text && isPunct(tokens[j + 5], ')'))
			return true;
	}
	return false;
}

function arrayConfigs(frame: ArrayFrame, end: number, how: { predisCall: boolean; alone: boolean }): ClientConfig[] {
	const entries = frame.entries;
	const keys = [...(frame.key ? [frame.key] : []), ...frame.parentKeys].map((s) => s.toLowerCase());
	// SwiftmailerBundle's configuration (and its `mailers`): 'transport' => 'smtp' here is the bundle's, not Laravel's.
	if (keys.includes('swiftmailer')) {
		if (entries.has('url')) return [];
		const e = (k: string) => entries.get(k);
		return bundleMailer(
			e('transport'),
			e('host'),
			e('port'),
			e('encryption'),
			{ start: frame.start, end },
			'swiftmailer',
		);
	}
	const mail = laravelMail(entries, frame.start, end);
	if (mail) return [mail];
	const redis = predisArray(entries, frame.start, end, keys.includes('redis'), how.predisCall);
	if (redis) return [redis];
	if (entries === NO_ENTRIES) return [];
	return frameworkConfigs({
		from: 'array',
		...(frame.key && { name: frame.key }),
		keys: frame.parentKeys,
		entries,
		...(how.alone && { alone: true }),
		start: frame.start,
		end,
	});
}

/** Settings being gathered (a SettingsGroup still growing). */
type Group = SettingsGroup & { entries: Map<string, Literal | 'other'> };

const PROPERTY_MODIFIERS = new Set(['public', 'protected', 'private', 'var']);

function newGroup(from: Group['from'], start: number, name?: string): Group {
	return { from, ...(name !== undefined && { name }), keys: NO_KEYS, entries: new Map(), start, end: start };
}

/**
 * The literal items of a list (`[a, b]` or `array(a, b)`) at token k, set in `g` as `name[0]`, `name[1]`…; an item that
 * is not a literal is 'other'. Nothing when the value is not a list.
 */
function listItems(tokens: Token[], k: number, read: ReadValue, name: string, g: Group): void {
	const open = isPunct(tokens[k], '[')
		? k
		: tokens[k]?.text.toLowerCase() === 'array' && isPunct(tokens[k + 1], '(')
			? k + 1
			: -1;
	if (open < 0) return;
	const close = isPunct(tokens[open], '[') ? ']' : ')';
	let depth = 0;
	let item = 0;
	let start = open + 1;
	for (let j = open + 1; j < tokens.length; j++) {
		const t = tokens[j]!;
		const ends = depth === 0 && (isPunct(t, ',') || isPunct(t, close));
		if (ends) {
			if (j > start) {
				const lit = read(tokens, start, `${name}[${item}]`);
				setIn(g, `${name}[${item}]`, lit && lit.next === j ? lit : undefined, t.end);
				item++;
			}
			if (isPunct(t, close)) return;
			start = j + 1;
		} else if (isPunct(t, '[') || isPunct(t, '(')) depth++;
		else if (isPunct(t, ']') || isPunct(t, ')')) depth--;
	}
}

function setIn(g: Group, key: string, lit: Literal | undefined, end: number): void {
	g.entries.set(key, lit ?? 'other');
	g.end = Math.max(g.end, end);
}

function swiftFrom(tokens: Token[], open: number, start: number, read: ReadValue): SwiftCall {
	const { args, end } = callArgs(tokens, open);
	const names = ['host', 'port', 'encryption'];
	const call: SwiftCall = { start, end: tokens[end - 1]?.end ?? start, values: {} };
	args.slice(0, 3).forEach((a, i) => {
		const lit = read(tokens, a, names[i]!);
		call.values[(['host', 'port', 'security'] as const)[i]!] = lit ?? 'other';
	});
	const port = call.values.port;
	if (args.length === 2 && port && port !== 'other')
		call.addEncryption = { after: port, text: { implicit: ", 'ssl'", starttls: ", 'tls'" } };
	// (new Swift_SmtpTransport(...))->setPort(...)->setEncryption(...)
	let j = end;
	if (isPunct(tokens[j], ')')) j++;
	while (isPunct(tokens[j], '->') && tokens[j + 1]?.kind === 'ident' && isPunct(tokens[j + 2], '(')) {
		j = readSetter(tokens, j + 1, call, read);
	}
	return call;
}

/** Reads `setHost(x)`, `setPort(x)`, `setEncryption(x)` at tokens[k] into the call; returns the index after it. */
function readSetter(tokens: Token[], k: number, call: SwiftCall, read: ReadValue): number {
	const name = tokens[k]!.text;
	const { args, end } = callArgs(tokens, k + 1);
	const setters: Record<string, keyof SwiftCall['values']> = {
		setHost: 'host',
		setPort: 'port',
		setEncryption: 'security',
	};
	const key = setters[name];
	if (key && args[0] !== undefined)
		call.values[key] = read(tokens, args[0], key === 'security' ? 'encryption' : key) ?? 'other';
	// A setter after the constructor: the constructor's arguments no longer decide alone.
	if (key === 'port' || key === 'security') delete call.addEncryption;
	return end;
}
