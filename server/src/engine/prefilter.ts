//! Whether a file can matter at all, decided before it is decoded or lexed: a file is analysed only if it holds
//! something a pass reads. The words are each pass's own gate (the scanner's socket words, the client pass's library
//! words, the sink table, the config variables' prefixes), composed here, not written again; and a `scheme://` counts
//! only when the scanners would read its scheme (a transport, a near-miss of one, or a connection string's). Two
//! thirds of real PHP projects' files hold no `://`, and most of the rest only `http(s)://` in docblocks.
//! test/realworld checks, on every file of the real-world corpus and of the bench's tree, that a file this skips
//! gives no finding.
import { variableWords } from './clients/config';
import { YAML_MAILER_WORDS } from './clients/yaml-mailers';
import { INI_MAIL_WORDS } from './clients/php-ini';
import { XML_MAILER_WORDS } from './clients/xml-mailers';
import { CLIENT_PREFILTER } from './clients/php';
import { isConnectionScheme } from './clients/urls';
import { SOCKET_WORDS } from './scan/php';
import { isTransportLike } from './scan/schemes';
import { escapeRegExp } from './text';
import type { FileKind } from './types';
import { SINK_WORDS } from './values/sinks';
import type { SymbolLookup } from './values/symbols';

/** What the PHP passes look for besides URLs: any one of them and the file is analysed. */
const PHP_WORDS = [SOCKET_WORDS, new RegExp(SINK_WORDS.map(escapeRegExp).join('|'), 'i'), CLIENT_PREFILTER];
/** `://`, and in JSON its escaped forms too (PHP's json_encode writes `:\/\/`). */
const SEPARATORS = ['://'];
const JSON_SEPARATORS = ['://', ':\\/\\/', ':\\//', ':/\\/'];

/** A file's bytes (Node's Buffer has all of this), where each ASCII character is the byte of its code. */
export interface Bytes {
	readonly length: number;
	readonly [index: number]: number;
	indexOf(value: string, byteOffset?: number): number;
	includes(value: string): boolean;
	toString(encoding: 'latin1', start?: number, end?: number): string;
}

/**
 * Whether analysing a file of this kind could give a finding, need a value of another file or offer one. `view` is
 * the file's text or its bytes: every word looked for is ASCII, so a UTF-8 file's bytes match where its text would
 * (a config file is searched as bytes; PHP's case-insensitive words, as the bytes read as Latin-1). `symbols`: the
 * workspace's functions that pass a value on to a sink, whose callers are analysed too.
 */
export function mayMatter(kind: FileKind, view: string | Bytes, symbols?: SymbolLookup): boolean {
	if (kind === 'php') {
		const text = typeof view === 'string' ? view : view.toString('latin1');
		if (PHP_WORDS.some((re) => re.test(text))) return true;
		// (A function name with non-ASCII letters is not found in a Latin-1 view of UTF-8 bytes: such a caller, rare in
		// PHP, is then skipped, a finding missed rather than guessed.)
		if (symbols?.sinkCalls()?.test(text)) return true;
		view = text;
	} else if (variableWords(kind).some((p) => view.includes(p))) return true;
	else if (kind === 'yaml' && YAML_MAILER_WORDS.some((w) => view.includes(w))) return true;
	else if (kind === 'ini' && INI_MAIL_WORDS.some((w) => view.includes(w))) return true;
	else if (kind === 'xml' && XML_MAILER_WORDS.some((w) => view.includes(w))) return true;
	return readsAnAddress(view, kind === 'json' ? JSON_SEPARATORS : SEPARATORS);
}

/** Some `scheme://` whose scheme a scanner reads: a transport or a near-miss of one, or a connection string's. */
function readsAnAddress(view: string | Bytes, separators: readonly string[]): boolean {
	for (const sep of separators)
		for (let at = view.indexOf(sep); at >= 0; at = view.indexOf(sep, at + sep.length))
			if (readScheme(view, at)) return true;
	return false;
}

/** Whether the scheme ending at `at` is read; the walk back stops at the first character a scheme cannot have. */
function readScheme(view: string | Bytes, at: number): boolean {
	const code = typeof view === 'string' ? (i: number) => view.charCodeAt(i) : (i: number) => view[i]!;
	let s = at;
	while (s > 0 && isSchemeChar(code(s - 1))) s--;
	if (s === at) return false;
	const scheme = typeof view === 'string' ? view.slice(s, at) : view.toString('latin1', s, at);
	return isConnectionScheme(scheme) || isTransportLike(scheme);
}

/** [A-Za-z0-9+.-] */
function isSchemeChar(c: number): boolean {
	const lower = c | 0x20;
	return (lower >= 0x61 && lower <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2e || c === 0x2d;
}
