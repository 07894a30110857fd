import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose } from '../../server/src/probe/diagnose';
import { opensslReason } from '../../server/src/probe/net';
import { briefVerdict } from '../../server/src/probe/format';
import { redact } from '../../server/src/probe/redact';
import type { ProbeReport, ProbeStep } from '../../server/src/probe/types';

const step = (s: Partial<ProbeStep> & Pick<ProbeStep, 'step'>): ProbeStep => ({ ok: true, ms: 1, detail: '', ...s });
const report = (r: Partial<ProbeReport>): ProbeReport => ({
	target: 't',
	addresses: [],
	steps: [],
	verdict: '',
	ok: false,
	host: 'mail.example.com',
	port: 587,
	transport: 'tls',
	...r,
});

test('implicit TLS to a plaintext greeter names STARTTLS and the implicit-TLS port', () => {
	const v = diagnose(
		report({
			steps: [
				step({ step: 'resolve' }),
				step({ step: 'connect' }),
				step({ step: 'tls', ok: false, detail: 'TLS handshake failed: wrong version number' }),
				step({ step: 'greeting', detail: '220 x ESMTP' }),
			],
			greeting: '220 x ESMTP',
		}),
		true,
	);
	assert.equal(v.ok, false);
	assert.match(
		v.verdict,
		/plaintext first \(an SMTP greeting: "220 x ESMTP"\), so tls:\/\/ fails with "wrong version number"\. Use tcp:\/\/ and STARTTLS \(stream_socket_enable_crypto\(\)\), or the implicit-TLS port 465\./,
	);
});

test('connect failures in words', () => {
	const failed = (code: string) =>
		diagnose(
			report({
				transport: 'tcp',
				steps: [
					step({ step: 'resolve' }),
					step({ step: 'connect', ok: false, code, detail: 'x: no answer within 5000 ms' }),
				],
			}),
			false,
		).verdict;
	assert.match(failed('ECONNREFUSED'), /Nothing listens on mail\.example\.com port 587/);
	assert.match(failed('ETIMEDOUT'), /firewall drops the packets/);
	assert.match(failed('ENETUNREACH'), /unreachable/);
});

test('TLS facts: verified, unverified, wrong name, expiring, IPv6 peer name', () => {
	const tls = {
		protocol: 'TLSv1.3',
		cipher: 'TLS_AES_256_GCM_SHA384',
		subject: 'CN=a',
		chainVerified: true,
		hostnameMatches: true,
		daysLeft: 90,
	};
	assert.equal(diagnose(report({ tls }), true).ok, true);
	assert.match(
		diagnose(report({ tls: { ...tls, chainVerified: false, chainError: 'SELF_SIGNED_CERT_IN_CHAIN' } }), true).verdict,
		/does not verify: SELF_SIGNED_CERT_IN_CHAIN \(the chain ends in a CA of its own[\s\S]*certificate verify failed[\s\S]*transportLint\.probe\.caFile[\s\S]*'cafile'/,
	);
	// What the code means and the next step, not the code alone.
	assert.equal(
		diagnose(report({ tls: { ...tls, chainVerified: false, chainError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' } }), true)
			.verdict,
		"TLS works on mail.example.com port 587 (TLSv1.3), but the certificate does not verify: UNABLE_TO_VERIFY_LEAF_SIGNATURE (the server's certificate is signed by a CA that is not trusted here, or the server does not send its intermediate certificate). PHP (verify_peer on) would fail with \"certificate verify failed\". If the server leaves out its intermediate, fix its chain (send the full chain). If you trust its CA, give its PEM to transportLint.probe.caFile (or --ca) for this test, and to PHP with the ssl context option 'cafile'; never verify_peer off.",
	);
	assert.match(
		diagnose(report({ tls: { ...tls, chainVerified: false, chainError: 'CERT_HAS_EXPIRED' } }), true).verdict,
		/CERT_HAS_EXPIRED \(the certificate has expired\)[\s\S]*Renew the certificate on the server\.$/,
	);
	assert.match(
		diagnose(
			report({ tls: { ...tls, hostnameMatches: false, hostnameError: "Host: x. is not in the cert's altnames" } }),
			true,
		).verdict,
		/does not name this host/,
	);
	assert.match(diagnose(report({ tls: { ...tls, daysLeft: 3 } }), true).verdict, /expires in 3 days/);
	assert.match(diagnose(report({ host: '::1', tls }), true).verdict, /\[::1\] port 587[\s\S]*peer_name/);
	assert.match(diagnose(report({ tls, starttls: 'smtp' }), false).verdict, /STARTTLS \(SMTP\) then TLSv1\.3/);
});

test('DNS, parse and cancellation', () => {
	assert.match(
		diagnose(report({ steps: [step({ step: 'resolve', ok: false, detail: 'cannot resolve x: no such host' })] }), true)
			.verdict,
		/getaddrinfo for mail\.example\.com failed/,
	);
	assert.match(
		diagnose(report({ steps: [step({ step: 'parse', ok: false, detail: 'Failed to parse address "h"' })] }), true)
			.verdict,
		/PHP cannot use this target: Failed to parse address/,
	);
	assert.deepEqual(diagnose(report({ cancelled: true }), true), { verdict: 'Cancelled.', ok: false });
});

test('redact hides user info and secret query values, and nothing else', () => {
	assert.equal(redact('tcp://alice:pw@h:1'), 'tcp://***@h:1');
	assert.equal(redact('tls://token@h:1'), 'tls://***@h:1');
	assert.equal(
		redact('redis://h:6379?password=x&database=2&api_key=k'),
		'redis://h:6379?password=***&database=2&api_key=***',
	);
	assert.equal(redact('tcp://[::1]:80/p?x=1'), 'tcp://[::1]:80/p?x=1');
});

test("OpenSSL's errors are shown by reason and code, without its build path", () => {
	assert.equal(
		opensslReason(
			'80BC0319E17F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n',
		),
		'wrong version number (error:0A00010B)',
	);
	assert.equal(opensslReason('socket hang up'), 'socket hang up');
});

test('a verdict for a notification: its first two sentences, about 200 characters at most, the rest in the output', () => {
	const long =
		'This port speaks plaintext first (an SMTP greeting: "220 mail.test ESMTP"), so tls:// fails with "wrong version number". Use tcp:// and STARTTLS (stream_socket_enable_crypto()), or the implicit-TLS port 465. PHP 8.2.36: failed.';
	assert.equal(
		briefVerdict(long),
		'This port speaks plaintext first (an SMTP greeting: "220 mail.test ESMTP"), so tls:// fails with "wrong version number". …',
	);
	assert.equal(briefVerdict('TLS works on h:465: TLSv1.3.'), 'TLS works on h:465: TLSv1.3.');
	assert.equal(briefVerdict('One. Two.'), 'One. Two.');
	assert.equal(briefVerdict('One. Two. Three.'), 'One. Two. …');
	const words = 'word '.repeat(80).trim();
	assert.ok(briefVerdict(words).length <= 200);
	assert.ok(briefVerdict(words).endsWith(' …'));
});
