//! Symfony Mailer DSNs (MAILER_DSN, Transport::fromDsn()): smtps:// is TLS at once; smtp:// is TLS at once on 465
//! and STARTTLS when offered elsewhere (EsmtpTransport). `encryption` is not a Symfony Mailer option, and
//! verify_peer=0 turns certificate checks off.
import { hostPort, mailMismatch, pairFinding, portName } from '../clients/checks';
import type { ClientConfig } from '../clients/model';
import { versionParts } from '../php-env';
import type { RuleContext } from '../target';
import { ALL_ORIGINS, defineRule, type RuleFinding } from './rule';

/**
 * Bridges whose SMTP transport starts TLS at once on a port that greets in plaintext, in the versions `broken`
 * names (the package's version from composer.lock; unknown: not judged).
 */
const TLS_ON_PLAIN_PORT_BRIDGES: Record<
	string,
	{
		name: string;
		package: string;
		/** The host the bridge connects to, given the DSN's options. */
		host: (options: ReadonlyMap<string, string>) => string;
		port: number;
		broken: (v: [number, number, number]) => boolean;
		fixed: string;
		report: string;
		/** The factory makes the same transport for `…+smtps`. */
		smtps: boolean;
		/** The bridge logs in with the DSN's user as the password too (Postmark's server token). */
		userIsPassword?: boolean;
	}
> = {
	// symfony/mailer-send-mailer Transport/MailerSendSmtpTransport.php (from 6.3.0):
	//     parent::__construct('smtp.mailersend.net', 587, true, $dispatcher, $logger);
	// symfony/symfony#60640 "[Mailer] use STARTTLS for SMTP with MailerSend" is in 6.4.23 (CHANGELOG-6.4.md) and 7.3.1
	// (CHANGELOG-7.3.md); 7.0 and 7.1 had ended. 7.2 is not judged: its fixed patch is not read here.
	'mailersend+smtp': {
		name: 'MailerSend',
		package: 'symfony/mailer-send-mailer',
		host: () => 'smtp.mailersend.net',
		port: 587,
		broken: ([major, minor, patch]) =>
			(major === 6 && (minor === 3 || (minor === 4 && patch < 23))) ||
			(major === 7 && (minor < 2 || (minor === 3 && patch < 1))),
		fixed: '6.4.23 or 7.3.1',
		report: 'symfony/symfony#60636',
		smtps: false,
	},
	// symfony/postmark-mailer Transport/PostmarkSmtpTransport.php and symfony/mailchimp-mailer
	// Transport/MandrillSmtpTransport.php at tags v4.4.0-v4.4.3 and v5.0.0-v5.0.3:
	//     parent::__construct('smtp.postmarkapp.com', 587, true, $dispatcher, $logger);
	// and `…, 587, false, …` from v4.4.4 and v5.0.4 (symfony/symfony#35518, "Fix STARTTLS support for Postmark and
	// Mandrill"; 4.3 passed 'tls', STARTTLS, to the older EsmtpTransport).
	'postmark+smtp': {
		name: 'Postmark',
		package: 'symfony/postmark-mailer',
		host: () => 'smtp.postmarkapp.com',
		port: 587,
		broken: postmarkMandrillBroken,
		fixed: '4.4.4 or 5.0.4',
		report: 'symfony/symfony#34846',
		smtps: true,
		userIsPassword: true,
	},
	'mandrill+smtp': {
		name: 'Mandrill',
		package: 'symfony/mailchimp-mailer',
		host: () => 'smtp.mandrillapp.com',
		port: 587,
		broken: postmarkMandrillBroken,
		fixed: '4.4.4 or 5.0.4',
		report: 'symfony/symfony#34846',
		smtps: true,
	},
	// symfony/mailgun-mailer Transport/MailgunSmtpTransport.php, tag v6.3.0 (465 before, "Update default Mailgun port"):
	//     parent::__construct('us' !== ($region ?: 'us') ? sprintf('smtp.%s.mailgun.org', $region) : 'smtp.mailgun.org', 587, true, …
	// and from tag v6.3.2 (df371e4, symfony/symfony#51042 "Disable tls for mailgun as it should use STARTTLS"): 587, false.
	'mailgun+smtp': {
		name: 'Mailgun',
		package: 'symfony/mailgun-mailer',
		host: (options) => {
			const region = options.get('region') || 'us';
			return region !== 'us' ? `smtp.${region}.mailgun.org` : 'smtp.mailgun.org';
		},
		port: 587,
		broken: ([major, minor, patch]) => major === 6 && minor === 3 && patch < 2,
		fixed: '6.3.2',
		report: 'symfony/symfony#51042',
		smtps: true,
	},
};

