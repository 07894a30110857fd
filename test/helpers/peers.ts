//! Loopback peers for probe tests: certificates made with the openssl CLI, TCP/TLS/UDP/unix servers, and Debian's
//! aiosmtpd as a real SMTP server with STARTTLS. Everything listens on 127.0.0.1, ::1 or a temp directory.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as dgram from 'node:dgram';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';

export interface Pki {
	dir: string;
	caCert: string;
	/** Leaf certificate for localhost / 127.0.0.1 / ::1, signed by the CA. */
	cert: string;
	key: string;
	/** A self-signed certificate for localhost. */
	selfCert: string;
	selfKey: string;
}

export function makePki(): Pki {
	const dir = mkdtempSync(path.join(tmpdir(), 'tl-pki-'));
	const f = (n: string) => path.join(dir, n);
	const ossl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
	const selfSigned = (name: string, subject: string, ...extra: string[]) =>
		ossl(
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-keyout',
			f(`${name}.key`),
			'-out',
			f(`${name}.pem`),
			'-days',
			'2',
			'-subj',
			subject,
			...extra,
		);
	selfSigned('ca', '/CN=Transport Lint Test CA');
	ossl(
		'req',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-keyout',
		f('leaf.key'),
		'-out',
		f('leaf.csr'),
		'-subj',
		'/CN=localhost',
	);
	writeFileSync(f('ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n');
	ossl(
		'x509',
		'-req',
		'-in',
		f('leaf.csr'),
		'-CA',
		f('ca.pem'),
		'-CAkey',
		f('ca.key'),
		'-CAcreateserial',
		'-out',
		f('leaf.pem'),
		'-days',
		'2',
		'-extfile',
		f('ext.cnf'),
	);
	selfSigned('self', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1');
	const r = (n: string) => readFileSync(f(n), 'utf8');
	return {
		dir,
		caCert: r('ca.pem'),
		cert: r('leaf.pem'),
		key: r('leaf.key'),
		selfCert: r('self.pem'),
		selfKey: r('self.key'),
	};
}

export async function listen(server: net.Server, host = '127.0.0.1'): Promise<number> {
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	return (server.address() as net.AddressInfo).port;
}

/** A plaintext server that greets like SMTP and then says nothing. */
export function greeter(line = '220 mail.test ESMTP ready'): net.Server {
	return net.createServer((s) => {
		s.on('error', () => undefined);
		s.write(line + '\r\n');
	});
}

/**
 * A plaintext peer that greets, waits for its protocol's STARTTLS command and, once it agrees, speaks TLS with the
 * given certificate: `* OK` / `a1 STARTTLS` for IMAP, `+OK` / `STLS` for POP3, `220` / `AUTH TLS` for FTP.
 */
export function starttlsPeer(cert: string, key: string, greeting: string, command: RegExp, ok: string): net.Server {
	return net.createServer((s) => {
		s.on('error', () => undefined);
		s.write(greeting + '\r\n');
		s.once('data', (d) => {
			if (!command.test(d.toString())) return void s.end('BAD\r\n');
			s.write(ok + '\r\n', () => {
				const secure = new tls.TLSSocket(s, { isServer: true, cert, key });
				secure.on('error', () => undefined);
			});
		});
	});
}

export function tlsServer(cert: string, key: string): tls.Server {
	const server = tls.createServer({ cert, key }, (s) => s.end('hello\n'));
	server.on('tlsClientError', () => undefined);
	return server;
}

/** A UDP socket on 127.0.0.1 that echoes (or, with echo false, never answers). */
export async function udpPeer(echo: boolean): Promise<{ port: number; close: () => void }> {
	const socket = dgram.createSocket('udp4');
	if (echo) socket.on('message', (m, r) => socket.send(m, r.port, r.address));
	await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
	return { port: socket.address().port, close: () => socket.close() };
}

/** A free loopback port (bound and released). */
export async function freePort(): Promise<number> {
	const s = net.createServer();
	const port = await listen(s);
	await new Promise((r) => s.close(r));
	return port;
}

/** Debian's aiosmtpd with STARTTLS on a free loopback port; resolves once it accepts connections. */
export async function smtpServer(pki: Pki): Promise<{ port: number; process: ChildProcess }> {
	const port = await freePort();
	writeFileSync(path.join(pki.dir, 'smtp.pem'), pki.cert);
	writeFileSync(path.join(pki.dir, 'smtp.key'), pki.key);
	const child = spawn(
		'/usr/bin/python3',
		[
			'-m',
			'aiosmtpd',
			'-n',
			'-l',
			`127.0.0.1:${port}`,
			'--tlscert',
			path.join(pki.dir, 'smtp.pem'),
			'--tlskey',
			path.join(pki.dir, 'smtp.key'),
			'--no-requiretls',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	const deadline = Date.now() + 10_000;
	for (;;) {
		const ok = await new Promise<boolean>((resolve) => {
			const s = net.connect(port, '127.0.0.1', () => {
				s.destroy();
				resolve(true);
			});
			s.on('error', () => resolve(false));
		});
		if (ok) return { port, process: child };
		if (Date.now() > deadline || child.exitCode !== null)
			throw new Error(`aiosmtpd did not start (is Debian's python3-aiosmtpd installed?)`);
		await new Promise((r) => setTimeout(r, 100));
	}
}
