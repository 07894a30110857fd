//! webklex/php-imap (and laravel-imap on top of it; src/Connection/Protocols/ImapProtocol.php connect()): 'ssl' and
//! 'tls' open that transport, TLS from the first byte ('tls' is not STARTTLS here); 'starttls' connects in plaintext
//! and upgrades; false, 'notls' or anything else stays in plaintext. php-imap 1 and laravel-imap 1 (composer.lock)
//! passed imap_open() flags instead, where 'tls' is STARTTLS: read with those.
import { IMAP_TLS_PORTS, mailMismatch, pairFinding, portName } from '../clients/checks';
import { effectiveMode } from '../clients/model';
import { ALL_ORIGINS, defineRule } from './rule';

export const imapEncryption = defineRule({
	meta: {
		id: 'imap-encryption',
		defaultSeverity: 'warning',
		summary:
			"php-imap encryption that does not fit the port: 'tls' or 'ssl' on 143 (TLS at once), 'starttls' or none on 993.",
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			tlsOnPlainPort:
				"php-imap starts TLS at once for '{{value}}' but port {{port}} greets in plaintext: \"wrong version number\". Use 'starttls' on {{port}}, or port 993.",
			plainOnTlsPort:
				"php-imap connects in plaintext ({{how}}) but port {{port}} expects TLS at once: it times out. Use 'ssl' on {{port}}, or port 143 with 'starttls'.",
		},
	},
	checkClient(c, ctx) {
		if (c.library !== 'imap') return [];
		const mode = effectiveMode(c);
		const legacy = mode !== c.modern;
		const mismatch = mailMismatch(c, mode, ctx, IMAP_TLS_PORTS);
		const value = c.modeAt?.text ?? '';
		const where = `${c.host ?? 'the host'}:${c.port}`;
		if (mismatch === 'tls-on-plain-port')
			return [
				pairFinding(
					c,
					{
						messageId: 'tlsOnPlainPort',
						data: { value, port: c.port! },
						detail: `php-imap (${c.label}): '${value}' opens ${value.toLowerCase()}://${where}, TLS from the first byte (php-imap's STARTTLS is 'starttls'), but port ${c.port} is ${portName(c.port!)}. stream_socket_client() fails with "wrong version number" and php-imap throws "connection failed". Use 'starttls' on port ${c.port}, or port 993 with 'ssl'.`,
					},
					{ mode: 'starttls', title: "Use 'starttls' on this port" },
					{ port: 993, title: "Use port 993 (IMAPS) with '" + value + "'" },
				),
			];
		if (mismatch !== 'plaintext-on-tls-port') return [];
		const starttls = mode === 'starttls';
		const how = legacy
			? `'${value || 'encryption'}' is ${mode === 'starttls' ? 'STARTTLS' : 'no TLS flag'} in php-imap ${c.version}`
			: starttls
				? "'starttls'"
				: `'encryption' => ${value === '' ? "''" : value}`;
		const opens = legacy
			? `php-imap ${c.version} (${c.label}) passes imap_open() "{${where}/imap${mode === 'starttls' ? '/tls' : ''}}" (/tls is STARTTLS there)`
			: `php-imap (${c.label}) connects with tcp://${where}`;
		return [
			pairFinding(
				c,
				{
					messageId: 'plainOnTlsPort',
					data: { how, port: c.port! },
					detail: `${opens} and waits for the "* OK" greeting, but ${c.port} expects a TLS handshake first: nothing comes, and the connection fails after its timeout ("connection failed", or "imap_open(): Couldn't open stream"). Use 'ssl' on port ${c.port}, or port 143 with 'starttls'.`,
				},
				{ mode: 'implicit', title: `Use 'ssl' (implicit TLS) on port ${c.port}` },
				starttls ? { port: 143, title: "Use port 143 with 'starttls'" } : undefined,
			),
		];
	},
});
