//! Socket primitives for probe(): each bounded by the step timeout, each registered so a cancel can close it.
import * as dgram from 'node:dgram';
import { promises as dns, type LookupAddress } from 'node:dns';
import { constants as fsc, promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { classifyHost } from '../engine/hosts';
import type { ProbeOptions, TlsFacts } from './types';

export interface Closable {
	destroy(): void;
}

const err = (message: string, code: string): Error => Object.assign(new Error(message), { code });

function bounded<T>(ms: number, what: string, run: (done: (e: Error | undefined, v?: T) => void) => void): Promise<T> {
	return new Promise((resolvePromise, reject) => {
		const timer = setTimeout(() => finish(err(`${what}: no answer within ${ms} ms`, 'ETIMEDOUT')), ms);
		let settled = false;
		const finish = (e: Error | undefined, v?: T): void => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			if (e) reject(e);
			else resolvePromise(v as T);
		};
		run(finish);
	});
}

export async function resolve(host: string, opts: ProbeOptions): Promise<string[]> {
	const v = classifyHost(host, false);
	if (v.address) return [v.address];
	const found = await bounded<LookupAddress[]>(opts.timeoutMs, `looking up ${host}`, (done) => {
		dns.lookup(host, { all: true, verbatim: true }).then(
			(a) => done(undefined, a),
			(e: NodeJS.ErrnoException) =>
				done(err(`cannot resolve ${host}: ${e.code === 'ENOTFOUND' ? 'no such host' : e.code}`, e.code ?? 'ENOTFOUND')),
		);
	});
	return found.map((a) => a.address);
}

export function tcpConnect(
	address: string,
	port: number,
	opts: ProbeOptions,
	sockets: Set<Closable>,
): Promise<net.Socket> {
	return bounded(opts.timeoutMs, `connecting to ${address} port ${port}`, (done) => {
		const socket = net.connect({ host: address, port });
		sockets.add(socket);
		socket.once('connect', () => {
			socket.removeAllListeners('error');
			socket.on('error', () => undefined);
			done(undefined, socket);
		});
		socket.once('error', (e: NodeJS.ErrnoException) =>
			done(err(`${address} port ${port}: ${describeErrno(e)}`, e.code ?? 'ECONNREFUSED')),
		);
		socket.once('close', () => done(err(`${address} port ${port}: closed`, 'ECONNRESET')));
	});
}

/**
 * OpenSSL's reason and code without its build path: "80BC…:error:0A00010B:SSL routines:ssl3_get_record:wrong version
 * number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:" → "wrong version number (error:0A00010B)". Any other
 * message is kept as it is.
 */
export function opensslReason(message: string): string {
	const m = /error:([0-9A-Fa-f]{8}):[^:\n]*:[^:\n]*:([^:\n]+)/.exec(message);
	return m ? `${m[2]!.trim()} (error:${m[1]})` : message.trim();
}

function describeErrno(e: NodeJS.ErrnoException): string {
	const words: Record<string, string> = {
		ECONNREFUSED: 'connection refused (nothing listens on that port)',
		EHOSTUNREACH: 'host unreachable',
		ENETUNREACH: 'network unreachable',
		ECONNRESET: 'connection reset',
		EACCES: 'permission denied',
		ENOENT: 'no such file',
	};
	return (e.code && words[e.code]) ?? e.message;
}

