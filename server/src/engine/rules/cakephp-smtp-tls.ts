//! CakePHP's SmtpTransport (src/Mailer/Transport/SmtpTransport.php _connect(), src/Network/Socket.php connect()):
//! an ssl:// prefix in 'host' opens TLS at once; 'tls' => true connects in plaintext and sends STARTTLS after EHLO;
//! both together send STARTTLS over TLS, which the server refuses.
import {
	hostPort,
	mailMismatch,
	pairFinding,
	plainToStarttlsOnlyHost,
	portName,
	starttlsInsideTlsFinding,
	starttlsOnlyHostFinding,
	starttlsRefusal,
} from '../clients/checks';
import type { Fix } from '../types';
import { ALL_ORIGINS, defineRule } from './rule';

export const cakephpSmtpTls = defineRule({
	meta: {
		id: 'cakephp-smtp-tls',
		defaultSeverity: 'warning',
		summary: "CakePHP SmtpTransport whose TLS does not fit the port: ssl:// on 587, 'tls' => true or nothing on 465.",
		origins: ALL_ORIGINS,
		fixes: 'sometimes',
		messages: {
			sslOnPlainPort:
				"CakePHP opens ssl:// (the host's prefix) but port {{port}} greets in plaintext: \"wrong version number\". Use port 465, or no prefix and 'tls' => true.",
			plainOn465:
				'CakePHP connects in plaintext ({{how}}) but port 465 expects TLS at once: it times out. Write ssl:// before the host, or use port 587.',
			plainOn465Url:
				'CakePHP connects in plaintext ({{how}}) but port 465 expects TLS at once: it times out. Use port 587 with tls=true.',
			starttlsInsideTls:
				"CakePHP opens ssl:// and then sends STARTTLS for 'tls' => true, which the server refuses. Set 'tls' => false with ssl://.",
			starttlsRequired:
				"CakePHP sends no STARTTLS without 'tls' => true, and {{host}} refuses mail and login before it (530). Set 'tls' => true.",
		},
	},
	checkClient(c, ctx) {
		if (c.library !== 'cakephp') return [];
		const inside = starttlsInsideTlsFinding(
			c,
			{
				messageId: 'starttlsInsideTls',
				detail: `CakePHP's ${c.label} opens ssl://${hostPort(c)}, then 'tls' => true sends STARTTLS over the encrypted connection and CakePHP throws "SMTP server did not accept the connection or trying to connect to non TLS SMTP server using TLS.". With ssl:// set 'tls' => false.`,
			},
			{ title: "Set 'tls' => false", text: 'false' },
		);
		if (inside) return [inside];
		if (plainToStarttlsOnlyHost(c, c.mode))
			return [
				starttlsOnlyHostFinding(
					c,
					{
						messageId: 'starttlsRequired',
						data: { host: c.host },
						detail: `CakePHP's ${c.label} connects to ${hostPort(c)} in plaintext and sends STARTTLS only for 'tls' => true; ${c.host} offers AUTH only after STARTTLS and refuses mail before it, so the login or MAIL FROM fails: "SMTP Error: ${starttlsRefusal(c.host!)}". Set 'tls' => true on port ${c.port}, or write ssl:// before the host and use port 465.`,
					},
					{ starttls: "Set 'tls' => true (STARTTLS)", implicit: 'Write ssl:// before the host and use port 465' },
				),
			];
		const mismatch = mailMismatch(c, c.mode, ctx);
		if (mismatch === 'tls-on-plain-port')
			return [
				pairFinding(
					c,
					{
						messageId: 'sslOnPlainPort',
						data: { port: c.port! },
						detail: `CakePHP's ${c.label} opens ssl://${hostPort(c)}: TLS from the first byte, but port ${c.port} is ${portName(c.port!)}. The handshake fails ("SSL operation failed with code 1. OpenSSL Error messages: error:0A00010B:SSL routines::wrong version number") and CakePHP throws "Unable to connect to SMTP server.". Use port 465, or drop the prefix and set 'tls' => true (STARTTLS) on port ${c.port}.`,
					},
					undefined,
					{ port: 465, title: 'Use port 465 (implicit TLS)' },
				),
			];
		if (mismatch !== 'plaintext-on-tls-port') return [];
		const starttls = c.mode === 'starttls';
		// A transport URL (EMAIL_TRANSPORT_DEFAULT_URL="smtp://…?tls=true") has no host prefix to write.
		if (/URL$/.test(c.label))
			return [
				pairFinding(
					c,
					{
						messageId: 'plainOn465Url',
						data: { how: starttls ? `tls=${c.modeAt!.text} is STARTTLS` : 'no tls option' },
						detail: `CakePHP's ${c.label} makes an SmtpTransport that connects with tcp://${hostPort(c)} and waits for the server's greeting, but 465 is SMTPS: the server waits for a TLS handshake and CakePHP throws "SMTP timeout.". A transport URL cannot ask for TLS at once: use port 587 with tls=true, or configure the transport in config/app.php with 'host' => 'ssl://${c.host ?? 'host'}'.`,
					},
					undefined,
					starttls ? { port: 587, title: 'Use port 587 (STARTTLS with tls=true)' } : undefined,
				),
			];
		const finding = pairFinding(
			c,
			{
				messageId: 'plainOn465',
				data: { how: starttls ? "'tls' => true is STARTTLS" : 'no ssl:// prefix' },
				detail: `CakePHP's ${c.label} connects with tcp://${hostPort(c)} and waits for the server's greeting, but 465 is SMTPS: the server waits for a TLS handshake and CakePHP throws "SMTP timeout.". Write the host as ssl://${c.host ?? 'host'}${starttls ? " with 'tls' => false" : ''}, or use port 587${starttls ? '' : " with 'tls' => true"}.`,
			},
			undefined,
			starttls ? { port: 587, title: "Use port 587 (STARTTLS with 'tls' => true)" } : undefined,
		);
		if (c.addMode?.text.implicit !== undefined) {
			const fix: Fix = {
				title: starttls ? "Write ssl:// before the host and set 'tls' => false" : 'Write ssl:// before the host',
				edits: [
					{ start: c.addMode.at, end: c.addMode.at, text: c.addMode.text.implicit },
					...(starttls && c.modeAt ? [{ start: c.modeAt.start, end: c.modeAt.end, text: 'false' }] : []),
				],
			};
			finding.fixes.unshift(fix);
		}
		return [finding];
	},
});
