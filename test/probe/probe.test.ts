import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { probe } from '../../server/src/probe/probe';
import { freePort, greeter, listen, makePki, smtpServer, tlsServer, udpPeer, type Pki } from '../helpers/peers';

let pki: Pki;
const servers: { close(): void }[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'tl-probe-'));
const serve = async (s: net.Server, host?: string) => {
	servers.push(s);
	return listen(s, host);
};

before(() => {
	pki = makePki();
});
after(() => {
	servers.forEach((s) => s.close());
	rmSync(dir, { recursive: true, force: true });
	rmSync(pki.dir, { recursive: true, force: true });
});

test('tcp:// to a listener, a closed port, and ::1', async () => {
	const port = await serve(net.createServer((s) => s.end()));
	const ok = await probe(`tcp://127.0.0.1:${port}`);
	assert.equal(ok.ok, true, ok.verdict);
	assert.match(ok.verdict, new RegExp(`TCP connection to 127\\.0\\.0\\.1 port ${port} works`));
	assert.deepEqual(
		ok.steps.map((s) => s.step),
		['resolve', 'connect'],
	);
	const closed = await probe(`tcp://127.0.0.1:${await freePort()}`);
	assert.equal(closed.ok, false);
	assert.match(closed.verdict, /Nothing listens on .*connection refused/);
	const v6port = await serve(
		net.createServer((s) => s.end()),
		'::1',
	);
	const v6 = await probe(`tcp://[::1]:${v6port}`);
	assert.equal(v6.ok, true, v6.verdict);
	assert.match(v6.verdict, /\[::1\] port/);
	const localhost = await probe(`localhost:${port}`);
	assert.deepEqual(localhost.addresses.includes('127.0.0.1'), true);
});

test('TLS with a self-signed certificate is reported, never accepted', async () => {
	const port = await serve(tlsServer(pki.selfCert, pki.selfKey));
	const r = await probe(`tls://localhost:${port}`);
	assert.equal(r.ok, false);
	assert.equal(r.tls?.chainVerified, false);
	assert.match(r.verdict, /certificate does not verify: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED)/);
});

test('TLS with a trusted CA reports protocol, cipher, subject, issuer, SANs and validity', async () => {
	const port = await serve(tlsServer(pki.cert, pki.key));
	const r = await probe(`tls://localhost:${port}`, { ca: [pki.caCert] });
	assert.equal(r.ok, true, r.verdict);
	assert.equal(r.tls!.protocol, 'TLSv1.3');
	assert.match(r.tls!.issuer!, /Transport Lint Test CA/);
	assert.match(r.tls!.subject!, /CN=localhost/);
	assert.deepEqual(r.tls!.altNames, ['DNS:localhost', 'IP Address:127.0.0.1', 'IP Address:0:0:0:0:0:0:0:1']);
	assert.ok(r.tls!.daysLeft! >= 0 && r.tls!.daysLeft! <= 2);
	const pinned = await probe(`tlsv1.2://127.0.0.1:${port}`, { ca: [pki.caCert] });
	assert.equal(pinned.tls!.protocol, 'TLSv1.2');
	assert.equal(pinned.tls!.hostnameMatches, true);
	const wrongName = await probe(`tls://[::1]:${await serve(tlsServer(pki.selfCert, pki.selfKey), '::1')}`, {
		ca: [pki.selfCert],
	});
	assert.match(wrongName.verdict, /does not name this host[\s\S]*peer_name/);
});

test('tls:// to a plaintext SMTP greeter diagnoses STARTTLS', async () => {
	const port = await serve(greeter());
	const r = await probe(`tls://127.0.0.1:${port}`);
	assert.equal(r.ok, false);
	assert.equal(r.greeting, '220 mail.test ESMTP ready');
	assert.match(
		r.verdict,
		/This port speaks plaintext first \(an SMTP greeting: "220 mail\.test ESMTP ready"\), so tls:\/\/ fails with "wrong version number"\. Use tcp:\/\/ and STARTTLS/,
	);
});

