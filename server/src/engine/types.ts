//! Plain data shared by the engine, the language server, the CLI and the tests. Offsets are UTF-16 code units.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Edit {
	start: number;
	end: number;
	text: string;
	/** The span crosses literals written in different places (a followed value): no edit can make it. */
	across?: boolean;
}

export interface Fix {
	title: string;
	edits: Edit[];
	preferred?: boolean;
}

export interface Related {
	start: number;
	end: number;
	message: string;
}

export interface Finding {
	ruleId: string;
	severity: Severity;
	start: number;
	end: number;
	message: string;
	/** Which of its rule's messages this is (`RuleMeta.messages`), for tests and tools that match findings. */
	messageId: string;
	fixes: Fix[];
	related?: Related[];
	/** The long story for the hover and the JSON output: PHP's (or the library's) exact error, and why. */
	detail?: string;
}

export type FileKind = 'php' | 'env' | 'ini' | 'yaml' | 'json' | 'xml' | 'neon' | 'toml' | 'conf';

/** The PHP function a target is passed to, when it is passed to one. */
export type SocketFunction = 'fsockopen' | 'pfsockopen' | 'stream_socket_client' | 'stream_socket_server';

/** A literal argument value: what the scanner could read of it. */
export interface ArgValue {
	start: number;
	end: number;
	/** The integer PHP passes, when the argument is an integer literal or a numeric string. */
	int?: number;
	/** Constant names joined with `|`, when the argument is only constants. */
	constants?: string[];
}

/** Where a candidate string came from and what surrounds it. */
export interface CallContext {
	fn: SocketFunction;
	/** fsockopen's port argument; undefined when absent. `known: false` means present but not a literal. */
	port?: ArgValue & { known: boolean };
	/** stream_socket_server's flags argument. */
	flags?: ArgValue & { known: boolean };
	/** The context argument, when it is a variable (`$ctx`): linked to its stream_context_create() in the function. */
	context?: { var: string; start: number; end: number };
}

export type Origin = 'call' | 'literal' | 'config';

/**
 * A string that may be a transport URL. `value` is what PHP (or the config reader) sees after unescaping;
 * `map`, when present, gives the document offset of each value index (length value.length + 1).
 */
export interface Candidate {
	value: string;
	start: number;
	end: number;
	map?: number[];
	origin: Origin;
	call?: CallContext;
	/** Interpolated or concatenated: only `value` (the prefix) and `suffix` are known. */
	partial?: { suffix: string; suffixStart: number; suffixMap?: number[] };
	/** Made by the value layer: a value that reaches the call through variables, constants, properties or calls. */
	flow?: Flow;
}

/** How a value made of literals written elsewhere reaches a socket function. */
export interface Flow {
	/** Where the socket function (or the library or function that passes it on) receives it. */
	at: { start: number; end: number };
	/** The literals the value is made of: a finding stays inside one, a fix edits inside one. */
	spans: { start: number; end: number }[];
	/** The value indexes of each literal's text in `value`, in order (a range is cut at the end of its literal). */
	pieces: { from: number; to: number }[];
	/** How many values the argument can take, when more than one. */
	of?: number;
	/** What receives it, for messages: `fsockopen()`, `Monolog SocketHandler`, `open_smtp()`. */
	receiver: string;
	/** The socket function that gets it in the end, when that is not the receiver: `fsockopen()`. */
	socket?: string;
	/** Some of the value is written in another file: that file. */
	from?: string;
	/** Received by a function that passes it on: the socket call inside that function. */
	inner?: { start: number; end: number; name: string };
}

/** A `STREAM_CRYPTO_METHOD_*` constant written in PHP code. */
export interface ConstantUse {
	name: string;
	start: number;
	end: number;
	/** The function whose argument list holds it, when it is directly in one. */
	fn?: string;
	/** Every constant it is OR-ed with, itself included (`$m = A | B; $m |= C`), when the value layer saw the set. */
	set?: string[];
}

export interface ScanResult {
	candidates: Candidate[];
	constants: ConstantUse[];
	/** PHP: every string literal the lexer read (for the client pass's connection strings). */
	strings?: { text: string; start: number; map?: number[]; base?: number; suffix?: unknown }[];
}

/**
 * A document's text that can be read in parts: the language server keeps open documents in buffers, and on a
 * keystroke the analysis of PHP reads only the text around the edit (and the whole string only when it must).
 */
export interface TextSource {
	/** Length in UTF-16 code units. */
	readonly length: number;
	/** Code units [start, end), clamped to the text, as String.prototype.slice with non-negative arguments. */
	slice(start: number, end: number): string;
	/** The whole text (made on demand, then kept until the next change). */
	text(): string;
}
