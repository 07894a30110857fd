//! The test's model of the namespace PHP runs in: which names resolve, which loopback peers listen where.
//! It turns the engine's prediction (the address PHP will use) into the outcome this environment produces.
//! DNS is neutralised: the namespace has no network, so only /etc/hosts names resolve (read here, as glibc does).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Outcome } from '../../server/src/engine/index';

export type Verdict =
	| 'ok'
	| 'unknown-transport'
	| 'parse-error'
	| 'resolve'
	| 'refused'
	| 'unreachable'
	| 'tls-failed'
	| 'unix-error'
	| 'bind-failed'
	| 'error';

const hosts = new Map<string, string>();
for (const line of readFileSync('/etc/hosts', 'utf8').split('\n')) {
	const [addr, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
	if (addr && /^\d+\.\d+\.\d+\.\d+$/.test(addr))
		for (const n of names) if (!hosts.has(n.toLowerCase())) hosts.set(n.toLowerCase(), addr);
}

/** Listeners by "address port": 'plain' greets in plaintext, 'tls' speaks TLS (self-signed, CN=localhost). */
const TCP = new Map([
	['127.0.0.1 18080', 'plain'],
	['::1 18080', 'plain'],
	['127.0.0.1 18443', 'tls'],
	['::1 18443', 'tls'],
]);
const UDP_BOUND = new Set(['127.0.0.1 18053']);
const LOCAL_V4 = /^127\./;

/** Where a connect() to this address lands: the local address that answers, or undefined when it is not local. */
function localTarget(address: string): string | undefined {
	if (LOCAL_V4.test(address) || address === '0.0.0.0') return address === '0.0.0.0' ? '127.0.0.1' : address;
	const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (v4mapped) return localTarget(v4mapped[1]!);
	if (address === '::' || address === '::1' || address === '0:0:0:0:0:0:0:1') return '::1';
	return undefined;
}

/** The address glibc gives for a host, or a verdict when it gives none. */
function resolveHost(o: Outcome): string | Verdict {
	const host = o.host ?? '';
	if (o.hostKind === 'name') return hosts.get(host.toLowerCase()) ?? 'resolve';
	const zone = host.includes('%') ? host.slice(host.indexOf('%') + 1) : undefined;
	const address = o.address!;
	if (zone !== undefined) {
		const linkLocal = /^fe[89ab]/i.test(address);
		if (/^\d+$/.test(zone)) return linkLocal ? 'unreachable' : address;
		return linkLocal && zone === 'lo' ? 'unreachable' : 'resolve';
	}
	return address;
}

export function expectedVerdict(
	fn: 'client' | 'fsockopen' | 'server',
	o: Outcome,
	flags: string | undefined,
	dir: string,
): Verdict {
	if (o.kind === 'unknown-transport') return 'unknown-transport';
	if (o.kind === 'parse-error') return 'parse-error';
	if (o.kind === 'resolve-error') return 'resolve';
	if (o.kind === 'unix') return unixVerdict(fn, o, flags, dir);
	const resolved = resolveHost(o);
	if (resolved === 'resolve' || resolved === 'unreachable') return resolved;
	const datagram = o.transport === 'udp';
	const local = localTarget(resolved);
	if (fn === 'server') {
		if (!local && resolved !== '::') return 'bind-failed';
		if (datagram) return flags === 'bind' && !UDP_BOUND.has(`${resolved} ${o.port}`) ? 'ok' : 'bind-failed';
		return TCP.has(`${resolved} ${o.port}`) ? 'bind-failed' : 'ok';
	}
	if (!local) return /^fe[89ab]/i.test(resolved) || !resolved.includes(':') ? 'unreachable' : 'unreachable';
	if (datagram) return 'ok';
	const peer = TCP.get(`${local} ${o.port}`);
	if (!peer) return 'refused';
	if (!o.tls) return 'ok';
	if (peer === 'plain') return 'tls-failed';
	if (o.transport === 'tlsv1.0' || o.transport === 'tlsv1.1') return 'tls-failed';
	// fsockopen() takes no context, so it verifies the certificate (CN=localhost, IP 127.0.0.1 and ::1) against
	// openssl.cafile; PHP derives no peer name from a bracketed IPv6 target (tls-ipv6-peer-name).
	if (fn === 'fsockopen') return o.host === 'localhost' || o.host === '127.0.0.1' ? 'ok' : 'tls-failed';
	return 'ok';
}

/** What the run directory holds before PHP starts (made by listeners.ts and verdicts.php). */
const DIR_ENTRIES: Record<string, 'stream' | 'dgram' | 'file' | 'dir'> = {
	'': 'dir',
	'stream.sock': 'stream',
	'dgram.sock': 'dgram',
	'regular.file': 'file',
};

function entryAt(dir: string, p: string): 'stream' | 'dgram' | 'file' | 'dir' | undefined {
	const rel = path.relative(dir, path.resolve(dir, p));
	return rel.startsWith('..') ? (path.resolve(dir, p) === '/tmp' ? 'dir' : undefined) : DIR_ENTRIES[rel];
}

function unixVerdict(fn: string, o: Outcome, flags: string | undefined, dir: string): Verdict {
	const p = o.path ?? '';
	const datagram = o.transport === 'udg';
	if (fn === 'server') {
		if (datagram && flags !== 'bind') return 'bind-failed';
		if (p === '') return 'ok';
		const parent = entryAt(dir, path.dirname(path.resolve(dir, p)));
		return entryAt(dir, p) === undefined && parent === 'dir' ? 'ok' : 'bind-failed';
	}
	if (p === '' || p.startsWith('\0') || o.truncated) return 'unix-error';
	const kind = entryAt(dir, p);
	return kind === (datagram ? 'dgram' : 'stream') ? 'ok' : 'unix-error';
}

export interface PhpResult {
	ok: boolean;
	errno: number;
	errstr: string;
	warnings: string[];
	thrown: string | null;
}

/** PHP's own error text: $errstr, else what the "Unable to connect to X (...)" warning holds. */
export function phpMessage(r: PhpResult): string {
	if (r.errstr) return r.errstr;
	const w = r.warnings.find((x) => x.startsWith('Unable to connect to')) ?? r.warnings[0] ?? '';
	const m = /\((.*)\)$/s.exec(w);
	return m ? m[1]! : w;
}

export function phpVerdict(fn: string, transportIsUnix: boolean, r: PhpResult): Verdict {
	if (r.thrown) return 'error';
	if (r.ok) return 'ok';
	const all = [r.errstr, ...r.warnings].join('\n');
	if (all.includes('Unable to find the socket transport')) return 'unknown-transport';
	if (/Failed to parse (IPv6 )?address|must not contain null bytes/.test(all)) return 'parse-error';
	if (all.includes('getaddrinfo')) return 'resolve';
	if (transportIsUnix) return fn === 'server' ? 'bind-failed' : 'unix-error';
	if (fn === 'server') return 'bind-failed';
	if (/SSL|crypto|Handshake/.test(all)) return 'tls-failed';
	return r.errno === 111 ? 'refused' : 'unreachable';
}