/** A TLS handshake over `socket`; verification is recorded, never skipped silently and never fatal here. */
export function handshake(
	socket: net.Socket,
	servername: string | undefined,
	checkName: string,
	[minVersion, maxVersion]: [tls.SecureVersion, tls.SecureVersion],
	opts: ProbeOptions,
	sockets: Set<Closable>,
): Promise<TlsFacts> {
	return bounded(opts.timeoutMs, 'TLS handshake', (done) => {
		const secure = tls.connect({
			socket,
			servername,
			minVersion,
			maxVersion,
			rejectUnauthorized: false,
			ca: opts.ca?.length ? [...tls.rootCertificates, ...opts.ca] : undefined,
		});
		sockets.add(secure);
		secure.once('secureConnect', () => {
			const cert = secure.getPeerCertificate();
			const identity = tls.checkServerIdentity(checkName, cert);
			const validTo = cert.valid_to ? new Date(cert.valid_to) : undefined;
			done(undefined, {
				protocol: secure.getProtocol() ?? undefined,
				cipher: secure.getCipher()?.name,
				subject: cert.subject
					? Object.entries(cert.subject)
							.map(([k, v]) => `${k}=${String(v)}`)
							.join(', ')
					: undefined,
				issuer: cert.issuer
					? Object.entries(cert.issuer)
							.map(([k, v]) => `${k}=${String(v)}`)
							.join(', ')
					: undefined,
				altNames: cert.subjectaltname?.split(', '),
				validFrom: cert.valid_from,
				validTo: cert.valid_to,
				daysLeft: validTo ? Math.floor((validTo.getTime() - Date.now()) / 86_400_000) : undefined,
				chainVerified: secure.authorized,
				chainError: secure.authorizationError ? String(secure.authorizationError) : undefined,
				hostnameMatches: identity === undefined,
				hostnameError: identity?.message,
			});
			secure.destroy();
		});
		secure.once('error', (e: NodeJS.ErrnoException) =>
			done(err(`TLS handshake failed: ${opensslReason(e.message)}`, e.code ?? 'ERR_TLS')),
		);
		secure.once('close', () => done(err('TLS handshake failed: the server closed the connection', 'ECONNRESET')));
	});
}

export function udpProbe(
	addresses: string[],
	port: number,
	opts: ProbeOptions,
	sockets: Set<Closable>,
): Promise<string> {
	const address = addresses[0]!;
	return bounded(opts.timeoutMs, 'UDP', (done) => {
		const socket = dgram.createSocket(net.isIPv6(address) ? 'udp6' : 'udp4');
		sockets.add({ destroy: () => socket.close() });
		const payload = Buffer.from(opts.udpPayload ?? '');
		socket.once('error', (e: NodeJS.ErrnoException) =>
			done(
				e.code === 'ECONNREFUSED'
					? err(`${address} port ${port}: port unreachable (ICMP): nothing listens there`, 'ECONNREFUSED')
					: err(e.message, e.code ?? 'EIO'),
			),
		);
		socket.once('message', (msg) => done(undefined, `${address} port ${port} answered with ${msg.length} bytes`));
		socket.connect(port, address, () => socket.send(payload));
		setTimeout(
			() =>
				done(
					undefined,
					`${address} port ${port}: no reply and no ICMP error within ${Math.round(opts.timeoutMs / 2)} ms: open or filtered (UDP has no handshake)`,
				),
			opts.timeoutMs / 2,
		);
	});
}

export async function unixProbe(
	file: string,
	datagram: boolean,
	opts: ProbeOptions,
	sockets: Set<Closable>,
): Promise<string> {
	let stat;
	try {
		stat = await fs.stat(file);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code ?? 'ENOENT';
		throw err(code === 'ENOENT' ? `${file}: no such file (nothing has created that socket)` : `${file}: ${code}`, code);
	}
	if (!stat.isSocket())
		throw err(
			`${file} exists but is ${stat.isDirectory() ? 'a directory' : 'a regular file'}, not a socket`,
			'ENOTSOCK',
		);
	try {
		await fs.access(file, fsc.W_OK);
	} catch {
		throw err(`${file}: permission denied (the socket is not writable by this user)`, 'EACCES');
	}
	if (datagram) return `${file} is a socket and writable; Node cannot send unix datagrams, so delivery was not tested`;
	return bounded(opts.timeoutMs, `connecting to ${file}`, (done) => {
		const socket = net.connect({ path: file });
		sockets.add(socket);
		socket.once('connect', () => done(undefined, `connected to ${file}`));
		socket.once('error', (e: NodeJS.ErrnoException) =>
			done(
				err(
					e.code === 'ECONNREFUSED'
						? `${file}: connection refused (a stale socket: nothing accepts on it)`
						: `${file}: ${describeErrno(e)}`,
					e.code ?? 'EIO',
				),
			),
		);
	});
}

/** The PEM certificates in a file's text (a CA bundle), each whole: what a TLS context is given as `ca`. */
export function certificatesIn(pem: string): string[] {
	return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
