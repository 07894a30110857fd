//! Finds transport URLs in config values (.env, .ini, YAML, JSON, XML, NEON, TOML, .conf): every `scheme://` whose
//! scheme is a transport or a near-miss of one. Ordinary URLs (http, redis, smtp, ...) never become candidates.
import type { Candidate, FileKind, ScanResult } from '../types';
import { isTransportLike } from './schemes';

const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
/** Where an unquoted value ends. */
const UNQUOTED_END = /[\s"'`<>,;]/;
/** A list of URLs in one quoted value: "tcp://a:1,tcp://b:2". */
const LIST_NEXT = /^\s*[A-Za-z0-9+.-]{2,}:\/\//;
/** Config-level substitutions (`${VAR}`, `%env(X)%`, `%param%`, `{{ x }}`): the value is only partly known. */
const PLACEHOLDER = /\$\{|\$[A-Za-z_]|%env\(|%[A-Za-z_.]+%|\{\{/;

export function scanConfig(src: string, kind: FileKind): ScanResult {
	const candidates: Candidate[] = [];
	const separator = kind === 'json' ? /:(?:\\?\/){2}/g : /:\/\//g;
	for (let m = separator.exec(src); m; m = separator.exec(src)) {
		const at = m.index;
		let s = at;
		while (s > 0 && SCHEME_CHAR.test(src[s - 1]!)) s--;
		const scheme = src.slice(s, at);
		if (!scheme || !isTransportLike(scheme)) continue;
		const c = kind === 'json' ? jsonValue(src, s) : plainValue(src, s);
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

/** A JSON string value, unescaped (PHP's json_encode writes "tcp:\/\/host" by default). */
function jsonValue(src: string, s: number): Candidate | undefined {
	let open = s - 1;
	while (open >= 0 && src[open] !== '"' && src[open] !== '\n') open--;
	if (open < 0 || src[open] !== '"') return undefined;
	let value = '';
	const map: number[] = [];
	let i = open + 1;
	while (i < src.length && src[i] !== '"' && src[i] !== '\n') {
		if (src[i] === '\\') {
			const d = src[i + 1];
			const simple: Record<string, string> = {
				'"': '"',
				'\\': '\\',
				'/': '/',
				b: '\b',
				f: '\f',
				n: '\n',
				r: '\r',
				t: '\t',
			};
			if (d === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
				map.push(i);
				value += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
				i += 6;
				continue;
			}
			map.push(i);
			value += d !== undefined && simple[d] !== undefined ? simple[d] : (d ?? '');
			i += 2;
			continue;
		}
		map.push(i);
		value += src[i];
		i++;
	}
	map.push(i);
	const startIdx = map.indexOf(s);
	if (startIdx < 0) return undefined;
	const sub = map.slice(startIdx);
	return withPlaceholders({ value: value.slice(startIdx), start: s, end: i, map: sub, origin: 'config' });
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
