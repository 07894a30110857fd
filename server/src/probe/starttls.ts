//! The plaintext part of STARTTLS for SMTP (RFC 3207), IMAP (RFC 3501), POP3 (RFC 2595) and FTP (RFC 4217).
import type { LineReader } from './lines';
import type { StarttlsProtocol } from './types';

/** Which protocol a greeting or a port suggests. */
export function guessProtocol(port: number | undefined, greeting: string): StarttlsProtocol | undefined {
	if (/^\* OK/i.test(greeting) || port === 143) return 'imap';
	if (/^\+OK/.test(greeting) || port === 110) return 'pop3';
	if (/^220[ -].*\b(ftp|FTP)\b/.test(greeting) || port === 21) return 'ftp';
	if (/^220[ -]/.test(greeting) || port === 25 || port === 587 || port === 2525) return 'smtp';
	return undefined;
}

/** Describes a plaintext greeting, or undefined when the text is not one. */
export function greetingKind(line: string): string | undefined {
	if (/^220[ -].*\bE?SMTP\b/i.test(line)) return 'an SMTP greeting';
	if (/^220[ -].*\bFTP\b/i.test(line)) return 'an FTP greeting';
	if (/^220[ -]/.test(line)) return 'an SMTP/FTP-style "220" greeting';
	if (/^\* OK/i.test(line)) return 'an IMAP greeting';
	if (/^\+OK/.test(line)) return 'a POP3 greeting';
	if (/^SSH-/.test(line)) return 'an SSH banner';
	if (/^HTTP\/\d/.test(line)) return 'an HTTP response';
	return undefined;
}

const last = (lines: string[]) => lines[lines.length - 1] ?? '';

/** Runs the dialogue up to the point where TLS starts. Resolves with what the server said; throws if it refuses. */
export async function negotiate(proto: StarttlsProtocol, r: LineReader, greeting: string): Promise<string> {
	switch (proto) {
		case 'smtp': {
			if (!/^220 /.test(greeting)) await r.until((l) => /^220 /.test(last(l)));
			r.send('EHLO transport-lint.invalid');
			const ehlo = await r.until((l) => /^\d{3} /.test(last(l)));
			if (!/^250 /.test(last(ehlo))) throw new Error(`EHLO refused: ${last(ehlo)}`);
			if (!ehlo.some((l) => /^250[ -]STARTTLS\b/i.test(l)))
				throw new Error('the server does not offer STARTTLS (not in its EHLO reply)');
			r.send('STARTTLS');
			const ready = last(await r.until((l) => /^\d{3} /.test(last(l))));
			if (!/^220/.test(ready)) throw new Error(`STARTTLS refused: ${ready}`);
			return ready;
		}
		case 'imap': {
			r.send('a1 STARTTLS');
			const ok = last(await r.until((l) => /^a1 /.test(last(l))));
			if (!/^a1 OK/i.test(ok)) throw new Error(`STARTTLS refused: ${ok}`);
			return ok;
		}
		case 'pop3': {
			r.send('STLS');
			const ok = last(await r.until((l) => l.length > 0));
			if (!/^\+OK/.test(ok)) throw new Error(`STLS refused: ${ok}`);
			return ok;
		}
		case 'ftp': {
			if (!/^220 /.test(greeting)) await r.until((l) => /^220 /.test(last(l)));
			r.send('AUTH TLS');
			const ok = last(await r.until((l) => /^\d{3} /.test(last(l))));
			if (!/^234/.test(ok)) throw new Error(`AUTH TLS refused: ${ok}`);
			return ok;
		}
	}
}
