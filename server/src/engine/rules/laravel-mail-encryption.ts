//! Laravel mail: MAIL_SCHEME / MAIL_ENCRYPTION against MAIL_PORT, judged by the Laravel version in composer.lock
//! (MailManager::createSmtpTransport()). Laravel 9+ reads `scheme` (smtps = TLS at once) and otherwise lets Symfony
//! Mailer choose by the port; Laravel 8 and older hand `encryption` to SwiftMailer.
import { majorVersion } from '../target';
import { hostPort, mailMismatch, pairFinding, portName, starttlsOnlyHostFinding, written } from '../clients/checks';
import { ALL_ORIGINS, defineRule } from './rule';

export const laravelMailEncryption = defineRule({
	meta: {
		id: 'laravel-mail-encryption',
		defaultSeverity: 'warning',
		summary:
			'Laravel MAIL_SCHEME / MAIL_ENCRYPTION that does not fit MAIL_PORT (smtps on 587; on Laravel 8 and older, ssl on 587, tls on 465, none to Gmail).',
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			schemeOnPlainPort:
				'{{setting}} starts TLS at once but port {{port}} greets in plaintext: "wrong version number". Use scheme smtp on {{port}} (STARTTLS), or port 465.',
			sslOnPlainPort:
				'On Laravel {{version}}, {{setting}} starts TLS at once but port {{port}} greets in plaintext: "wrong version number". Use tls, or port 465.',
			starttlsRequired:
				'On Laravel {{version}}, SwiftMailer sends no STARTTLS unless MAIL_ENCRYPTION is tls, and {{host}} refuses mail before it (530). Use tls.',
			plainOn465:
				'On Laravel {{version}}, {{setting}} speaks plaintext first but port 465 expects TLS at once: "Timed Out". Use ssl, or port 587.',
		},
	},
	checkClient(c, ctx) {
		if (c.library !== 'laravel-mail') return [];
		const version = majorVersion(ctx.project, 'laravel/framework');
		const envNote = c.modeAt?.envName ? ` (the default when ${c.modeAt.envName} is unset)` : '';
		if (c.modern === undefined) {
			// MAIL_SCHEME: read by Laravel 9+ and handed to Symfony Mailer.
			if (version !== undefined && version < 9) return [];
			if (mailMismatch(c, c.mode, ctx) !== 'tls-on-plain-port') return [];
			return [
				pairFinding(
					c,
					{
						messageId: 'schemeOnPlainPort',
						data: { setting: written(c.modeAt), port: c.port! },
						detail: `${written(c.modeAt)}${envNote} makes Laravel's mailer (Symfony Mailer) start TLS at once, but port ${c.port} is ${portName(c.port!)}: "Connection could not be established with host "ssl://${hostPort(c)}": stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages: error:0A00010B:SSL routines::wrong version number". Use scheme smtp on port ${c.port} (STARTTLS is used when offered), or port 465.`,
					},
					{ mode: 'opportunistic', title: 'Use scheme smtp (STARTTLS on this port)' },
					{ port: 465, title: 'Use port 465 (implicit TLS)' },
				),
			];
		}
		// MAIL_ENCRYPTION: only Laravel 8 and older (SwiftMailer) act on it the way it reads.
		if (version !== undefined && version >= 9) return [];
		// Only with a known Laravel 8 or older: Laravel 9+ upgrades with STARTTLS whenever the server offers it.
		const required = starttlsOnlyHostFinding(
			c,
			c.mode,
			(reply) => ({
				messageId: 'starttlsRequired',
				data: { version, host: c.host },
				detail: `On Laravel ${version}, ${c.modeAt ? written(c.modeAt) + envNote : 'no encryption'} makes SwiftMailer connect to ${hostPort(c)} in plaintext without ever sending STARTTLS; ${c.host} offers AUTH only after STARTTLS and refuses mail before it: "Expected response code 250 but got code "530", with message "${reply}"". Use encryption tls on port ${c.port}, or ssl with port 465. Laravel 9+ sends STARTTLS by itself when the server offers it.`,
			}),
			{ starttls: 'Use encryption tls (STARTTLS)', implicit: 'Use encryption ssl on port 465' },
		);
		if (required && version !== undefined) return [required];
		const mismatch = mailMismatch(c, c.mode, ctx);
		if (!mismatch) return [];
		const known = version !== undefined;
		// Without a version, only an encryption that is written and contradicts the port is worth a note.
		if (!known && (!c.modeAt || c.mode === 'plain')) return [];
		const intro = known ? `On Laravel ${version}` : 'If this project runs Laravel 8 or older (composer.lock not found)';
		const modern = 'Laravel 9+ chooses TLS by the port instead (implicit TLS on 465, STARTTLS when offered elsewhere).';
		const severity = known ? undefined : ('info' as const);
		const shownVersion = known ? String(version) : '8 or older';
		if (mismatch === 'tls-on-plain-port')
			return [
				pairFinding(
					c,
					{
						messageId: 'sslOnPlainPort',
						data: { version: shownVersion, setting: written(c.modeAt), port: c.port! },
						detail: `${intro}, ${written(c.modeAt)}${envNote} makes SwiftMailer open ssl://${hostPort(c)}, but port ${c.port} is ${portName(c.port!)}: "Connection could not be established with host ${c.host ?? 'localhost'} :stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages: error:0A00010B:SSL routines::wrong version number". Use encryption tls on port ${c.port}, or port 465 with ssl. ${modern}`,
					},
					{ mode: 'starttls', title: 'Use encryption tls (STARTTLS on this port)' },
					{ port: 465, title: 'Use port 465 with ssl' },
					severity,
				),
			];
		return [
			pairFinding(
				c,
				{
					messageId: 'plainOn465',
					data: { version: shownVersion, setting: c.modeAt ? written(c.modeAt) : 'no encryption' },
					detail: `${intro}, ${c.modeAt ? written(c.modeAt) + envNote : 'no encryption'} makes SwiftMailer connect with tcp://${hostPort(c)}, but 465 is SMTPS: the server waits for a TLS handshake, and SwiftMailer fails with "Connection to tcp://${hostPort(c)} Timed Out". Use encryption ssl on 465, or port 587 with tls. ${modern}`,
				},
				{ mode: 'implicit', title: 'Use encryption ssl (implicit TLS) on port 465' },
				{ port: 587, title: 'Use port 587 with tls' },
				severity,
			),
		];
	},
});
