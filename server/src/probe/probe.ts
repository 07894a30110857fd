//! The only network I/O in Transport Lint: resolves, connects and (for TLS transports or STARTTLS) handshakes with
//! a transport URL's target, bounded in time and bytes, and records facts. diagnose() turns them into a verdict.
import * as path from 'node:path';
import type * as tls from 'node:tls';
import { classifyHost } from '../engine/hosts';
import { parseTransportUrl, predict } from '../engine/index';
import { diagnose } from './diagnose';
import { LineReader } from './lines';
import { handshake, resolve, tcpConnect, udpProbe, unixProbe, type Closable } from './net';
import { redact } from './redact';
import { greetingKind, guessProtocol, negotiate } from './starttls';
import {
	PROBE_DEFAULTS,
	type ProbeOptions,
	type ProbeReport,
	type ProbeStep,
	type StepName,
	type TlsFacts,
} from './types';

const TLS_VERSIONS: Record<string, [tls.SecureVersion, tls.SecureVersion]> = {
	ssl: ['TLSv1', 'TLSv1.3'],
	tls: ['TLSv1', 'TLSv1.3'],
	'tlsv1.0': ['TLSv1', 'TLSv1'],
	'tlsv1.1': ['TLSv1.1', 'TLSv1.1'],
	'tlsv1.2': ['TLSv1.2', 'TLSv1.2'],
	'tlsv1.3': ['TLSv1.3', 'TLSv1.3'],
};

/** Probes `target` (what PHP would parse, e.g. "tls://smtp.example.com:587"); relative unix paths resolve from `cwd`. */
export async function probe(
	target: string,
	options: Partial<ProbeOptions> = {},
	cwd = process.cwd(),
): Promise<ProbeReport> {
	const opts: ProbeOptions = { ...PROBE_DEFAULTS, ...options };
	const url = parseTransportUrl(target);
	const report: ProbeReport = {
		target: redact(target),
		transport: url.transport,
		addresses: [],
		steps: [],
		verdict: '',
		ok: false,
	};
	const sockets = new Set<Closable>();
	const onAbort = (): void => sockets.forEach((s) => s.destroy());
	opts.signal?.addEventListener('abort', onAbort);
	const step = async <T>(name: StepName, run: () => Promise<T>, describe: (v: T) => string): Promise<T | undefined> => {
		const started = performance.now();
		try {
			if (opts.signal?.aborted) throw Object.assign(new Error('cancelled'), { code: 'ABORT_ERR' });
			const v = await run();
			record(name, true, started, redact(describe(v)));
			return v;
		} catch (e) {
			const err = e as NodeJS.ErrnoException;
			record(name, false, started, redact(err.message), opts.signal?.aborted ? 'ABORT_ERR' : err.code);
			return undefined;
		}
	};
	const record = (s: StepName, ok: boolean, started: number, detail: string, code?: string): void => {
		const entry: ProbeStep = {
			step: s,
			ok,
			ms: Math.round(performance.now() - started),
			detail,
			...(code ? { code } : {}),
		};
		report.steps.push(entry);
		opts.onStep?.(entry);
	};
	try {
		const outcome = predict(url);
		if (url.info?.family === 'inet' && /^[^/[\]]*@/.test(url.name)) {
			record(
				'parse',
				false,
				performance.now(),
				'the target holds user info (user:password@), which PHP does not understand: it would look up the part before the first colon as the host',
			);
		} else if (
			outcome.kind === 'unknown-transport' ||
			outcome.kind === 'parse-error' ||
			outcome.kind === 'resolve-error'
		) {
			record('parse', false, performance.now(), outcome.message ?? 'PHP cannot parse this target');
		} else if (outcome.kind === 'unix') {
			report.path = path.resolve(cwd, outcome.path ?? '');
			await step(
				'unix',
				() => unixProbe(report.path!, url.transport === 'udg', opts, sockets),
				(v) => v,
			);
		} else {
			report.host = outcome.host;
			report.port = outcome.port;
			const addresses = await step(
				'resolve',
				() => resolve(outcome.host ?? '', opts),
				(a) => a.join(', '),
			);
			report.addresses = addresses ?? [];
			if (addresses?.length) {
				if (url.transport === 'udp')
					await step(
						'udp',
						() => udpProbe(addresses, outcome.port!, opts, sockets),
						(v) => v,
					);
				else await tcpAndTls(report, url.transport, addresses, outcome.port!, outcome.tls, opts, sockets, step);
			}
		}
	} finally {
		opts.signal?.removeEventListener('abort', onAbort);
		sockets.forEach((s) => s.destroy());
	}
	report.cancelled = opts.signal?.aborted === true;
	Object.assign(report, diagnose(report, url.info?.tls === 'implicit'));
	return report;
}