function postmarkMandrillBroken([major, minor, patch]: [number, number, number]): boolean {
	return (major === 4 && minor === 4 && patch < 4) || (major === 5 && minor === 0 && patch < 4);
}

/** The finding for a bridge that starts TLS at once on its provider's plaintext port, in the installed version. */
function brokenBridge(c: ClientConfig, ctx: RuleContext): RuleFinding<DsnMessage> | undefined {
	// Each factory's supports(): postmark+smtp and postmark+smtps make the same PostmarkSmtpTransport, and so on.
	const scheme = c.bridge?.scheme.text.toLowerCase() ?? '';
	const smtp = TLS_ON_PLAIN_PORT_BRIDGES[scheme.replace(/\+smtps$/, '+smtp')];
	const b = smtp && (scheme.endsWith('+smtp') || smtp.smtps) ? smtp : undefined;
	const installed = b && ctx.project?.packages[b.package];
	const v = installed === undefined ? undefined : versionParts(installed);
	if (!b || !v || !b.broken(v) || ctx.project?.from === 'composer.json') return undefined;
	const { scheme: schemeAt, user, host, options } = c.bridge!;
	const provider = b.host(options);
	// Postmark's token is its user and its password: a plain DSN writes it twice.
	const login =
		b.userIsPassword && user && !user.text.includes(':')
			? [{ start: user.start, end: user.end, text: `${user.text}:${user.text}` }]
			: [];
	return {
		start: schemeAt.start,
		end: schemeAt.end,
		messageId: 'bridgeTlsOnPlainPort',
		data: { bridge: b.name, version: installed!, host: `${provider}:${b.port}` },
		detail: `${b.package} ${installed} makes its SMTP transport with new EsmtpTransport('${provider}', ${b.port}, true): TLS from the first byte to a port that greets in plaintext, so every send fails with "Connection could not be established with host "ssl://${provider}:${b.port}": stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages: error:0A00010B:SSL routines::wrong version number" (${b.report}). Update ${b.package} to ${b.fixed}, or write the provider's host in a plain smtp:// DSN (STARTTLS on ${b.port}).`,
		fixes: [
			{
				title: `Use smtp://…@${provider}:${b.port} (STARTTLS)`,
				edits: [
					{ start: schemeAt.start, end: schemeAt.end, text: 'smtp' },
					...login,
					{ start: host.start, end: host.end, text: `${provider}:${b.port}` },
				],
			},
		],
	};
}

