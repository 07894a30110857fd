//! CakePHP's SmtpTransport (src/Mailer/Transport/SmtpTransport.php _connect(), src/Network/Socket.php connect()):
//! an ssl:// prefix in 'host' opens TLS at once; 'tls' => true connects in plaintext and sends STARTTLS after EHLO;
//! both together send STARTTLS over TLS, which the server refuses.
import {
	hostPort,
	mailMismatch,
	pairFinding,
	portName,
	starttlsInsideTlsFinding,
	starttlsOnlyHostFinding,
} from '../clients/checks';
import type { Fix } from '../types';
import { PASSBOLT_LABEL } from '../clients/frameworks';
import type { ClientConfig } from '../clients/model';
import { ALL_ORIGINS, defineRule } from './rule';

export const cakephpSmtpTls = defineRule({
	meta: {
		id: 'cakephp-smtp-tls',
		defaultSeverity: 'warning',
		summary:
			"CakePHP SmtpTransport (and Passbolt's variables) whose TLS does not fit the port or server: ssl:// on 587, 'tls' => true or nothing on 465, no 'tls' to Gmail.",
		origins: ALL_ORIGINS,
		fixes: 'sometimes',
		messages: {
			sslOnPlainPort:
				'CakePHP opens ssl:// (the host\'s prefix) but port {{port}} greets in plaintext: "wrong version number". Use port 465, or no prefix and {{on}}.',
			plainOn465:
				'CakePHP connects in plaintext ({{how}}) but port 465 expects TLS at once: it times out. Write ssl:// before the host, or use port 587.',
			plainOn465Url:
				'CakePHP connects in plaintext ({{how}}) but port 465 expects TLS at once: it times out. Use port 587 with tls=true.',
			starttlsInsideTls:
				'CakePHP opens ssl:// and then sends STARTTLS for {{on}}, which the server refuses. Set {{off}} with ssl://.',
			tlsString:
				"Passbolt hands CakePHP EMAIL_TRANSPORT_DEFAULT_TLS as the string '{{value}}', which PHP reads as true: it sends STARTTLS. Leave it empty for none.",
			starttlsRequired:
				'CakePHP sends no STARTTLS without {{on}}, and {{host}} refuses mail and login before it (530). Set {{on}}.',
		},
	},
	checkClient(c, ctx) {
		if (c.library !== 'cakephp') return [];
		const w = tlsWords(c);
		const inside = starttlsInsideTlsFinding(
			c,
			{
				messageId: 'starttlsInsideTls',
				data: { on: w.on, off: w.off },
				detail: `CakePHP's ${c.label} opens ssl://${hostPort(c)}, then ${w.on} sends STARTTLS over the encrypted connection and CakePHP throws "SMTP server did not accept the connection or trying to connect to non TLS SMTP server using TLS.". With ssl:// set ${w.off}.`,
			},
			{ title: `Set ${w.off}`, text: w.offText },
		);
		if (inside) return [inside];
		const said = c.unknownValue;
		if (said)
			return [
				{
					start: said.start,
					end: said.end,
					messageId: 'tlsString',
					data: { value: said.text },
					detail: `Passbolt's config/app.default.php reads 'tls' => env('EMAIL_TRANSPORT_DEFAULT_TLS', null), and CakePHP's env() returns the variable as the string '${said.text}'; SmtpTransport tests if ($config['tls']), and every string but '' and '0' is true, so CakePHP connects to ${hostPort(c)} in plaintext and sends STARTTLS${c.port === 465 ? ' (on port 465, which expects TLS at once, it times out first)' : '; a server that does not offer it fails with "SMTP server did not accept the connection or trying to connect to non TLS SMTP server using TLS."'}. For no STARTTLS leave the variable empty or unset; for STARTTLS write true.`,
					fixes: [
						{
							title: 'Leave EMAIL_TRANSPORT_DEFAULT_TLS empty (no STARTTLS)',
							edits: [{ start: said.start, end: said.end, text: '' }],
						},
					],
				},
			];
		const required = starttlsOnlyHostFinding(
			c,
			c.mode,
			(reply) => ({
				messageId: 'starttlsRequired',
				data: { host: c.host, on: w.on },
				detail: `CakePHP's ${c.label} connects to ${hostPort(c)} in plaintext and sends STARTTLS only for ${w.on}; ${c.host} offers AUTH only after STARTTLS and refuses mail before it, so the login or MAIL FROM fails: "SMTP Error: ${reply}". Set ${w.on} on port ${c.port}, or write ssl:// before the host and use port 465.`,
			}),
			{ starttls: `Set ${w.on} (STARTTLS)`, implicit: 'Write ssl:// before the host and use port 465' },
		);
		if (required) return [required];
		const mismatch = mailMismatch(c, c.mode, ctx);
		if (mismatch === 'tls-on-plain-port')
			return [
				pairFinding(
					c,
					{
						messageId: 'sslOnPlainPort',
						data: { port: c.port!, on: w.on },
						detail: `CakePHP's ${c.label} opens ssl://${hostPort(c)}: TLS from the first byte, but port ${c.port} is ${portName(c.port!)}. The handshake fails ("SSL operation failed with code 1. OpenSSL Error messages: error:0A00010B:SSL routines::wrong version number") and CakePHP throws "Unable to connect to SMTP server.". Use port 465, or drop the prefix and set ${w.on} (STARTTLS) on port ${c.port}.`,
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
				data: { how: starttls ? `${w.on} is STARTTLS` : 'no ssl:// prefix' },
				detail: `CakePHP's ${c.label} connects with tcp://${hostPort(c)} and waits for the server's greeting, but 465 is SMTPS: the server waits for a TLS handshake and CakePHP throws "SMTP timeout.". Write the host as ssl://${c.host ?? 'host'}${starttls ? ` with ${w.off}` : ''}, or use port 587${starttls ? '' : ` with ${w.on}`}.`,
			},
			undefined,
			starttls ? { port: 587, title: `Use port 587 (STARTTLS with ${w.on})` } : undefined,
		);
		if (c.addMode?.text.implicit !== undefined) {
			const fix: Fix = {
				title: starttls ? `Write ssl:// before the host and set ${w.off}` : 'Write ssl:// before the host',
				edits: [
					{ start: c.addMode.at, end: c.addMode.at, text: c.addMode.text.implicit },
					...(starttls && c.modeAt ? [{ start: c.modeAt.start, end: c.modeAt.end, text: w.offText }] : []),
				],
			};
			finding.fixes.unshift(fix);
		}
		return [finding];
	},
});

/** How the configuration writes STARTTLS on and off: CakePHP's 'tls' key, or Passbolt's variable. */
function tlsWords(c: ClientConfig): { on: string; off: string; offText: string } {
	return c.label === PASSBOLT_LABEL
		? { on: 'EMAIL_TRANSPORT_DEFAULT_TLS=true', off: 'EMAIL_TRANSPORT_DEFAULT_TLS empty', offText: '' }
		: { on: "'tls' => true", off: "'tls' => false", offText: 'false' };
}
