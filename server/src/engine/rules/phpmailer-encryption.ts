//! PHPMailer: SMTPSecure (or an ssl:// / tls:// prefix in Host) that does not fit the port. 'ssl' opens ssl://
//! (TLS at once), 'tls' connects in plaintext and sends STARTTLS (src/PHPMailer.php smtpConnect()).
import { hostPort, mailMismatch, pairFinding, portName, starttlsOnlyHostFinding, written } from '../clients/checks';
import { ALL_ORIGINS, defineRule } from './rule';

const FAILED = 'SMTP Error: Could not connect to SMTP host.';

export const phpmailerEncryption = defineRule({
	meta: {
		id: 'phpmailer-encryption',
		defaultSeverity: 'warning',
		summary:
			"PHPMailer SMTPSecure / Host prefix that does not fit the port or server: 'ssl' (SMTPS) on 587, 'tls' or none on 465, no TLS at all to Gmail.",
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			tlsOnPlainPort:
				'PHPMailer starts TLS at once ({{how}}) but port {{port}} greets in plaintext: "wrong version number". Use \'tls\' on {{port}}, or port 465.',
			starttlsRequired:
				"PHPMailer sends no STARTTLS here (SMTPAutoTLS is false, SMTPSecure empty), and {{host}} refuses mail and login before it (530). Use 'tls'.",
			plainOn465:
				"PHPMailer speaks plaintext first ({{how}}) but port 465 expects TLS at once: send() times out. Use 'ssl' on 465, or port 587.",
		},
	},
	checkClient(c, ctx) {
		if (c.library !== 'phpmailer') return [];
		// src/SMTP.php authenticate(): `if (!array_key_exists('AUTH', $this->server_caps)) { $this->setError('Authentication
		// is not allowed at this stage'); return false; }` — and these servers offer AUTH only after STARTTLS, which
		// PHPMailer sends by itself unless SMTPAutoTLS is false (src/PHPMailer.php smtpConnect()).
		const required = starttlsOnlyHostFinding(
			c,
			c.mode,
			(reply) => ({
				messageId: 'starttlsRequired',
				data: { host: c.host },
				detail: `PHPMailer connects to ${hostPort(c)} in plaintext and, with SMTPAutoTLS false and no SMTPSecure, never sends STARTTLS; ${c.host} offers AUTH only after it and refuses mail before it ("${reply}"), so send() fails with "SMTP Error: Could not authenticate." (or the sender is refused). Set SMTPSecure to 'tls' (PHPMailer::ENCRYPTION_STARTTLS) on port ${c.port}, or remove SMTPAutoTLS = false.`,
			}),
			{ starttls: "Use STARTTLS ('tls')", implicit: "Use 'ssl' on port 465" },
		);
		if (required) return [required];
		const mismatch = mailMismatch(c, c.mode, ctx);
		if (!mismatch) return [];
		const how = c.modeAt?.name === 'Host prefix' ? 'the ssl:// prefix in Host' : written(c.modeAt);
		if (mismatch === 'tls-on-plain-port') {
			return [
				pairFinding(
					c,
					{
						messageId: 'tlsOnPlainPort',
						data: { how, port: c.port! },
						detail: `PHPMailer opens ssl://${hostPort(c)} (${how}): TLS from the first byte, but port ${c.port} is ${portName(c.port!)}. The server greets in plaintext, the handshake fails ("Connection failed. Error #2: stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages: error:0A00010B:SSL routines::wrong version number") and send() fails with "${FAILED}". Use 'tls' (PHPMailer::ENCRYPTION_STARTTLS) on port ${c.port}, or port 465 with 'ssl'.`,
					},
					{ mode: 'starttls', title: "Use STARTTLS ('tls') on this port" },
					{ port: 465, title: "Use port 465 (SMTPS) with 'ssl'" },
				),
			];
		}
		const why =
			c.mode === 'starttls'
				? `${c.modeAt?.name === 'Host prefix' ? 'the tls:// prefix in Host' : written(c.modeAt)} means plaintext, then STARTTLS`
				: 'no SMTPSecure: plaintext, then STARTTLS if offered';
		return [
			pairFinding(
				c,
				{
					messageId: 'plainOn465',
					data: { how: c.mode === 'starttls' ? "'tls'" : 'no SMTPSecure' },
					detail: `PHPMailer connects in plaintext to ${hostPort(c)} (${why}), but 465 is SMTPS: the server waits for a TLS handshake and never sends the SMTP greeting. PHPMailer waits Timeout seconds (300 by default), then fails with "${FAILED}". Use 'ssl' (PHPMailer::ENCRYPTION_SMTPS) on 465, or port 587 with 'tls'.`,
				},
				{ mode: 'implicit', title: "Use implicit TLS ('ssl') on port 465" },
				{ port: 587, title: "Use port 587 (STARTTLS) with 'tls'" },
			),
		];
	},
});
