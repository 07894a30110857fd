//! Finds transport URLs in config values (.env, .ini, YAML, JSON, XML, NEON, TOML, .conf): every `scheme://` whose
//! scheme is a transport or a near-miss of one. Ordinary URLs (http, redis, smtp, ...) never become candidates.
import type { Candidate, FileKind, ScanResult } from '../types';
import { lineBefore } from '../lines';
import { documentsShape, hasUserInfo, inSentence, isTransportLike } from './schemes';

const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
/** Where an unquoted value ends. */
const UNQUOTED_END = /[\s"'`<>,;]/;
/** A list of URLs in one quoted value: "tcp://a:1,tcp://b:2". */
const LIST_NEXT = /^\s*[A-Za-z0-9+.-]{2,}:\/\//;
/** Config-level substitutions (`${VAR}`, `%env(X)%`, `%param%`, `{{ x }}`): the value is only partly known. */
const PLACEHOLDER = /\$\{|\$[A-Za-z_]|%env\(|%[A-Za-z_.]+%|\{\{/;

export function scanConfig(src: string, kind: FileKind): ScanResult {
	const candidates: Candidate[] = [];
	let json: JsonStrings | undefined;
	const separator = kind === 'json' ? /:(?:\\?\/){2}/g : /:\/\//g;
	for (let m = separator.exec(src); m; m = separator.exec(src)) {
		const at = m.index;
		let s = at;
		while (s > 0 && SCHEME_CHAR.test(src[s - 1]!)) s--;
		const scheme = src.slice(s, at);
		if (!scheme || !isTransportLike(scheme)) continue;
		const c = kind === 'json' ? jsonValue((json ??= new JsonStrings(src)), src, s) : plainValue(src, s);
		// A documented shape (`tcp://host:port` in a description), a URL in a sentence, or a URL with user info is
		// not a socket address.
		const prose = c !== undefined && inSentence(lineBefore(src, s, 200));
		if (c && (prose || documentsShape(c.value) || hasUserInfo(c.value))) {
			separator.lastIndex = Math.max(separator.lastIndex, c.end);
			continue;
		}
		if (c) {
			candidates.push(c);
			separator.lastIndex = Math.max(separator.lastIndex, c.end);
		}
	}
	return { candidates, constants: [] };
}

function plainValue(src: string, s: number): Candidate {
	const quote = src[s - 1];
	const quoted = quote === '"' || quote === "'";
	let e = s;
	let brackets = 0;
	let braces = 0;
	for (; e < src.length && src[e] !== '\n' && src[e] !== '\r'; e++) {
		const ch = src[e]!;
		if (quoted ? ch === quote : UNQUOTED_END.test(ch)) break;
		if (quoted) {
			if ((ch === ',' || ch === ';') && LIST_NEXT.test(src.slice(e + 1, e + 40))) break;
			continue;
		}
		if (ch === '[') brackets++;
		else if (ch === ']' && brackets-- === 0) break;
		else if (ch === '{' && (src[e - 1] === '$' || src[e - 1] === '{')) braces++;
		else if (ch === '}' && braces-- === 0) break;
	}
	return withPlaceholders({ value: src.slice(s, e), start: s, end: e, origin: 'config' });
}

/** The JSON string around `s` (found by one forward pass per file), unescaped: PHP's json_encode writes "tcp:\/\/h". */
function jsonValue(strings: JsonStrings, src: string, s: number): Candidate | undefined {
	const str = strings.around(s);
	if (!str) return undefined;
	let value = '';
	const map: number[] = [];
	let i = str.start + 1;
	while (i < str.end) {
		map.push(i);
		if (src[i] === '\\') {
			const d = src[i + 1];
			if (d === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
				value += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
				i += 6;
				continue;
			}
			value += d !== undefined && JSON_ESCAPES[d] !== undefined ? JSON_ESCAPES[d] : (d ?? '');
			i += 2;
			continue;
		}
		value += src[i];
		i++;
	}
	map.push(i);
	const startIdx = map.indexOf(s);
	if (startIdx < 0) return undefined;
	return withPlaceholders({
		value: value.slice(startIdx),
		start: s,
		end: i,
		map: map.slice(startIdx),
		origin: 'config',
	});
}

const JSON_ESCAPES: Record<string, string> = {
	'"': '"',
	'\\': '\\',
	'/': '/',
	b: '\b',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t',
};

/** The extents of a JSON text's strings, found lazily in one forward pass (so lookups stay linear overall). */
class JsonStrings {
	private pos = 0;
	private nextOpen = -1;
	private current?: { start: number; end: number };

	constructor(private readonly src: string) {}

	/** The string containing offset `at`; offsets must be asked in increasing order. */
	around(at: number): { start: number; end: number } | undefined {
		while (this.current === undefined || this.current.end < at) {
			if (this.nextOpen < this.pos) this.nextOpen = this.src.indexOf('"', this.pos);
			const open = this.nextOpen;
			if (open < 0) this.nextOpen = this.pos = this.src.length;
			if (open < 0 || open > at) return undefined;
			let i = open + 1;
			while (i < this.src.length && this.src[i] !== '"' && this.src[i] !== '\n') i += this.src[i] === '\\' ? 2 : 1;
			this.current = { start: open, end: Math.min(i, this.src.length) };
			this.pos = i + 1;
		}
		return this.current.start < at ? this.current : undefined;
	}
}

function withPlaceholders(c: Candidate): Candidate {
	const m = PLACEHOLDER.exec(c.value);
	if (!m) return c;
	const cut = m.index;
	const at = (k: number): number => (c.map ? c.map[k]! : c.start + k);
	let last = c.value.length;
	const closers = [...c.value.matchAll(/[}%)]/g)].map((x) => x.index! + 1);
	const lastClose = closers.filter((x) => x > cut).pop();
	if (lastClose !== undefined) last = lastClose;
	const suffix = lastClose === undefined ? '' : c.value.slice(last);
	return {
		...c,
		value: c.value.slice(0, cut),
		end: at(cut),
		map: c.map ? c.map.slice(0, cut + 1) : undefined,
		partial: { suffix, suffixStart: at(last) },
	};
}