export const symfonyMailerDsn = defineRule({
	meta: {
		id: 'symfony-mailer-dsn',
		defaultSeverity: 'warning',
		summary:
			'Symfony Mailer DSN problems: smtps:// on a STARTTLS port such as 587, an ignored ?encryption=, verify_peer=0.',
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			tlsTrueOnPlainPort:
				'EsmtpTransport with $tls = true starts TLS at once but port {{port}} greets in plaintext: "wrong version number". Pass false, or use port 465.',
			tlsFalseOn465:
				'EsmtpTransport with $tls = false speaks plaintext first but port 465 expects TLS at once: it times out. Pass true (or null) on 465.',
			smtpsOnPlainPort:
				'smtps:// starts TLS at once but port {{port}} greets in plaintext: "wrong version number". Use smtp:// on {{port}} (STARTTLS by itself), or port 465.',
			swiftOption:
				'Symfony Mailer ignores "{{option}}" (a SwiftMailer option): TLS comes from the scheme and the port. Use smtps:// or port 465 for implicit TLS.',
			bridgeTlsOnPlainPort:
				'The {{bridge}} bridge {{version}} starts TLS at once on {{host}}, a plaintext port: "wrong version number". Update it, or use smtp:// to that host.',
			verifyPeerOff:
				'{{option}} turns off certificate and host-name checks: anyone on the path can read the mail and credentials. Fix the CA bundle or host name instead.',
		},
	},
	checkClient(c, ctx) {
		if (c.library !== 'symfony-mailer') return [];
		const out: RuleFinding<DsnMessage>[] = [];
		const bridge = brokenBridge(c, ctx);
		if (bridge) out.push(bridge);
		const mismatch = mailMismatch(c, c.mode, ctx);
		// `new EsmtpTransport($host, $port, $tls)`: the same semantics, decided by $tls instead of the scheme.
		const constructed = c.modeAt?.name === 'tls';
		if (mismatch === 'tls-on-plain-port' && constructed)
			out.push(
				pairFinding(
					c,
					{
						messageId: 'tlsTrueOnPlainPort',
						data: { port: c.port! },
						detail: `EsmtpTransport with $tls = true starts TLS at once, but port ${c.port} is ${portName(c.port!)}: "wrong version number". Pass false (STARTTLS when offered) or use port 465.`,
					},
					{ mode: 'opportunistic', title: 'Pass false (STARTTLS when the server offers it)' },
					{ port: 465, title: 'Use port 465 (implicit TLS)' },
				),
			);
		else if (mismatch === 'plaintext-on-tls-port' && constructed)
			out.push(
				pairFinding(
					c,
					{
						messageId: 'tlsFalseOn465',
						detail: `EsmtpTransport with $tls = false connects in plaintext, but 465 is SMTPS: the server waits for a TLS handshake and the connection times out. Pass true (or null) on 465.`,
					},
					{ mode: 'implicit', title: 'Pass true (implicit TLS)' },
					{ port: 587, title: 'Use port 587 (STARTTLS)' },
				),
			);
		else if (mismatch === 'tls-on-plain-port')
			out.push(
				pairFinding(
					c,
					{
						messageId: 'smtpsOnPlainPort',
						data: { port: c.port! },
						detail: `smtps:// makes Symfony Mailer start TLS at once, but port ${c.port} is ${portName(c.port!)}: "Connection could not be established with host "ssl://${hostPort(c)}": stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages: error:0A00010B:SSL routines::wrong version number". Use smtp:// on port ${c.port} (Symfony Mailer upgrades with STARTTLS by itself), or port 465.`,
					},
					{ mode: 'opportunistic', title: 'Use smtp:// (STARTTLS on this port)' },
					{ port: 465, title: 'Use port 465 (implicit TLS)' },
				),
			);
		for (const note of c.notes ?? []) {
			if (note.kind === 'ignored-option') {
				const what =
					c.mode === 'implicit'
						? `implicit TLS (${c.modeAt ? 'smtps://' : 'port 465'})`
						: c.mode === 'plain'
							? 'plaintext (auto_tls is off)'
							: `plaintext, then STARTTLS if the server offers it (port ${c.port})`;
				out.push({
					start: note.at.start,
					end: note.at.end,
					messageId: 'swiftOption',
					data: { option: note.at.text },
					detail: `Symfony Mailer ignores "${note.at.text}": it is a SwiftMailer MAILER_URL option. TLS comes from the scheme and the port; this DSN gets ${what}. Use smtps:// or port 465 for implicit TLS, smtp:// with 587 for STARTTLS.`,
					fixes: [{ title: 'Remove the ignored option', edits: [{ ...note.remove, text: '' }] }],
					severity: 'info',
				});
			} else {
				out.push({
					start: note.at.start,
					end: note.at.end,
					messageId: 'verifyPeerOff',
					data: { option: note.at.text },
					detail: `${note.at.text} turns off certificate and host-name verification for this mailer: anything on the path can read the credentials and the mail. Fix the CA bundle or the host name instead (Test connection says which check fails).`,
					fixes: [{ title: 'Remove verify_peer (verify certificates)', edits: [{ ...note.remove, text: '' }] }],
				});
			}
		}
		return out;
	},
});

type DsnMessage =
	| 'tlsTrueOnPlainPort'
	| 'tlsFalseOn465'
	| 'smtpsOnPlainPort'
	| 'swiftOption'
	| 'verifyPeerOff'
	| 'bridgeTlsOnPlainPort';
