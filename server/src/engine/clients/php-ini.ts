//! php.ini's `[mail function]` settings for mail(): `SMTP` and `smtp_port`. On Windows, mail() (win32/sendmail.c
//! MailConnect()) opens a plain TCP connection to that host and port and speaks SMTP without TLS and without logging
//! in; elsewhere it runs sendmail_path and ignores both. INI has no structure to speak of beyond `key = value` lines
//! (and PHP's own parser is not a library we can use here), so this is a line scan; quotes and `;` comments as PHP
//! reads them.
import type { ClientConfig, Setting } from './model';

/** The directives read here; a file without one has none (the prefilter's words too). */
export const INI_MAIL_WORDS: readonly string[] = ['smtp_port', 'SMTP'];
const LINE = /^[ \t]*(SMTP|smtp_port|sendmail_path)[ \t]*=[ \t]*([^\r\n;]*)/gm;

export function phpIniMail(src: string): ClientConfig[] {
	if (!INI_MAIL_WORDS.some((w) => src.includes(w))) return [];
	let host: Setting | undefined;
	let port: Setting | undefined;
	LINE.lastIndex = 0;
	for (let m = LINE.exec(src); m; m = LINE.exec(src)) {
		const raw = m[2]!.trimEnd();
		const at = m.index + m[0].length - m[2]!.length;
		const quoted = /^"[^"]*"$/.test(raw);
		const text = quoted ? raw.slice(1, -1) : raw;
		const setting = { text, start: at + (quoted ? 1 : 0), end: at + (quoted ? 1 : 0) + text.length, name: m[1]! };
		if (m[1] === 'SMTP') host = setting;
		else if (m[1] === 'smtp_port') port = setting;
		// "This directive works also under Windows. If set, smtp, smtp_port and sendmail_from are ignored."
		else if (text) return [];
	}
	if (!host && !port) return [];
	if (port && !/^\d{1,5}$/.test(port.text)) return [];
	if (host && (!host.text || /[$%{]/.test(host.text))) return [];
	const scheme = host ? /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(host.text) : null;
	const at = host ?? port!;
	return [
		{
			library: 'php-mail',
			label: 'php.ini [mail function]',
			host: host?.text ?? 'localhost',
			port: port ? Number(port.text) : 25,
			portAt: port,
			mode: 'plain',
			...(scheme && { unknownValue: { ...host!, text: scheme[1]!, end: host!.start + scheme[1]!.length } }),
			modeText: {},
			start: at.start,
			end: at.end,
		},
	];
}