type Step = <T>(name: StepName, run: () => Promise<T>, describe: (v: T) => string) => Promise<T | undefined>;

async function tcpAndTls(
	report: ProbeReport,
	transport: string,
	addresses: string[],
	port: number,
	implicitTls: boolean,
	opts: ProbeOptions,
	sockets: Set<Closable>,
	step: Step,
): Promise<void> {
	const servername = report.host && classifyHost(report.host, false).kind === 'name' ? report.host : undefined;
	const connect = async () => {
		const errors: string[] = [];
		for (const address of addresses) {
			try {
				return { socket: await tcpConnect(address, port, opts, sockets), address };
			} catch (e) {
				errors.push(`${address}: ${(e as Error).message}`);
				if (addresses.length === 1) throw e;
			}
		}
		throw Object.assign(new Error(errors.join('; ')), { code: 'ECONNREFUSED' });
	};
	const conn = await step('connect', connect, (c) => `connected to ${c.address} port ${port}`);
	if (!conn) return;
	const versions = TLS_VERSIONS[transport] ?? ['TLSv1.2', 'TLSv1.3'];
	if (implicitTls) {
		report.tls = await step(
			'tls',
			() => handshake(conn.socket, servername, report.host ?? conn.address, versions, opts, sockets),
			tlsSummary,
		);
		if (report.tls) return;
		const plain = await connect().catch(() => undefined);
		if (!plain) return;
		const reader = new LineReader(plain.socket, opts.maxBytes, opts.timeoutMs);
		const lines = await step(
			'greeting',
			() => reader.until((l) => l.length > 0),
			(l) => l[0] ?? '',
		);
		if (lines?.[0]) report.greeting = redact(lines[0].slice(0, 200));
		return;
	}
	const wantStarttls = opts.starttls;
	if (!wantStarttls) {
		conn.socket.destroy();
		return;
	}
	const reader = new LineReader(conn.socket, opts.maxBytes, opts.timeoutMs);
	const greeting = await step(
		'greeting',
		() => reader.until((l) => l.length > 0),
		(l) => l[0] ?? '',
	);
	if (!greeting?.[0]) return;
	report.greeting = redact(greeting[0].slice(0, 200));
	const proto = wantStarttls === 'auto' ? guessProtocol(port, greeting[0]) : wantStarttls;
	if (!proto) {
		const why = `cannot tell which protocol "${report.greeting}" is (${greetingKind(greeting[0]) ?? 'not a known greeting'}); choose one`;
		await step(
			'starttls',
			() => Promise.reject(new Error(why)),
			() => '',
		);
		return;
	}
	report.starttls = proto;
	const upgraded = await step(
		'starttls',
		() => negotiate(proto, reader, greeting.join('\n')),
		(v) => `${proto.toUpperCase()} accepted STARTTLS: ${v}`,
	);
	if (!upgraded) return;
	reader.detach();
	report.tls = await step(
		'tls',
		() => handshake(conn.socket, servername, report.host ?? conn.address, ['TLSv1.2', 'TLSv1.3'], opts, sockets),
		tlsSummary,
	);
}

function tlsSummary(t: TlsFacts): string {
	return `${t.protocol} ${t.cipher}; certificate ${t.subject} issued by ${t.issuer}, valid until ${t.validTo} (${t.daysLeft} days); chain ${t.chainVerified ? 'verified' : `NOT verified (${t.chainError})`}; host name ${t.hostnameMatches ? 'matches' : `does NOT match (${t.hostnameError})`}`;
}
