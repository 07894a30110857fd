//! ProbeReport facts → one plain-words verdict ("this port speaks plaintext first; use tcp:// and STARTTLS").
//! Pure: no I/O, so every verdict is tested on hand-made reports too.
import { IMPLICIT_TLS_TWIN } from '../engine/transports';
import { greetingKind } from './starttls';
import type { ProbeReport, ProbeStep, TlsFacts } from './types';

export function diagnose(r: ProbeReport, implicitTls: boolean): { verdict: string; ok: boolean } {
	const failed = r.steps.find((s) => !s.ok);
	const where =
		r.host !== undefined ? `${r.host.includes(':') ? `[${r.host}]` : r.host} port ${r.port}` : (r.path ?? r.target);
	if (r.cancelled) return { verdict: 'Cancelled.', ok: false };
	const tlsStep = r.steps.find((s) => s.step === 'tls');
	if (r.tls) return tlsVerdict(r.tls, where, r);
	if (!failed) {
		const last = r.steps[r.steps.length - 1];
		if (last?.step === 'udp') return { verdict: `UDP ${last.detail}.`, ok: true };
		if (last?.step === 'unix') return { verdict: `Unix socket: ${last.detail}.`, ok: true };
		const ms = r.steps.find((s) => s.step === 'connect')?.ms;
		return { verdict: `TCP connection to ${where} works (${ms} ms).`, ok: true };
	}
	switch (failed.step) {
		case 'parse':
			return { verdict: `PHP cannot use this target: ${failed.detail}`, ok: false };
		case 'resolve':
			return {
				verdict: `DNS: ${failed.detail}. PHP would fail with "php_network_getaddresses: getaddrinfo for ${r.host} failed".`,
				ok: false,
			};
		case 'connect':
			return { verdict: connectVerdict(failed, where), ok: false };
		case 'greeting':
			if (implicitTls && tlsStep)
				return {
					verdict: `TLS to ${where} failed (${tlsStep.detail}) and the port sends nothing in plaintext either.`,
					ok: false,
				};
			return { verdict: `Connected to ${where}, but the server sent no greeting: ${failed.detail}.`, ok: false };
		case 'tls':
			if (implicitTls && r.greeting) {
				const kind = greetingKind(r.greeting) ?? 'a plaintext greeting';
				const twin = r.port !== undefined ? IMPLICIT_TLS_TWIN.get(r.port) : undefined;
				return {
					verdict: `This port speaks plaintext first (${kind}: "${r.greeting.slice(0, 60)}"), so ${r.transport}:// fails with "wrong version number". Use tcp:// and STARTTLS (stream_socket_enable_crypto()), or the implicit-TLS port${twin ? ` ${twin}` : ''}.`,
					ok: false,
				};
			}
			return {
				verdict: `TLS handshake with ${where} failed: ${failed.detail.replace(/^TLS handshake failed: /, '')}.`,
				ok: false,
			};
		case 'starttls':
			return { verdict: `STARTTLS on ${where} failed: ${failed.detail}.`, ok: false };
		case 'udp':
			return { verdict: `UDP: ${failed.detail}.`, ok: false };
		case 'unix':
			return { verdict: `Unix socket: ${failed.detail}.`, ok: false };
	}
}

function connectVerdict(s: ProbeStep, where: string): string {
	switch (s.code) {
		case 'ECONNREFUSED':
			return `Nothing listens on ${where}: connection refused.`;
		case 'ETIMEDOUT':
			return `No answer from ${where} (${s.detail.replace(/^.*: /, '')}): a firewall drops the packets or the host is down; hosting providers often block outbound mail ports.`;
		case 'ENETUNREACH':
		case 'EHOSTUNREACH':
			return `${where} is unreachable from here (${s.code}).`;
		default:
			return `Cannot connect to ${where}: ${s.detail}.`;
	}
}

/** The next step when the chain comes from a CA this machine does not trust (a private CA, a test certificate). */
const TRUST_THE_CA =
	"If you trust its CA, give its PEM to transportLint.probe.caFile (or --ca) for this test, and to PHP with the ssl context option 'cafile'; never verify_peer off.";

/** What an OpenSSL chain error (as Node names it) means, and what to do. */
const CHAIN_ERRORS: Record<string, { means: string; next?: string }> = {
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: {
		means:
			"the server's certificate is signed by a CA that is not trusted here, or the server does not send its intermediate certificate",
		next: `If the server leaves out its intermediate, fix its chain (send the full chain). ${TRUST_THE_CA}`,
	},
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: { means: "the certificate's issuer is not among the trusted CAs" },
	UNABLE_TO_GET_ISSUER_CERT: { means: "the certificate's issuer is not among the trusted CAs" },
	SELF_SIGNED_CERT_IN_CHAIN: { means: 'the chain ends in a CA of its own (a private or test CA)' },
	DEPTH_ZERO_SELF_SIGNED_CERT: { means: 'the certificate is self-signed' },
	CERT_HAS_EXPIRED: { means: 'the certificate has expired', next: 'Renew the certificate on the server.' },
	CERT_NOT_YET_VALID: {
		means: 'the certificate is not valid yet',
		next: "Check this machine's clock and the server's, or wait for the certificate's start date.",
	},
};

function tlsVerdict(t: TlsFacts, where: string, r: ProbeReport): { verdict: string; ok: boolean } {
	const via = r.starttls ? `STARTTLS (${r.starttls.toUpperCase()}) then ${t.protocol}` : t.protocol;
	const v6 = r.host?.includes(':')
		? ' Note: PHP cannot derive a peer name from a bracketed IPv6 target; set the peer_name context option.'
		: '';
	if (!t.chainVerified) {
		const why = t.chainError ? CHAIN_ERRORS[t.chainError] : undefined;
		return {
			verdict: `TLS works on ${where} (${via}), but the certificate does not verify: ${t.chainError}${why ? ` (${why.means})` : ''}. PHP (verify_peer on) would fail with "certificate verify failed". ${why?.next ?? TRUST_THE_CA}${v6}`,
			ok: false,
		};
	}
	if (!t.hostnameMatches)
		return {
			verdict: `TLS works on ${where} (${via}), but the certificate does not name this host: ${t.hostnameError}.${v6}`,
			ok: false,
		};
	const soon = t.daysLeft !== undefined && t.daysLeft < 14 ? ` It expires in ${t.daysLeft} days.` : '';
	return {
		verdict: `TLS works on ${where}: ${via}, ${t.cipher}; certificate ${t.subject}, valid ${t.daysLeft} more days.${soon}${v6}`,
		ok: true,
	};
}
