import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { probe } from '../../server/src/probe/probe';
import { ROOT } from '../helpers/paths';
import { listen, makePki, starttlsPeer } from '../helpers/peers';

const servers: net.Server[] = [];
after(() => servers.forEach((s) => s.close()));
const serve = async (handler: (s: net.Socket) => void) => {
	const server = net.createServer((s) => {
		s.on('error', () => undefined);
		handler(s);
	});
	servers.push(server);
	return listen(server);
};

test('a peer that sends 100 MB: the read stops at the byte cap, memory stays bounded', async () => {
	const chunk = Buffer.alloc(1 << 20, 'x');
	const port = await serve((s) => {
		let sent = 0;
		const pump = (): void => {
			while (sent < 100 && s.write(chunk)) sent++;
			if (sent < 100 && !s.destroyed) s.once('drain', pump);
		};
		pump();
	});
	const before = process.memoryUsage().rss;
	const started = Date.now();
	const r = await probe(`tcp://127.0.0.1:${port}`, { starttls: 'smtp', timeoutMs: 2000, maxBytes: 4096 });
	assert.equal(r.ok, false);
	assert.match(r.steps.find((s) => s.step === 'greeting')!.detail, /more than 4096 bytes without an answer/);
	assert.ok(Date.now() - started < 3000);
	assert.ok(process.memoryUsage().rss - before < 64 * 1024 * 1024, 'RSS grew by less than 64 MB');
});

test('a peer that closes in the middle of the TLS handshake', async () => {
	const port = await serve((s) => s.once('data', () => s.destroy()));
	const r = await probe(`tls://127.0.0.1:${port}`, { timeoutMs: 2000 });
	assert.equal(r.ok, false);
	assert.match(r.steps.find((s) => s.step === 'tls')!.detail, /TLS handshake failed/);
});

test('a peer that answers a ClientHello with garbage', async () => {
	const port = await serve((s) =>
		s.once('data', () => s.write(Buffer.from('\x16\x03\x01\x00\x05garbage-that-is-not-tls'.repeat(10)))),
	);
	const started = Date.now();
	const r = await probe(`tls://127.0.0.1:${port}`, { timeoutMs: 2000 });
	assert.equal(r.ok, false);
	assert.ok(Date.now() - started < 5000);
	assert.match(r.verdict, /TLS handshake with 127\.0\.0\.1 port \d+ failed|plaintext first/);
});

test('a STARTTLS peer that never answers EHLO ends within the timeout', async () => {
	const port = await serve((s) => s.write('220 slow ESMTP\r\n'));
	const started = Date.now();
	const r = await probe(`tcp://127.0.0.1:${port}`, { starttls: 'smtp', timeoutMs: 300 });
	assert.equal(r.ok, false);
	assert.ok(Date.now() - started < 2000);
	assert.match(r.verdict, /STARTTLS on 127\.0\.0\.1 port \d+ failed: no answer within 300 ms/);
});

test('the probe module is only reached from an explicit request or the CLI', () => {
	const importers: string[] = [];
	const walk = (dir: string): void => {
		for (const e of readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, e.name);
			if (e.isDirectory()) walk(full);
			else if (
				full.endsWith('.ts') &&
				!full.includes(`${path.sep}probe${path.sep}`) &&
				/from '\.{1,2}\/(\.\.\/)*probe\/probe'/.test(readFileSync(full, 'utf8'))
			)
				importers.push(path.relative(ROOT, full));
		}
	};
	walk(path.join(ROOT, 'server/src'));
	walk(path.join(ROOT, 'client/src'));
	assert.deepEqual(importers.sort(), ['server/src/cli/probe-command.ts', 'server/src/lsp/test-connection.ts']);
});

test('STARTTLS dialogues for IMAP, POP3 and FTP against loopback peers that upgrade', async () => {
	const pki = makePki();
	const peer = async (greeting: string, command: RegExp, ok: string) => {
		const server = starttlsPeer(pki.cert, pki.key, greeting, command, ok);
		servers.push(server);
		return listen(server);
	};
	for (const [proto, greeting, command, ok] of [
		['imap', '* OK IMAP4rev1 ready', /^a1 STARTTLS\r\n$/, 'a1 OK Begin TLS negotiation now'],
		['pop3', '+OK POP3 ready', /^STLS\r\n$/, '+OK Begin TLS negotiation'],
		['ftp', '220 FTP server ready', /^AUTH TLS\r\n$/, '234 AUTH TLS successful'],
	] as const) {
		const port = await peer(greeting, command, ok);
		const r = await probe(`tcp://127.0.0.1:${port}`, { starttls: 'auto', ca: [pki.caCert], timeoutMs: 3000 });
		assert.equal(r.starttls, proto, r.verdict);
		assert.equal(r.ok, true, r.verdict);
		assert.match(r.verdict, new RegExp(`STARTTLS \\(${proto.toUpperCase()}\\) then TLSv1\\.3`));
	}
});