test('STARTTLS against a real SMTP server (Debian aiosmtpd)', async () => {
	const smtp = await smtpServer(pki);
	try {
		const r = await probe(`tcp://127.0.0.1:${smtp.port}`, { starttls: 'auto', ca: [pki.caCert] });
		assert.equal(r.ok, true, r.verdict);
		assert.equal(r.starttls, 'smtp');
		assert.deepEqual(
			r.steps.map((s) => s.step),
			['resolve', 'connect', 'greeting', 'starttls', 'tls'],
		);
		assert.match(r.verdict, /STARTTLS \(SMTP\) then TLSv1\.3/);
		const plain = await probe(`tcp://127.0.0.1:${smtp.port}`);
		assert.deepEqual(
			plain.steps.map((s) => s.step),
			['resolve', 'connect'],
		);
	} finally {
		smtp.process.kill();
	}
});

test('UDP: a reply, an ICMP port unreachable, and silence', async () => {
	const echo = await udpPeer(true);
	const silent = await udpPeer(false);
	try {
		const replied = await probe(`udp://127.0.0.1:${echo.port}`, { udpPayload: 'ping', timeoutMs: 1000 });
		assert.match(replied.verdict, /answered with 4 bytes/);
		const refused = await probe(`udp://127.0.0.1:${await freePort()}`, { timeoutMs: 1000 });
		assert.equal(refused.ok, false);
		assert.match(refused.verdict, /port unreachable/);
		const quiet = await probe(`udp://127.0.0.1:${silent.port}`, { timeoutMs: 400 });
		assert.match(quiet.verdict, /open or filtered/);
	} finally {
		echo.close();
		silent.close();
	}
});

test('unix and udg sockets in a temp dir', async () => {
	const sock = path.join(dir, 's.sock');
	const unixServer = net.createServer((s) => s.end());
	servers.push(unixServer);
	await new Promise<void>((resolve) => unixServer.listen(sock, resolve));
	assert.match((await probe(`unix://${sock}`)).verdict, /connected to/);
	assert.match((await probe(`unix://${path.join(dir, 'none.sock')}`)).verdict, /no such file/);
	writeFileSync(path.join(dir, 'plain.txt'), 'x');
	assert.match((await probe(`unix://${path.join(dir, 'plain.txt')}`)).verdict, /a regular file, not a socket/);
	assert.match((await probe('unix://s.sock', {}, dir)).verdict, /connected to/);
	const dgramPath = path.join(dir, 'd.sock');
	const py = spawn('/usr/bin/python3', [
		'-c',
		'import socket,sys,time; s=socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sys.argv[1]); print("ready", flush=True); time.sleep(30)',
		dgramPath,
	]);
	try {
		await new Promise((r) => py.stdout.once('data', r));
		assert.match((await probe(`udg://${dgramPath}`)).verdict, /is a socket and writable/);
		assert.match((await probe(`unix://${dgramPath}`)).verdict, /Protocol wrong type|EPROTOTYPE/);
	} finally {
		py.kill();
	}
});

test('a peer that accepts and never answers ends within the timeout; a probe can be cancelled', async () => {
	const port = await serve(net.createServer((s) => s.on('error', () => undefined)));
	const started = Date.now();
	const r = await probe(`tls://127.0.0.1:${port}`, { timeoutMs: 300 });
	assert.equal(r.ok, false);
	assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
	assert.match(r.steps.find((s) => s.step === 'tls')!.detail, /no answer within 300 ms/);
	const controller = new AbortController();
	setTimeout(() => controller.abort(), 100);
	const cancelled = await probe(`tls://127.0.0.1:${port}`, { timeoutMs: 5000, signal: controller.signal });
	assert.equal(cancelled.cancelled, true);
	assert.equal(cancelled.verdict, 'Cancelled.');
});

test('credentials are redacted in every output', async () => {
	const port = await serve(net.createServer((s) => s.end()));
	const r = await probe(`tcp://alice:s3cr3t@127.0.0.1:${port}`);
	assert.match(r.verdict, /user info/);
	const r2 = await probe(`tls://127.0.0.1:${await freePort()}?password=hunter2&db=1`);
	for (const out of [JSON.stringify(r), JSON.stringify(r2)]) {
		assert.ok(!out.includes('s3cr3t') && !out.includes('alice') && !out.includes('hunter2'), out);
	}
	assert.match(r2.target, /password=\*\*\*&db=1/);
});

test("invalid targets are refused with PHP's message and no connection", async () => {
	const r = await probe('tcp://[fe80::1]');
	assert.deepEqual(
		r.steps.map((s) => s.step),
		['parse'],
	);
	assert.match(r.verdict, /Failed to parse IPv6 address/);
});
