//! mail()'s php.ini settings (win32/sendmail.c MailConnect(), TSendMail()): on Windows mail() connects to `SMTP` on
//! `smtp_port` with a plain TCP socket and speaks SMTP without TLS and without logging in, so an implicit-TLS port
//! (465) or a URL in `SMTP` (ssl://smtp.gmail.com) cannot work; elsewhere mail() runs sendmail_path and both are
//! ignored. There is nothing to fix in the INI file: the mail has to go through a library that speaks TLS.
import { ALL_ORIGINS, defineRule } from './rule';

const TLS_PORTS = new Set([465, 993, 995]);

export const phpMailIni = defineRule({
	meta: {
		id: 'php-mail-ini',
		defaultSeverity: 'warning',
		summary: "php.ini's SMTP / smtp_port for mail() pointed at TLS (port 465, ssl://): mail() has no TLS and no login.",
		origins: ALL_ORIGINS,
		fixes: 'none',
		messages: {
			tlsPort:
				'mail() connects in plaintext, without TLS or login, but port {{port}} expects TLS at once: "Failed to connect to mailserver". Send with a mailer library.',
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
