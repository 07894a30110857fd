//! Roundcube's smtp_host and imap_host (program/lib/Roundcube/rcube_smtp.php connect(), rcube_utils::
//! parse_host_uri()): `ssl://` opens TLS at once, `tls://` connects in plaintext and sends STARTTLS, no prefix stays
//! in plaintext. Here tls:// is Roundcube's word for STARTTLS, not PHP's transport: tls:// on 587 or 143 is right.
import { IMAP_TLS_PORTS, mailMismatch, pairFinding, portName, starttlsOnlyHostFinding } from '../clients/checks';
import { IMPLICIT_TLS_TWIN, PLAIN_TWIN } from '../transports';
import { ALL_ORIGINS, defineRule } from './rule';

export const roundcubeHostPrefix = defineRule({
	meta: {
		id: 'roundcube-host-prefix',
		defaultSeverity: 'warning',
		summary:
			'Roundcube smtp_host / imap_host whose prefix does not fit the port or server: ssl:// on 587 or 143, tls:// or none on 465 or 993, none to Gmail.',
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			sslOnPlainPort:
				'Roundcube opens ssl:// ({{key}}) but port {{port}} greets in plaintext: "wrong version number". Use tls:// (STARTTLS) on {{port}}, or port {{tlsPort}}.',
			starttlsOnTlsPort:
				'Roundcube reads tls:// as STARTTLS ({{key}}), but port {{port}} expects TLS at once: the connection times out. Use ssl:// on {{port}}, or port {{plainPort}}.',
			starttlsRequired:
				'Roundcube sends STARTTLS only for tls:// ({{key}} has none), and {{host}} refuses mail and login before it (530). Write tls:// before the host.',
			plainOnTlsPort:
				'Roundcube connects in plaintext ({{key}} has no ssl://) but port {{port}} expects TLS at once: it times out. Write ssl:// before the host, or use port {{plainPort}}.',
		},
	},
	checkClient(c, ctx) {
		if (c.library !== 'roundcube') return [];
		const imap = c.protocol === 'IMAP';
		const mismatch = mailMismatch(c, c.mode, ctx, imap ? IMAP_TLS_PORTS : undefined);
		const key = c.label;
		const where = `${c.host ?? 'the host'}:${c.port}`;
		const error = imap
			? `"IMAP Error: Login failed for … Could not connect to ${where}"`
			: `"SMTP Error: Connection failed: Failed to connect socket"`;
		// rcube_smtp::connect(): `if ($use_tls) { $this->conn->starttls(); }` ($use_tls: the tls:// prefix), then
		// auth(…, false, …): Net_SMTP's own STARTTLS is off.
		const required = starttlsOnlyHostFinding(
			c,
			c.mode,
			(reply) => ({
				messageId: 'starttlsRequired',
				data: { key, host: c.host },
				detail: `Roundcube (${c.label}) connects to ${where} in plaintext and sends STARTTLS only when the host is written with tls://; ${c.host} offers AUTH only after STARTTLS and refuses mail before it ("${reply}"), so Roundcube logs "SMTP Error: Authentication failure" (with a login) or "SMTP Error: Failed to set sender '…'. 5.7.0 Must issue a STARTTLS command first (Code: 530)" (roundcube#8726). Write tls://${c.host} (STARTTLS on ${c.port}), or ssl:// with port 465.`,
			}),
			{
				starttls: 'Write tls:// (STARTTLS) before the host',
				implicit: 'Write ssl:// before the host and use port 465',
			},
		);
		if (required && !imap) return [required];
		if (mismatch === 'tls-on-plain-port') {
			const tlsPort = IMPLICIT_TLS_TWIN.get(c.port!) ?? (imap ? 993 : 465);
			return [
				pairFinding(
					c,
					{
						messageId: 'sslOnPlainPort',
						data: { key, port: c.port!, tlsPort },
						detail: `Roundcube (${c.label}) opens ssl://${where}: TLS from the first byte, but port ${c.port} is ${portName(c.port!)}. The handshake fails ("wrong version number") and Roundcube logs ${error}. Use tls:// (STARTTLS) on port ${c.port}, or port ${tlsPort} with ssl://.`,
					},
					{ mode: 'starttls', title: 'Use tls:// (STARTTLS) on this port' },
					{ port: tlsPort, title: `Use port ${tlsPort} (implicit TLS)` },
				),
			];
		}
		if (mismatch !== 'plaintext-on-tls-port') return [];
		const plainPort = PLAIN_TWIN.get(c.port!) ?? (imap ? 143 : 587);
		const starttls = c.mode === 'starttls';
		return [
			pairFinding(
				c,
				{
					messageId: starttls ? 'starttlsOnTlsPort' : 'plainOnTlsPort',
					data: { key, port: c.port!, plainPort },
					detail: `Roundcube (${c.label}) connects to ${where} in plaintext and waits for the server's greeting${starttls ? ' (tls:// means STARTTLS in Roundcube)' : ''}, but ${c.port} expects a TLS handshake first: nothing comes, and Roundcube logs ${error} after the timeout. Use ssl:// on port ${c.port}, or port ${plainPort}${starttls ? ' with tls://' : ''}.`,
				},
				{ mode: 'implicit', title: `Use ssl:// (implicit TLS) on port ${c.port}` },
				starttls ? { port: plainPort, title: `Use port ${plainPort} (STARTTLS)` } : undefined,
			),
		];
	},
});
