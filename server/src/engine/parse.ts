//! Splits a socket target the way php-src does: main/streams/transports.c _php_stream_xport_create() for the
//! scheme, main/streams/xp_socket.c parse_ip_address_ex() for host and port, parse_unix_address() for paths.
import { memoizeString } from './memo';
import { TRANSPORTS, type TransportInfo } from './transports';

export interface Span {
	start: number;
	end: number;
}

export type ParseErrorKind = 'null-byte' | 'address' | 'ipv6';

export interface TransportUrl {
	/** The exact string PHP parses (for fsockopen: host, plus ":port" when port > 0). */
	raw: string;
	/** The scheme as written, when PHP recognises one (`[A-Za-z0-9+.-]{2,}://`). */
	scheme?: string;
	schemeSpan?: Span;
	/** The transport PHP looks up: the scheme, or "tcp" when there is none. */
	transport: string;
	info?: TransportInfo;
	/** Index in `raw` where the name (after "://") starts. */
	nameStart: number;
	name: string;
	bracketed: boolean;
	host?: string;
	hostSpan?: Span;
	/** Everything after the host's colon, and the part of it atoi() reads. */
	portSpan?: Span;
	portDigits?: Span;
	/** The 16-bit port PHP passes to connect()/bind(). */
	port?: number;
	/** atoi()'s int result, before the 16-bit cut. */
	portInt?: number;
	error?: { kind: ParseErrorKind; message: string };
	path?: string;
}

const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
const C_SPACE = new Set([' ', '\t', '\n', '\v', '\f', '\r']);
const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/** glibc atoi(): (int) strtol(s, NULL, 10). Leading C whitespace, a sign, digits; saturates at LONG_MIN/MAX. */
export function atoi(s: string, from: number): { value: number; digits: Span } {
	let i = from;
	while (i < s.length && C_SPACE.has(s[i]!)) i++;
	let negative = false;
	if (s[i] === '+' || s[i] === '-') {
		negative = s[i] === '-';
		i++;
	}
	const digitsStart = i;
	let acc = 0n;
	let saturated = false;
	while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
		if (!saturated) {
			acc = acc * 10n + BigInt(s.charCodeAt(i) - 48);
			if (acc > LONG_MAX + 1n) saturated = true;
		}
		i++;
	}
	if (i === digitsStart) return { value: 0, digits: { start: from, end: from } };
	let long = negative ? -acc : acc;
	if (saturated || long > LONG_MAX) long = negative ? LONG_MIN : LONG_MAX;
	if (long < LONG_MIN) long = LONG_MIN;
	return { value: Number(BigInt.asIntN(32, long)), digits: { start: from, end: i } };
}

/** The port connect()/bind() receive: PHP passes the int as an unsigned short. */
export function port16(n: number): number {
	return ((n % 65536) + 65536) % 65536;
}

/** Where PHP's scheme ends, or -1: `[A-Za-z0-9+.-]{2,}` immediately followed by "://". */
export function schemeLength(raw: string): number {
	let n = 0;
	while (n < raw.length && SCHEME_CHAR.test(raw[n]!)) n++;
	return n > 1 && raw.startsWith('://', n) ? n : -1;
}

/** How PHP splits a transport URL (memoized: the result is shared and must not be mutated). */
export const parseTransportUrl = memoizeString(parseUncached);

function parseUncached(raw: string): TransportUrl {
	const n = schemeLength(raw);
	const url: TransportUrl =
		n > 0
			? {
					raw,
					scheme: raw.slice(0, n),
					schemeSpan: { start: 0, end: n },
					transport: raw.slice(0, n),
					nameStart: n + 3,
					name: raw.slice(n + 3),
					bracketed: false,
				}
			: { raw, transport: 'tcp', nameStart: 0, name: raw, bracketed: false };
	url.info = TRANSPORTS.get(url.transport);
	if (url.info?.family === 'unix') {
		url.path = url.name;
	} else if (url.info) {
		parseIpAddress(url);
	}
	return url;
}

/** parse_ip_address_ex(): note that both memchr() calls leave out the last byte. */
function parseIpAddress(url: TransportUrl): void {
	const s = url.name;
	const base = url.nameStart;
	const shown = s.split('\0')[0] ?? '';
	if (s.includes('\0')) {
		url.error = { kind: 'null-byte', message: 'The hostname must not contain null bytes' };
		return;
	}
	if (s[0] === '[' && s.length > 1) {
		const p = s.slice(0, s.length - 1).indexOf(']', 1);
		if (p < 0 || s[p + 1] !== ':') {
			url.error = { kind: 'ipv6', message: `Failed to parse IPv6 address "${shown}"` };
			return;
		}
		url.bracketed = true;
		url.host = s.slice(1, p);
		url.hostSpan = { start: base + 1, end: base + p };
		setPort(url, p + 2);
		return;
	}
	const colon = s.length ? s.slice(0, s.length - 1).indexOf(':') : -1;
	if (colon < 0) {
		url.error = { kind: 'address', message: `Failed to parse address "${shown}"` };
		return;
	}
	url.host = s.slice(0, colon);
	url.hostSpan = { start: base, end: base + colon };
	setPort(url, colon + 1);
}

function setPort(url: TransportUrl, from: number): void {
	const base = url.nameStart;
	const { value, digits } = atoi(url.name, from);
	url.portSpan = { start: base + from, end: base + url.name.length };
	url.portDigits = { start: base + digits.start, end: base + digits.end };
	url.portInt = value;
	url.port = port16(value);
}

/** The bytes PHP copies into sun_path (parse_unix_address): 107 at most, then it truncates with a notice. */
export const UNIX_PATH_MAX = 107;

export function utf8Length(s: string): number {
	let bytes = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x80) bytes += 1;
		else if (c < 0x800) bytes += 2;
		else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
			bytes += 4;
			i++;
		} else bytes += 3;
	}
	return bytes;
}
