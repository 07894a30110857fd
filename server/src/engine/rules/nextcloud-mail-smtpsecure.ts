//! Nextcloud's mail_smtpsecure and mail_smtpport (config.php). Nextcloud 26 and later (lib/private/Mail/Mailer.php
//! getSmtpInstance()) pass `mail_smtpsecure === 'ssl' ? true : null` to Symfony Mailer's EsmtpTransport: 'ssl' starts
//! TLS at once, anything else lets Symfony choose (TLS at once on 465, STARTTLS when offered elsewhere). Before 26,
//! SwiftMailer's setEncryption() took the value: 'tls' required STARTTLS, also on 465.
import { hostPort, mailMismatch, pairFinding, portName, starttlsOnlyHostFinding } from '../clients/checks';
import { ALL_ORIGINS, defineRule } from './rule';

export const nextcloudMailSmtpsecure = defineRule({
	meta: {
		id: 'nextcloud-mail-smtpsecure',
		defaultSeverity: 'warning',
		summary:
			"Nextcloud mail_smtpsecure that does not fit mail_smtpport: 'ssl' on 587 or 25; before Nextcloud 26, 'tls' or none on 465, none to Gmail.",
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			sslOnPlainPort:
				'Nextcloud starts TLS at once for mail_smtpsecure \'ssl\' but port {{port}} greets in plaintext: "wrong version number". Use {{use}} on {{port}}, or port 465.',
			starttlsRequired:
				"Nextcloud {{version}} (SwiftMailer) sends no STARTTLS unless mail_smtpsecure is 'tls', and {{host}} refuses mail before it (530). Use 'tls'.",
			plainOn465:
				"Nextcloud {{version}} (SwiftMailer) speaks plaintext first ({{how}}) but port 465 expects TLS at once: it times out. Use 'ssl' on 465, or port 587.",
		},
	},
	checkClient(c, ctx) {
		if (c.library !== 'nextcloud') return [];
		const mismatch = mailMismatch(c, c.mode, ctx);
		const swift = c.version !== undefined && c.version < 26;
		// Before 26, Mailer::getSmtpInstance(): `if (!empty($smtpSecurity)) { $transport->setEncryption($smtpSecurity); }`,
		// and SwiftMailer sends STARTTLS only for 'tls'. From 26, Symfony Mailer sends it whenever it is offered.
		const required = starttlsOnlyHostFinding(
			c,
			c.mode,
			(reply) => ({
				messageId: 'starttlsRequired',
				data: { version: c.version!, host: c.host },
				detail: `Nextcloud ${c.version} (${c.label}) hands mail_smtpsecure to SwiftMailer, which connects to ${hostPort(c)} in plaintext and never sends STARTTLS without 'tls'; ${c.host} offers AUTH only after STARTTLS and refuses mail before it: "Expected response code 250 but got code "530", with message "${reply}"". Use 'tls' on port ${c.port}, or 'ssl' with port 465. (Nextcloud 26 and later send STARTTLS by themselves.)`,
			}),
			{ starttls: "Use 'tls' (STARTTLS)", implicit: "Use 'ssl' on port 465" },
		);
		if (required && swift) return [required];
		if (mismatch === 'tls-on-plain-port')
			return [
				pairFinding(
					c,
					{
						messageId: 'sslOnPlainPort',
						data: { port: c.port!, use: swift ? "'tls' (STARTTLS)" : "''" },
						detail: `Nextcloud (${c.label}): mail_smtpsecure 'ssl' opens ssl://${hostPort(c)}, TLS from the first byte, but port ${c.port} is ${portName(c.port!)}. The test email fails with "Connection could not be established with host "ssl://${hostPort(c)}": stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages: error:0A00010B:SSL routines::wrong version number". ${swift ? "Use 'tls' (STARTTLS)" : "Use '' (Symfony Mailer then upgrades with STARTTLS when the server offers it)"} on port ${c.port}, or port 465 with 'ssl'.`,
					},
					{
						mode: swift ? 'starttls' : 'opportunistic',
						title: swift ? "Use 'tls' (STARTTLS) on this port" : "Use '' (STARTTLS when offered)",
					},
					{ port: 465, title: "Use port 465 with 'ssl'" },
				),
			];
		if (mismatch === 'plaintext-on-tls-port' && swift)
			return [
				pairFinding(
					c,
					{
						messageId: 'plainOn465',
						data: { version: c.version!, how: c.mode === 'starttls' ? "'tls' is STARTTLS" : 'no mail_smtpsecure' },
						detail: `Nextcloud ${c.version} (${c.label}) hands mail_smtpsecure to SwiftMailer, which connects with tcp://${hostPort(c)} and waits for a greeting, but 465 is SMTPS: "Connection to tcp://${hostPort(c)} Timed Out". Use 'ssl' on 465, or port 587 with 'tls'. (Nextcloud 26 and later choose TLS at once on 465 by themselves.)`,
					},
					{ mode: 'implicit', title: "Use 'ssl' (implicit TLS) on port 465" },
					c.mode === 'starttls' ? { port: 587, title: "Use port 587 with 'tls'" } : undefined,
				),
			];
		return [];
	},
});
