//! A mail setting given another mail protocol's port: SMTP settings (PHPMailer, SwiftMailer, Symfony Mailer, Laravel,
//! CodeIgniter, CakePHP, Nextcloud, Roundcube's smtp_host, php.ini's smtp_port) on POP3's or IMAP's port, IMAP
//! settings (php-imap, Roundcube's imap_host) on SMTP's or POP3's. The TLS rules judge the mode against the port;
//! here no TLS setting can help, so they leave the port to this rule (mailMismatch).
import { otherMailService } from '../clients/checks';
import { effectiveMode, LIBRARY_NAMES, protocolOf, type TlsMode } from '../clients/model';
import type { Fix } from '../types';
import { ALL_ORIGINS, defineRule } from './rule';

/** The port a protocol is served on, for a mode: implicit TLS, else the port that greets in plaintext. */
const PORT_FOR: Record<'SMTP' | 'IMAP', Record<'implicit' | 'plaintext', { port: number; name: string }>> = {
	SMTP: { implicit: { port: 465, name: 'SMTPS' }, plaintext: { port: 587, name: 'SMTP submission' } },
	IMAP: { implicit: { port: 993, name: 'IMAPS' }, plaintext: { port: 143, name: 'IMAP' } },
};

/** What the client meets at the other service's port, by how it connects. */
function outcome(mode: TlsMode | undefined, tls: boolean, service: string, protocol: string): string {
	if (mode === 'implicit' && !tls) return 'the TLS handshake fails ("wrong version number")';
	if (mode !== undefined && mode !== 'implicit' && tls) return 'it waits for a TLS handshake and times out';
	if (mode === undefined) return `no ${protocol} server answers there`;
	return `the server answers in ${service}, not ${protocol}`;
}

export const mailPortProtocol = defineRule({
	meta: {
		id: 'mail-port-protocol',
		defaultSeverity: 'warning',
		summary:
			"A mail setting with another mail protocol's port: SMTP on 110, 143, 993 or 995 (POP3, IMAP), IMAP on 25, 465 or 587 (SMTP) or POP3's.",
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			otherProtocol:
				"{{library}} speaks {{protocol}}, but port {{port}} is {{service}}: {{outcome}}. Use {{protocol}}'s port {{to}}.",
		},
	},
	checkClient(c) {
		const other = otherMailService(c);
		const protocol = protocolOf(c);
		if (!other || !c.portAt || protocol === 'Redis') return [];
		const mode = effectiveMode(c);
		const library = LIBRARY_NAMES[c.library];
		// The protocol's port for the client's mode; both when the mode is not known.
		const ports = PORT_FOR[protocol];
		const wants = mode ? [ports[mode === 'implicit' ? 'implicit' : 'plaintext']] : [ports.plaintext, ports.implicit];
		const to = wants.map((w) => w.port).join(' or ');
		// PHPMailer src/SMTP.php connect(): `if ($responseCode === 220) { return true; }` — anything else closes the
		// connection; php-imap ImapProtocol::connect(): `!$this->assumedNextLine($response, '* OK')` → "connection
		// refused". Each protocol's client reads the other's greeting ("+OK", "* OK", "220") as a failure.
		const said = outcome(mode, other.tls, other.service, protocol);
		const portAt = c.portAt;
		const fixes: Fix[] = wants.map((w) => ({
			title: `Use port ${w.port} (${w.name})`,
			edits: [{ start: portAt.start, end: portAt.end, text: String(w.port) }],
		}));
		return [
			{
				start: c.portAt.start,
				end: c.portAt.end,
				messageId: 'otherProtocol',
				data: { library, protocol, port: c.port!, service: other.service, outcome: said, to },
				detail: `${library} (${c.label}) speaks ${protocol} to ${c.host ?? 'the host'}:${c.port}, but port ${c.port} is ${other.service}${other.tls ? ', which expects TLS at once' : ', which greets in plaintext'}: ${said}, and no encryption setting changes that. ${protocol === 'SMTP' ? "Sending needs the server's SMTP port: 587 (STARTTLS) or 465 (TLS at once)" : "Reading mail over IMAP needs the server's IMAP port: 143 (STARTTLS) or 993 (TLS at once)"}, and a host that serves ${protocol} (a provider's ${protocol === 'SMTP' ? 'POP3 and IMAP servers' : 'SMTP server'} may have another name).`,
				fixes,
			},
		];
	},
});
