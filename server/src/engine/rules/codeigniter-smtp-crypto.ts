//! CodeIgniter's Email library (3: system/libraries/Email.php _smtp_connect(); 4: system/Email/Email.php
//! SMTPConnect()): smtp_crypto / SMTPCrypto 'ssl' opens ssl:// (TLS at once), 'tls' connects in plaintext and sends
//! STARTTLS, any other value (compared exactly) is no encryption. CodeIgniter 4 opens tls:// on port 465 by itself
//! and still sends STARTTLS for 'tls', which a server already speaking TLS refuses.
import {
	hostPort,
	mailMismatch,
	pairFinding,
	portName,
	schemeTwiceFinding,
	starttlsInsideTlsFinding,
	starttlsOnlyHostFinding,
	written,
} from '../clients/checks';
import { ALL_ORIGINS, defineRule } from './rule';

/** What a mistyped value was meant to be: 'TLS' → 'tls', 'starttls' → 'tls'. */
const MEANT: Record<string, string> = { ssl: 'ssl', tls: 'tls', starttls: 'tls' };

export const codeigniterSmtpCrypto = defineRule({
	meta: {
		id: 'codeigniter-smtp-crypto',
		defaultSeverity: 'warning',
		summary:
			"CodeIgniter SMTP encryption that does not fit the port ('ssl' on 587, 'tls' on 465) or the server (none to Gmail), or that it does not know ('TLS').",
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			sslOnPlainPort:
				'CodeIgniter opens ssl:// ({{how}}) but port {{port}} greets in plaintext: "wrong version number". Use \'tls\' on {{port}}, or port 465.',
			starttlsOn465:
				"CodeIgniter connects in plaintext ({{how}}) but port 465 expects TLS at once: it times out. Use 'ssl' on 465, or port 587 with 'tls'.",
			starttlsInsideTls:
				"CodeIgniter opens TLS ({{how}}) and then sends STARTTLS for 'tls', which the server refuses. Set {{name}} to '' there.",
			schemeTwice:
				'CodeIgniter writes {{added}}:// before this host, which has {{scheme}}:// already: PHP looks up "{{scheme}}" and fails. Remove {{scheme}}:// from the host.',
			starttlsRequired:
				"CodeIgniter sends no STARTTLS unless {{name}} is 'tls', and {{host}} refuses mail and login before it (530). Set {{name}} to 'tls'.",
			unknownValue:
				"CodeIgniter compares {{name}} with 'tls' and 'ssl' exactly: '{{value}}' means no encryption at all. Write '{{meant}}'.",
		},
	},
	checkClient(c, ctx) {
		if (c.library !== 'codeigniter') return [];
		const four = c.version === 4;
		const cryptoName = four ? 'SMTPCrypto' : 'smtp_crypto';
		const twice = schemeTwiceFinding(c, 'schemeTwice', 'CodeIgniter');
		if (twice) return [twice];
		if (c.unknownValue) {
			const meant = MEANT[c.unknownValue.text.toLowerCase()];
			if (meant === undefined) return [];
			return [
				{
					start: c.unknownValue.start,
					end: c.unknownValue.end,
					messageId: 'unknownValue',
					data: { name: cryptoName, value: c.unknownValue.text, meant },
					detail: `${c.label}: CodeIgniter compares ${cryptoName} with === 'ssl' (to open ssl://) and === 'tls' (to send STARTTLS), so '${c.unknownValue.text}' matches neither and the mail, and the SMTP password, go out without encryption${c.port === 465 ? ' (and on port 465, which expects TLS at once, the connection times out)' : ''}. Write '${meant}'.`,
					fixes: [
						{
							title: `Write '${meant}'`,
							edits: [{ start: c.unknownValue.start, end: c.unknownValue.end, text: meant }],
							preferred: true,
						},
					],
				},
			];
		}
		const how = c.modeAt ? written(c.modeAt) : `port ${c.port}`;
		const name = c.starttlsAt?.name ?? cryptoName;
		const inside = starttlsInsideTlsFinding(
			c,
			{
				messageId: 'starttlsInsideTls',
				data: { how, name },
				detail: `${four && !c.modeAt ? 'CodeIgniter 4 opens tls:// on port 465 by itself' : `${how} opens ssl://`}, then ${name} 'tls' sends STARTTLS over the encrypted connection; the server refuses it and stream_socket_enable_crypto() fails. CodeIgniter 4's app/Config/Email.php: "Connection on port 465 should set this to ''".`,
			},
			{ title: `Set ${name} to ''`, text: '' },
		);
		if (inside) return [inside];
		const required = starttlsOnlyHostFinding(
			c,
			c.mode,
			(reply) => ({
				messageId: 'starttlsRequired',
				data: { name: cryptoName, host: c.host },
				detail: `${c.label}: CodeIgniter connects to ${hostPort(c)} in plaintext and sends STARTTLS only when ${cryptoName} is 'tls'; ${c.host} offers AUTH only after STARTTLS and refuses mail before it, so CodeIgniter logs "Failed to send AUTH LOGIN command. Error: ${reply}". Set ${cryptoName} to 'tls' on port ${c.port}, or 'ssl' with port 465.`,
			}),
			{
				starttls: `Set ${cryptoName} to 'tls' (STARTTLS)`,
				implicit: four ? "Use port 465 with SMTPCrypto '' (TLS at once)" : "Use 'ssl' on port 465",
			},
		);
		if (required) return [required];
		const mismatch = mailMismatch(c, c.mode, ctx);
		if (mismatch === 'tls-on-plain-port')
			return [
				pairFinding(
					c,
					{
						messageId: 'sslOnPlainPort',
						data: { how, port: c.port! },
						detail: `${c.label}: CodeIgniter opens ssl://${hostPort(c)} (${how}): TLS from the first byte, but port ${c.port} is ${portName(c.port!)}. fsockopen() fails with "SSL operation failed with code 1. OpenSSL Error messages: error:0A00010B:SSL routines::wrong version number" and CodeIgniter logs "Unable to send email using SMTP". Use 'tls' (STARTTLS) on port ${c.port}, or port 465.`,
					},
					{ mode: 'starttls', title: "Use STARTTLS ('tls') on this port" },
					{ port: 465, title: 'Use port 465 (implicit TLS)' },
				),
			];
		// CodeIgniter 4 opens TLS on 465 whatever SMTPCrypto says, unless the port is the string '465' (see the reader).
		if (mismatch === 'plaintext-on-tls-port')
			return [
				pairFinding(
					c,
					{
						messageId: 'starttlsOn465',
						data: { how: c.mode === 'starttls' ? "'tls' is STARTTLS" : `no ${cryptoName}` },
						detail: `${c.label}: CodeIgniter connects with tcp://${hostPort(c)} and waits for the server's greeting${four ? ` (SMTPPort is the string '465' here, and CodeIgniter 4 opens TLS by itself only when SMTPPort === 465, an int)` : ''}, but 465 is SMTPS: the server waits for a TLS handshake, and CodeIgniter times out. Use 'ssl' on 465, or port 587 with 'tls'.`,
					},
					{ mode: 'implicit', title: "Use 'ssl' (implicit TLS) on port 465" },
					// Without 'tls', port 587 would send the mail unencrypted: offered only with it.
					c.mode === 'starttls' ? { port: 587, title: "Use port 587 with 'tls'" } : undefined,
				),
			];
		return [];
	},
});
