//! SwiftMailer: Swift_SmtpTransport's encryption (constructor, setEncryption(), MAILER_URL's ?encryption=) that
//! does not fit the port. 'ssl' opens ssl:// at once; 'tls' connects with tcp:// and requires STARTTLS.
import {
	hostPort,
	mailMismatch,
	pairFinding,
	portName,
	schemeTwiceFinding,
	starttlsOnlyHostFinding,
	written,
} from '../clients/checks';
import { majorVersion } from '../target';
import { TRANSPORTS } from '../transports';
import { ALL_ORIGINS, defineRule } from './rule';

export const swiftmailerEncryption = defineRule({
	meta: {
		id: 'swiftmailer-encryption',
		defaultSeverity: 'warning',
		summary:
			"SwiftMailer encryption that does not fit the port or server: 'ssl' on 587 or 25, 'tls' or none on 465, none to Gmail.",
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			sslOnPlainPort:
				"SwiftMailer starts TLS at once ('ssl') but port {{port}} greets in plaintext: \"wrong version number\". Use 'tls' on {{port}}, or port 465.",
			schemeTwice:
				'SwiftMailer writes {{added}}:// before this host, which has {{scheme}}:// already: PHP looks up "{{scheme}}" and fails. Remove {{scheme}}:// from the host.',
			notATransport:
				'SwiftMailer opens {{transport}}://, a transport PHP does not have: "Unable to find the socket transport". Use \'{{meant}}\' ({{how}}).',
			starttlsRequired:
				"SwiftMailer sends no STARTTLS unless encryption is 'tls', and {{host}} refuses mail and login before it (530). Use 'tls'.",
			plainOn465:
				'SwiftMailer speaks plaintext first ({{how}}) but port 465 expects TLS at once: "Timed Out". Use \'ssl\' on 465, or port 587.',
		},
	},
	checkClient(c, ctx) {
		if (c.library !== 'swiftmailer') return [];
		const twice = schemeTwiceFinding(c, 'schemeTwice', 'SwiftMailer');
		if (twice) return [twice];
		// Swift_Transport_EsmtpTransport::setEncryption(): any value but 'tls' becomes the transport (6.x lower-cases it
		// first; 5.x passes it as written, so 'TLS' fails there).
		const enc = c.modeAt?.name === 'encryption' ? c.modeAt : undefined;
		const version = majorVersion(ctx.project, 'swiftmailer/swiftmailer');
		const transport = enc && (version !== undefined && version < 6 ? enc.text : enc.text.toLowerCase());
		if (enc && transport && transport !== 'tls' && !TRANSPORTS.has(transport)) {
			const meant = c.port === 465 ? 'ssl' : 'tls';
			const how = meant === 'ssl' ? 'TLS at once, for 465' : 'STARTTLS';
			return [
				{
					start: enc.start,
					end: enc.end,
					messageId: 'notATransport',
					data: { transport, meant, how },
					detail: `${c.label}: SwiftMailer sets any encryption but 'tls' as the socket transport${version !== undefined && version < 6 ? ` (SwiftMailer ${version} without lower-casing it)` : ''}, so it opens ${transport}://${hostPort(c)} and PHP answers "Unable to find the socket transport "${transport}" - did you forget to enable it when you configured PHP?". Use 'tls' (STARTTLS, ports 587 and 25) or 'ssl' (TLS at once, port 465).`,
					fixes: [
						{
							title: `Use '${meant}' (${how})`,
							edits: [{ start: enc.start, end: enc.end, text: meant }],
							preferred: true,
						},
					],
				},
			];
		}
		const required = starttlsOnlyHostFinding(
			c,
			c.mode,
			(reply) => ({
				messageId: 'starttlsRequired',
				data: { host: c.host },
				detail: `${c.label} connects to ${hostPort(c)} in plaintext, and SwiftMailer sends STARTTLS only for encryption 'tls' (it does not upgrade when the server offers it); ${c.host} offers AUTH only after STARTTLS and refuses mail before it: "Expected response code 250 but got code "530", with message "${reply}"". Use 'tls' on port ${c.port}, or 'ssl' with port 465.`,
			}),
			{ starttls: "Use STARTTLS ('tls')", implicit: "Use 'ssl' on port 465" },
		);
		if (required) return [required];
		const mismatch = mailMismatch(c, c.mode, ctx);
		if (!mismatch) return [];
		if (mismatch === 'tls-on-plain-port')
			return [
				pairFinding(
					c,
					{
						messageId: 'sslOnPlainPort',
						data: { port: c.port! },
						detail: `${c.label} with ${written(c.modeAt) || 'this encryption'} opens ssl://${hostPort(c)}: TLS from the first byte, but port ${c.port} is ${portName(c.port!)}. SwiftMailer throws "Connection could not be established with host ${c.host} :stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages: error:0A00010B:SSL routines::wrong version number". Use 'tls' (STARTTLS) on port ${c.port}, or port 465 with 'ssl'.`,
					},
					{ mode: 'starttls', title: "Use STARTTLS ('tls') on this port" },
					{ port: 465, title: "Use port 465 with 'ssl'" },
				),
			];
		return [
			pairFinding(
				c,
				{
					messageId: 'plainOn465',
					data: { how: c.mode === 'starttls' ? "'tls'" : 'no encryption' },
					detail: `${c.label} connects with tcp://${hostPort(c)} (${c.mode === 'starttls' ? `${written(c.modeAt)} means plaintext, then STARTTLS` : 'no encryption'}), but 465 is SMTPS: the server waits for a TLS handshake and never greets. SwiftMailer waits for its timeout, then throws "Connection to tcp://${hostPort(c)} Timed Out". Use 'ssl' on 465, or port 587 with 'tls'.`,
				},
				{ mode: 'implicit', title: "Use 'ssl' (implicit TLS) on port 465" },
				{ port: 587, title: "Use port 587 with 'tls'" },
			),
		];
	},
});
