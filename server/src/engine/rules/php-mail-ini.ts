//! mail()'s php.ini settings (win32/sendmail.c MailConnect(), TSendMail()): on Windows mail() connects to `SMTP` on
//! `smtp_port` with a plain TCP socket and speaks SMTP without TLS and without logging in, so an implicit-TLS port
//! (465) or a URL in `SMTP` (ssl://smtp.gmail.com) cannot work; elsewhere mail() runs sendmail_path and both are
//! ignored. There is nothing to fix in the INI file: the mail has to go through a library that speaks TLS.
import { STARTTLS_ONLY_HOSTS } from '../clients/checks';
import { ALL_ORIGINS, defineRule } from './rule';

const TLS_PORTS = new Set([465, 993, 995]);
export const phpMailIni = defineRule({
	meta: {
		id: 'php-mail-ini',
		defaultSeverity: 'warning',
		summary:
			"php.ini's SMTP / smtp_port for mail() pointed at TLS (port 465, ssl://) or at Gmail or Microsoft 365: mail() has no TLS and no login.",
		origins: ALL_ORIGINS,
		fixes: 'none',
		messages: {
			tlsPort:
				'mail() connects in plaintext, without TLS or login, but port {{port}} expects TLS at once: "Failed to connect to mailserver". Send with a mailer library.',
			loginRequired:
				'mail() sends without STARTTLS or a login, and {{host}} takes mail only after both: it answers 530. Send with a mailer library.',
			schemeInHost:
				'mail() takes a host name in SMTP, not {{scheme}}://: it looks up "{{value}}" and fails, and it has no TLS. Send with a mailer library.',
		},
	},
	checkClient(c) {
		if (c.library !== 'php-mail') return [];
		const where = `"${c.host}" port ${c.port}`;
		const tail = `mail() reads these on Windows only (win32/sendmail.c: a plain socket, no STARTTLS, no AUTH); elsewhere it runs sendmail_path and ignores them. To send through a server such as smtp.gmail.com, use PHPMailer or Symfony Mailer with the server's TLS port and a login.`;
		if (c.unknownValue)
			return [
				{
					start: c.unknownValue.start,
					end: c.unknownValue.end,
					messageId: 'schemeInHost',
					data: { scheme: c.unknownValue.text, value: c.host },
					detail: `mail() looks up "${c.host}" as a host name and fails: "Failed to connect to mailserver at ${where}, verify your "SMTP" and "smtp_port" setting in php.ini or use ini_set()". ${tail}`,
					fixes: [],
				},
			];
		// A written SMTP (the default, localhost, is none of these): the configuration's range is that setting.
		if (c.port !== undefined && !TLS_PORTS.has(c.port) && c.host && STARTTLS_ONLY_HOSTS.test(c.host))
			return [
				{
					start: c.start,
					end: c.end,
					messageId: 'loginRequired',
					data: { host: c.host },
					detail: `mail() connects to ${where} in plaintext and sends MAIL FROM without STARTTLS and without AUTH; ${c.host} refuses mail before both ("530 5.7.0 Must issue a STARTTLS command first" from Gmail, "530 5.7.57 Client not authenticated" from Microsoft 365), and mail() fails: "SMTP server response: 530 …". ${tail}`,
					fixes: [],
				},
			];
		if (c.port === undefined || !c.portAt || !TLS_PORTS.has(c.port)) return [];
		return [
			{
				start: c.portAt.start,
				end: c.portAt.end,
				messageId: 'tlsPort',
				data: { port: c.port },
				detail: `mail() connects to ${where} and waits for a plaintext greeting, but the server waits for a TLS handshake: "Failed to connect to mailserver at ${where}, verify your "SMTP" and "smtp_port" setting in php.ini or use ini_set()" (or a timeout). ${tail}`,
				fixes: [],
			},
		];
	},
});
