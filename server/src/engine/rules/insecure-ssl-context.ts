//! Literal 'ssl' stream context options that switch verification off or weaken it: verify_peer => false,
//! verify_peer_name => false, allow_self_signed => true (how certificate errors get "fixed" and left in
//! production), and ciphers with @SECLEVEL=0. Read wherever PHP takes them: stream_context_create(),
//! stream_context_set_option(), PHPMailer's SMTPOptions, Laravel's mail 'stream' and Symfony-style arrays.
import type { SslOptions } from '../clients/model';
import type { Target } from '../target';
import type { Fix, Related } from '../types';
import { ALL_ORIGINS, defineRule, type RuleFinding } from './rule';

type Entry = NonNullable<ReturnType<SslOptions['entries']['get']>>;

/** PHP's truthiness of a literal (zend_is_true). */
function truthy(e: Entry): boolean | undefined {
	if (e.kind === 'bool') return e.text === 'true';
	if (e.kind === 'null') return false;
	if (e.kind === 'num') return Number(e.text) !== 0;
	if (e.kind === 'str') return e.text !== '' && e.text !== '0';
	return undefined;
}

/** The edit that writes `value` where the literal is (a string's range is inside its quotes). */
function replaceValue(e: Entry, value: boolean): Fix['edits'] {
	return [{ ...e.whole, text: String(value) }];
}

function usedHere(usedBy: Target[]): Related[] {
	return usedBy.map((t) => ({
		start: t.candidate.start,
		end: t.candidate.end,
		message: `This context is passed to ${t.candidate.call?.fn ?? 'the socket call'}() here.`,
	}));
}

const WHY: Record<string, string> = {
	verify_peer:
		'verify_peer => false accepts any certificate: anything on the path can read and change the traffic (credentials included). It is how a certificate error gets "fixed" and left in production',
	verify_peer_name:
		'verify_peer_name => false accepts a valid certificate for any other name: any site with a certificate can stand in for this server',
	allow_self_signed: 'allow_self_signed => true accepts a certificate that anyone can make, without any CA',
};

export const insecureSslContext = defineRule({
	meta: {
		id: 'insecure-ssl-context',
		defaultSeverity: 'warning',
		summary:
			"Stream context 'ssl' options that turn verification off: verify_peer/verify_peer_name => false, allow_self_signed => true, @SECLEVEL=0.",
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			verify_peer:
				'verify_peer => false accepts any certificate: anyone on the path can read and change the traffic. Fix the cause instead (a CA bundle, the right peer_name).',
			verify_peer_name:
				'verify_peer_name => false accepts a valid certificate issued for any other name. Fix the cause instead (a CA bundle, the right peer_name).',
			allow_self_signed:
				'allow_self_signed => true accepts a certificate anyone can make, without a CA. Fix the cause instead (a CA bundle, the right peer_name).',
			seclevel0:
				'@SECLEVEL=0 lets OpenSSL accept keys and algorithms it refuses by default. Upgrade the server, or use @SECLEVEL=1 for a known legacy peer.',
		},
	},
	checkSsl(o, usedBy) {
		const out: RuleFinding<SslMessage>[] = [];
		const related = usedHere(usedBy);
		const rel = related.length ? { related } : {};
		for (const name of ['verify_peer', 'verify_peer_name', 'allow_self_signed'] as const) {
			const e = o.entries.get(name);
			if (!e) continue;
			const on = truthy(e);
			const bad = name === 'allow_self_signed' ? on === true : on === false;
			if (!bad) continue;
			const good = name !== 'allow_self_signed';
			out.push({
				start: e.start,
				end: e.end,
				messageId: name,
				detail: `${WHY[name]}. Fix the cause instead: a CA bundle ('cafile'), the right host name ('peer_name'), or a certificate from a CA — Test connection says which check fails.`,
				fixes: [
					{
						title: good ? `Verify (${name} => true)` : `Require a CA-signed certificate (allow_self_signed => false)`,
						edits: replaceValue(e, good),
					},
				],
				...rel,
			});
		}
		const ciphers = o.entries.get('ciphers');
		if (ciphers?.kind === 'str' && /@SECLEVEL=0/i.test(ciphers.text)) {
			const at = ciphers.text.search(/:?@SECLEVEL=0/i);
			const m = /:?@SECLEVEL=0/i.exec(ciphers.text)!;
			out.push({
				start: ciphers.start,
				end: ciphers.end,
				messageId: 'seclevel0',
				detail: `@SECLEVEL=0 lets OpenSSL accept keys and algorithms it refuses by default (RSA keys under 1024 bits, SHA-1 signatures, tiny DH groups, TLS 1.0/1.1). Upgrade the server instead, or use @SECLEVEL=1 only for a known legacy peer.`,
				fixes:
					ciphers.end - ciphers.start === ciphers.text.length
						? [
								{
									title: 'Remove @SECLEVEL=0',
									edits: [{ start: ciphers.start + at, end: ciphers.start + at + m[0].length, text: '' }],
								},
							]
						: [],
				...rel,
			});
		}
		return out;
	},
});

type SslMessage = 'verify_peer' | 'verify_peer_name' | 'allow_self_signed' | 'seclevel0';
