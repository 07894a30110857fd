//! Which `scheme://` prefixes are transports or near-misses of one (a typo, the wrong case, a removed transport),
//! as opposed to ordinary URL schemes, which outside socket calls are never candidates.
import { memoizeString } from '../memo';
import { REMOVED_TRANSPORTS, TRANSPORTS, URL_SCHEMES } from '../transports';

const KNOWN = [...TRANSPORTS.keys(), ...REMOVED_TRANSPORTS.keys()];

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), capped at `max + 1`. */
export function editDistance(a: string, b: string, max = 3): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	const rows: number[][] = [];
	for (let i = 0; i <= a.length; i++) {
		rows.push([i]);
		for (let j = 1; j <= b.length; j++) {
			if (i === 0) {
				rows[0]!.push(j);
				continue;
			}
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
			rows[i]!.push(d);
		}
	}
	return Math.min(rows[a.length]![b.length]!, max + 1);
}

/** The closest transports to a name, nearest first (case differences count as nearest). */
export function closestTransports(name: string): string[] {
	const lower = name.toLowerCase();
	if (TRANSPORTS.has(lower)) return [lower];
	const scored = [...TRANSPORTS.keys()]
		.map((t) => ({ t, d: editDistance(lower, t) }))
		.filter(({ t, d }) => d <= allowedDistance(lower, t))
		.sort((x, y) => x.d - y.d);
	return scored.map(({ t }) => t);
}

function allowedDistance(name: string, transport: string): number {
	return Math.min(name.length, transport.length) <= 4 ? 1 : 2;
}

/** A scheme that is a transport, or that someone meant as one. Ordinary URL schemes are not. */
export const isTransportLike = memoizeString((scheme: string): boolean => {
	if (TRANSPORTS.has(scheme)) return true;
	const lower = scheme.toLowerCase();
	if (URL_SCHEMES.has(lower)) return false;
	return KNOWN.some((t) => editDistance(lower, t) <= allowedDistance(lower, t));
});

const URL_START = /^([A-Za-z0-9+.-]+):\/\//;

/** A plain string literal or config value that is a transport URL. */
export function looksLikeTransportUrl(value: string): boolean {
	const m = URL_START.exec(value);
	return m !== null && isTransportLike(m[1]!);
}

/** A printf directive, `{name}`, `<name>`: a placeholder for a value filled in elsewhere. */
const PLACEHOLDER_PART = /%(?:\d+\$)?[-+ 0]*\d*(?:\.\d+)?[sdu]|\{[^{}\s]*\}|<[^<>\s]+>/;

/** Words that stand for a port in documentation. */
const PORT_WORD = /^(port|port_?num(ber)?|your[_-]?port|[xXnN#*]{2,}|p{4})$/i;

/**
 * A string that documents a URL's shape rather than configuring one: a placeholder in host or port position
 * (`tcp://%s:%d`, `ssl://{host}:{port}`, `tcp://<ip>:<port>`) or a word that stands for the port
 * (`tcp://host:port`). PHP would fail on it, but no reader gets it as it is: a sprintf format, a template.
 */
export function documentsShape(value: string): boolean {
	const m = URL_START.exec(value);
	if (!m) return false;
	const authority = /^[^/?#\s]*/.exec(value.slice(m[0].length))![0];
	if (PLACEHOLDER_PART.test(authority)) return true;
	const port = /^(?:\[[^\]]*\]|[^:]*):([^:]*)$/.exec(authority)?.[1];
	return port !== undefined && PORT_WORD.test(port);
}

/** Two words and a blank before a URL on its line: the URL is in a sentence (a description, a comment). */
export function inSentence(before: string): boolean {
	return /\b[A-Za-z]{2,}[ \t]+[A-Za-z]{2,}[,.;]?[ \t]+["'`(]?$/.test(before);
}

/** `scheme://user:pass@host...`: user info, which URL parsers (Predis, DSNs) read and PHP's socket functions never do. */
export function hasUserInfo(value: string): boolean {
	const m = URL_START.exec(value);
	return m !== null && /^[^/?#\s@[\]]*@/.test(value.slice(m[0].length));
}
