//! How getaddrinfo() (glibc 2.36, called by php_network_getaddresses() in main/network.c) will treat a host string.

import { memoizeString } from './memo';

export type HostKind = 'ipv4' | 'ipv6' | 'name';

export interface HostVerdict {
	kind: HostKind;
	/** The address in canonical form, for numeric hosts. */
	address?: string;
	/** Why the resolver refuses it, when it is refused without any lookup. */
	invalid?: string;
}

/** inet_aton() in its exact form: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x). */
export function parseIpv4(host: string): string | undefined {
	if (host === '' || host.length > 64) return undefined;
	const parts = host.split('.');
	if (parts.length > 4) return undefined;
	const values: number[] = [];
	for (const part of parts) {
		let v: number;
		if (/^0[xX][0-9a-fA-F]*$/.test(part)) v = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
		else if (/^0[0-7]*$/.test(part)) v = part.length === 1 ? 0 : parseInt(part.slice(1), 8);
		else if (/^[1-9][0-9]*$/.test(part)) v = parseInt(part, 10);
		else return undefined;
		values.push(v);
	}
	const last = values.pop()!;
	if (values.some((v) => v > 255)) return undefined;
	if (last >= 256 ** (4 - values.length)) return undefined;
	let n = last;
	values.forEach((v, i) => (n += v * 256 ** (3 - i)));
	return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/**
 * An RFC 4291 text address, optionally with an RFC 4007 zone id after "%". Returns the address without the zone.
 * (Memoized: results are shared.)
 */
export const parseIpv6 = memoizeString(parseIpv6Uncached);

function parseIpv6Uncached(text: string): { address: string; zone?: string } | undefined {
	const pct = text.indexOf('%');
	const addr = pct < 0 ? text : text.slice(0, pct);
	const zone = pct < 0 ? undefined : text.slice(pct + 1);
	if (zone !== undefined && !/^[A-Za-z0-9._-]+$/.test(zone)) return undefined;
	if (!/^[0-9A-Fa-f:.]+$/.test(addr) || addr.length > 45) return undefined;
	const halves = addr.split('::');
	if (halves.length > 2) return undefined;
	const side = (text: string): string[] | undefined => {
		if (text === '') return [];
		const groups = text.split(':');
		const last = groups[groups.length - 1]!;
		if (last.includes('.')) {
			if (parseIpv4Strict(last) === undefined) return undefined;
			groups.splice(-1, 1, '0', '0');
		}
		return groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g)) ? groups : undefined;
	};
	const head = side(halves[0]!);
	const tail = halves.length === 2 ? side(halves[1]!) : [];
	if (!head || !tail) return undefined;
	if (halves.length === 2 && halves[0]!.includes('.')) return undefined;
	const count = head.length + tail.length;
	if (halves.length === 1 ? count !== 8 : count > 7) return undefined;
	return zone === undefined ? { address: addr } : { address: addr, zone };
}

function parseIpv4Strict(s: string): string | undefined {
	return /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s) ? s : undefined;
}

/**
 * Classifies a host as numeric IPv4 (inet_aton), IPv6 or a name, and names the local rejections glibc makes.
 * (Memoized: results are shared.)
 */
export function classifyHost(host: string, bracketed: boolean): HostVerdict {
	return (bracketed ? classifyBracketed : classifyBare)(host);
}
const classifyBracketed = memoizeString((host) => classifyUncached(host, true));
const classifyBare = memoizeString((host) => classifyUncached(host, false));

function classifyUncached(host: string, bracketed: boolean): HostVerdict {
	const v6 = host.includes(':') ? parseIpv6(host) : undefined;
	if (v6) return { kind: 'ipv6', address: v6.address };
	const v4 = parseIpv4(host);
	if (v4) return { kind: 'ipv4', address: v4 };
	return { kind: 'name', invalid: hostnameProblem(host, bracketed) };
}

/** Why a host name can never resolve, or undefined when it may. Underscores are allowed (container names use them). */
export function hostnameProblem(host: string, bracketed: boolean): string | undefined {
	if (host === '') return 'the host is empty';
	const ws = /\s/.exec(host);
	if (ws) return `the host contains whitespace (${JSON.stringify(ws[0])})`;
	if (host.includes(':')) return bracketed ? `"${host}" is not a valid IPv6 address` : 'the host contains ":"';
	if (host.includes('@')) return 'the host contains "@" (user info is not part of a socket address)';
	if (host.includes('/')) return 'the host contains "/" (a path is not part of a socket address)';
	if (/[^\x21-\x7e]/.test(host))
		return 'the host has non-ASCII characters; PHP does no IDNA conversion, write the xn-- (punycode) form';
	if (host.length > 253 + (host.endsWith('.') ? 1 : 0)) return 'the host name is longer than 253 characters';
	const bad = /[^A-Za-z0-9._-]/.exec(host);
	if (bad) return `the host contains "${bad[0]}", which is not allowed in a host name`;
	if (host.startsWith('.') || host.startsWith('-')) return `the host name starts with "${host[0]}"`;
	if (host.includes('..')) return 'the host name has an empty label ("..")';
	const labels = (host.endsWith('.') ? host.slice(0, -1) : host).split('.');
	if (labels.some((l) => l.length > 63)) return 'a label of the host name is longer than 63 characters';
	if (labels.every((l) => /^[0-9]+$/.test(l)) || /^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+))*$/i.test(host))
		return `"${host}" looks like an IPv4 address but is not a valid one, so PHP looks it up as a host name`;
	return undefined;
}
